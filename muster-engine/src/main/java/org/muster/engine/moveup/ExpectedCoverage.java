package org.muster.engine.moveup;

import java.util.ArrayList;
import java.util.List;
import org.muster.domain.Check;

/**
 * The relocation problem's greedy core (DMEXCLP, Jagtenberg, Bhulai and van der Mei 2015): demand points
 * weighted by demand, units each covering the points they reach within target from where they stand,
 * sites (stations, standby points) each covering the points reached from there; a unit is busy when a
 * call comes with probability {@code busyFraction}, so a point covered by {@code k} units is served in
 * time with probability {@code 1 - q^k}. One move at a time, take the unit-to-site move that adds the most
 * expected covered demand, until no move adds at least {@code minGain} or {@code maxMoves} are taken; each
 * unit moves at most once, and only where it can drive within {@code maxMoveMillis}. Ties go to the
 * shorter move. Pure arithmetic over arrays: the same answer for the same input.
 */
public final class ExpectedCoverage {
    private ExpectedCoverage() {}

    /**
     * One proposed move.
     *
     * @param unit the unit's index in the input
     * @param site the site's index
     * @param travelMillis how long the move takes
     * @param gain the expected covered demand it adds, in demand units
     */
    public record Move(int unit, int site, long travelMillis, double gain) {}

    /**
     * The moves and what they buy.
     *
     * @param before expected covered demand as the units stand, as a share of all demand (0 to 1)
     * @param after the same once the moves are made
     */
    public record Plan(double before, double after, List<Move> moves) {
        public Plan {
            moves = List.copyOf(moves);
        }
    }

    /**
     * The input, by index.
     *
     * @param demand each point's weight, at least 0
     * @param unitCovers for each unit, the points it covers from where it stands
     * @param siteCovers for each site, the points covered from it
     * @param moveMillis {@code [unit][site]}: the unit's travel time to the site, negative when it cannot go
     * @param busyFraction q, in [0, 1)
     */
    public record Problem(
            double[] demand, int[][] unitCovers, int[][] siteCovers, long[][] moveMillis, double busyFraction) {
        public Problem {
            Check.range("busyFraction", busyFraction, 0, 0.99);
            if (moveMillis.length != unitCovers.length)
                throw new IllegalArgumentException("moveMillis needs a row per unit");
        }
    }

    /** The greedy plan; see the class comment. */
    public static Plan plan(Problem p, int maxMoves, long maxMoveMillis, double minGain) {
        int[] count = new int[p.demand().length];
        for (int[] cells : p.unitCovers()) for (int c : cells) count[c]++;
        double total = 0;
        for (double d : p.demand()) total += d;
        double before = expected(p.demand(), count, p.busyFraction());
        boolean[] moved = new boolean[p.unitCovers().length];
        int[][] covers = p.unitCovers().clone();
        List<Move> moves = new ArrayList<>();
        boolean[] mark = new boolean[p.demand().length];
        while (moves.size() < maxMoves) {
            Move best = null;
            for (int u = 0; u < covers.length; u++) {
                if (moved[u]) continue;
                for (int c : covers[u]) mark[c] = true;
                double loss = 0;
                for (int c : covers[u]) loss += p.demand()[c] * marginal(count[c] - 1, p.busyFraction());
                for (int s = 0; s < p.siteCovers().length; s++) {
                    long millis = p.moveMillis()[u][s];
                    if (millis < 0 || millis > maxMoveMillis) continue;
                    double gain = -loss;
                    for (int c : p.siteCovers()[s]) {
                        // a point the unit covers already stays covered as it was
                        gain += mark[c]
                                ? p.demand()[c] * marginal(count[c] - 1, p.busyFraction())
                                : p.demand()[c] * marginal(count[c], p.busyFraction());
                    }
                    if (best == null
                            || gain > best.gain() + 1e-9
                            || (Math.abs(gain - best.gain()) <= 1e-9 && millis < best.travelMillis()))
                        best = new Move(u, s, millis, gain);
                }
                for (int c : covers[u]) mark[c] = false;
            }
            if (best == null || best.gain() < minGain || best.gain() <= 1e-9) break;
            for (int c : covers[best.unit()]) count[c]--;
            covers[best.unit()] = p.siteCovers()[best.site()];
            for (int c : covers[best.unit()]) count[c]++;
            moved[best.unit()] = true;
            moves.add(best);
        }
        double after = expected(p.demand(), count, p.busyFraction());
        return new Plan(total == 0 ? 0 : before / total, total == 0 ? 0 : after / total, moves);
    }

    /** What the {@code k+1}-th unit covering a point adds to its chance of being served in time. */
    private static double marginal(int k, double q) {
        return Math.pow(q, k) * (1 - q);
    }

    private static double expected(double[] demand, int[] count, double q) {
        double sum = 0;
        for (int c = 0; c < demand.length; c++) sum += demand[c] * (1 - Math.pow(q, count[c]));
        return sum;
    }
}
