package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;

class BacklogForecasterTest {
    private static final BacklogForecaster FORECASTER = new BacklogForecaster(BacklogConfig.DEFAULTS);

    @Test
    void erlangCMatchesHandComputedValues() {
        // c = 2, a = 1.5: (a²/2!)·c/(c−a) = 4.5; 4.5 / (1 + 1.5 + 4.5) = 9/14.
        assertThat(BacklogForecaster.erlangC(2, 1.5)).isCloseTo(9.0 / 14, within(1e-12));
        // M/M/1: the chance of waiting is the utilisation.
        assertThat(BacklogForecaster.erlangC(1, 0.5)).isCloseTo(0.5, within(1e-12));
        // c = 4, a = 3: (81/24)·4 = 13.5; 13.5 / (1 + 3 + 4.5 + 4.5 + 13.5) = 27/53.
        assertThat(BacklogForecaster.erlangC(4, 3)).isCloseTo(27.0 / 53, within(1e-12));
        // The textbook call centre: 10 agents, 8 Erlangs offered.
        assertThat(BacklogForecaster.erlangC(10, 8)).isCloseTo(0.40918, within(1e-5));
        assertThat(BacklogForecaster.erlangC(3, 0)).isZero();
    }

    @Test
    void erlangCAgreesWithTheFactorialFormulaAndStaysFiniteForManyUnits() {
        for (int c = 1; c <= 60; c++) {
            for (double share : new double[] {0.1, 0.5, 0.8, 0.95, 0.999}) {
                double a = c * share;
                assertThat(BacklogForecaster.erlangC(c, a))
                        .as("c = %d, a = %.3f", c, a)
                        .isCloseTo(erlangCByFactorials(c, a), within(1e-9));
            }
        }
        double manyUnits = BacklogForecaster.erlangC(800, 780);
        assertThat(manyUnits).isBetween(0.0, 1.0);
    }

    @Test
    void expectedWaitOfTwoUnitsAtThreeQuartersLoad() {
        // λ = 1.5 an hour, 1 hour a job, 2 units: Wq = C / (cμ − λ) = (9/14) / 0.5 h = 77.14 min.
        var forecast =
                FORECASTER.forecast(new BacklogInput(1.5, 2, Duration.ofHours(1), 0, Duration.ZERO, minutes(60)));
        assertThat(forecast.offeredLoad()).isCloseTo(1.5, within(1e-12));
        assertThat(forecast.utilisation()).isCloseTo(0.75, within(1e-12));
        assertThat(forecast.stable()).isTrue();
        assertThat(forecast.probabilityOfWaiting()).isCloseTo(9.0 / 14, within(1e-12));
        assertThat(forecast.expectedWait().orElseThrow().toMillis())
                .isCloseTo(Math.round(9.0 / 7 * 3_600_000), within(1L));
        // P(wait <= 1 h) = 1 − C·e^(−0.5).
        assertThat(forecast.probabilityWithinTarget()).isCloseTo(1 - 9.0 / 14 * Math.exp(-0.5), within(1e-12));
        assertThat(forecast.queueGrowthPerHour()).isCloseTo(-0.5, within(1e-12));
        assertThat(forecast.timeToBreach()).isEmpty();
        assertThat(forecast.summary())
                .isEqualTo("1.5 calls an hour against 2 units (utilisation 75%), expected wait 77 min, no breach of the"
                        + " 60 min wait target forecast");
    }

    @Test
    void aGrowingQueueBreachesWhenTheFluidModelSays() {
        // 6 calls an hour, 4 units at an hour a job: the queue grows by 2 an hour from 2 waiting. A call
        // joining at s hours waits (2 + 2s) / 4 hours: 2 hours when s = 3.
        var forecast = FORECASTER.forecast(new BacklogInput(6, 4, Duration.ofHours(1), 2, minutes(5), minutes(120)));
        assertThat(forecast.stable()).isFalse();
        assertThat(forecast.utilisation()).isCloseTo(1.5, within(1e-12));
        assertThat(forecast.probabilityOfWaiting()).isEqualTo(1.0);
        assertThat(forecast.expectedWait()).isEmpty();
        assertThat(forecast.queueGrowthPerHour()).isCloseTo(2, within(1e-12));
        assertThat(forecast.timeToBreach()).contains(Duration.ofHours(3));
        assertThat(forecast.summary()).endsWith("wait target of 120 min breached in 180 min");
    }

