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

    private static double centile(double[] minutes, double p) {
        double[] sorted = minutes.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }

    /** Minutes over {@code elapsed} of plain draws longer than it: the conditioned distribution, by brute force. */
    private static double[] beyond(Supplier<Duration> what, Duration elapsed) {
        double[] minutes = new double[DRAWS];
        for (int n = 0; n < DRAWS; ) {
            Duration d = what.get();
            if (d.compareTo(elapsed) > 0) minutes[n++] = d.minus(elapsed).toMillis() / 60_000.0;
        }
        return minutes;
    }

    /**
     * A step taken over part-way (a projection's fork) has the rest of a draw longer than the time already spent:
     * the work on scene of a call worked for 40 minutes (median 35), and the English scenario's time at hospital,
     * handover and clear-up, of a crew there for 45 minutes, are what plain draws that long are, less the time.
     */
    @Test
    void theRestOfAStepIsADrawLongerThanTheTimeSpentLessIt() {
        CrewConfig crews = CrewConfig.defaults();
        Duration forty = Duration.ofMinutes(40);
        SplittableRandom random = new SplittableRandom(11);
        double[] rest = draw(() -> crews.drawOnSceneAfter(Agency.AMBULANCE, Priority.C2, forty, random));
        double[] plain = beyond(() -> crews.drawOnScene(Agency.AMBULANCE, Priority.C2, random), forty);
        assertThat(centile(rest, 0.5)).isCloseTo(centile(plain, 0.5), within(0.6));
        assertThat(centile(rest, 0.9)).isCloseTo(centile(plain, 0.9), within(1.5));
        assertThat(centile(rest, 0.5))
                .as("far less than a whole new time on scene")
                .isLessThan(20);

        CrewConfig english = crews.withHandover(Duration.ofSeconds(17 * 60 + 36), 1.11, Duration.ofMinutes(16));
        Duration spent = Duration.ofMinutes(45);
        double[] hospital = draw(() -> english.drawHandoverAfter(spent, random));
        double[] hospitalPlain = beyond(() -> english.drawHandover(random), spent);
        assertThat(centile(hospital, 0.5)).isCloseTo(centile(hospitalPlain, 0.5), within(1.0));
        assertThat(centile(hospital, 0.9)).isCloseTo(centile(hospitalPlain, 0.9), within(4.0));
    }

    @Test
    void aStepJustBegunIsOnePlainDrawTakingTheSameRandomNumbers() {
        CrewConfig crews = CrewConfig.defaults();
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            assertThat(crews.drawTurnoutAfter(Agency.FIRE, Duration.ZERO, a))
                    .isEqualTo(crews.drawTurnout(Agency.FIRE, b));
            assertThat(crews.drawOnSceneAfter(Agency.POLICE, Priority.C1, Duration.ofSeconds(-5), a))
                    .as("a status stamped after the fork's instant")
                    .isEqualTo(crews.drawOnScene(Agency.POLICE, Priority.C1, b));
            assertThat(crews.drawHandoverAfter(Duration.ZERO, a)).isEqualTo(crews.drawHandover(b));
        }
    }

    /**
     * Past nearly every draw the step finishes promptly, in a tenth of a fresh draw: eight hours on scene (median
     * 35 minutes) leaves 3.5 minutes or so, never the log-normal tail's ever longer rest, and not nothing at
     * once: the rests are spread as the step's own draws are.
     */
    @Test
    void aStepPastEveryPlausibleDrawFinishesPromptlyButNotAllAtOnce() {
        CrewConfig crews = CrewConfig.defaults();
        SplittableRandom random = new SplittableRandom(13);
        double[] rest = draw(() -> crews.drawOnSceneAfter(Agency.AMBULANCE, Priority.C2, Duration.ofHours(8), random));
        assertThat(centile(rest, 0.5)).isCloseTo(3.5, within(0.1));
        assertThat(centile(rest, 1.0)).isLessThan(30);
        assertThat(centile(rest, 0.05)).isGreaterThan(1.5);
        assertThat(logSpread(rest)).as("the step's own spread").isCloseTo(0.45, within(0.02));

        double[] turnout = draw(() -> crews.drawTurnoutAfter(Agency.AMBULANCE, Duration.ofMinutes(10), random));
        assertThat(centile(turnout, 0.5) * 60).as("seconds").isCloseTo(6, within(0.3));
    }

    /** Exponential times have no memory: the rest of a step is a fresh draw whatever the time spent. */
    @Test
    void anExponentialStepsRestIsAFreshDraw() {
        CrewConfig crews = CrewConfig.defaults().withTimes(CrewConfig.Times.EXPONENTIAL);
        SplittableRandom random = new SplittableRandom(17);
        double[] rest =
                draw(() -> crews.drawOnSceneAfter(Agency.AMBULANCE, Priority.C2, Duration.ofMinutes(30), random));
        assertThat(mean(rest)).isCloseTo(35, within(0.8));
    }
}
