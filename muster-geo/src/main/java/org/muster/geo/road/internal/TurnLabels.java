package org.muster.geo.road.internal;

import java.util.Arrays;

/**
 * How a search over a {@link DirectedGraph} numbers its labels when some turns are forbidden: one label per
 * junction, as a node-based Dijkstra keeps, and beside them one label per way into a junction with a
 * forbidden turn (for a forward search; per way out of it for a reverse search). At such a junction the
 * turn taken depends on the edge the route used, so each of those edges gets its own label; everywhere
 * else every turn is allowed and one label per junction is exact.
 *
 * <p>This is an edge-based search confined to the junctions that need it. With U-turns allowed (they cost
 * no time in GraphHopper's turn-aware routing either), a route's time equals GraphHopper's edge-based
 * route's with the same turn restrictions, and with no restriction the search is the node-based one
 * exactly: no extra label, no extra test.
 *
 * <p>Labels {@code 0 .. nodeCount-1} are the junctions; label {@code nodeCount + k} is the k-th restricted
 * (junction, edge) pair. Immutable.
 */
final class TurnLabels {
    private final DirectedGraph graph;
    private final TurnRestrictions restrictions;
    private final int nodeCount;
    /** Per graph entry: the label reached along it, or -1 when it leads to an unrestricted junction. */
    private final int[] labelOfEntry;
    /** Per extra label: the graph entry it stands for. */
    private final int[] entryOfLabel;

    private TurnLabels(DirectedGraph graph, TurnRestrictions restrictions, int[] labelOfEntry, int[] entryOfLabel) {
        this.graph = graph;
        this.restrictions = restrictions;
        this.nodeCount = graph.nodeCount();
        this.labelOfEntry = labelOfEntry;
        this.entryOfLabel = entryOfLabel;
    }

    static TurnLabels of(DirectedGraph graph, TurnRestrictions restrictions) {
        if (restrictions.isEmpty()) return new TurnLabels(graph, restrictions, new int[0], new int[0]);
        int entries = graph.entryCount();
        int[] labelOfEntry = new int[entries];
        int[] entryOfLabel = new int[16];
        int extra = 0;
        for (int i = 0; i < entries; i++) {
            if (!restrictions.restricts(graph.neighbour(i))) {
                labelOfEntry[i] = -1;
                continue;
            }
            if (extra == entryOfLabel.length) entryOfLabel = Arrays.copyOf(entryOfLabel, extra * 2);
            entryOfLabel[extra] = i;
            labelOfEntry[i] = graph.nodeCount() + extra++;
        }
        return new TurnLabels(graph, restrictions, labelOfEntry, Arrays.copyOf(entryOfLabel, extra));
    }

    /** Whether some turn at {@code node} is forbidden. */
    boolean restricts(int node) {
        return !isEmpty() && restrictions.restricts(node);
    }

    TurnRestrictions restrictions() {
        return restrictions;
    }

    /** True when no turn is forbidden: the search is then node-based throughout. */
    boolean isEmpty() {
        return entryOfLabel.length == 0;
    }

    int labelCount() {
        return nodeCount + entryOfLabel.length;
    }

    /** The junction {@code label} stands at. */
    int nodeOf(int label) {
        return label < nodeCount ? label : graph.neighbour(entryOfLabel[label - nodeCount]);
    }

    /** The edge by which the route left (reverse search) or entered (forward search) the junction, or -1. */
    int edgeOf(int label) {
        return label < nodeCount ? -1 : graph.edgeId(entryOfLabel[label - nodeCount]);
    }

    /** The label reached along graph entry {@code entry}. */
    int labelAlong(int entry) {
        if (isEmpty()) return graph.neighbour(entry);
        int label = labelOfEntry[entry];
        return label < 0 ? graph.neighbour(entry) : label;
    }

    /**
     * The label for reaching {@code node} along {@code edge} from its other end {@code from}, for a
     * search that starts part-way along that edge: the junction's own label when it has no forbidden turn
     * (or the edge cannot be driven that way, when the search does not start there anyway).
     */
    int labelFrom(int from, int node, int edge) {
        if (isEmpty() || !restrictions.restricts(node)) return node;
        for (int i = graph.first(from), end = graph.end(from); i < end; i++) {
            if (graph.neighbour(i) == node && graph.edgeId(i) == edge) return labelOfEntry[i];
        }
        return node;
    }

    /**
     * As {@link #labelFrom}, one label for the edge and one for each copy GraphHopper made of it at {@code
     * node} (for a restriction through a whole way): a location on the edge may be on any copy, so the
     * search starts on all of them and turns as the most permissive allows, as GraphHopper does.
     */
    int[] labelsFrom(int from, int node, int edge) {
        int label = labelFrom(from, node, edge);
        if (label == node) return new int[] {node};
        int[] copies = restrictions.copiesOf(node, edge);
        int[] labels = new int[1 + copies.length];
        labels[0] = label;
        for (int i = 0; i < copies.length; i++) labels[i + 1] = labelFrom(from, node, copies[i]);
        return labels;
    }

    /**
     * Whether a route at {@code label} may go on along {@code entry}: along the direction of travel in a
     * forward search (the label's way in, then the entry's edge), against it in a reverse one (the entry's
     * edge in, then the label's way out).
     */
    boolean allows(int label, int entry) {
        if (label < nodeCount) return true;
        int node = nodeOf(label);
        int labelEdge = edgeOf(label);
        int entryEdge = graph.edgeId(entry);
        return graph.incoming()
                ? !restrictions.forbids(entryEdge, node, labelEdge)
                : !restrictions.forbids(labelEdge, node, entryEdge);
    }

    /**
     * Whether an origin on {@code originEdge} (or on a junction, -1) may join a reverse search's route at
     * {@code label}: the turn from its edge into the route's way out must not be forbidden.
     */
    boolean allowsOrigin(int label, int originEdge) {
        if (label < nodeCount || originEdge < 0) return true;
        // As for a search's start: the origin may stand on any copy of its edge.
        return restrictions.allowsFromEdgeOrCopy(originEdge, nodeOf(label), edgeOf(label), true);
    }
}
