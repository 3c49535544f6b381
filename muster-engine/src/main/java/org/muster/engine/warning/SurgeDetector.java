package org.muster.engine.warning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.engine.warning.SurgeAlert.CountModel;

/**
 * Finds surges: for each {@link SurgeKey} (an incident type in a zone or an organisation), the count in
 * each time bin, and in the few bins before it, against that key's own lagged baseline.
 *
 * <p>The method, after the CDC's Early Aberration Reporting System (EARS C2: a lagged baseline with a
 * guard band), with its threshold taken from the count distribution rather than a normal approximation:
 *
 * <ol>
 *   <li>The baseline is the {@code baselineBins} bins ({@code n}) that end {@code guardBins} bins before the
 *       longest tested window starts; its total {@code s}, mean {@code m} and sample variance {@code v}
 *       describe the key's ordinary count per bin.
 *   <li>At each bin's close, each window of {@code w} bins ending there (by default 1, 3, 6, 12 and 24) is
 *       tested. Its count {@code x} is compared with the baseline by the exact conditional test for two
 *       Poisson rates: {@code P(Binomial(x + s, w/(w + n)) >= x)}, which allows for the baseline's mean
 *       being an estimate itself.
 *   <li>If the baseline is overdispersed — its index of dispersion {@code (n−1)v/m} above the 95% point of
 *       chi-squared with {@code n−1} degrees of freedom — the tail of a negative binomial with mean {@code
 *       w·m} and variance {@code w·v⁺} is also taken, {@code v⁺} being the upper 95% confidence limit of the
 *       variance, and the larger of the two tails is used.
 *   <li>The tail times the number of windows (Bonferroni) is the p-value. An alert is raised when it is at
 *       most {@code alpha}, the count is at least {@code minCount}, and the count is at least {@code
 *       minRatio} times the expectation {@code w·m}. When several windows qualify, the most significant is
 *       reported.
 * </ol>
 *
 * <p>Until the detector has watched {@code minBaselineBins} bins (about 50 hours with the defaults), a key
 * is judged against a configured {@link SurgeBaseline} instead, when one knows it: the expected count
 * {@code λ} of each window is taken as known, and the tail is the plain Poisson {@code P(Poisson(λ) >= x)},
 * with the same Bonferroni adjustment and thresholds. The alert says which baseline it used.
 *
 * <p>For the ratio and the words only, a baseline that saw nothing is taken to have seen half an incident,
 * so a type's first appearance reads as many times a small rate rather than infinitely many times zero.
 *
 * <p>Incremental: {@link #observe} counts an incident as it arrives and {@link #advanceTo} closes the bins
 * that time has passed, returning the alerts of each bin closed, in order. Deterministic: the detector
 * reads no clock; its time is the observations' and the caller's. Not thread-safe: one thread feeds it.
 */
public final class SurgeDetector {
    private final SurgeConfig config;
    private final SurgeBaseline configured;
    private final long binMillis;
    private long firstBin;
    private final int ringLength;
    private final Map<SurgeKey, Counts> byKey = new TreeMap<>();
    private long openBin;
    private long lastCountedBin = Long.MIN_VALUE / 2;

    /**
     * @param config the method's parameters
     * @param start when watching began: the bin holding it is the first counted, and earlier bins are
     *     unknown rather than empty, so no baseline reaches back before it
     */
    public SurgeDetector(SurgeConfig config, Instant start) {
        this(config, start, SurgeBaseline.none());
    }

    /**
     * @param config the method's parameters
     * @param start when watching began
     * @param configured expected counts to judge a key by until its own baseline is long enough
     */
    public SurgeDetector(SurgeConfig config, Instant start, SurgeBaseline configured) {
        this.config = Check.present("config", config);
        this.configured = Check.present("configured", configured);
        Check.present("start", start);
        this.binMillis = config.binWidth().toMillis();
        this.firstBin = Math.floorDiv(start.toEpochMilli(), binMillis);
        this.openBin = firstBin;
        this.ringLength = config.baselineBins() + config.guardBins() + config.maxWindowBins();
    }

