package org.muster.geo.road;

import com.graphhopper.storage.NodeAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.internal.DestinationTable;
import org.muster.geo.road.internal.ReachedNodes;

/**
 * Everything one origin can reach by road within a travel-time limit, found by one forward search from
 * it (in the direction of travel, so one-way streets count): the junctions with their times, and from
 * them the time to any location or to a prepared set of destinations. A unit's reach is what it covers.
 *
 * <p>Immutable and safe to share between threads. Made by {@link RoadNetwork#reach}.
 */
public final class Reach {
    private final SnappedLocation origin;
    private final RoadProfile profile;
    private final Duration maxTravelTime;
    private final ReachedNodes nodes;
    private final NodeAccess nodeAccess;
    private final Object network;

    Reach(
            SnappedLocation origin,
            RoadProfile profile,
            Duration maxTravelTime,
            ReachedNodes nodes,
            NodeAccess nodeAccess,
            Object network) {
        this.origin = origin;
        this.profile = profile;
        this.maxTravelTime = maxTravelTime;
        this.nodes = nodes;
        this.nodeAccess = nodeAccess;
        this.network = network;
    }

    public SnappedLocation origin() {
        return origin;
    }

    public RoadProfile profile() {
        return profile;
    }

    public Duration maxTravelTime() {
        return maxTravelTime;
    }

    /** How many junctions lie within the limit. */
    public int nodeCount() {
        return nodes.size();
    }

    /** The junctions within the limit, fastest first. */
    public List<ReachedNode> listNodes() {
        List<ReachedNode> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            int node = nodes.node(i);
            out.add(new ReachedNode(
                    GeoPoint.of(nodeAccess.getLat(node), nodeAccess.getLon(node)), nodes.millis(i), nodes.meters(i)));
        }
        return out;
    }

    /**
     * The travel time from the origin to {@code destination} (partial edges at both ends included), if it
     * is within the limit.
     */
    public OptionalLong findTravelTimeMillis(SnappedLocation destination) {
        Check.present("destination", destination);
        requireOwn(destination.belongsTo(network), "destination " + destination + " was snapped");
        long millis = nodes.millisTo(destination.anchor(profile), new double[1]);
        return millis < 0 ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    /**
     * The destinations within the limit, fastest first (equal times in the index's order). Costs one
     * lookup per junction reached, however many destinations the index holds.
     */
    public <T> List<Reached<T>> listReached(DestinationIndex<T> destinations) {
        Check.present("destinations", destinations);
        requireOwn(destinations.belongsTo(network), "destinations were indexed");
        DestinationTable.Hit[] hits = destinations.table(profile).collect(nodes);
        List<Reached<T>> out = new ArrayList<>(hits.length);
        for (DestinationTable.Hit hit : hits) {
            out.add(new Reached<>(destinations.key(hit.destination()), hit.travelTimeMillis(), hit.distanceMeters()));
        }
        return out;
    }

    /**
     * The smallest rectangle holding every junction within the limit, and the origin; with {@link
     * ClosedRoads#hasEndWithin}, whether a change of closures could change this reach, kept in four numbers
     * rather than the junctions themselves.
     */
    public GeoBounds bounds() {
        double south = origin.onRoad().lat(), north = south;
        double west = origin.onRoad().lon(), east = west;
        for (int i = 0; i < nodes.size(); i++) {
            int node = nodes.node(i);
            double lat = nodeAccess.getLat(node), lon = nodeAccess.getLon(node);
            south = Math.min(south, lat);
            north = Math.max(north, lat);
            west = Math.min(west, lon);
            east = Math.max(east, lon);
        }
        return new GeoBounds(GeoPoint.of(south, west), GeoPoint.of(north, east));
    }

    private static void requireOwn(boolean own, String what) {
        if (!own) throw new IllegalArgumentException(what + " by another network than this reach's");
    }

    @Override
    public String toString() {
        return nodes.size() + " junctions within " + maxTravelTime + " of " + origin + " (" + profile + ")";
    }
}