    @Test
    void aTargetAlreadyMissedIsABreachNow() {
        var longWait = FORECASTER.forecast(new BacklogInput(1, 4, Duration.ofHours(1), 1, minutes(45), minutes(30)));
        assertThat(longWait.timeToBreach()).contains(Duration.ZERO);
        // 10 waiting for 2 units at 30 minutes a job: the last waits about 2.5 hours, over the 2-hour target.
        var deepQueue = FORECASTER.forecast(new BacklogInput(1, 2, minutes(30), 10, minutes(10), minutes(120)));
        assertThat(deepQueue.timeToBreach()).contains(Duration.ZERO);
    }

    @Test
    void aDrainingBacklogOrABreachPastTheHorizonIsNoBreach() {
        var draining = FORECASTER.forecast(new BacklogInput(2, 4, Duration.ofHours(1), 3, minutes(10), minutes(120)));
        assertThat(draining.timeToBreach()).isEmpty();
        // Growth of 0.1 an hour from nothing: 8 calls waiting (2 hours' work for 4 units) after 80 hours.
        var slow = FORECASTER.forecast(new BacklogInput(4.1, 4, Duration.ofHours(1), 0, Duration.ZERO, minutes(120)));
        assertThat(slow.timeToBreach()).isEmpty();
        var longerHorizon = new BacklogForecaster(new BacklogConfig(Duration.ofDays(4)));
        assertThat(longerHorizon
                        .forecast(new BacklogInput(4.1, 4, Duration.ofHours(1), 0, Duration.ZERO, minutes(120)))
                        .timeToBreach())
                .contains(Duration.ofHours(80));
    }

    @Test
    void withNoUnitTheLongestWaitingCallBreachesWhenItsWaitReachesTheTarget() {
        var forecast = FORECASTER.forecast(new BacklogInput(3, 0, minutes(50), 2, minutes(10), minutes(30)));
        assertThat(forecast.utilisation()).isInfinite();
        assertThat(forecast.timeToBreach()).contains(minutes(20));
        assertThat(forecast.summary()).contains("against 0 units (utilisation unbounded)");
        var quiet = FORECASTER.forecast(new BacklogInput(0, 0, minutes(50), 0, Duration.ZERO, minutes(30)));
        assertThat(quiet.stable()).isTrue();
        assertThat(quiet.timeToBreach()).isEmpty();
    }

    @Test
    void refusesBadInputNamingEveryFieldValueAndRule() {
        assertThatThrownBy(() -> new BacklogInput(-1, -2, Duration.ZERO, 0, minutes(3), minutes(-5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("arrivalsPerHour='-1.0': must be from 0 to 1000000")
                .hasMessageContaining("availableUnits='-2': must be at least 0")
                .hasMessageContaining("meanJobTime='PT0S': must be more than 0")
                .hasMessageContaining("longestWaitNow='PT3M': must be 0 when no call is waiting")
                .hasMessageContaining("waitTarget='PT-5M': must be more than 0");
        assertThatThrownBy(() -> new BacklogConfig(Duration.ofDays(8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("horizon='PT192H'");
    }

    /** The textbook formula, summed in logarithms so large c does not overflow. */
    private static double erlangCByFactorials(int c, double a) {
        double logTerm = c * Math.log(a) - logFactorial(c) + Math.log(c / (c - a));
        double sum = 0;
        for (int k = 0; k < c; k++) sum += Math.exp(k * Math.log(a) - logFactorial(k) - logTerm);
        return 1 / (1 + sum);
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int k = 2; k <= n; k++) s += Math.log(k);
        return s;
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