    /**
     * What a snapshot keeps of the detector: its bins and, per key, the counts still in its ring.
     *
     * @param firstBin the first bin counted (earlier ones are unknown, not empty)
     */
    public record Memento(long firstBin, long openBin, long lastCountedBin, List<KeyCounts> keys) {
        public Memento {
            keys = List.copyOf(keys);
        }
    }

    /** One key's counts: {@code bins[i]} held {@code counts[i]} incidents. */
    public record KeyCounts(KeyName key, long lastBin, List<Long> bins, List<Integer> counts) {
        public KeyCounts {
            bins = List.copyOf(bins);
            counts = List.copyOf(counts);
        }
    }

    /**
     * A {@link SurgeKey} as plain data.
     *
     * @param zone the zone counted in, or empty when the whole organisation is
     */
    public record KeyName(
            java.util.Optional<org.muster.domain.organisation.ZoneId> zone,
            java.util.Optional<org.muster.domain.organisation.OrganisationId> organisation,
            org.muster.domain.incident.IncidentTypeCode type) {
        public static KeyName of(SurgeKey key) {
            return switch (key.scope()) {
                case Scope.InZone z -> new KeyName(Optional.of(z.zone()), Optional.empty(), key.type());
                case Scope.InOrganisation o -> new KeyName(Optional.empty(), Optional.of(o.organisation()), key.type());
            };
        }

        public SurgeKey toKey() {
            Scope scope = zone.<Scope>map(Scope::zone)
                    .orElseGet(() -> Scope.organisation(organisation.orElseThrow(
                            () -> new IllegalArgumentException("a surge key names a zone or an organisation"))));
            return SurgeKey.of(scope, type);
        }
    }

    /** The detector as it stands; only the thread that feeds it may call this. */
    public Memento memento() {
        List<KeyCounts> keys = new ArrayList<>();
        for (Map.Entry<SurgeKey, Counts> e : byKey.entrySet()) {
            Counts c = e.getValue();
            List<Long> bins = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (int slot = 0; slot < c.binOfSlot.length; slot++) {
                if (c.binOfSlot[slot] == Long.MIN_VALUE) continue;
                bins.add(c.binOfSlot[slot]);
                counts.add(c.countOfSlot[slot]);
            }
            keys.add(new KeyCounts(KeyName.of(e.getKey()), c.lastBin, bins, counts));
        }
        return new Memento(firstBin, openBin, lastCountedBin, keys);
    }

    /** Puts the detector back as {@code memento} has it. */
    public void restore(Memento memento) {
        firstBin = memento.firstBin();
        openBin = memento.openBin();
        lastCountedBin = memento.lastCountedBin();
        byKey.clear();
        for (KeyCounts k : memento.keys()) {
            Counts c = new Counts(ringLength);
            for (int i = 0; i < k.bins().size(); i++) {
                long bin = k.bins().get(i);
                int slot = (int) Math.floorMod(bin, (long) ringLength);
                c.binOfSlot[slot] = bin;
                c.countOfSlot[slot] = k.counts().get(i);
            }
            c.lastBin = k.lastBin();
            byKey.put(k.key().toKey(), c);
        }
    }

    public SurgeConfig config() {
        return config;
    }

    /** The start of the bin now being counted; every bin before it is closed. */
    public Instant openBinStart() {
        return Instant.ofEpochMilli(openBin * binMillis);
    }

    /**
     * Counts one incident. First closes every bin that ends at or before {@code at} and returns their
     * alerts. An incident from a bin already closed (a late report) is counted in the open bin: a closed
     * bin's verdict is never revised.
     */
    public List<SurgeAlert> observe(Instant at, SurgeKey key) {
        Check.present("at", at);
        Check.present("key", key);
        var alerts = advanceTo(at);
        byKey.computeIfAbsent(key, k -> new Counts(ringLength)).add(openBin);
        lastCountedBin = openBin;
        return alerts;
    }

