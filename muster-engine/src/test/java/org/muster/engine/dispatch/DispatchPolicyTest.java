package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/**
 * The dispatch policy of the engine's rules: the recommender's rule (the nearest unit, or the call's own
 * zone's first) and whether a unit on its way to one call may be diverted to a more urgent one. Each setting
 * changes what is recommended and what the engine accepts.
 */
class DispatchPolicyTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");

    private final TestClock clock = TestClock.at("2026-11-22T20:00:00Z");
    private final List<SingleWriter> engines = new ArrayList<>();
    private final ZoneIndex zones =
            ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                    .zones());
    private int next;

    /** An engine holding the region whose rules dispatch by {@code policy}, and its recommender. */
    private record Service(SingleWriter engine, Recommender recommender) {
        MusterState state() {
            return engine.state();
        }
    }

    private Service service(DispatchPolicy policy) {
        Rules.ZoneLocator locator = new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }

            @Override
            public List<ZoneId> neighboursOf(ZoneId zone) {
                return zones.listNeighbours(zone).stream().map(ZoneShape::id).toList();
            }
        };
        Rules rules = Rules.defaults().withZones(locator).withDispatch(policy);
        SingleWriter engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        engines.add(engine);
        for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(Commands.env(c));
        return new Service(engine, new Recommender(RegionFixture.network(), rules, DispatchConfig.DEFAULTS));
    }

    @AfterEach
    void stop() {
        engines.forEach(SingleWriter::close);
    }

    private IncidentId call(Service s, String type, GeoPoint at) {
        IncidentId id = IncidentId.of("P" + (++next));
        s.engine()
                .execute(env(new Command.CreateIncident(
                        id, AMBULANCE, IncidentTypeCode.of(type), Optional.empty(), at, "", new TreeSet<>())));
        return id;
    }

    private Recommendation recommend(Service s, IncidentId id) {
        return s.recommender().recommend(s.state(), id, clock.instant(), false);
    }

    private Recommendation every(Service s, IncidentId id) {
        return s.recommender().recommend(s.state(), id, clock.instant(), true);
    }

    /** The smallest ambulance zone a point lies in. */
    private Optional<ZoneId> sectorAt(GeoPoint p) {
        return zones.listContaining(p).stream()
                .filter(z -> z.organisation().equals(AMBULANCE) && z.parent().isPresent())
                .map(ZoneShape::id)
                .findFirst();
    }

    private Optional<ZoneId> baseSector(MusterState s, UnitId unit) {
        return s.getUnit(unit)
                .homeStation()
                .flatMap(s::findStation)
                .map(Station::location)
                .flatMap(this::sectorAt);
    }

    @Test
    void carsHeldForC1AreRecommendedForALessUrgentCallOnlyWhileMoreThanTheHeldNumberAreFree() {
        Service open = service(DispatchPolicy.DEFAULTS);
        List<Unit> cars = open.state().units().values().stream()
                .filter(u -> u.organisation().equals(AMBULANCE) && u.status() == UnitStatus.AVAILABLE)
                .filter(u -> u.type().name().equals("RAPID_RESPONSE_CAR"))
                .sorted(java.util.Comparator.comparing(u -> u.id().value()))
                .toList();
        assertThat(cars).hasSizeGreaterThan(1);
        // a fall without injury (C4: an ambulance or a car) where the first car stands, every suitable unit ranked
        GeoPoint there = cars.getFirst().position().orElseThrow().point();
        java.util.function.Function<Recommendation, List<String>> types = r -> r.fills().stream()
                .flatMap(f -> f.ranked().stream())
                .map(c -> c.type().name())
                .toList();

        assertThat(types.apply(every(open, call(open, "FALL_NON_INJURY", there))))
                .contains("RAPID_RESPONSE_CAR");
        // one fewer held than are free: a car may still go
        Service spare = service(DispatchPolicy.DEFAULTS.withHeldForTop(cars.size() - 1));
        assertThat(types.apply(every(spare, call(spare, "FALL_NON_INJURY", there))))
                .contains("RAPID_RESPONSE_CAR");
        // every free car held: the fall is offered ambulances only, and a cardiac arrest (C1) still gets a car
        Service held = service(DispatchPolicy.DEFAULTS.withHeldForTop(cars.size()));
        assertThat(types.apply(every(held, call(held, "FALL_NON_INJURY", there))))
                .isNotEmpty()
                .doesNotContain("RAPID_RESPONSE_CAR");
        assertThat(types.apply(every(held, call(held, "CARDIAC_ARREST", there))))
                .contains("RAPID_RESPONSE_CAR");
        assertThatThrownBy(() -> DispatchPolicy.DEFAULTS.withHeldForTop(-1))
                .isInstanceOf(org.muster.domain.InvalidInputException.class)
                .hasMessageContaining("heldForTop");
    }

    @Test
    void withDiversionOffAUnitOnItsWayToACallIsNeitherRecommendedNorAcceptedForAMoreUrgentOne() {
        for (boolean diversion : List.of(true, false)) {
            Service s = service(DispatchPolicy.DEFAULTS.withDiversion(diversion));
            // a crew sent to a fall (C3), and a cardiac arrest (C1) where that crew stands
            Unit crew = s.state().units().values().stream()
                    .filter(u -> u.organisation().equals(AMBULANCE) && u.status() == UnitStatus.AVAILABLE)
                    .filter(u -> u.type().name().equals("DOUBLE_CREWED_AMBULANCE"))
                    .min(java.util.Comparator.comparing(u -> u.id().value()))
                    .orElseThrow();
            GeoPoint there = crew.position().orElseThrow().point();
            IncidentId fall = call(s, "FALL", GeoPoint.of(there.lat() + 0.01, there.lon()));
            s.engine().execute(env(new Command.AssignUnit(fall, crew.id(), AssignmentRole.PRIMARY)));
            IncidentId arrest = call(s, "CARDIAC_ARREST", there);

            // its first requirement: a double-crewed ambulance
            List<Candidate> ranked = s.recommender()
                    .recommend(s.state(), arrest, clock.instant(), true)
                    .fills()
                    .getFirst()
                    .ranked();
            Command divert = new Command.AssignUnit(arrest, crew.id(), AssignmentRole.PRIMARY);
            if (diversion) {
                assertThat(ranked)
                        .filteredOn(c -> c.unit().equals(crew.id()))
                        .singleElement()
                        .satisfies(c -> assertThat(c.divertedFrom()).contains(fall));
                s.engine().execute(env(divert));
                assertThat(s.state().getIncident(arrest).findAssignment(crew.id()))
                        .isPresent();
                assertThat(s.state().getIncident(fall).findAssignment(crew.id()))
                        .isEmpty();
            } else {
                assertThat(ranked).isNotEmpty().noneMatch(c -> c.unit().equals(crew.id()));
                assertThat(ranked).allMatch(c -> c.divertedFrom().isEmpty());
                assertThatThrownBy(() -> s.engine().execute(env(divert)))
                        .isInstanceOf(ConflictException.class)
                        .hasMessageContaining("diversion is off");
                assertThat(s.state().getIncident(fall).findAssignment(crew.id()))
                        .isPresent();
            }
        }
    }

    @Test
    void theSameZoneRuleProposesTheCallsOwnZonesCrewWhereTheNearestRuleSendsANeighboursNearerOne() {
        Service nearest = service(DispatchPolicy.DEFAULTS);
        Service sameZone = service(DispatchPolicy.DEFAULTS.withRule(DispatchPolicy.Rule.SAME_ZONE));
        // calls on the way from each ambulance station to each other one: near a sector's edge the nearest
        // crew is often the neighbouring sector's
        List<Station> stations = nearest.state().stations().values().stream()
                .filter(st -> st.organisation().equals(AMBULANCE) && st.kind() == StationKind.AMBULANCE_STATION)
                .sorted(java.util.Comparator.comparing(st -> st.id().value()))
                .toList();
        int differing = 0;
        int calls = 0;
        for (Station from : stations) {
            for (Station to : stations) {
                if (from.equals(to)) continue;
                for (double f : new double[] {0.45, 0.55}) {
                    Optional<GeoPoint> onRoad = RegionFixture.network()
                            .findSnap(GeoPoint.of(
                                    from.location().lat()
                                            + f
                                                    * (to.location().lat()
                                                            - from.location().lat()),
                                    from.location().lon()
                                            + f
                                                    * (to.location().lon()
                                                            - from.location().lon())))
                            .map(org.muster.geo.road.SnappedLocation::onRoad);
                    if (onRoad.isEmpty()) continue;
                    GeoPoint p = onRoad.get();
                    Optional<ZoneId> sector = sectorAt(p);
                    if (sector.isEmpty()) continue;
                    Candidate a = top(nearest, call(nearest, "STROKE", p));
                    Candidate b = top(sameZone, call(sameZone, "STROKE", p));
                    calls++;
                    Set<ZoneId> own = Set.of(sector.get());
                    // the nearest rule: nobody arrives sooner than its choice
                    assertThat(a.travelTimeMillis()).isLessThanOrEqualTo(b.travelTimeMillis());
                    boolean anyOwnInReach = recommendAll(sameZone, p).stream()
                            .anyMatch(c -> baseSector(sameZone.state(), c.unit())
                                    .filter(own::contains)
                                    .isPresent());
                    if (anyOwnInReach)
                        assertThat(baseSector(sameZone.state(), b.unit()))
                                .as("the same-zone rule's choice for a call in %s", sector.get())
                                .contains(sector.get());
                    if (!a.unit().equals(b.unit())) {
                        differing++;
                        assertThat(baseSector(nearest.state(), a.unit())).isNotEqualTo(Optional.of(sector.get()));
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(10);
        // the setting changes what is dispatched
        assertThat(differing).isPositive();
    }

    private Candidate top(Service s, IncidentId id) {
        return recommend(s, id).proposedSet().getFirst();
    }

    /** Every ambulance that could go to a stroke at {@code p}, under the service's own rules. */
    private List<Candidate> recommendAll(Service s, GeoPoint p) {
        IncidentId id = call(s, "STROKE", p);
        return s.recommender().recommend(s.state(), id, clock.instant(), true).fills().stream()
                .flatMap(f -> f.ranked().stream())
                .toList();
    }
}
