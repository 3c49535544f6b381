package org.muster.engine.warning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.muster.geo.cell.CellIndex;

/**
 * Kulldorff's prospective space–time permutation scan statistic (Kulldorff et al., 2005), over H3 cells.
 *
 * <p>Candidate clusters are cylinders: a disc of cells (a cell with cases and its neighbours within 0 to
 * {@code maxRingK} steps) over a window of the latest 1 to {@code maxWindowBins} bins. A cylinder's
 * expected count is {@code (cases in the disc over the study period) × (cases anywhere in the window) /
 * (all cases)}: each cell is compared with its own history, and a rise everywhere at once (a surge) is not
 * a cluster. Its statistic is the Poisson log-likelihood ratio {@code c ln(c/μ) + (N−c) ln((N−c)/(N−μ))}
 * for {@code c > μ}. The most likely cluster is the cylinder with the largest statistic.
 *
 * <p>Its significance is found by Monte Carlo: the cases' times are shuffled among them (which keeps both
 * every cell's total and every window's total), the largest statistic is found again, and the p-value is
 * {@code (1 + replicas at least as large) / (1 + replications)}. The replicas stop early once the p-value
 * can no longer reach {@code alpha} (Besag and Clifford, 1991). Further clusters are reported in order of
 * their statistic, each not overlapping those before it, against the same replicas (as SaTScan does, which
 * is conservative for them).
 */
final class SpaceTimeScan {
    private SpaceTimeScan() {}

    /** What to scan for: the subset of {@link HotspotConfig} the scan itself uses. */
    record Parameters(
            int maxRingK,
            int maxWindowBins,
            int replications,
            double alpha,
            int minCases,
            double minRatio,
            int maxClusters) {
        static Parameters of(HotspotConfig c) {
            return new Parameters(
                    c.maxRingK(),
                    c.maxWindowBins(),
                    c.replications(),
                    c.alpha(),
                    c.minCases(),
                    c.minRatio(),
                    c.maxClusters());
        }
    }

    /**
     * A significant cluster.
     *
     * @param centre the centre cell
     * @param ringK the disc's radius in steps
     * @param disc every cell of the disc, in H3 order
     * @param windowBins the window's length; it ends with the latest bin
     */
    record Cluster(
            long centre,
            int ringK,
            long[] disc,
            int windowBins,
            int count,
            double expected,
            double logLikelihoodRatio,
            double pValue) {}

    /**
     * Scans the cases for clusters that end with the latest bin.
     *
     * @param grid the grid the cells belong to, for their neighbours
     * @param cells each case's H3 cell
     * @param ages each case's age in bins: 0 for the latest bin
     * @return the significant clusters, most likely first; empty if none
     */
    static List<Cluster> scan(CellIndex grid, long[] cells, int[] ages, Parameters p, RandomGenerator random) {
        if (cells.length != ages.length) throw new IllegalArgumentException("a cell and an age for each case");
        int n = cells.length;
        if (n == 0) return List.of();
        long[] distinct = Arrays.stream(cells).distinct().sorted().toArray();
        Map<Long, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < distinct.length; i++) indexOf.put(distinct[i], i);
        int[] cellOfCase = new int[n];
        int[] casesInCell = new int[distinct.length];
        for (int i = 0; i < n; i++) {
            cellOfCase[i] = indexOf.get(cells[i]);
            casesInCell[cellOfCase[i]]++;
        }
        int window = p.maxWindowBins();
        int[] casesInWindow = new int[window + 1]; // [w]: cases younger than w bins
        for (int age : ages) {
            for (int w = age + 1; w <= window; w++) casesInWindow[w]++;
        }

        var discs = discs(grid, distinct, indexOf, casesInCell, p.maxRingK());
        // expected[d][w] is fixed under permutation: both the disc's total and the window's total are kept.
        double[][] expected = new double[discs.size()][window + 1];
        for (int d = 0; d < discs.size(); d++) {
            for (int w = 1; w <= window; w++) expected[d][w] = (double) discs.get(d).cases * casesInWindow[w] / n;
        }

        int[][] observed = counts(cellOfCase, ages, distinct.length, discs, window);
        double best = maxStatistic(observed, expected, n, p);
        if (best <= 0) return List.of();