    /**
     * Closes every bin that ends at or before {@code now} and returns the alerts raised, in bin order and
     * within a bin by key. A time before the open bin's end closes nothing.
     */
    public List<SurgeAlert> advanceTo(Instant now) {
        Check.present("now", now);
        long target = Math.floorDiv(now.toEpochMilli(), binMillis);
        var alerts = new ArrayList<SurgeAlert>();
        while (openBin < target) {
            // A bin whose windows hold no incident cannot alarm: skip quiet stretches in one step.
            if (openBin > lastCountedBin + config.maxWindowBins() - 1) {
                openBin = target;
                break;
            }
            close(openBin, alerts);
            openBin++;
        }
        return alerts;
    }

    private void close(long bin, List<SurgeAlert> alerts) {
        Iterator<Map.Entry<SurgeKey, Counts>> it = byKey.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            var counts = entry.getValue();
            if (counts.lastBin <= bin - ringLength) {
                it.remove(); // nothing left in its ring: it would start again from zero anyway
                continue;
            }
            if (counts.lastBin < bin - config.maxWindowBins() + 1) continue;
            test(entry.getKey(), counts, bin).ifPresent(alerts::add);
        }
    }

    private Optional<SurgeAlert> test(SurgeKey key, Counts counts, long bin) {
        long baselineLast = bin - config.maxWindowBins() - config.guardBins();
        long baselineFirst = Math.max(firstBin, baselineLast - config.baselineBins() + 1);
        int n = (int) (baselineLast - baselineFirst + 1);
        if (n < config.minBaselineBins()) return testAgainstConfigured(key, counts, bin);

        long sum = 0;
        long sumOfSquares = 0;
        for (long b = baselineFirst; b <= baselineLast; b++) {
            long c = counts.get(b);
            sum += c;
            sumOfSquares += c * c;
        }
        double mean = (double) sum / n;
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        boolean overdispersed =
                sum > 0 && variance > mean && (n - 1) * variance / mean > CountTails.chiSquared(n - 1, 0.95);
        // The sample variance of skewed counts is more often too small than too large; its upper 95%
        // confidence limit keeps the negative binomial's tail from being too light.
        double varianceUpper = (n - 1) * variance / CountTails.chiSquared(n - 1, 0.05);
        double expectedMean = sum > 0 ? mean : 0.5 / n;

        Candidate best = null;
        int windows = config.windowBins().size();
        for (int w : config.windowBins()) {
            long count = 0;
            for (long b = bin - w + 1; b <= bin; b++) count += counts.get(b);
            if (count < config.minCount()) continue;
            double expected = w * expectedMean;
            double ratio = count / expected;
            if (ratio < config.minRatio()) continue;
            double tail = CountTails.conditionalPoissonAtLeast(count, w, sum, n);
            if (overdispersed) {
                // The larger of the two: the negative binomial allows for the extra variance, the
                // conditional test for the baseline's mean being itself an estimate.
                tail = Math.max(tail, CountTails.negativeBinomialAtLeast(count, w * mean, w * varianceUpper));
            }
            double p = Math.min(1.0, tail * windows);
            if (p <= config.alpha() && (best == null || p < best.pValue)) {
                best = new Candidate(w, count, expected, ratio, p);
            }
        }
        if (best == null) return Optional.empty();
        return Optional.of(alert(key, bin, best, mean, variance, n, overdispersed, SurgeAlert.Baseline.HISTORY));
    }

    /** Each window against the configured baseline's expectation, taken as known: a plain Poisson tail. */
    private Optional<SurgeAlert> testAgainstConfigured(SurgeKey key, Counts counts, long bin) {
        Candidate best = null;
        double bestMean = 0;
        int windows = config.windowBins().size();
        Instant end = Instant.ofEpochMilli((bin + 1) * binMillis);
        for (int w : config.windowBins()) {
            var expectedCount = configured.expectedCount(key, Instant.ofEpochMilli((bin + 1 - w) * binMillis), end);
            if (expectedCount.isEmpty()) return Optional.empty();
            long count = 0;
            for (long b = bin - w + 1; b <= bin; b++) count += counts.get(b);
            if (count < config.minCount()) continue;
            // as with history, a baseline expecting nothing is taken to expect half an incident a week
            double expected = Math.max(expectedCount.getAsDouble(), w * 0.5 / config.baselineBins());
            double ratio = count / expected;
            if (ratio < config.minRatio()) continue;
            double p = Math.min(1.0, CountTails.poissonAtLeast(count, expected) * windows);
            if (p <= config.alpha() && (best == null || p < best.pValue)) {
                best = new Candidate(w, count, expected, ratio, p);
                bestMean = expected / w;
            }
        }
        if (best == null) return Optional.empty();
        return Optional.of(alert(key, bin, best, bestMean, bestMean, 0, false, SurgeAlert.Baseline.CONFIGURED));
    }

    private SurgeAlert alert(
            SurgeKey key,
            long bin,
            Candidate c,
            double mean,
            double variance,
            int n,
            boolean overdispersed,
            SurgeAlert.Baseline baseline) {
        double sd = Math.sqrt(variance);
        double cSd = Math.max(sd, Math.sqrt(c.expected / c.windowBins));
        double cStatistic = (c.count - c.expected) / (cSd * Math.sqrt(c.windowBins));
        Instant end = Instant.ofEpochMilli((bin + 1) * binMillis);
        Instant start = Instant.ofEpochMilli((bin + 1 - c.windowBins) * binMillis);
        Duration window = config.binWidth().multipliedBy(c.windowBins);
        String against = baseline == SurgeAlert.Baseline.CONFIGURED
                ? "configured baseline (too little history yet)"
                : Words.average(config.binWidth().multipliedBy(n));
        String summary = Words.type(key.type()) + " incidents in " + key.scope().describe() + " at "
                + Words.number(c.ratio) + " times the " + against + ": " + c.count + " in the "
                + Words.duration(window) + " to " + end + " against " + Words.expected(c.expected) + " expected (p = "
                + Words.probability(c.pValue) + ")";
        return new SurgeAlert(
                key,
                start,
                end,
                c.windowBins,
                c.count,
                mean,
                sd,
                n,
                c.expected,
                c.ratio,
                c.pValue,
                cStatistic,
                overdispersed ? CountModel.NEGATIVE_BINOMIAL : CountModel.POISSON,
                baseline,
                summary,
                proposal(key, summary));
    }

    private Optional<ProposedAction> proposal(SurgeKey key, String summary) {
        if (!(key.scope() instanceof Scope.InZone zone)) return Optional.empty();
        var level =
                config.escortTypes().contains(key.type()) ? OperatingLevel.ESCORT_REQUIRED : OperatingLevel.ELEVATED;
        return Optional.of(ProposedAction.raiseZone(zone.zone(), level, summary));
    }

    private record Candidate(int windowBins, long count, double expected, double ratio, double pValue) {}

    /** One key's counts for the last {@code ringLength} bins, in a ring indexed by bin. */
    private static final class Counts {
        private final long[] binOfSlot;
        private final int[] countOfSlot;
        private long lastBin = Long.MIN_VALUE;

        Counts(int length) {
            binOfSlot = new long[length];
            countOfSlot = new int[length];
            java.util.Arrays.fill(binOfSlot, Long.MIN_VALUE);
        }

        void add(long bin) {
            int slot = (int) Math.floorMod(bin, (long) binOfSlot.length);
            if (binOfSlot[slot] != bin) {
                binOfSlot[slot] = bin;
                countOfSlot[slot] = 0;
            }
            countOfSlot[slot]++;
            lastBin = Math.max(lastBin, bin);
        }

        long get(long bin) {
            int slot = (int) Math.floorMod(bin, (long) binOfSlot.length);
            return binOfSlot[slot] == bin ? countOfSlot[slot] : 0;
        }
    }
}
