package org.muster.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.MusterException;
import org.muster.domain.command.Command;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RandomCommands;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * What a dashboard is offered for a unit ({@link StatusChanges#listOpenTo}) against what the decider does with
 * a {@code ChangeUnitStatus}: over seeded runs of plausible commands (calls, dispatches, closed zones, mutual
 * aid, withdrawals), after every command, every unit and every status, a status offered is accepted and one not
 * offered is refused.
 */
class StatusChangesTest {
    private static final Rules RULES = Rules.defaults();

    @Test
    void every_status_offered_is_accepted_and_every_other_refused_as_the_state_moves_on() {
        for (long seed = 1; seed <= 4; seed++) {
            TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
            try (SingleWriter engine = SingleWriter.synchronous(
                    new org.muster.engine.writer.MemoryEventLog(),
                    RULES,
                    clock,
                    WriterConfig.DEFAULTS.withSnapshotEveryEvents(0))) {
                TestRegion.commands().forEach(engine::execute);
                TestRegion.policeForce("NBR", GeoPoint.of(52.65, -0.65), "NBR-ARV1", "NBR-ARV2")
                        .forEach(engine::execute);
                TestRegion.policeForce("WEST", GeoPoint.of(52.55, -0.75), "WEST-ARV1")
                        .forEach(engine::execute);
                RandomCommands random = new RandomCommands(seed, true);
                int offered = 0;
                for (int i = 0; i < 250; i++) {
                    clock.advance(Duration.ofSeconds(40));
                    try {
                        engine.execute(Commands.env(random.next(engine.state())));
                    } catch (MusterException refused) {
                        // refused commands are part of the run
                    }
                    if (i % 5 == 0) offered += compare(engine.state(), clock.instant(), seed, i);
                }
                assertThat(offered).as("seed %d offered some statuses", seed).isPositive();
            }
        }
    }

    /** Compares offer and decision for every unit and status; how many were offered. */
    private static int compare(MusterState state, Instant now, long seed, int step) {
        Decider decider = new Decider(RULES);
        int offered = 0;
        for (Unit unit : state.units().values()) {
            var open = StatusChanges.listOpenTo(state, unit, RULES.crewing());
            offered += open.size();
            for (UnitStatus to : UnitStatus.values()) {
                boolean accepted = accepts(decider, state, now, unit, to);
                assertThat(accepted)
                        .as(
                                "seed %d step %d: %s %s %s -> %s, offered %s",
                                seed, step, unit.callsign(), unit.type(), unit.status(), to, open)
                        .isEqualTo(open.contains(to));
            }
        }
        return offered;
    }

    private static boolean accepts(Decider decider, MusterState state, Instant now, Unit unit, UnitStatus to) {
        Command.ChangeUnitStatus change;
        try {
            change = new Command.ChangeUnitStatus(
                    unit.id(),
                    to,
                    to == UnitStatus.UNAVAILABLE ? Optional.of(UnavailableReason.OUT_OF_SERVICE) : Optional.empty());
        } catch (InvalidInputException refusedByItsShape) { // DISPATCHED: an assignment, not a status
            return false;
        }
        try {
            decider.decide(state, Commands.env(change), now);
            return true;
        } catch (MusterException refused) {
            return false;
        }
    }

    @Test
    void a_police_car_on_scene_may_return_or_be_available_but_never_conveys_a_patient() {
        TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
        try (SingleWriter engine = SingleWriter.synchronous(
                new org.muster.engine.writer.MemoryEventLog(), RULES, clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            for (UnitType type : new UnitType[] {UnitType.POLICE_RESPONSE_CAR, UnitType.DOUBLE_CREWED_AMBULANCE}) {
                Unit unit = engine.state().units().values().stream()
                        .filter(u -> u.type() == type && u.status() == UnitStatus.AVAILABLE)
                        .findFirst()
                        .orElseThrow();
                String org = unit.organisation().value();
                String call = "C-" + type;
                engine.execute(Commands.env(Commands.incident(
                        call,
                        org,
                        type == UnitType.POLICE_RESPONSE_CAR ? "BURGLARY_IN_PROGRESS" : "STROKE",
                        TestRegion.CENTRE)));
                engine.execute(Commands.env(Commands.assign(call, unit.id().value())));
                assertThat(StatusChanges.listOpenTo(
                                engine.state(), engine.state().getUnit(unit.id()), RULES.crewing()))
                        .as("dispatched: on its way or there, not waiting at a rendezvous point it does not have")
                        .containsExactly(
                                UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE, UnitStatus.AVAILABLE, UnitStatus.UNAVAILABLE);
                engine.execute(Commands.env(Commands.status(unit.id().value(), UnitStatus.ON_SCENE)));
                var open =
                        StatusChanges.listOpenTo(engine.state(), engine.state().getUnit(unit.id()), RULES.crewing());
                if (type.conveysPatients())
                    assertThat(open)
                            .containsExactly(UnitStatus.TRANSPORTING, UnitStatus.RETURNING, UnitStatus.AVAILABLE);
                else assertThat(open).containsExactly(UnitStatus.RETURNING, UnitStatus.AVAILABLE);
            }
        }
    }
}
