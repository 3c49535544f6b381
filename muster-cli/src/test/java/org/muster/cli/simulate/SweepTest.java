package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;

class SweepTest {
    @Test
    void theValuesRunFromFromToToByStepExactly() {
        Sweep s = Sweep.parse("demand.scale=0.5..1.5:0.25");
        assertThat(s.scenarioKey()).isEqualTo("demand.scale");
        assertThat(s.values().stream().map(BigDecimal::toPlainString))
                .containsExactly("0.5", "0.75", "1", "1.25", "1.5");
        // a step that does not land on TO stops short of it; decimals do not drift
        assertThat(Sweep.parse("demand.scale=0..0.5:0.2").values().stream().map(BigDecimal::toPlainString))
                .containsExactly("0", "0.2", "0.4");
        assertThat(Sweep.parse("demand.scale=0..0.3:0.1").values()).hasSize(4);
        assertThat(s.folder(new BigDecimal("1.25"))).isEqualTo("demand.scale=1.25");
    }

    @Test
    void aShocksSizeOfNoneIsTheScenarioWithoutIt() {
        Sweep walkout = Sweep.parse("withdrawal=0..0.5:0.05");
        assertThat(walkout.shock()).contains(0);
        assertThat(walkout.isWithoutTheShock(walkout.values().getFirst())).isTrue();
        assertThat(walkout.isWithoutTheShock(walkout.values().get(1))).isFalse();
        Sweep calls = Sweep.parse("demand.scale=0..1:0.5");
        assertThat(calls.shock()).isEmpty();
        assertThat(calls.isWithoutTheShock(BigDecimal.ZERO)).isFalse();
    }

    @Test
    void badSweepsAreRefusedNamingTheOptionTheTextAndWhatWasExpected() {
        assertThatThrownBy(() -> Sweep.parse("staffing=0..0.5:0.05"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--sweep='staffing=0..0.5:0.05'")
                .hasMessageContaining("must sweep one of [demand.scale, withdrawal]");
        // a walkout's size is one of them: the first shock's share
        assertThat(Sweep.parse("withdrawal=0.05..0.5:0.05").values()).hasSize(10);
        assertThatThrownBy(() -> Sweep.parse("demand.scale=1-3"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be KEY=FROM..TO:STEP");
        assertThatThrownBy(() -> Sweep.parse("demand.scale=1..3:0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("STEP above 0");
        assertThatThrownBy(() -> Sweep.parse("demand.scale=3..1:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("TO at least FROM");
        assertThatThrownBy(() -> Sweep.parse("demand.scale=0..1000:1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 100 values");
        assertThatThrownBy(() -> Sweep.parse("demand.scale=1..2..3:1")).isInstanceOf(InvalidInputException.class);
    }
}
