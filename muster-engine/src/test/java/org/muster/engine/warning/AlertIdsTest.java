package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.CommandId;

/** An alert's id, and the ids of the raiser's commands on it, fit the 64 characters an id may have. */
class AlertIdsTest {

    @Test
    void aLongKeysAlertCanBeRaisedAndResolved() {
        // a surge on police ground asking escorts of the ambulance service: 59 characters with its bin
        AlertId id = AlertSource.idOf("surge:zone:WSP-01:PUBLIC_DISORDER:escorts:MAS-01", "1795374000");
        assertThat(id.value()).hasSizeLessThanOrEqualTo(AlertSource.LONGEST_ID).endsWith("escorts:mas-01.1795374000");
        // before, "resolve-" and a 64-character id made a command id the engine refused: raised, never resolved
        assertThat(CommandId.of(AlertRaiser.commandIdOf("resolve-", id)).value())
                .startsWith("resolve-");
        assertThat(CommandId.of(AlertRaiser.commandIdOf("raise-", id)).value()).startsWith("raise-");
        AlertId older = AlertId.of("a".repeat(64)); // one an older log may hold
        assertThat(AlertRaiser.commandIdOf("resolve-", older)).hasSize(64).startsWith("resolve-");
    }
}
