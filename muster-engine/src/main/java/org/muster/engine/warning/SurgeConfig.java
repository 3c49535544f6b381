package org.muster.engine.warning;

import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;

/**
 * How the {@link SurgeDetector} decides that a count is a surge. See {@code docs/early-warning.md} for the
 * method and how the defaults were chosen.
 *
 * @param binWidth the length of one time bin; bins are aligned to multiples of it from the epoch (UTC), so
 *     hourly bins start on the hour. Default 1 hour.
 * @param baselineBins how many past bins make the baseline. Default 168 (one week of hours).
 * @param minBaselineBins a key is tested once the detector has watched this many baseline bins, so a newly
 *     started detector can warn long before a full week of history. The baseline ends before the longest
 *     window and the guard band, so with the defaults a key is first tested about 50 bins (hours) after the
 *     detector starts: 24 baseline bins, 2 guard bins and the 24-bin longest window. Default 24.
 * @param guardBins bins left out between the baseline and the tested window, so the start of a slowly
 *     building surge does not raise its own baseline (the EARS guard band). Default 2.
 * @param windowBins the lengths, in bins, of the windows tested at each bin's close, each ending with that
 *     bin: short windows catch a sudden burst, longer ones a sustained rise in a rare type. Default {1, 3,
 *     6, 12, 24}.
 * @param alpha the largest tail probability, after the Bonferroni adjustment for the windows tried, that
 *     raises an alert. Default 0.0002.
 * @param minCount the fewest incidents in the window that may raise an alert. Default 3.
 * @param minRatio the smallest ratio of the window's count to its baseline expectation that may raise an
 *     alert. Default 1.5.
 * @param escortTypes incident types whose surge in a zone proposes raising the zone to escort required
 *     (hostile or obstructed scenes); any other type's surge in a zone proposes elevated. Default: the
 *     types of the default catalogue with a hostile-crowd or unsafe-scene hazard.
 */
public record SurgeConfig(
        Duration binWidth,
        int baselineBins,
        int minBaselineBins,
        int guardBins,
        SortedSet<Integer> windowBins,
        double alpha,
        int minCount,
        double minRatio,
        Set<IncidentTypeCode> escortTypes) {

    /** The hazards that mark an incident type as hostile or obstructed. */
    public static final Set<Hazard> ESCORT_HAZARDS = Set.of(Hazard.HOSTILE_CROWD, Hazard.SCENE_UNSAFE);

    public static final SurgeConfig DEFAULTS = new SurgeConfig(
            Duration.ofHours(1),
            168,
            24,
            2,
            new TreeSet<>(Set.of(1, 3, 6, 12, 24)),
            0.0002,
            3,
            1.5,
            escortTypesOf(IncidentTypeCatalogue.defaults()));

    public SurgeConfig {
        var check = Check.collecting();
        if (binWidth == null) {
            check.add("binWidth", null, "is required");
        } else if (binWidth.compareTo(Duration.ofMinutes(1)) < 0
                || binWidth.compareTo(Duration.ofDays(1)) > 0
                || binWidth.toMillisPart() != 0
                || binWidth.getNano() != 0) {
            check.add("binWidth", binWidth, "must be whole seconds from 1 minute to 1 day");
        }
        if (baselineBins < 2 || baselineBins > 10_000) {
            check.add("baselineBins", baselineBins, "must be from 2 to 10000");
        }
        if (minBaselineBins < 2 || minBaselineBins > baselineBins) {
            check.add("minBaselineBins", minBaselineBins, "must be from 2 to baselineBins (" + baselineBins + ")");
        }
        if (guardBins < 0 || guardBins > 1_000) check.add("guardBins", guardBins, "must be from 0 to 1000");
        if (windowBins == null || windowBins.isEmpty()) {
            check.add("windowBins", windowBins, "must name at least one window length");
        } else if (hasNull(windowBins) || windowBins.first() < 1 || windowBins.last() > 1_000) {
            check.add("windowBins", windowBins, "window lengths must be from 1 to 1000 bins");
        } else {
            windowBins = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(windowBins));
        }
        if (!(alpha > 0 && alpha < 0.5)) check.add("alpha", alpha, "must be more than 0 and less than 0.5");
        if (minCount < 1) check.add("minCount", minCount, "must be at least 1");
        if (!(minRatio >= 1 && minRatio <= 1_000)) check.add("minRatio", minRatio, "must be from 1 to 1000");
        if (escortTypes == null || hasNull(escortTypes)) {
            check.add("escortTypes", escortTypes, "is required and may not contain null");
        } else {
            escortTypes = Set.copyOf(escortTypes);
        }
        check.throwIfAny();
    }

    // Some sets (TreeSet, Set.of) throw rather than answer contains(null).
    static boolean hasNull(java.util.Collection<?> values) {
        for (Object v : values) if (v == null) return true;
        return false;
    }

    /** The types in a catalogue that carry a hostile-crowd or unsafe-scene hazard. */
    public static Set<IncidentTypeCode> escortTypesOf(IncidentTypeCatalogue catalogue) {
        return catalogue.listTypes().stream()
                .filter(t -> t.hazards().stream().anyMatch(ESCORT_HAZARDS::contains))
                .map(t -> t.code())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The longest window tested, in bins. */
    public int maxWindowBins() {
        return windowBins.last();
    }

    public SurgeConfig withAlpha(double value) {
        return new SurgeConfig(
                binWidth, baselineBins, minBaselineBins, guardBins, windowBins, value, minCount, minRatio, escortTypes);
    }

    public SurgeConfig withWindowBins(SortedSet<Integer> value) {
        return new SurgeConfig(
                binWidth, baselineBins, minBaselineBins, guardBins, value, alpha, minCount, minRatio, escortTypes);
    }

    public SurgeConfig withBaseline(int bins, int minBins, int guard) {
        return new SurgeConfig(binWidth, bins, minBins, guard, windowBins, alpha, minCount, minRatio, escortTypes);
    }

    public SurgeConfig withThresholds(int count, double ratio) {
        return new SurgeConfig(
                binWidth, baselineBins, minBaselineBins, guardBins, windowBins, alpha, count, ratio, escortTypes);
    }

    public SurgeConfig withBinWidth(Duration value) {
        return new SurgeConfig(
                value, baselineBins, minBaselineBins, guardBins, windowBins, alpha, minCount, minRatio, escortTypes);
    }
}
