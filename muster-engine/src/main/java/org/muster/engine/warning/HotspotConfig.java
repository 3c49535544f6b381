package org.muster.engine.warning;

import java.time.Duration;
import java.util.Set;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentTypeCode;

/**
 * How the {@link HotspotDetector} looks for space–time clusters. See {@code docs/early-warning.md}.
 *
 * @param h3Resolution the H3 resolution of the cells counted. Default 8 (cells of about 0.74 km², edges of
 *     about 460 m: a few streets).
 * @param maxRingK clusters are a cell and its neighbours within 0 to {@code maxRingK} steps. Default 1 (up
 *     to 7 cells, about 5 km²).
 * @param binWidth the length of one time bin, aligned to multiples of it from the epoch. Default 1 hour.
 * @param studyBins how many bins of history the scan compares the recent ones with. Default 168 (a week).
 * @param maxWindowBins clusters last the latest 1 to {@code maxWindowBins} bins. Default 6.
 * @param replications random permutations for the Monte Carlo p-value; the smallest p-value possible is
 *     {@code 1 / (replications + 1)}. Default 999.
 * @param alpha the largest p-value that raises an alert; at least {@code 1 / (replications + 1)}. Default
 *     0.001: with hourly scans, one false alarm in about six weeks of a quiet area.
 * @param minCases the fewest incidents a cluster may hold. Default 3.
 * @param minRatio the smallest ratio of a cluster's count to its expectation. Default 2.
 * @param maxClusters the most clusters reported by one scan (the most likely first, then others not
 *     overlapping it). Default 3.
 * @param types the incident types scanned. Default: the hostile or obstructed types of {@link
 *     SurgeConfig#DEFAULTS}.
 */
public record HotspotConfig(
        int h3Resolution,
        int maxRingK,
        Duration binWidth,
        int studyBins,
        int maxWindowBins,
        int replications,
        double alpha,
        int minCases,
        double minRatio,
        int maxClusters,
        Set<IncidentTypeCode> types) {

    public static final HotspotConfig DEFAULTS = new HotspotConfig(
            8, 1, Duration.ofHours(1), 168, 6, 999, 0.001, 3, 2.0, 3, SurgeConfig.DEFAULTS.escortTypes());

    public HotspotConfig {
        var check = Check.collecting();
        if (h3Resolution < 0 || h3Resolution > 15) check.add("h3Resolution", h3Resolution, "must be from 0 to 15");
        if (maxRingK < 0 || maxRingK > 5) check.add("maxRingK", maxRingK, "must be from 0 to 5");
        if (binWidth == null) {
            check.add("binWidth", null, "is required");
        } else if (binWidth.compareTo(Duration.ofMinutes(1)) < 0
                || binWidth.compareTo(Duration.ofDays(1)) > 0
                || binWidth.toMillisPart() != 0
                || binWidth.getNano() != 0) {
            check.add("binWidth", binWidth, "must be whole seconds from 1 minute to 1 day");
        }
        if (maxWindowBins < 1) check.add("maxWindowBins", maxWindowBins, "must be at least 1");
        if (studyBins < 2 * Math.max(1, maxWindowBins) || studyBins > 10_000) {
            check.add("studyBins", studyBins, "must be from twice maxWindowBins (" + 2 * maxWindowBins + ") to 10000");
        }
        if (replications < 9 || replications > 99_999) {
            check.add("replications", replications, "must be from 9 to 99999");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            check.add("alpha", alpha, "must be more than 0 and less than 0.5");
        } else if (replications >= 9 && alpha * (replications + 1) < 1) {
            check.add(
                    "alpha",
                    alpha,
                    "must be at least 1 / (replications + 1) = " + 1.0 / (replications + 1) + ", the smallest p-value "
                            + replications + " replications can give");
        }
        if (minCases < 1) check.add("minCases", minCases, "must be at least 1");
        if (!(minRatio >= 1 && minRatio <= 1_000)) check.add("minRatio", minRatio, "must be from 1 to 1000");
        if (maxClusters < 1 || maxClusters > 100) check.add("maxClusters", maxClusters, "must be from 1 to 100");
        if (types == null || SurgeConfig.hasNull(types)) {
            check.add("types", types, "is required and may not contain null");
        } else {
            types = Set.copyOf(types);
        }
        check.throwIfAny();
    }

    public HotspotConfig withReplications(int count, double significance) {
        return new HotspotConfig(
                h3Resolution,
                maxRingK,
                binWidth,
                studyBins,
                maxWindowBins,
                count,
                significance,
                minCases,
                minRatio,
                maxClusters,
                types);
    }

    public HotspotConfig withTypes(Set<IncidentTypeCode> value) {
        return new HotspotConfig(
                h3Resolution,
                maxRingK,
                binWidth,
                studyBins,
                maxWindowBins,
                replications,
                alpha,
                minCases,
                minRatio,
                maxClusters,
                value);
    }
}
