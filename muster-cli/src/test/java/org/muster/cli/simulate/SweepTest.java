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
        assertThat(walkout.sizesAShock()).isTrue();
        assertThat(walkout.isWithoutTheShock(walkout.values().getFirst())).isTrue();
        assertThat(walkout.isWithoutTheShock(walkout.values().get(1))).isFalse();
        Sweep calls = Sweep.parse("demand.scale=0..1:0.5");
        assertThat(calls.sizesAShock()).isFalse();
        assertThat(calls.isWithoutTheShock(BigDecimal.ZERO)).isFalse();
    }

    @Test
    void badSweepsAreRefusedNamingTheOptionTheTextAndWhatWasExpected() {
        assertThatThrownBy(() -> Sweep.parse("staffing=0..0.5:0.05"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--sweep='staffing=0..0.5:0.05'")
                .hasMessageContaining("must sweep one of [demand.scale, surge, withdrawal]");
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

    /**
     * A wave of disorder is a surge on each evening: sweeping its size sets the factor of every surge of the first
     * surge's kinds of call (disorder.yml's public disorder, Friday and Saturday), not the vehicle fires' or the
     * stabbings'; a factor of 1 is the scenario without them.
     */
    @Test
    void aSurgesSizeIsEverySurgeOfTheFirstSurgesKindsAndOneIsNone() {
        java.nio.file.Path disorder = java.nio.file.Path.of("..", "scenarios", "disorder.yml");
        var read = ScenarioFile.read(disorder, java.util.OptionalLong.empty());
        Sweep wave = Sweep.parse("surge=1..10:1.5");
        assertThat(wave.sizesAShock()).isTrue();
        assertThat(wave.isWithoutTheShock(BigDecimal.ONE)).isTrue();
        assertThat(wave.isWithoutTheShock(new BigDecimal("2.5"))).isFalse();
        assertThat(wave.shocks(read.scenario())).containsExactly(0, 4);
        var overrides = wave.overrides(read.scenario(), new BigDecimal("2.5"));
        assertThat(overrides)
                .containsExactly(
                        java.util.Map.entry("shocks.0.surge.factor", "2.5"),
                        java.util.Map.entry("shocks.4.surge.factor", "2.5"));
        var sized = ScenarioFile.read(disorder, java.util.OptionalLong.empty(), overrides)
                .scenario()
                .plan()
                .shocks();
        assertThat(sized.stream()
                        .filter(org.muster.sim.des.Shock.Surge.class::isInstance)
                        .map(x -> ((org.muster.sim.des.Shock.Surge) x).factor()))
                .containsExactly(2.5, 4.0, 4.0, 2.5, 4.0, 4.0);
        // without them: the other shocks stay, in their order
        var without = SimulateCommand.withoutShock(read.scenario(), wave.shocks(read.scenario()));
        assertThat(without.plan().shocks())
                .hasSize(read.scenario().plan().shocks().size() - 2);
        assertThat(without.plan().shocks().getFirst())
                .isEqualTo(read.scenario().plan().shocks().get(1));

        // one kind of the wave named: the stabbings' surges on both evenings, not the disorder's
        Sweep stabbings = Sweep.parse("surge.STABBING_CASUALTY=1..5:2");
        assertThat(stabbings.sizesAShock()).isTrue();
        assertThat(stabbings.isWithoutTheShock(BigDecimal.ONE)).isTrue();
        assertThat(stabbings.shocks(read.scenario())).containsExactly(2, 6);
        assertThat(stabbings.overrides(read.scenario(), new BigDecimal("3")))
                .containsExactly(
                        java.util.Map.entry("shocks.2.surge.factor", "3"),
                        java.util.Map.entry("shocks.6.surge.factor", "3"));
        assertThat(stabbings.folder(BigDecimal.ONE)).isEqualTo("surge.STABBING_CASUALTY=1");
        assertThatThrownBy(() -> Sweep.parse("surge.FIREARMS=1..5:2").shocks(read.scenario()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--sweep='surge.FIREARMS'")
                .hasMessageContaining("its surges raise [PUBLIC_DISORDER, STABBING_CASUALTY, VEHICLE_FIRE]");
        assertThatThrownBy(() -> Sweep.parse("surge.=1..5:2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("or surge.KIND");
        assertThatThrownBy(() -> Sweep.parse("withdrawal.WSP=0..0.5:0.1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must sweep one of");

        // a scenario with no surge has nothing to size, and says so
        var walkout = ScenarioFile.read(
                java.nio.file.Path.of("..", "scenarios", "walkout.yml"), java.util.OptionalLong.empty());
        assertThatThrownBy(() -> wave.shocks(walkout.scenario()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--sweep='surge'")
                .hasMessageContaining("has none");
    }
}
