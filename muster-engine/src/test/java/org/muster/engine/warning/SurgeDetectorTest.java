package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

class SurgeDetectorTest {
    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final SurgeKey OBSTRUCTED =
            SurgeKey.of(Scope.zone(ZoneId.of("BHAM-N")), IncidentTypeCode.of("OBSTRUCTED_ACCESS"));
    private static final SurgeKey FALLS = SurgeKey.of(Scope.zone(ZoneId.of("BHAM-N")), IncidentTypeCode.of("FALL"));
    private static final SurgeKey WMP_OBSTRUCTED =
            SurgeKey.of(Scope.organisation(OrganisationId.of("WMP")), IncidentTypeCode.of("OBSTRUCTED_ACCESS"));

    /** Bins of history before a surge starts or false alarms are counted: the baseline, the guard and the longest window. */
    private static final int WARM_UP_BINS = 168 + 2 + 24;

    private static final int SEEDS = 20;

    /**
     * A stream whose rate is multiplied by {@code factor} from its bin {@code WARM_UP_BINS} on, and the number
     * of bins within which the default detector must find it for every seed (docs/early-warning.md quotes
     * this table).
     */
    record Surge(double ratePerHour, double factor, int foundWithinBins) {}

    private static final List<Surge> SURGES = List.of(
            new Surge(10, 2, 8), // a busy type doubling
            new Surge(3, 3, 8), // a common type tripling
            new Surge(1, 3, 24), // an hourly type tripling: usually within 6 bins, within a day always
            new Surge(1, 5, 8),
            new Surge(0.5, 5, 12)); // a type seen 12 times a day rising fivefold

    @Test
    void findsAnInjectedSurgeWithinTheStatedNumberOfBins() {
        for (var surge : SURGES) {
            var delays = new ArrayList<Integer>();
            for (int seed = 1; seed <= SEEDS; seed++) {
                var random = new SplittableRandom(seed);
                var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
                int delay = -1;
                for (int bin = 0; bin < WARM_UP_BINS + surge.foundWithinBins() && delay < 0; bin++) {
                    double rate = bin >= WARM_UP_BINS ? surge.ratePerHour() * surge.factor() : surge.ratePerHour();
                    var alerts = feedBin(detector, bin, OBSTRUCTED, Streams.poisson(random, rate));
                    if (bin < WARM_UP_BINS) {
                        assertThat(alerts)
                                .as("false alarm before the surge, seed %d", seed)
                                .hasSizeLessThan(2);
                    } else if (!alerts.isEmpty()) {
                        delay = bin - WARM_UP_BINS + 1;
                        assertThat(alerts.getFirst().surgeKey()).isEqualTo(OBSTRUCTED);
                    }
                }
                assertThat(delay)
                        .as("%s not found within %d bins with seed %d", surge, surge.foundWithinBins(), seed)
                        .isPositive();
                delays.add(delay);
            }
            System.out.printf("surge %s found after bins %s%n", surge, delays);
        }
    }

    @Test
    void raisesNoMoreThanOneFalseAlarmPerThousandBinsOfPoissonCounts() {
        double[] ratesPerHour = {0.05, 0.2, 1, 3, 10, 30};
        assertFalseAlarmRate(ratesPerHour, (random, i) -> Streams.poisson(random, ratesPerHour[i]));
    }

    @Test
    void raisesNoMoreThanOneFalseAlarmPerThousandBinsOfOverdispersedCounts() {
        // Variance twice and four times the mean: what a type with good and bad days looks like.
        double[] means = {0.3, 1, 3, 10};
        double[] variances = {0.6, 4, 12, 40};
        assertFalseAlarmRate(means, (random, i) -> Streams.negativeBinomial(random, means[i], variances[i]));
    }

    interface CountSource {
        int draw(RandomGenerator random, int keyIndex);
    }

    /** 20 seeded streams × 1,000 bins after warm-up, one key per rate, all through one detector per seed. */
    private static void assertFalseAlarmRate(double[] rates, CountSource source) {
        var keys = new ArrayList<SurgeKey>();
        for (int i = 0; i < rates.length; i++) {
            keys.add(SurgeKey.of(Scope.zone(ZoneId.of("Z" + i)), IncidentTypeCode.of("OBSTRUCTED_ACCESS")));
        }
        int bins = 1_000;
        long[] alarms = new long[rates.length];
        for (int seed = 1; seed <= SEEDS; seed++) {
            var random = new SplittableRandom(seed);
            var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
            for (int bin = 0; bin < WARM_UP_BINS + bins; bin++) {
                Instant start = T0.plus(HOUR.multipliedBy(bin));
                for (int i = 0; i < rates.length; i++) {
                    int n = source.draw(random, i);
                    for (int j = 0; j < n; j++) detector.observe(start.plusSeconds(j), keys.get(i));
                }
                var alerts = detector.advanceTo(start.plus(HOUR));
                if (bin < WARM_UP_BINS) continue;
                for (var alert : alerts) alarms[keys.indexOf(alert.surgeKey())]++;
            }
        }
        long keyBins = (long) SEEDS * bins;
        for (int i = 0; i < rates.length; i++) {
            System.out.printf("mean %.2f/h: %d false alarms in %d bins%n", rates[i], alarms[i], keyBins);
        }
        for (int i = 0; i < rates.length; i++) {
            assertThat(alarms[i])
                    .as("false alarms at %.2f per hour in %d bins (seeds 1-%d)", rates[i], keyBins, SEEDS)
                    .isLessThanOrEqualTo(keyBins / 1_000);
        }
    }

