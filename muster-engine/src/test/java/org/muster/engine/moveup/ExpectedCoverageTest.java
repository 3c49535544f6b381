package org.muster.engine.moveup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.muster.engine.moveup.ExpectedCoverage.Move;
import org.muster.engine.moveup.ExpectedCoverage.Plan;
import org.muster.engine.moveup.ExpectedCoverage.Problem;

/** Small hand-made regions where the best move is known, and the greedy step against brute force. */
class ExpectedCoverageTest {
    private static final long HOUR = 3_600_000;

    /**
     * Five points in a row; both units stand at the west station, covering points 0 and 1; the east
     * station covers 3 and 4. One of them should go east: the one with the shorter drive.
     */
    @Test
    void ofTwoUnitsAtOneStationTheNearerGoesToTheUncoveredEnd() {
        Problem p = new Problem(
                new double[] {1, 1, 1, 1, 1},
                new int[][] {{0, 1}, {0, 1}},
                new int[][] {{0, 1}, {3, 4}},
                new long[][] {{0, 600_000}, {0, 540_000}},
                0);
        Plan plan = ExpectedCoverage.plan(p, 3, HOUR, 0.01);
        assertThat(plan.moves()).containsExactly(new Move(1, 1, 540_000, 2));
        assertThat(plan.before()).isCloseTo(0.4, offset(1e-9));
        assertThat(plan.after()).isCloseTo(0.8, offset(1e-9));
    }

    /**
     * A busy region (q = 0.5): a second unit for the heavy point is worth more than the only unit for the
     * light one; in a quiet region (q = 0) the light point, uncovered, wins.
     */
    @Test
    void theBusyFractionDecidesBetweenDoublingHeavyDemandAndCoveringLightDemand() {
        double[] demand = {10, 1};
        int[][] units = {{0}, {}};
        int[][] sites = {{0}, {1}};
        long[][] millis = {{-1, -1}, {300_000, 300_000}};
        Plan busy = ExpectedCoverage.plan(new Problem(demand, units, sites, millis, 0.5), 1, HOUR, 0);
        assertThat(busy.moves()).singleElement().satisfies(m -> {
            assertThat(m.site()).isZero();
            assertThat(m.gain()).isCloseTo(10 * 0.5 * 0.5, offset(1e-9));
        });
        Plan quiet = ExpectedCoverage.plan(new Problem(demand, units, sites, millis, 0), 1, HOUR, 0);
        assertThat(quiet.moves())
                .singleElement()
                .satisfies(m -> assertThat(m.site()).isEqualTo(1));
    }

    @Test
    void aMoveTooLongOrImpossibleIsNotProposedAndNothingToGainProposesNothing() {
        Problem p = new Problem(
                new double[] {1, 1}, new int[][] {{0}}, new int[][] {{1}, {1}}, new long[][] {{-1, 2 * HOUR}}, 0);
        Plan plan = ExpectedCoverage.plan(p, 3, HOUR, 0);
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.after()).isEqualTo(plan.before()).isCloseTo(0.5, offset(1e-9));

        Problem covered =
                new Problem(new double[] {1}, new int[][] {{0}}, new int[][] {{0}}, new long[][] {{60_000}}, 0);
        assertThat(ExpectedCoverage.plan(covered, 3, HOUR, 0).moves()).isEmpty();
    }

    /** Each greedy step is the best single move there is: checked against trying every move, seeded. */
    @Test
    void theFirstMoveIsTheBestSingleMoveOnRandomRegions() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int cells = 3 + random.nextInt(12);
            int units = 1 + random.nextInt(5);
            int sites = 1 + random.nextInt(5);
            double q = random.nextInt(4) * 0.2;
            double[] demand = new double[cells];
            for (int c = 0; c < cells; c++) demand[c] = random.nextInt(10);
            int[][] unitCovers = new int[units][];
            for (int u = 0; u < units; u++) unitCovers[u] = someCells(random, cells);
            int[][] siteCovers = new int[sites][];
            for (int s = 0; s < sites; s++) siteCovers[s] = someCells(random, cells);
            long[][] millis = new long[units][sites];
            for (int u = 0; u < units; u++)
                for (int s = 0; s < sites; s++) millis[u][s] = random.nextInt(5) == 0 ? -1 : random.nextInt(1000);
            Problem p = new Problem(demand, unitCovers, siteCovers, millis, q);
            double bestGain = 0;
            for (int u = 0; u < units; u++) {
                for (int s = 0; s < sites; s++) {
                    if (millis[u][s] < 0) continue;
                    int[][] after = unitCovers.clone();
                    after[u] = siteCovers[s];
                    bestGain = Math.max(bestGain, expected(demand, after, q) - expected(demand, unitCovers, q));
                }
            }
            Plan plan = ExpectedCoverage.plan(p, 1, HOUR, 1e-6);
            final double best = bestGain;
            if (best <= 1e-6) {
                assertThat(plan.moves()).as("seed %d", seed).isEmpty();
            } else {
                assertThat(plan.moves())
                        .as("seed %d", seed)
                        .singleElement()
                        .satisfies(m -> assertThat(m.gain()).isCloseTo(best, offset(1e-9)));
                double total = java.util.Arrays.stream(demand).sum();
                assertThat(plan.after() - plan.before()).as("seed %d", seed).isCloseTo(best / total, offset(1e-9));
            }
        }
    }

    private static int[] someCells(SplittableRandom random, int cells) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < cells; c++) if (random.nextInt(3) == 0) out.add(c);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double expected(double[] demand, int[][] covers, double q) {
        int[] count = new int[demand.length];
        for (int[] cells : covers) for (int c : cells) count[c]++;
        double sum = 0;
        for (int c = 0; c < demand.length; c++) sum += demand[c] * (1 - Math.pow(q, count[c]));
        return sum;
    }
}
