package org.muster.geo.road.internal;

import java.util.List;

/**
 * Origins indexed for the reverse search, for one profile: which origins hang off each node (with the
 * time from the origin to that node), and which lie part-way along each edge (for a destination on the
 * same edge). Built once per set of positions, so a query touches only the origins its search reaches.
 * The mirror of {@link DestinationTable}; both are an {@link AnchorTable}.
 */
public final class OriginTable extends AnchorTable {
    /** Indexes {@code anchors}; an origin's number is its position in the list. */
    public OriginTable(List<Anchor> anchors) {
        super(anchors, true);
    }
}
