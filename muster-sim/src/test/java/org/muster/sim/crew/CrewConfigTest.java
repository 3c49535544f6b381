package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;

class CrewConfigTest {
    private static final int DRAWS = 40_000;

    /** Minutes of each draw. */
    private static double[] draw(Supplier<Duration> what) {
        double[] minutes = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) minutes[i] = what.get().toMillis() / 60_000.0;
        return minutes;
    }

    private static double shareOver(double[] minutes, double limit) {
        int n = 0;
        for (double m : minutes) if (m > limit) n++;
        return (double) n / minutes.length;
    }

    private static double mean(double[] minutes) {
        double sum = 0;
        for (double m : minutes) sum += m;
        return sum / minutes.length;
    }

    private static double logSpread(double[] minutes) {
        double sum = 0;
        double squares = 0;
        for (double m : minutes) {
            double l = Math.log(m);
            sum += l;
            squares += l * l;
        }
        double mean = sum / minutes.length;
        return Math.sqrt(squares / minutes.length - mean * mean);
    }

    @Test
    void theHandoverHasItsOwnTailWhileEveryOtherTimeKeepsTheSpread() {
        // the English scenario's: 31.5 % of handovers over 30 minutes and 13.4 % over 60 (AACE, October 2024)
        CrewConfig crews = CrewConfig.defaults().withHandover(Duration.ofSeconds(17 * 60 + 36), 1.11, Duration.ZERO);
        SplittableRandom random = new SplittableRandom(1);

        double[] handovers = draw(() -> crews.drawHandover(random));
        assertThat(shareOver(handovers, 30)).isCloseTo(0.315, within(0.015));
        assertThat(shareOver(handovers, 60)).isCloseTo(0.134, within(0.01));
        assertThat(logSpread(handovers)).isCloseTo(1.11, within(0.03));
        // the work on scene is not a queue at a full emergency department: its spread is the crews' 0.45
        double[] onScene = draw(() -> crews.drawOnScene(Agency.AMBULANCE, Priority.C2, random));
        assertThat(logSpread(onScene)).isCloseTo(0.45, within(0.02));
    }

    @Test
    void theClearUpComesAfterTheHandoverAndKeepsTheCrewAtHospital() {
        CrewConfig handoverOnly = CrewConfig.defaults().withHandover(Duration.ofMinutes(18), 1.11, Duration.ZERO);
        CrewConfig withClear = handoverOnly.withHandover(Duration.ofMinutes(18), 1.11, Duration.ofMinutes(16));
        SplittableRandom random = new SplittableRandom(7);
        double[] without = draw(() -> handoverOnly.drawHandover(random));
        double[] with = draw(() -> withClear.drawHandover(random));

        // a clear-up of median 16 minutes and spread 0.45 has a mean of 17.7 minutes
        assertThat(mean(with) - mean(without)).isCloseTo(17.7, within(1.5));
    }

    @Test
    void leftOutTheHandoverIsDrawnAsEveryOtherTimeAndIncludesTheClearUp() {
        CrewConfig demo = CrewConfig.defaults();
        assertThat(demo.handoverSpread()).isEqualTo(demo.spread());
        assertThat(demo.clear()).isZero();
    }

    @Test
    void aNegativeClearUpOrASpreadOutOfRangeIsRefusedNamingTheField() {
        CrewConfig demo = CrewConfig.defaults();
        assertThatThrownBy(() -> demo.withHandover(Duration.ofMinutes(18), 3.5, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("handoverSpread");
        assertThatThrownBy(() -> demo.withHandover(Duration.ofMinutes(18), 1, Duration.ofMinutes(-1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("clear")
                .hasMessageContaining("must not be negative");
    }
}
