package org.muster.engine.coverage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.Reach;
import org.muster.geo.road.Reached;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.SnappedLocation;

/**
 * The cells one unit reaches from where it is, for each standard of its agency: one forward search to the
 * longest target, along no closed road, its cells listed fastest first, so each standard's cells are a prefix of the list.
 *
 * @param cellsByTime cell numbers, fastest first
 * @param countWithin per standard (in the order given), how many of {@code cellsByTime} lie within its target
 * @param bounds the rectangle of the junctions the search reached, to tell whether a change of closures
 *     could change it
 */
record UnitReach(int[] cellsByTime, int[] countWithin, Optional<GeoBounds> bounds) {
    static final UnitReach NOTHING = new UnitReach(new int[0], new int[0], Optional.empty());

    /** Whether opening or closing the stretches of {@code closed} could change what the unit reaches. */
    boolean touches(ClosedRoads closed) {
        return bounds.map(closed::hasEndWithin).orElse(false);
    }

    static UnitReach search(
            DemandCells cells,
            RoadProfile profile,
            List<CoverageStandard> standards,
            SnappedLocation at,
            ClosedRoads closed) {
        long maxMillis = 0;
        for (CoverageStandard s : standards) maxMillis = Math.max(maxMillis, s.targetMillis());
        Reach reach = cells.network().reach(at, profile, Duration.ofMillis(maxMillis), closed);
        List<Reached<Integer>> reached = reach.listReached(cells.index());
        int[] byTime = new int[reached.size()];
        long[] millis = new long[reached.size()];
        for (int i = 0; i < byTime.length; i++) {
            byTime[i] = reached.get(i).key();
            millis[i] = reached.get(i).travelTimeMillis();
        }
        int[] within = new int[standards.size()];
        for (int k = 0; k < within.length; k++)
            within[k] = prefixWithin(millis, standards.get(k).targetMillis());
        return new UnitReach(byTime, within, Optional.of(reach.bounds()));
    }

    /** How many of the ascending {@code millis} are at most {@code limit}. */
    private static int prefixWithin(long[] millis, long limit) {
        int lo = 0, hi = millis.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (millis[mid] <= limit) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
