package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosureId;
import org.muster.domain.unit.Unit;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/**
 * Road closures in the engine: in the log and the state, refused when wrong, and avoided by the very next
 * recommendation, with the units whose fastest route they cross flagged; reopened, the roads count again.
 */
class RoadClosureDispatchTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private ZoneIndex zones;
    private SingleWriter engine;
    private Recommender recommender;

    @BeforeEach
    void start() {
        zones = ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        Rules rules = Rules.defaults().withZones(new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }
        });
        engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(Commands.env(c));
        recommender = new Recommender(RegionFixture.network(), rules, DispatchConfig.DEFAULTS);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private IncidentId call(GeoPoint at) {
        IncidentId id = IncidentId.of("RC1");
        engine.execute(env(new Command.CreateIncident(
                id, AMBULANCE, IncidentTypeCode.of("CHEST_PAIN"), Optional.empty(), at, "", new TreeSet<>())));
        return id;
    }

    private GeoPoint somewhere() {
        Unit u = state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE)).get(3);
        GeoPoint p = u.position().orElseThrow().point();
        return GeoPoint.of(p.lat() + 0.004, p.lon() + 0.006);
    }

    private Candidate first(IncidentId id) {
        return recommender
                .recommend(state(), id, clock.instant(), false)
                .proposedSet()
                .getFirst();
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

    @Test
    void closingTheRoadsAroundTheFastestUnitSendsAnotherAndReopeningThemSendsItAgain() {
        IncidentId id = call(somewhere());
        Candidate before = first(id);
        GeoPoint where = state().getUnit(before.unit()).position().orElseThrow().point();
        assertThat(where.distanceMetersTo(state().getIncident(id).location())).isGreaterThan(600);

        close("RC-A", ClosureKind.AREA, where.squareAround(400));
        Recommendation during = recommender.recommend(state(), id, clock.instant(), false);
        Candidate other = during.proposedSet().getFirst();
        assertThat(other.unit()).isNotEqualTo(before.unit());
        assertThat(other.travelTimeMillis()).isGreaterThanOrEqualTo(before.travelTimeMillis());
        assertThat(during.notes()).anySatisfy(n -> assertThat(n).contains("RC-A (flooding)"));
        assertThat(state().listRoadClosures()).singleElement().satisfies(c -> {
            assertThat(c.closedAt()).isEqualTo(clock.instant());
            assertThat(c.reason()).isEqualTo("flooding");
        });

        engine.execute(env(new Command.ReopenRoad(RoadClosureId.of("RC-A")), "water gone"));
        Candidate after = first(id);
        assertThat(after.unit()).isEqualTo(before.unit());
        assertThat(after.travelTimeMillis()).isEqualTo(before.travelTimeMillis());
        assertThat(state().listRoadClosures()).isEmpty();
    }

    @Test
    void aUnitWhoseFastestRouteIsClosedGoesRoundAndIsFlaggedWithTheTimeItCosts() {
        GeoPoint scene = somewhere();
        IncidentId id = call(scene);
        Candidate before = first(id);
        GeoPoint from = state().getUnit(before.unit()).position().orElseThrow().point();
        List<GeoPoint> route = RegionFixture.network()
                .findRouteShape(RoadProfile.EMERGENCY, from, scene)
                .orElseThrow()
                .points();
        // halfway between two shape points of the route: on the road it follows, not on a junction
        GeoPoint a = route.get(route.size() / 2);
        GeoPoint b = route.get(route.size() / 2 + 1);
        close("RC-B", ClosureKind.ROAD, List.of(GeoPoint.of((a.lat() + b.lat()) / 2, (a.lon() + b.lon()) / 2)));

        Recommendation all = recommender.recommend(state(), id, clock.instant(), true);
        Candidate same = all.fills().getFirst().ranked().stream()
                .filter(c -> c.unit().equals(before.unit()))
                .findFirst()
                .orElseThrow();
        assertThat(same.travelTimeMillis()).isGreaterThan(before.travelTimeMillis());
        assertThat(same.warnings())
                .anySatisfy(w -> assertThat(w).contains("its fastest route crosses road closure RC-B (flooding)"));
        assertThat(all.fills().getFirst().ranked())
                .filteredOn(c -> c.warnings().isEmpty())
                .isNotEmpty();
    }

    @Test
    void badClosuresAreRefusedNamingTheFieldAndChangeNothing() {
        GeoPoint here = somewhere();
        long sequence = state().sequence();
        assertThatThrownBy(() -> engine.execute(env(new Command.CloseRoad(
                        RoadClosureId.of("RC-P"),
                        AMBULANCE,
                        ClosureKind.ROAD,
                        List.of(here),
                        "crash",
                        clock.instant().minusSeconds(60)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reviewAt");
        assertThatThrownBy(() -> engine.execute(env(new Command.CloseRoad(
                        RoadClosureId.of("RC-F"),
                        AMBULANCE,
                        ClosureKind.ROAD,
                        List.of(GeoPoint.of(10, 10)),
                        "crash",
                        clock.instant().plusSeconds(600)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("points")
                .hasMessageContaining("must lie at least partly in a zone of MAS");
        assertThatThrownBy(() -> engine.execute(env(new Command.ReopenRoad(RoadClosureId.of("RC-NONE")))))
                .isInstanceOf(NotFoundException.class);
        assertThat(state().sequence()).isEqualTo(sequence);

        close("RC-D", ClosureKind.ROAD, List.of(here));
        assertThatThrownBy(() -> close("RC-D", ClosureKind.ROAD, List.of(here))).isInstanceOf(ConflictException.class);
    }

    @Test
    void aClosureOutlivesASnapshot() {
        close("RC-S", ClosureKind.AREA, somewhere().squareAround(300));
        MusterState restored = MusterState.fromSnapshot(state().toSnapshot("h"));
        assertThat(restored.listRoadClosures())
                .isEqualTo(state().listRoadClosures())
                .hasSize(1);
    }
}
