package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.control.AutoDispatcher;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/**
 * A scenario's dispatch policy runs in the engine's own rules: the same calls under another rule or with
 * diversion off are answered with other units, and with diversion off no unit is ever taken off its way to
 * one call for another.
 */
class DispatchPolicyRunTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");

    /** The run's log, and what the simulated control room sent to each call. */
    private record Run(MemoryEventLog log, Map<String, java.util.List<String>> sent) {
        long diversions() {
            // a diversion is the control room's assignment releasing the unit from the call it was going to
            return log.listRange(0, log.lastSequence()).stream()
                    .filter(e -> e.actor().equals(AutoDispatcher.ACTOR))
                    .map(RecordedEvent::event)
                    .filter(e -> e instanceof Event.UnitReleased)
                    .count();
        }
    }

    private static Run run(DispatchPolicy policy, Duration length) {
        Scenario s = new Scenario(
                        "policy",
                        FRIDAY_EVENING,
                        length,
                        5,
                        3.0,
                        CrewConfig.defaults().withPositionInterval(Duration.ofMinutes(1)),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withPlan(ShockPlan.NONE.withDispatch(policy));
        MemoryEventLog log = new MemoryEventLog();
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        log,
                        SimFixture.rules().withDispatch(policy),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                ScenarioRun.Progress.NONE);
        Map<String, java.util.List<String>> sent = new TreeMap<>();
        for (IncidentRecord i : r.incidents())
            sent.put(i.id().value(), i.unitsSent().stream().map(u -> u.value()).toList());
        return new Run(log, sent);
    }

    @Test
    void eachSettingChangesWhatIsDispatched() {
        // the rule shows within the first calls; a diversion needs a busier while
        Run nearestFirst = run(DispatchPolicy.DEFAULTS, Duration.ofMinutes(40));
        Run sameZone = run(DispatchPolicy.DEFAULTS.withRule(DispatchPolicy.Rule.SAME_ZONE), Duration.ofMinutes(40));
        Run nearest = run(DispatchPolicy.DEFAULTS, Duration.ofHours(2));
        Run noDiversion = run(DispatchPolicy.DEFAULTS.withDiversion(false), Duration.ofHours(2));

        // the same calls (the demand draws from its own stream), answered otherwise
        assertThat(sameZone.sent().keySet()).isEqualTo(nearestFirst.sent().keySet());
        assertThat(sameZone.sent()).isNotEqualTo(nearestFirst.sent());
        assertThat(noDiversion.sent().keySet()).isEqualTo(nearest.sent().keySet());
        assertThat(noDiversion.sent()).isNotEqualTo(nearest.sent());
        // at three times the demo's calls some urgent call takes a crew off its way to a lesser one, unless off
        assertThat(nearest.diversions()).isPositive();
        assertThat(noDiversion.diversions()).isZero();
    }

    @Test
    void anEngineWhoseRulesDispatchOtherwiseThanTheScenarioIsRefused() {
        Scenario s = new Scenario(
                        "policy",
                        FRIDAY_EVENING,
                        Duration.ofMinutes(5),
                        5,
                        1.0,
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withPlan(ShockPlan.NONE.withDispatch(DispatchPolicy.DEFAULTS.withDiversion(false)));
        assertThatThrownBy(() -> ScenarioRun.run(
                        RegionFixture.region(),
                        RegionFixture.network(),
                        clock -> SingleWriter.start(
                                new MemoryEventLog(), SimFixture.rules(), clock, WriterConfig.DEFAULTS),
                        s,
                        ScenarioRun.Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must start an engine whose rules dispatch by the scenario's policy");
    }
}
