package org.muster.geo.road.internal;

/**
 * Where a location sits on the road graph for one profile: on a junction, or part-way along an edge with
 * the travel times to and from both of its ends. The times are GraphHopper's for the two halves of the
 * edge, so a search that starts or ends here matches a point-to-point route.
 *
 * <p>The edge's base and adjacent node follow GraphHopper's query-graph orientation (base has the lower
 * id), so two anchors on one edge agree on which way is "forward".
 *
 * @param edge the edge the location lies on, or -1 when it lies on a junction
 * @param baseNode the edge's base node, or the junction
 * @param adjNode the edge's adjacent node, or -1 on a junction
 * @param metersFromBase road distance from the base node to the location
 * @param metersToAdj road distance from the location to the adjacent node
 * @param millisFromBase travel time from the base node to the location, {@link #UNREACHABLE} if the edge
 *     cannot be driven that way
 * @param millisToBase travel time from the location to the base node, or {@link #UNREACHABLE}
 * @param millisToAdj travel time from the location to the adjacent node, or {@link #UNREACHABLE}
 * @param millisFromAdj travel time from the adjacent node to the location, or {@link #UNREACHABLE}
 */
public record Anchor(
        int edge,
        int baseNode,
        int adjNode,
        double metersFromBase,
        double metersToAdj,
        int millisFromBase,
        int millisToBase,
        int millisToAdj,
        int millisFromAdj) {
    public static final int UNREACHABLE = -1;

    /** A location on junction {@code node}. */
    public static Anchor atNode(int node) {
        return new Anchor(-1, node, -1, 0, 0, 0, 0, UNREACHABLE, UNREACHABLE);
    }

    public boolean onEdge() {
        return edge >= 0;
    }
}
