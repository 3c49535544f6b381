package org.muster.cli.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A figure on {@code ./muster board} marked OVER says what it was judged on. A walk saw "mean 15 min 27 s / 18 min
 * 0 s OVER": the verdict counts the calls not reached yet at their waits so far, the figure only those reached.
 */
class BoardVerdictTest {
    private static final Optional<Duration> TARGET = Optional.of(Duration.ofMinutes(18));

    @Test
    void aFigureUnderItsTargetOverOnlyWithTheCallsNotReachedSaysSo() {
        assertThat(BoardCommand.verdict(
                        true, Optional.of(Duration.ofSeconds(927)), TARGET, Optional.of(Duration.ofSeconds(2463)), 2))
                .isEqualTo(" OVER (with 2 not reached: 41 min 3 s)");
    }

    @Test
    void aFigureOverItsTargetIsPlainlyOverAndOneWithinIsNot() {
        assertThat(BoardCommand.verdict(
                        true, Optional.of(Duration.ofMinutes(20)), TARGET, Optional.of(Duration.ofMinutes(25)), 2))
                .isEqualTo(" OVER");
        assertThat(BoardCommand.verdict(
                        false, Optional.of(Duration.ofMinutes(10)), TARGET, Optional.of(Duration.ofMinutes(11)), 1))
                .isEmpty();
    }
}
