package org.muster.sim.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.moveup.MoveUpConfig;
import org.muster.engine.moveup.MoveUpPlanner;
import org.muster.engine.moveup.MoveUpWatch;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.warning.AlertRaiser;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.cell.CellIndex;
import org.muster.sim.testing.SimFixture;

/**
 * Move-up as the demo runs it: the engine's watch raises a proposal when a station's ambulances are sent to
 * calls, a dispatcher accepts it, and the simulated crews drive each unit it names to its station. Once they
 * are on their way or there, the same moves are not proposed again.
 */
class MoveUpAcceptedTest {
    private static final OrganisationId MAS = OrganisationId.of("MAS");
    private static final Duration STEP = Duration.ofSeconds(5);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T18:00:00Z"));
    private SingleWriter engine;
    private AlertRaiser raiser;

    @BeforeEach
    void start() {
        engine = SimFixture.engine(new MemoryEventLog(), clock);
        DemandCells cells = DemandCells.ofService(
                RegionFixture.network(), CellIndex.h3(), SimFixture.rules().zones());
        MoveUpPlanner planner = new MoveUpPlanner(
                RegionFixture.network(),
                cells,
                MoveUpConfig.DEFAULTS,
                CoverageConfig.of(engine.rules().catalogue()));
        raiser = new AlertRaiser(engine, List.of(new MoveUpWatch(planner)));
    }

    @AfterEach
    void stop() {
        raiser.close();
        engine.close();
    }

    @Test
    void anAcceptedProposalDrivesItsUnitsToTheirStationsAndIsNotProposedAgain() {
        // sent before the crews listen, so that these calls keep their ambulances for the whole test
        commitTheBusiestStation();
        Alert proposal = awaitProposal();
        List<MoveUpWatch.Move> moves = MoveUpWatch.listMoves(proposal);
        assertThat(moves).isNotEmpty();
        List<Unit> before = moves.stream().map(m -> state().getUnit(m.unit())).toList();

        try (LiveSimulation sim = LiveSimulation.builder(engine, RegionFixture.region(), clock.instant())
                .roads(RegionFixture.network())
                .calls((from, to, random) -> List.of())
                .autoDispatch(false)
                .build()) {
            Set<AlertId> earlier = Set.copyOf(state().alerts().keySet());
            engine.execute(Commands.env(new Command.AcceptAlert(proposal.id()), "moving them now"));
            // no move takes longer than the planner allows
            Instant end = clock.instant().plus(MoveUpConfig.DEFAULTS.maxMove()).plus(Duration.ofMinutes(2));
            while (clock.instant().isBefore(end)) {
                clock.advance(STEP);
                sim.step(clock.instant());
                raiser.tick(clock.instant());
                raiser.awaitIdle();
            }
            settle();

            for (int i = 0; i < moves.size(); i++) {
                MoveUpWatch.Move m = moves.get(i);
                Unit unit = state().getUnit(m.unit());
                GeoPoint station = state().getStation(m.station()).location();
                GeoPoint from = before.get(i).position().orElseThrow().point();
                GeoPoint at = unit.position().orElseThrow().point();
                assertThat(unit.status()).isEqualTo(UnitStatus.AVAILABLE);
                assertThat(from.distanceMetersTo(station)).isGreaterThan(500);
                assertThat(at.distanceMetersTo(station))
                        .as("%s at its station %s", m.unit(), m.station())
                        .isLessThan(150);
            }
            // the accepted alert stands until the watch has nothing to propose; no later one asks for its moves,
            // nor for another unit to the stations they fill
            List<Alert> later = new ArrayList<>();
            for (Alert a : state().alerts().values())
                if (a.kind().equals(MoveUpWatch.KIND) && !earlier.contains(a.id())) later.add(a);
            List<StationId> filled =
                    moves.stream().map(MoveUpWatch.Move::station).toList();
            assertThat(later)
                    .allSatisfy(a -> assertThat(MoveUpWatch.listMoves(a))
                            .extracting(MoveUpWatch.Move::station)
                            .doesNotContainAnyElementsOf(filled));
            Alert decided = state().getAlert(proposal.id());
            assertThat(decided.status()).isIn(AlertStatus.ACCEPTED, AlertStatus.RESOLVED);
            assertThat(decided.decisionReason()).isEqualTo("moving them now");
        }
    }

    private MusterState state() {
        return engine.state();
    }

    /** Every ambulance of the station with the most, sent to calls beside it. */
    private void commitTheBusiestStation() {
        Map<Object, List<Unit>> byStation =
                state()
                        .listUnits(UnitFilter.ALL.withOrganisation(MAS).withType(UnitType.DOUBLE_CREWED_AMBULANCE))
                        .stream()
                        .filter(u -> u.homeStation().isPresent())
                        .collect(Collectors.groupingBy(u -> u.homeStation().get()));
        List<Unit> busiest = byStation.values().stream()
                .max(Comparator.comparingInt(List::size))
                .orElseThrow();
        int n = 0;
        for (Unit u : busiest) {
            GeoPoint p = u.position().orElseThrow().point();
            IncidentId id = IncidentId.of("MU" + (++n));
            engine.execute(Commands.env(new Command.CreateIncident(
                    id,
                    MAS,
                    IncidentTypeCode.of("CHEST_PAIN"),
                    Optional.empty(),
                    GeoPoint.of(p.lat() + 0.002, p.lon()),
                    "",
                    new TreeSet<>())));
            engine.execute(Commands.env(new Command.AssignUnit(id, u.id(), AssignmentRole.PRIMARY)));
        }
    }

    /** The watch plans at most every few seconds of Muster's time: past that, it proposes. */
    private Alert awaitProposal() {
        for (int i = 0; i < 100; i++) {
            clock.advance(STEP);
            raiser.tick(clock.instant());
            raiser.awaitIdle();
            settle();
            Optional<Alert> open = state().alerts().values().stream()
                    .filter(a -> a.kind().equals(MoveUpWatch.KIND) && a.status() == AlertStatus.OPEN)
                    .findFirst();
            if (open.isPresent()) return open.get();
        }
        throw new AssertionError("no move-up proposal for " + MAS);
    }

    /** Waits until the raiser has looked at every event, its own alerts' included, and submitted nothing more. */
    private void settle() {
        long seen = -1;
        for (int tries = 0; tries < 200 && seen != state().sequence(); tries++) {
            seen = state().sequence();
            raiser.awaitIdle();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            raiser.awaitIdle();
        }
    }
}
