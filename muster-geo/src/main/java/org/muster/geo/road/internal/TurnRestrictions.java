package org.muster.geo.road.internal;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.TurnCostStorage;
import com.graphhopper.util.EdgeExplorer;
import com.graphhopper.util.EdgeIterator;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The turns one profile may not take: pairs of GraphHopper edges (in, out) at a junction, as GraphHopper
 * imported them from OpenStreetMap's {@code type=restriction} relations (a {@code no_*} restriction forbids
 * its turn, an {@code only_*} one every other turn from its way). Read once per profile from the graph's
 * turn-cost storage through the profile's own weighting, so exactly the turns GraphHopper's turn-aware
 * routing refuses are refused here.
 *
 * <p>Only junctions with a forbidden turn are listed (a few per thousand in a real extract): the searches
 * keep one label per junction elsewhere, and one per way out (or in) at these.
 *
 * <p>Immutable.
 */
public final class TurnRestrictions {
    public static final TurnRestrictions NONE =
            new TurnRestrictions(new IntIntMap(1), new int[] {0}, new long[0], new int[] {0}, new long[0]);

    private final IntIntMap slotByJunction;
    private final int[] pairStart;
    /** Per forbidden turn: the in edge in the high 32 bits, the out edge in the low. */
    private final long[] pairs;

    private final int[] copyStart;
    /** Per restricted junction, its edges' copies: the edge in the high 32 bits, a copy of it in the low. */
    private final long[] copies;

    private TurnRestrictions(IntIntMap slotByJunction, int[] pairStart, long[] pairs, int[] copyStart, long[] copies) {
        this.slotByJunction = slotByJunction;
        this.pairStart = pairStart;
        this.pairs = pairs;
        this.copyStart = copyStart;
        this.copies = copies;
    }

