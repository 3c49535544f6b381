package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.alert.AlertId;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/** Alerts are raised into the log; a supervisor's acceptance or dismissal is an event, and acceptance acts. */
class AlertDecisionsTest {
    private static final ZoneId NORTH = ZoneId.of("POL-N");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private MemoryEventLog log;
    private SingleWriter engine;

    @BeforeEach
    void start() {
        log = new MemoryEventLog();
        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void raise(String id) {
        engine.execute(env(new Command.RaiseAlert(
                AlertId.of(id),
                "surge",
                "surge:zone:POL-N:OBSTRUCTED_ACCESS",
                Sorted.empty(),
                "obstructed access incidents at 2.9 times the weekly average",
                new TreeMap<>(Map.of("count", "29", "baseline", "10.0")),
                Optional.of(NORTH),
                Optional.of(OperatingLevel.ESCORT_REQUIRED))));
    }

    private MusterState state() {
        return engine.state();
    }

    @Test
    void acceptingAnAlertMakesTheChangeItProposesUnderTheSupervisorsReason() {
        raise("A1");
        assertThat(state().listOpenAlerts()).extracting(a -> a.id().value()).containsExactly("A1");
        assertThatThrownBy(() -> engine.execute(env(new Command.AcceptAlert(AlertId.of("A1")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        engine.execute(env(new Command.AcceptAlert(AlertId.of("A1")), "crews report bricks thrown at Ladywood"));
        var alert = state().getAlert(AlertId.of("A1"));
        assertThat(alert.status()).isEqualTo(AlertStatus.ACCEPTED);
        assertThat(alert.decidedBy()).isEqualTo("tester");
        var level = state().getZone(NORTH).level();
        assertThat(level.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
        assertThat(level.reason()).isEqualTo("crews report bricks thrown at Ladywood");
        assertThat(level.reviewAt())
                .as("to be reviewed, as a level set by hand names its time: else no level-review alert ever follows")
                .isEqualTo(level.since().map(t -> t.plus(org.muster.engine.rules.Decider.ACCEPTED_LEVEL_REVIEW)));
        assertThat(state().listOpenAlerts()).isEmpty();
        assertThatThrownBy(() -> engine.execute(env(new Command.DismissAlert(AlertId.of("A1")), "changed my mind")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ACCEPTED");
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(state());
    }

    @Test
    void dismissingAnAlertChangesNoZone() {
        raise("A2");
        engine.execute(env(new Command.DismissAlert(AlertId.of("A2")), "a single family dispute, not a pattern"));
        assertThat(state().getAlert(AlertId.of("A2")).status()).isEqualTo(AlertStatus.DISMISSED);
        assertThat(state().getZone(NORTH).operatingLevel()).isEqualTo(OperatingLevel.NORMAL);
        assertThatThrownBy(() -> raiseAgain("A2")).isInstanceOf(ConflictException.class);
    }

    @Test
    void anAlertIsAddressedToItsZonesOwnerReplacesTheActiveOneWithItsKeyAndIsResolvedOnce() {
        raise("A3");
        assertThat(state().getAlert(AlertId.of("A3")).organisations())
                .containsExactly(org.muster.domain.organisation.OrganisationId.of("POL"));
        engine.execute(env(new Command.AcceptAlert(AlertId.of("A3")), "escorts arranged"));
        raise("A4");
        var replaced = state().getAlert(AlertId.of("A3"));
        assertThat(replaced.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(replaced.decisionReason()).isEqualTo("escorts arranged");
        assertThat(replaced.resolution()).startsWith("replaced by alert A4");
        assertThat(state().listActiveAlerts("surge:zone:POL-N:OBSTRUCTED_ACCESS"))
                .extracting(a -> a.id().value())
                .containsExactly("A4");

        engine.execute(env(new Command.ResolveAlert(AlertId.of("A4"), "the surge has passed")));
        assertThat(state().getAlert(AlertId.of("A4")).resolvedAt()).contains(clock.instant());
        assertThatThrownBy(() -> engine.execute(env(new Command.ResolveAlert(AlertId.of("A4"), "again"))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("RESOLVED");
        assertThatThrownBy(() -> engine.execute(env(new Command.AcceptAlert(AlertId.of("A4")), "too late")))
                .isInstanceOf(ConflictException.class);
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(state());
    }

    @Test
    void anAlertAddressedToNobodyIsRefused() {
        assertThatThrownBy(() -> engine.execute(env(new Command.RaiseAlert(
                        AlertId.of("A5"),
                        "surge",
                        "surge:organisation:POL:FALL",
                        Sorted.empty(),
                        "falls at twice the weekly average",
                        new TreeMap<>(),
                        Optional.empty(),
                        Optional.empty()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("organisations");
    }

    private void raiseAgain(String id) {
        raise(id);
    }
}
