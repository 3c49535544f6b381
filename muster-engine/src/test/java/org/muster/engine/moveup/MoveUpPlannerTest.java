package org.muster.engine.moveup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageStandard;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestCells;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/**
 * Move-up on the generated region: with every ambulance of the busiest station committed to calls there,
 * the planner moves available ones to restore cover, each move's drive the road's own time; the watch
 * raises it as an alert with its evidence, and proposes nothing while no unit is committed.
 */
class MoveUpPlannerTest {
    private static final OrganisationId MAS = OrganisationId.of("MAS");
    private static final UnitType DCA = UnitType.DOUBLE_CREWED_AMBULANCE;
    private static DemandCells cells;
    private static MoveUpPlanner planner;

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private SingleWriter engine;

    @BeforeAll
    static void cells() {
        ZoneIndex zones =
                ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                        .zones());
        // the demand the service's move-up plans over
        cells = DemandCells.ofService(
                RegionFixture.network(),
                TestCells.grid(),
                point -> zones.listContaining(point).stream().map(ZoneShape::id).toList());
        planner = new MoveUpPlanner(
                RegionFixture.network(),
                cells,
                MoveUpConfig.DEFAULTS,
                CoverageConfig.of(IncidentTypeCatalogue.defaults()));
    }

    @BeforeEach
    void start() {
        engine = RegionFixture.engine(clock);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    /** Every ambulance of the station with the most sent to calls beside it. */
    private List<Unit> commitTheBusiestStation() {
        return commitTheBusiestStation("MU");
    }

    private List<Unit> commitTheBusiestStation(String prefix) {
        Map<Object, List<Unit>> byStation =
                state().listUnits(UnitFilter.ALL.withOrganisation(MAS).withType(DCA)).stream()
                        .filter(u -> u.homeStation().isPresent())
                        .collect(Collectors.groupingBy(u -> u.homeStation().get()));
        List<Unit> busiest = byStation.values().stream()
                .max(Comparator.comparingInt(List::size))
                .orElseThrow();
        int n = 0;
        for (Unit u : busiest) {
            GeoPoint p = u.position().orElseThrow().point();
            IncidentId id = IncidentId.of(prefix + (++n));
            engine.execute(env(new Command.CreateIncident(
                    id,
                    MAS,
                    IncidentTypeCode.of("CHEST_PAIN"),
                    Optional.empty(),
                    GeoPoint.of(p.lat() + 0.002, p.lon()),
                    "",
                    new TreeSet<>())));
            engine.execute(env(new Command.AssignUnit(id, u.id(), AssignmentRole.PRIMARY)));
        }
        return busiest;
    }

    @Test
    void withAStationsAmbulancesCommittedAvailableOnesAreMovedToRestoreCover() {
        MoveUpPlanner.Proposal quiet = planner.propose(state(), MAS, DCA);
        List<Unit> committed = commitTheBusiestStation();
        MoveUpPlanner.Proposal p = planner.propose(state(), MAS, DCA);

        assertThat(p.busyFraction()).isGreaterThan(quiet.busyFraction());
        assertThat(p.before()).isLessThan(quiet.before());
        assertThat(p.moves()).isNotEmpty();
        assertThat(p.after()).isGreaterThan(p.before() + MoveUpConfig.DEFAULTS.minGainShare());
        assertThat(p.moves()).extracting(m -> m.unit().id()).doesNotHaveDuplicates();
        for (MoveUpPlanner.Relocation m : p.moves()) {
            assertThat(committed).extracting(Unit::id).doesNotContain(m.unit().id());
            assertThat(m.unit().status()).isEqualTo(UnitStatus.AVAILABLE);
            assertThat(m.station().organisation()).isEqualTo(MAS);
            assertThat(m.travelTime()).isLessThanOrEqualTo(MoveUpConfig.DEFAULTS.maxMove());
            long road = RegionFixture.network()
                    .findRoute(
                            RoadProfile.EMERGENCY,
                            m.unit().position().orElseThrow().point(),
                            m.station().location())
                    .orElseThrow()
                    .travelTimeMillis();
            assertThat(m.travelTime().toMillis()).isCloseTo(road, org.assertj.core.data.Offset.offset(1500L));
        }
        double gains = p.moves().stream()
                .mapToDouble(MoveUpPlanner.Relocation::gainShare)
                .sum();
        assertThat(p.after() - p.before()).isCloseTo(gains, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theWatchProposesOnlyOnceUnitsAreCommittedWithTheEvidence() {
        MoveUpWatch watch = new MoveUpWatch(planner);
        Instant now = clock.instant();
        assertThat(watch.listConditions(state(), now)).isEmpty();

        commitTheBusiestStation();
        long started = System.nanoTime();
        // within seconds of its last plan it answers from that one; after, it plans again
        assertThat(watch.listConditions(state(), now.plusSeconds(2))).isEmpty();
        var conditions = watch.listConditions(state(), now.plusSeconds(60));
        assertThat(conditions)
                .filteredOn(c -> c.key().equals("move-up:MAS:double_crewed_ambulance"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo("move-up");
                    assertThat(c.organisations()).containsExactly(MAS);
                    assertThat(c.evidence())
                            .containsKeys(
                                    "coverage.now",
                                    "coverage.after",
                                    "busy.fraction",
                                    "move.1",
                                    "move.1.unit",
                                    "move.1.station",
                                    "move.1.seconds");
                    assertThat(c.summary())
                            .startsWith("Move-up for double crewed ambulances: move ")
                            .endsWith(" within 7 min, category 1");
                    assertThat(c.evidence()).containsEntry("target", "7 min, category 1");
                });
        // asked again with nothing changed, it proposes the same
        assertThat(watch.listConditions(state(), now.plusSeconds(120))).isEqualTo(conditions);
    }

    @Test
    void aPoliceFleetIsJudgedWithinFifteenMinutesAndAnAmbulanceFleetWithinSeven() {
        assertThat(planner.targetFor(UnitType.POLICE_RESPONSE_CAR).time()).isEqualTo(Duration.ofMinutes(15));
        assertThat(planner.targetFor(UnitType.POLICE_RESPONSE_CAR).standard())
                .map(CoverageStandard::category)
                .contains(Priority.EMERGENCY);
        assertThat(planner.targetFor(DCA).time()).isEqualTo(Duration.ofMinutes(7));
        assertThat(planner.targetFor(DCA).standard())
                .map(CoverageStandard::category)
                .contains(Priority.C1);
        assertThat(planner.targetFor(UnitType.RAPID_RESPONSE_CAR).time()).isEqualTo(Duration.ofMinutes(7));
        // no coverage standard for fire: the configuration's own
        assertThat(planner.targetFor(UnitType.FIRE_APPLIANCE))
                .isEqualTo(new MoveUpPlanner.Target(MoveUpConfig.DEFAULTS.fallbackTarget(), Optional.empty()));

        // and the cover is measured within it: the same fleets against each other's target read differently
        OrganisationId police = state().organisations().values().stream()
                .filter(o -> o.agency() == Agency.POLICE)
                .map(o -> o.id())
                .sorted()
                .findFirst()
                .orElseThrow();
        MoveUpPlanner.Proposal cars = planner.propose(state(), police, UnitType.POLICE_RESPONSE_CAR);
        MoveUpPlanner.Proposal ambulances = planner.propose(state(), MAS, DCA);
        assertThat(cars.target().time()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ambulances.target().time()).isEqualTo(Duration.ofMinutes(7));
        MoveUpPlanner swapped = new MoveUpPlanner(
                RegionFixture.network(),
                cells,
                MoveUpConfig.DEFAULTS,
                CoverageConfig.of(IncidentTypeCatalogue.defaults())
                        .withTarget(Agency.POLICE, Priority.EMERGENCY, Duration.ofMinutes(7))
                        .withTarget(Agency.AMBULANCE, Priority.C1, Duration.ofMinutes(15)));
        assertThat(swapped.propose(state(), police, UnitType.POLICE_RESPONSE_CAR)
                        .before())
                .isLessThan(cars.before());
        assertThat(swapped.propose(state(), MAS, DCA).before()).isGreaterThan(ambulances.before());

        // a force judging its emergencies within its own 20 minutes is moved up to cover within 20, as coverage
        // reports it
        MoveUpPlanner own = new MoveUpPlanner(
                RegionFixture.network(),
                cells,
                MoveUpConfig.DEFAULTS,
                CoverageConfig.of(IncidentTypeCatalogue.defaults())
                        .withOwnTargets(org.muster.engine.performance.ResponseTargets.DEFAULTS.withOwn(
                                police,
                                Priority.EMERGENCY,
                                org.muster.engine.performance.ResponseTargets.Target.parse("t", "20m"))));
        assertThat(own.targetFor(police, UnitType.POLICE_RESPONSE_CAR).time()).isEqualTo(Duration.ofMinutes(20));
        MoveUpPlanner.Proposal byItsOwn = own.propose(state(), police, UnitType.POLICE_RESPONSE_CAR);
        assertThat(byItsOwn.target().time()).isEqualTo(Duration.ofMinutes(20));
        assertThat(byItsOwn.before()).isGreaterThanOrEqualTo(cars.before());
    }

    @Test
    void anOpenProposalStandsWhileItsUnitsAreFreeRatherThanBeingReplacedAtEveryChange() {
        MoveUpWatch watch = new MoveUpWatch(planner);
        Instant now = clock.instant();
        commitTheBusiestStation("H");
        var first = watch.listConditions(state(), now.plusSeconds(60)).stream()
                .filter(c -> c.kind().equals("move-up"))
                .findFirst()
                .orElseThrow();
        // raised, as the raiser does, and open: a dispatcher reading it
        engine.execute(env(new Command.RaiseAlert(
                first.id(),
                first.kind(),
                first.key(),
                first.organisations(),
                first.summary(),
                first.evidence(),
                Optional.empty(),
                Optional.empty())));
        // the evening goes on: another of the service's ambulances is sent, so the plan would change
        Unit another = state().listUnits(UnitFilter.ALL.withOrganisation(MAS).withType(DCA)).stream()
                .filter(u -> u.status() == UnitStatus.AVAILABLE)
                .filter(u -> MoveUpWatch.listMoves(state().findAlert(first.id()).orElseThrow()).stream()
                        .noneMatch(m -> m.unit().equals(u.id())))
                .findFirst()
                .orElseThrow();
        GeoPoint p = another.position().orElseThrow().point();
        engine.execute(env(new Command.CreateIncident(
                IncidentId.of("H-X"),
                MAS,
                IncidentTypeCode.of("CHEST_PAIN"),
                Optional.empty(),
                p,
                "",
                new TreeSet<>())));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("H-X"), another.id(), AssignmentRole.PRIMARY)));
        // within the hold, its units free: the open proposal stands
        assertThat(watch.listConditions(state(), now.plusSeconds(120)))
                .filteredOn(c -> c.key().equals(first.key()))
                .singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(first.id()));
        // one of its units sent to a call: it can no longer be done as proposed, and a new plan replaces it
        var moved = MoveUpWatch.listMoves(state().findAlert(first.id()).orElseThrow())
                .getFirst();
        GeoPoint q = state().getUnit(moved.unit()).position().orElseThrow().point();
        engine.execute(env(new Command.CreateIncident(
                IncidentId.of("H-Y"),
                MAS,
                IncidentTypeCode.of("CHEST_PAIN"),
                Optional.empty(),
                q,
                "",
                new TreeSet<>())));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("H-Y"), moved.unit(), AssignmentRole.PRIMARY)));
        assertThat(watch.listConditions(state(), now.plusSeconds(180)))
                .filteredOn(c -> c.key().equals(first.key()))
                .allSatisfy(c -> assertThat(c.id()).isNotEqualTo(first.id()));
    }

    @Test
    void theSameMovesProposedAgainAfterTheFirstWereResolvedAreANewAlert() {
        MoveUpWatch watch = new MoveUpWatch(planner);
        Instant now = clock.instant();
        List<Unit> committed = commitTheBusiestStation("A");
        var first = watch.listConditions(state(), now.plusSeconds(60)).stream()
                .filter(c -> c.kind().equals("move-up"))
                .findFirst()
                .orElseThrow();
        // the calls are cancelled, which frees their units: nothing to propose, the alert would be resolved
        for (int i = 1; i <= committed.size(); i++)
            engine.execute(env(new Command.CancelIncident(IncidentId.of("A" + i))));
        assertThat(committed)
                .allSatisfy(u -> assertThat(state().getUnit(u.id()).status()).isEqualTo(UnitStatus.AVAILABLE));
        assertThat(watch.listConditions(state(), now.plusSeconds(120)))
                .noneMatch(c -> c.kind().equals("move-up"));
        // the same station's units leave again: the same moves, under a new id the raiser has not seen
        commitTheBusiestStation("B");
        var again = watch.listConditions(state(), now.plusSeconds(180)).stream()
                .filter(c -> c.kind().equals("move-up"))
                .findFirst()
                .orElseThrow();
        assertThat(again.state()).isEqualTo(first.state());
        assertThat(again.id()).isNotEqualTo(first.id());
    }
}
