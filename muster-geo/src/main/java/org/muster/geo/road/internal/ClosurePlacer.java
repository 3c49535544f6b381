package org.muster.geo.road.internal;

import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.index.LocationIndex;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.muster.domain.GeoPoint;
import org.muster.domain.road.ClosureKind;

/**
 * Finds the road edges a closure covers, on the graph as it is, without changing it: for a point the
 * stretch of road nearest it; for a line every stretch it runs along (sampled every few metres, each
 * sample placed on its nearest road, samples that fall on a junction skipped so that the streets crossing
 * the line stay open); for an area every stretch inside it or crossing its edge.
 */
public final class ClosurePlacer {
    private static final double LINE_STEP_METERS = 10;
    /** A line drawn along a road by hand lies within this of it; further off, a sample closes nothing. */
    private static final double LINE_SNAP_METERS = 30;

    /**
     * An edge whose ends lie further than this outside an area (about 5 km) does not bend into it: a road
     * between two junctions is never that crooked.
     */
    private static final double NEAR_DEGREES = 0.05;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final BaseGraph graph;
    private final LocationIndex index;
    private final EdgeFilter drivable;
    private final double maxSnapMeters;

    /**
     * @param drivable the edges a closure may name: roads some vehicle may use
     * @param maxSnapMeters how far from a road a single point may lie and still close it
     */
    public ClosurePlacer(BaseGraph graph, LocationIndex index, EdgeFilter drivable, double maxSnapMeters) {
        this.graph = graph;
        this.index = index;
        this.drivable = drivable;
        this.maxSnapMeters = maxSnapMeters;
    }

    /** The edges the closure covers; none when it lies away from every road. */
    public int[] edges(ClosureKind kind, List<GeoPoint> points) {
        Set<Integer> edges = new LinkedHashSet<>();
        switch (kind) {
            case ROAD -> {
                if (points.size() == 1) nearest(points.getFirst(), maxSnapMeters, true, edges);
                else along(points, edges);
            }
            case AREA -> inside(points, edges);
        }
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    private void nearest(GeoPoint p, double within, boolean evenAtJunction, Set<Integer> edges) {
        Snap snap = index.findClosest(p.lat(), p.lon(), drivable);
        if (!snap.isValid() || snap.getQueryDistance() > within) return;
        if (!evenAtJunction && snap.getSnappedPosition() == Snap.Position.TOWER) return;
        edges.add(snap.getClosestEdge().getEdge());
    }

    private void along(List<GeoPoint> line, Set<Integer> edges) {
        for (int i = 0; i + 1 < line.size(); i++) {
            GeoPoint a = line.get(i);
            GeoPoint b = line.get(i + 1);
            int steps = Math.max(1, (int) Math.ceil(a.distanceMetersTo(b) / LINE_STEP_METERS));
            for (int k = 0; k <= steps; k++) {
                double f = (double) k / steps;
                GeoPoint sample = GeoPoint.of(a.lat() + f * (b.lat() - a.lat()), a.lon() + f * (b.lon() - a.lon()));
                nearest(sample, LINE_SNAP_METERS, false, edges);
            }
        }
    }

    private void inside(List<GeoPoint> corners, Set<Integer> edges) {
        Coordinate[] ring = new Coordinate[corners.size() + 1];
        for (int i = 0; i < corners.size(); i++)
            ring[i] = new Coordinate(corners.get(i).lon(), corners.get(i).lat());
        ring[corners.size()] = ring[0];
        Polygon polygon = GEOMETRY.createPolygon(ring);
        // a drawn outline that crosses itself is read as the area it encloses
        PreparedGeometry area = PreparedGeometryFactory.prepare(polygon.isValid() ? polygon : polygon.buffer(0));
        Envelope box = polygon.getEnvelopeInternal();
        // Every edge once, cheaply by its ends first: GraphHopper's index answered no box query over a
        // loaded graph when tried, and closing an area is rare enough that a pass over the graph is fine.
        Envelope near = new Envelope(box);
        near.expandBy(NEAR_DEGREES);
        NodeAccess nodes = graph.getNodeAccess();
        AllEdgesIterator edge = graph.getAllEdges();
        while (edge.next()) {
            int base = edge.getBaseNode();
            int adj = edge.getAdjNode();
            if (!near.intersects(
                    new Envelope(nodes.getLon(base), nodes.getLon(adj), nodes.getLat(base), nodes.getLat(adj))))
                continue;
            if (!drivable.accept(edge)) continue;
            if (area.intersects(lineOf(edge.fetchWayGeometry(FetchMode.ALL)))) edges.add(edge.getEdge());
        }
    }

    private static LineString lineOf(PointList points) {
        Coordinate[] c = new Coordinate[Math.max(2, points.size())];
        for (int i = 0; i < points.size(); i++) c[i] = new Coordinate(points.getLon(i), points.getLat(i));
        if (points.size() == 1) c[1] = c[0];
        return GEOMETRY.createLineString(c);
    }
}