    /**
     * The turns {@code weighting} forbids (an infinite turn weight) among those the graph stores; none when
     * the weighting has no turn costs. Not thread-safe with respect to the weighting.
     */
    public static TurnRestrictions read(BaseGraph graph, Weighting weighting) {
        TurnCostStorage storage = graph.getTurnCostStorage();
        if (!weighting.hasTurnCosts() || storage == null) return NONE;
        long[] found = new long[16];
        int[] via = new int[16];
        int count = 0;
        TurnCostStorage.Iterator turn = storage.getAllTurnCosts();
        while (turn.next()) {
            int from = turn.getFromEdge();
            int node = turn.getViaNode();
            int to = turn.getToEdge();
            if (from == to || Double.isFinite(weighting.calcTurnWeight(from, node, to))) continue;
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
                via = Arrays.copyOf(via, count * 2);
            }
            found[count] = pair(from, to);
            via[count++] = node;
        }
        TurnRestrictions turns = of(Arrays.copyOf(via, count), Arrays.copyOf(found, count));
        return turns.withCopies(graph);
    }

    /**
     * GraphHopper imports a restriction through a whole way ({@code via} a way) by adding copies of that
     * way's edges, with the restriction on some of them. A route point on such a road may stand on either
     * copy, so GraphHopper lets a route that starts or ends there turn as the most permissive copy allows;
     * the searches do the same, so they need each restricted junction's copies.
     */
    private TurnRestrictions withCopies(BaseGraph graph) {
        if (isEmpty()) return this;
        int junctions = slotByJunction.size();
        LongStream.Builder found = LongStream.builder();
        int[] start = new int[junctions + 1];
        EdgeExplorer around = graph.createEdgeExplorer();
        EdgeExplorer explorer = graph.createEdgeExplorer();
        int[] vias = slotByJunction.keysBySlot();
        int[] count = {0};
        for (int slot = 0; slot < junctions; slot++) {
            int via = vias[slot];
            EdgeIterator edge = around.setBaseNode(via);
            while (edge.next()) {
                int e = edge.getEdge();
                graph.forEdgeAndCopiesOfEdge(explorer, via, e, copy -> {
                    if (copy == e) return;
                    found.add(pair(e, copy));
                    count[0]++;
                });
            }
            start[slot + 1] = count[0];
        }
        if (count[0] == 0) return this;
        return new TurnRestrictions(
                slotByJunction, pairStart, pairs, start, found.build().toArray());
    }

    /**
     * Whether a route that starts or ends part-way along {@code edge} may turn at {@code node} as {@code
     * forbids(in, node, out)} asks with that edge in place of {@code in} (when {@code edgeIsIn}) or {@code
     * out}: allowed when the edge or any copy of it may.
     */
    public boolean allowsFromEdgeOrCopy(int edge, int node, int other, boolean edgeIsIn) {
        if (edgeIsIn ? !forbids(edge, node, other) : !forbids(other, node, edge)) return true;
        int slot = slotByJunction.get(node);
        if (slot == IntIntMap.ABSENT) return true;
        for (int i = copyStart[slot], end = copyStart[slot + 1]; i < end; i++) {
            if ((int) (copies[i] >>> 32) != edge) continue;
            int copy = (int) copies[i];
            if (edgeIsIn ? !forbids(copy, node, other) : !forbids(other, node, copy)) return true;
        }
        return false;
    }

    /** The copies of {@code edge} at restricted junction {@code node} (not the edge itself). */
    public int[] copiesOf(int node, int edge) {
        int slot = slotByJunction.get(node);
        if (slot == IntIntMap.ABSENT) return new int[0];
        return Arrays.stream(copies, copyStart[slot], copyStart[slot + 1])
                .filter(c -> (int) (c >>> 32) == edge)
                .mapToInt(c -> (int) c)
                .toArray();
    }

    /** The set of forbidden turns {@code (ins[i] at vias[i] into outs[i])}, for tests. */
    static TurnRestrictions of(int[] vias, int[] ins, int[] outs) {
        long[] pairs = new long[vias.length];
        for (int i = 0; i < vias.length; i++) pairs[i] = pair(ins[i], outs[i]);
        return of(vias, pairs);
    }

    private static TurnRestrictions of(int[] vias, long[] pairs) {
        if (vias.length == 0) return NONE;
        IntIntMap slots = new IntIntMap(vias.length);
        int[] counts = new int[vias.length + 1];
        for (int via : vias) {
            int slot = slots.get(via);
            if (slot == IntIntMap.ABSENT) {
                slot = slots.size();
                slots.put(via, slot);
            }
            counts[slot + 1]++;
        }
        int junctions = slots.size();
        int[] start = new int[junctions + 1];
        for (int s = 0; s < junctions; s++) start[s + 1] = start[s] + counts[s + 1];
        long[] sorted = new long[pairs.length];
        int[] next = Arrays.copyOf(start, junctions);
        for (int i = 0; i < vias.length; i++) sorted[next[slots.get(vias[i])]++] = pairs[i];
        return new TurnRestrictions(slots, start, sorted, new int[junctions + 1], new long[0]);
    }

    private static long pair(int in, int out) {
        return ((long) in << 32) | (out & 0xFFFFFFFFL);
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** How many turns are forbidden. */
    public int size() {
        return pairs.length;
    }

    /** How many junctions have a forbidden turn. */
    public int junctionCount() {
        return slotByJunction.size();
    }

    /** Whether some turn at {@code node} is forbidden: the searches must then know the way in or out. */
    public boolean restricts(int node) {
        return slotByJunction.get(node) != IntIntMap.ABSENT;
    }

    /** Whether driving along edge {@code in} into {@code node} and on along edge {@code out} is forbidden. */
    public boolean forbids(int in, int node, int out) {
        int slot = slotByJunction.get(node);
        if (slot == IntIntMap.ABSENT) return false;
        long wanted = pair(in, out);
        for (int i = pairStart[slot], end = pairStart[slot + 1]; i < end; i++) {
            if (pairs[i] == wanted) return true;
        }
        return false;
    }
}