        // p <= alpha exactly when no more than this many replicas reach the observed statistic.
        int allowed = (int) Math.floor(p.alpha() * (p.replications() + 1) - 1 + 1e-9);
        double[] replicaMaxima = new double[p.replications()];
        int atLeastBest = 0;
        int[] shuffled = ages.clone();
        for (int r = 0; r < p.replications(); r++) {
            shuffle(shuffled, random);
            replicaMaxima[r] =
                    maxStatistic(counts(cellOfCase, shuffled, distinct.length, discs, window), expected, n, p);
            if (replicaMaxima[r] >= best && ++atLeastBest > allowed) return List.of();
        }
        return clusters(observed, discs, expected, n, replicaMaxima, p);
    }

    /** A candidate disc: its centre and radius, every cell in it, and the indices of those with cases. */
    private record Disc(long centre, int ringK, long[] cells, int[] members, int cases) {}

    private static List<Disc> discs(
            CellIndex grid, long[] distinct, Map<Long, Integer> indexOf, int[] casesInCell, int maxRingK) {
        var discs = new ArrayList<Disc>();
        Set<String> seen = new HashSet<>();
        for (long centre : distinct) {
            for (int k = 0; k <= maxRingK; k++) {
                long[] all = grid.listDisk(centre, k).stream()
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
                int[] members = Arrays.stream(all)
                        .filter(indexOf::containsKey)
                        .mapToInt(c -> indexOf.get(c))
                        .sorted()
                        .toArray();
                // A wider disc that takes in no new case is the same candidate with empty cells added.
                if (!seen.add(Arrays.toString(members))) continue;
                int cases = 0;
                for (int m : members) cases += casesInCell[m];
                discs.add(new Disc(centre, k, all, members, cases));
            }
        }
        return discs;
    }

    /** The cases in every disc and window ({@code [disc][w]}: younger than {@code w} bins). */
    private static int[][] counts(int[] cellOfCase, int[] ages, int cellCount, List<Disc> discs, int window) {
        int[][] inCell = new int[cellCount][window + 1];
        for (int i = 0; i < cellOfCase.length; i++) {
            if (ages[i] < window) inCell[cellOfCase[i]][ages[i] + 1]++;
        }
        for (int[] row : inCell) {
            for (int w = 2; w <= window; w++) row[w] += row[w - 1];
        }
        int[][] counts = new int[discs.size()][window + 1];
        for (int d = 0; d < discs.size(); d++) {
            for (int m : discs.get(d).members) {
                for (int w = 1; w <= window; w++) counts[d][w] += inCell[m][w];
            }
        }
        return counts;
    }

    /** The largest statistic of any eligible cylinder; 0 if none is eligible. */
    private static double maxStatistic(int[][] counts, double[][] expected, int n, Parameters p) {
        double best = 0;
        for (int d = 0; d < counts.length; d++) {
            for (int w = 1; w < counts[d].length; w++) {
                best = Math.max(best, logLikelihoodRatio(counts[d][w], expected[d][w], n, p));
            }
        }
        return best;
    }

    static double logLikelihoodRatio(int c, double mu, int n, Parameters p) {
        if (c < p.minCases() || !(c > mu) || c < p.minRatio() * mu) return 0;
        double inside = c * Math.log(c / mu);
        double outside = c == n ? 0 : (n - c) * Math.log((n - c) / (n - mu));
        return inside + outside;
    }

    private static List<Cluster> clusters(
            int[][] observed, List<Disc> discs, double[][] expected, int n, double[] replicaMaxima, Parameters p) {
        record Candidate(int disc, int window, double llr) {}
        var candidates = new ArrayList<Candidate>();
        for (int d = 0; d < observed.length; d++) {
            for (int w = 1; w < observed[d].length; w++) {
                double llr = logLikelihoodRatio(observed[d][w], expected[d][w], n, p);
                if (llr > 0) candidates.add(new Candidate(d, w, llr));
            }
        }
        // Ties broken by disc then window so the result does not depend on the sort's stability.
        candidates.sort(Comparator.comparingDouble(Candidate::llr)
                .reversed()
                .thenComparingInt(Candidate::disc)
                .thenComparingInt(Candidate::window));
        var found = new ArrayList<Cluster>();
        Set<Long> taken = new HashSet<>();
        for (var c : candidates) {
            if (found.size() >= p.maxClusters()) break;
            double pValue = pValue(c.llr(), replicaMaxima);
            if (pValue > p.alpha()) break; // the rest have smaller statistics still
            var disc = discs.get(c.disc());
            if (Arrays.stream(disc.cells).anyMatch(taken::contains)) continue;
            Arrays.stream(disc.cells).forEach(taken::add);
            found.add(new Cluster(
                    disc.centre,
                    disc.ringK,
                    disc.cells,
                    c.window(),
                    observed[c.disc()][c.window()],
                    expected[c.disc()][c.window()],
                    c.llr(),
                    pValue));
        }
        return found;
    }

    private static double pValue(double llr, double[] replicaMaxima) {
        int atLeast = 0;
        for (double m : replicaMaxima) if (m >= llr) atLeast++;
        return (1.0 + atLeast) / (replicaMaxima.length + 1);
    }

    /** Fisher–Yates. */
    private static void shuffle(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
