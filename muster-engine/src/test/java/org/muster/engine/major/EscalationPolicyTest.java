package org.muster.engine.major;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.org;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.EscalationPolicy;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/** What a level does, as configured: read from the settings, refused naming the setting, applied by the engine. */
class EscalationPolicyTest {

    @Test
    void aConfiguredLevelReplacesTheDefaultAndSaysEverythingItDoes() {
        EscalationPolicy policy = EscalationPolicy.defaults()
                .withConfigured(Map.of(
                        "AMBULANCE", Map.of("2", "hold-back C3 C4, ask-aid 3 RAPID_RESPONSE_CAR"),
                        "police", Map.of("4", "none")));
        var two = policy.actionsFor(Agency.AMBULANCE, 2);
        assertThat(two.holdBack()).containsExactly(Priority.C3, Priority.C4);
        assertThat(two.suspendTargets()).isFalse();
        assertThat(two.askAid()).contains(new EscalationPolicy.AidAsk(UnitType.RAPID_RESPONSE_CAR, 3));
        assertThat(policy.actionsFor(Agency.POLICE, 4).holdBack()).isEmpty();
        assertThat(policy.actionsFor(Agency.POLICE, 4).askAid()).isEmpty();
        assertThat(policy.actionsFor(Agency.AMBULANCE, 3))
                .as("the levels not configured keep their defaults")
                .isEqualTo(EscalationPolicy.defaults().actionsFor(Agency.AMBULANCE, 3));
    }

    @Test
    void aSettingThatCannotBeReadIsRefusedNamingItTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> EscalationPolicy.defaults()
                        .withConfigured(Map.of(
                                "AMBULANCE", Map.of("2", "hold-back EMERGENCY", "7", "none"),
                                "NAVY", Map.of("1", "none"),
                                "FIRE", Map.of("3", "sound the horn"))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .extracting(v -> v.field() + " " + v.rule())
                        .containsExactlyInAnyOrder(
                                "muster.escalation.AMBULANCE.2 EMERGENCY is not a priority of AMBULANCE calls",
                                "muster.escalation.AMBULANCE.7 names level 7; levels are 1 to 4",
                                "muster.escalation.NAVY.1 must be muster.escalation.AGENCY.LEVEL: AGENCY one of"
                                        + " [POLICE, AMBULANCE, FIRE], LEVEL 1 to 4",
                                "muster.escalation.FIRE.3 must list hold-back PRIORITY..., suspend-targets, ask-aid"
                                        + " COUNT UNIT_TYPE (comma-separated), or none"));
    }

    @Test
    void theEngineAppliesTheConfiguredActions() {
        Rules rules = Rules.defaults()
                .withEscalation(EscalationPolicy.defaults()
                        .withConfigured(Map.of("AMBULANCE", Map.of("2", "suspend-targets"))));
        try (SingleWriter engine = SingleWriter.start(
                new MemoryEventLog(), rules, TestClock.at("2026-11-22T16:00:00Z"), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            engine.execute(env(new Command.SetEscalationLevel(org("AMB"), 2), "pressure"));
            var e = engine.state().escalationOf(org("AMB"));
            assertThat(e.targetsSuspended()).isTrue();
            assertThat(e.heldBack())
                    .as("the configured level holds nothing back")
                    .isEmpty();
            assertThat(engine.state().listOpenAidRequests()).isEmpty();
            assertThat(Optional.of(e.level())).contains(2);
        }
    }
}