    @Test
    void anAlertCarriesItsEvidenceAndProposesAnEscortForObstructedAccess() {
        var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
        for (int bin = 0; bin < WARM_UP_BINS; bin++) {
            assertThat(feedBin(detector, bin, OBSTRUCTED, 1)).isEmpty();
        }
        var alerts = feedBin(detector, WARM_UP_BINS, OBSTRUCTED, 8);

        assertThat(alerts).hasSize(1);
        var alert = alerts.getFirst();
        assertThat(alert.surgeKey()).isEqualTo(OBSTRUCTED);
        assertThat(alert.windowBins()).isEqualTo(1);
        assertThat(alert.count()).isEqualTo(8);
        assertThat(alert.baselineMean()).isEqualTo(1.0);
        assertThat(alert.baselineSd()).isEqualTo(0.0);
        assertThat(alert.baselineBins()).isEqualTo(168);
        assertThat(alert.expected()).isEqualTo(1.0);
        assertThat(alert.ratio()).isEqualTo(8.0);
        // P(X >= 8) for X ~ Binomial(8 + 168, 1/169), times the 5 windows tried.
        assertThat(alert.pValue()).isCloseTo(5 * 1.21020e-5, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(alert.cStatistic()).isEqualTo(7.0);
        assertThat(alert.model()).isEqualTo(SurgeAlert.CountModel.POISSON);
        Instant end = T0.plus(HOUR.multipliedBy(WARM_UP_BINS + 1));
        assertThat(alert.raisedAt()).isEqualTo(end);
        assertThat(alert.windowStart()).isEqualTo(end.minus(HOUR));
        assertThat(alert.summary())
                .startsWith("obstructed access incidents in zone BHAM-N at 8.0 times the weekly average: 8 in the"
                        + " 1 hour to " + end + " against 1.0 expected");
        assertThat(alert.key()).isEqualTo("surge:zone:BHAM-N:OBSTRUCTED_ACCESS");
        assertThat(alert.proposedAction()).hasValueSatisfying(action -> {
            assertThat(action.zone()).isEqualTo(ZoneId.of("BHAM-N"));
            assertThat(action.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
        });
    }

    @Test
    void aSurgeOfAnOrdinaryTypeProposesElevatedAndAnOrganisationsSurgeProposesNothing() {
        var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
        var alerts = new ArrayList<SurgeAlert>();
        for (int bin = 0; bin <= WARM_UP_BINS; bin++) {
            int n = bin < WARM_UP_BINS ? 1 : 9;
            Instant start = T0.plus(HOUR.multipliedBy(bin));
            for (int i = 0; i < n; i++) {
                alerts.addAll(detector.observe(start.plusSeconds(i), FALLS));
                alerts.addAll(detector.observe(start.plusSeconds(i), WMP_OBSTRUCTED));
            }
            alerts.addAll(detector.advanceTo(start.plus(HOUR)));
        }
        assertThat(alerts).extracting(SurgeAlert::surgeKey).containsExactly(FALLS, WMP_OBSTRUCTED);
        assertThat(alerts.get(0).proposedAction().orElseThrow().level()).isEqualTo(OperatingLevel.ELEVATED);
        assertThat(alerts.get(1).proposedAction()).isEmpty();
        assertThat(alerts.get(1).summary()).startsWith("obstructed access incidents in organisation WMP at 9.0 times");
    }

    @Test
    void fewerThanTheMinimumCountNeverAlarmsEvenAgainstAnEmptyBaseline() {
        var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
        detector.advanceTo(T0.plus(HOUR.multipliedBy(WARM_UP_BINS)));
        assertThat(feedBin(detector, WARM_UP_BINS, OBSTRUCTED, 2)).isEmpty();

        var fresh = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
        fresh.advanceTo(T0.plus(HOUR.multipliedBy(WARM_UP_BINS)));
        var alerts = feedBin(fresh, WARM_UP_BINS, OBSTRUCTED, 3);
        assertThat(alerts).hasSize(1);
        // Half an incident in a week of hours stands in for the empty baseline.
        assertThat(alerts.getFirst().expected()).isCloseTo(0.5 / 168, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(alerts.getFirst().summary())
                .as("so small an expectation is written with its figures, not as 0.0")
                .contains(": 3 in the 1 hour to ")
                .contains(" against 0.0030 expected (p = ");
    }

    @Test
    void aCountBelowTheMinimumRatioDoesNotAlarmHoweverUnlikely() {
        var config = SurgeConfig.DEFAULTS.withThresholds(3, 10);
        var detector = new SurgeDetector(config, T0);
        for (int bin = 0; bin < WARM_UP_BINS; bin++) feedBin(detector, bin, OBSTRUCTED, 1);
        assertThat(feedBin(detector, WARM_UP_BINS, OBSTRUCTED, 9)).isEmpty();
    }

    @Test
    void waitsForTheMinimumBaselineThenTestsAgainstWhatItHasSeen() {
        var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
        // The first bin testable has 24 baseline bins, 2 guard bins and the 24-bin longest window before it.
        int firstTestable = 24 + 2 + 24 - 1;
        for (int bin = 0; bin < firstTestable; bin++) {
            assertThat(feedBin(detector, bin, OBSTRUCTED, bin == firstTestable - 1 ? 20 : 1))
                    .isEmpty();
        }
        var alerts = feedBin(detector, firstTestable, OBSTRUCTED, 20);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().baselineBins()).isEqualTo(24);
        assertThat(alerts.getFirst().summary()).contains("times the daily average");
    }

    @Test
    void countsALateReportInTheOpenBinAndSkipsQuietStretches() {
        var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
        for (int bin = 0; bin < WARM_UP_BINS; bin++) feedBin(detector, bin, OBSTRUCTED, 1);
        Instant open = detector.openBinStart();
        // Eight reports dated an hour back arrive now: they count in the open bin.
        for (int i = 0; i < 8; i++)
            assertThat(detector.observe(open.minus(HOUR), OBSTRUCTED)).isEmpty();
        assertThat(detector.advanceTo(open.plus(HOUR))).hasSize(1);

        // A year of silence, then the same key again: old counts are forgotten, nothing alarms on the way.
        assertThat(detector.advanceTo(open.plus(Duration.ofDays(365)))).isEmpty();
        assertThat(detector.openBinStart()).isEqualTo(open.plus(Duration.ofDays(365)));
        assertThat(feedBin(detector, (int) (365 * 24 + WARM_UP_BINS), OBSTRUCTED, 2))
                .isEmpty();
    }

    @Test
    void theSameStreamGivesTheSameAlerts() {
        List<List<SurgeAlert>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            var random = new SplittableRandom(42);
            var detector = new SurgeDetector(SurgeConfig.DEFAULTS, T0);
            var alerts = new ArrayList<SurgeAlert>();
            for (int bin = 0; bin < 400; bin++) {
                alerts.addAll(feedBin(detector, bin, OBSTRUCTED, Streams.poisson(random, bin > 300 ? 6 : 2)));
            }
            runs.add(alerts);
        }
        assertThat(runs.get(0)).isNotEmpty().isEqualTo(runs.get(1));
    }

    @Test
    void refusesABadConfigurationNamingEveryFieldValueAndRule() {
        assertThatThrownBy(() -> new SurgeConfig(
                        Duration.ofSeconds(10), 168, 200, -1, new TreeSet<>(Set.of(0, 3)), 0.7, 0, 0.5, Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("binWidth='PT10S': must be whole seconds from 1 minute to 1 day")
                .hasMessageContaining("minBaselineBins='200': must be from 2 to baselineBins (168)")
                .hasMessageContaining("guardBins='-1'")
                .hasMessageContaining("windowBins='[0, 3]'")
                .hasMessageContaining("alpha='0.7'")
                .hasMessageContaining("minCount='0'")
                .hasMessageContaining("minRatio='0.5'");
        assertThat(SurgeConfig.DEFAULTS.escortTypes())
                .extracting(IncidentTypeCode::value)
                .contains("OBSTRUCTED_ACCESS", "PUBLIC_DISORDER")
                .doesNotContain("FALL", "THEFT_REPORT");
    }

    /** Feeds {@code count} incidents spread over one bin and closes it. */
    private static List<SurgeAlert> feedBin(SurgeDetector detector, int bin, SurgeKey key, int count) {
        Instant start = T0.plus(HOUR.multipliedBy(bin));
        var alerts = new ArrayList<SurgeAlert>();
        for (int i = 0; i < count; i++) {
            alerts.addAll(detector.observe(start.plusSeconds(i * 3_600L / Math.max(count, 1)), key));
        }
        alerts.addAll(detector.advanceTo(start.plus(HOUR)));
        return alerts;
    }
}
