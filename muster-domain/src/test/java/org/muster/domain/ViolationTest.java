package org.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A violation's value says what its message says: a field left out is "(missing)" in both. */
class ViolationTest {
    @Test
    void aMissingValueIsMissingInTheValueAsInTheMessage() {
        Violation missing = Violation.of("reason", null, "must not be blank");
        assertThat(missing.value()).isEqualTo("(missing)").isEqualTo(Violation.MISSING);
        assertThat(missing).hasToString("reason (missing): must not be blank");
        assertThat(new Violation("reason", null, "must not be blank")).isEqualTo(missing);
    }

    @Test
    void theWordNullSentAsAValueIsThatValueNotAMissingOne() {
        Violation sent = Violation.of("callsign", "null", "must be a unit's callsign");
        assertThat(sent.value()).isEqualTo("null");
        assertThat(sent).hasToString("callsign='null': must be a unit's callsign");
    }
}
