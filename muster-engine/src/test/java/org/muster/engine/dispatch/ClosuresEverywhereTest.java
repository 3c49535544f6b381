package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosureId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.Engine;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageFigure;
import org.muster.engine.coverage.CoverageReference;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestCells;
import org.muster.engine.testing.TestClock;
import org.muster.engine.warning.AlertSource;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/**
 * Closures beyond the recommendation: live coverage loses what a closure cuts off and gets it back when the
 * road reopens, and a unit already on its way whose fastest route a new closure crosses is flagged with the
 * closure and the time it costs, until the road reopens.
 */
class ClosuresEverywhereTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");
    private static ZoneIndex zones;
    private static DemandCells cells;

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private SingleWriter engine;

    @BeforeAll
    static void region() {
        zones = ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        cells = DemandCells.ofService(
                RegionFixture.network(),
                TestCells.grid(),
                point -> zones.listContaining(point).stream().map(ZoneShape::id).toList());
    }

    @BeforeEach
    void start() {
        Rules rules = Rules.defaults().withZones(new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }
        });
        engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(Commands.env(c));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private void close(String id, ClosureKind kind, List<GeoPoint> points) {
        engine.execute(env(
                new Command.CloseRoad(
                        RoadClosureId.of(id),
                        AMBULANCE,
                        kind,
                        points,
                        "flooding",
                        clock.instant().plus(Duration.ofHours(2))),
                "reported by the fire service"));
    }

    private void reopen(String id) {
        engine.execute(env(new Command.ReopenRoad(RoadClosureId.of(id)), "water gone"));
    }

    @Test
    void coverageLosesWhatAClosureCutsOffAndGetsItBackWhenTheRoadReopens() {
        CoverageTracker tracker = CoverageTracker.start(cells, CoverageConfig.DEFAULTS, state(), Runnable::run);
        try (Engine.Subscription ignored = engine.subscribe(tracker)) {
            CoverageFigure before =
                    tracker.report().getLayer(AMBULANCE, Priority.C1).overall();
            Station station = state().stations().values().stream()
                    .filter(s -> s.organisation().equals(AMBULANCE))
                    .filter(s -> !state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE)).stream()
                            .filter(u -> u.homeStation().equals(Optional.of(s.id())))
                            .toList()
                            .isEmpty())
                    .min(java.util.Comparator.comparing(s -> s.id().value()))
                    .orElseThrow();
            // every road within 2 km of the station closed: its units cover nothing beyond
            close("RC-C", ClosureKind.AREA, station.location().squareAround(4000));

            CoverageFigure during =
                    tracker.report().getLayer(AMBULANCE, Priority.C1).overall();
            assertThat(during.coveredOnce()).isLessThan(before.coveredOnce());
            // the incremental figures equal a full recompute along the open roads
            assertThat(tracker.report().layers())
                    .isEqualTo(CoverageReference.compute(cells, CoverageConfig.DEFAULTS, state())
                            .layers());

            reopen("RC-C");
            assertThat(tracker.report().getLayer(AMBULANCE, Priority.C1).overall())
                    .isEqualTo(before);
        }
    }

    @Test
    void aUnitOnItsWayWhoseFastestRouteANewClosureCrossesIsFlaggedUntilTheRoadReopens() {
        Unit unit =
                state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE)).get(3);
        GeoPoint from = unit.position().orElseThrow().point();
        GeoPoint scene = GeoPoint.of(from.lat() + 0.02, from.lon() + 0.03);
        IncidentId id = IncidentId.of("RC9");
        engine.execute(env(new Command.CreateIncident(
                id, AMBULANCE, IncidentTypeCode.of("CHEST_PAIN"), Optional.empty(), scene, "", new TreeSet<>())));
        engine.execute(env(new Command.AssignUnit(id, unit.id(), AssignmentRole.PRIMARY)));
        assertThat(state().getUnit(unit.id()).status()).isEqualTo(UnitStatus.DISPATCHED);
        ClosedRouteWatch watch = new ClosedRouteWatch(RegionFixture.network(), RoadProfile.EMERGENCY);
        assertThat(watch.listConditions(state(), clock.instant())).isEmpty();

        List<GeoPoint> route = RegionFixture.network()
                .findRouteShape(
                        RoadProfile.EMERGENCY, from, state().getIncident(id).location())
                .orElseThrow()
                .points();
        close("RC-W", ClosureKind.AREA, route.get(route.size() / 2).squareAround(400));

        List<AlertSource.Condition> flagged = watch.listConditions(state(), clock.instant());
        assertThat(flagged).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("closed-route");
            assertThat(c.key()).isEqualTo("closed-route:" + unit.id().value());
            // raised and resolved as "resolve-" + id, a command id of at most 64 characters
            assertThat(c.id().value().length()).isLessThanOrEqualTo(56);
            assertThat(c.organisations()).containsExactly(AMBULANCE);
            assertThat(c.summary())
                    .startsWith(unit.callsign() + " on its way to incident RC9: its fastest route")
                    .contains("crosses road closure RC-W (flooding)")
                    .contains("longer round");
            long delay = Long.parseLong(c.evidence().get("delay.seconds"));
            assertThat(delay).isGreaterThanOrEqualTo(ClosedRouteWatch.MIN_DELAY.toSeconds());
            assertThat(Long.parseLong(c.evidence().get("travel.round.seconds"))
                            - Long.parseLong(c.evidence().get("travel.open.seconds")))
                    .isBetween(delay - 1, delay + 1);
            assertThat(c.evidence()).containsEntry("closures", "RC-W");
        });

        reopen("RC-W");
        assertThat(watch.listConditions(state(), clock.instant())).isEmpty();
    }
}
