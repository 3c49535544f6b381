package org.muster.geo.zone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.organisation.ZoneId;

/**
 * Answers spatial questions about a set of zones: which zones hold a point, which is nearest to a point
 * in a gap between them, and which border a zone. Immutable and safe to share between threads.
 *
 * <p>The zones may overlap: an organisation's area and its sub-areas, or a police force's zones and an
 * ambulance service's. Neighbours are meant among zones of one layer; build an index of one layer with
 * {@link #select(Predicate)} when a file mixes them.
 */
public final class ZoneIndex implements ZoneLookup {
    /**
     * How far apart two zones' boundaries may be and still count as shared. Generalised boundary files
     * leave gaps of tens to a few hundred metres along borders that are one line on the ground.
     */
    public static final double DEFAULT_NEIGHBOUR_TOLERANCE_METERS = 500;

    /** Two zones whose interiors share more than this share of the smaller one's area are one on top of the other. */
    private static final double OVERLAP_SHARE = 0.01;

    private static final double METERS_PER_DEGREE_LATITUDE = 111_320;
    private static final double FIRST_SEARCH_RADIUS_DEGREES = 0.02;

    private final Map<ZoneId, Entry> entries;
    private final STRtree tree = new STRtree();
    private final double neighbourToleranceMeters;
    private final Map<ZoneId, List<ZoneShape>> neighbours = new ConcurrentHashMap<>();

    private record Entry(ZoneShape zone, PreparedGeometry prepared, IndexedFacetDistance boundary, double area) {
        static Entry of(ZoneShape zone) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(zone.geometry());
            // Prepared geometries build their indexes on first use; do it now, on one thread.
            prepared.covers(zone.geometry().getInteriorPoint());
            return new Entry(
                    zone,
                    prepared,
                    new IndexedFacetDistance(zone.geometry()),
                    zone.geometry().getArea());
        }
    }

    private ZoneIndex(Collection<ZoneShape> zones, double neighbourToleranceMeters) {
        Check.range("neighbourToleranceMeters", neighbourToleranceMeters, 0, 100_000);
        this.neighbourToleranceMeters = neighbourToleranceMeters;
        Map<ZoneId, Entry> byId = new LinkedHashMap<>();
        for (ZoneShape zone : zones) {
            if (byId.put(zone.id(), Entry.of(zone)) != null) {
                throw InvalidInputException.of("zones", zone.id(), "each zone id must appear once");
            }
        }
        this.entries = byId;
        byId.values().forEach(e -> tree.insert(e.zone().geometry().getEnvelopeInternal(), e));
        tree.build();
    }

    public static ZoneIndex of(Collection<ZoneShape> zones) {
        return new ZoneIndex(zones, DEFAULT_NEIGHBOUR_TOLERANCE_METERS);
    }

    public static ZoneIndex of(Collection<ZoneShape> zones, double neighbourToleranceMeters) {
        return new ZoneIndex(zones, neighbourToleranceMeters);
    }

    /** An index of the zones that match, with the same neighbour tolerance. */
    public ZoneIndex select(Predicate<ZoneShape> filter) {
        return new ZoneIndex(
                entries.values().stream().map(Entry::zone).filter(filter).toList(), neighbourToleranceMeters);
    }

    /** Every zone, in the order given. */
    @Override
    public List<ZoneShape> listZones() {
        return entries.values().stream().map(Entry::zone).toList();
    }

    @Override
    public Optional<ZoneShape> findZone(ZoneId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::zone);
    }

    @Override
    public ZoneShape getZone(ZoneId id) {
        return findZone(id).orElseThrow(() -> new NotFoundException("zone", id.value()));
    }

    /** The zones holding the point (boundary included), smallest first, then by id. */
    @Override
    public List<ZoneShape> listContaining(GeoPoint p) {
        Point point = Wgs84.point(p);
        return containing(point).stream().map(Entry::zone).toList();
    }

    /**
     * The most specific zone holding the point: the smallest, so a sub-area before its parent. Among
     * zones that do not overlap, the only one.
     */
    public Optional<ZoneShape> findContaining(GeoPoint p) {
        return listContaining(p).stream().findFirst();
    }

    /**
     * The zone holding the point or, for a point in a gap between zones or off the coast, the zone whose
     * boundary is nearest. Empty only when the index is empty.
     */
    public Optional<NearestZone> findNearest(GeoPoint p) {
        if (entries.isEmpty()) return Optional.empty();
        Point point = Wgs84.point(p);
        List<Entry> holding = containing(point);
        if (!holding.isEmpty())
            return Optional.of(new NearestZone(holding.getFirst().zone(), 0));
        // Widen a square search window until the best zone found lies nearer than anything outside it could.
        for (double radius = FIRST_SEARCH_RADIUS_DEGREES; ; radius *= 2) {
            Envelope window = new Envelope(point.getCoordinate());
            window.expandBy(radius);
            Optional<NearestZone> best = nearestIn(window, p, point);
            double windowMeters = radius
                    * METERS_PER_DEGREE_LATITUDE
                    * Math.cos(Math.toRadians(Math.min(89.9, Math.abs(p.lat()) + radius)));
            if (best.isPresent() && best.get().distanceMeters() <= windowMeters || radius > 360) {
                return best.or(() -> nearestIn(new Envelope(-180, 180, -90, 90), p, point));
            }
        }
    }

    /**
     * The zones whose boundary comes within the neighbour tolerance of this zone's and whose interiors do
     * not lie over each other, by id.
     *
     * @throws NotFoundException when the index has no such zone
     */
    @Override
    public List<ZoneShape> listNeighbours(ZoneId id) {
        Entry entry = entries.get(id);
        if (entry == null) throw new NotFoundException("zone", id.value());
        return neighbours.computeIfAbsent(id, k -> findNeighbours(entry));
    }

    public double neighbourToleranceMeters() {
        return neighbourToleranceMeters;
    }

    private List<Entry> containing(Point point) {
        List<Entry> found = new ArrayList<>();
        for (Object o : tree.query(point.getEnvelopeInternal())) {
            Entry e = (Entry) o;
            if (e.prepared().covers(point)) found.add(e);
        }
        found.sort(Comparator.comparingDouble(Entry::area)
                .thenComparing(e -> e.zone().id()));
        return found;
    }

    private Optional<NearestZone> nearestIn(Envelope window, GeoPoint p, Point point) {
        NearestZone best = null;
        for (Object o : tree.query(window)) {
            Entry e = (Entry) o;
            Coordinate nearest = e.boundary().nearestPoints(point)[0];
            double meters = Wgs84.geoPoint(nearest).distanceMetersTo(p);
            if (best == null
                    || meters < best.distanceMeters()
                    || meters == best.distanceMeters()
                            && e.zone().id().compareTo(best.zone().id()) < 0) {
                best = new NearestZone(e.zone(), meters);
            }
        }
        return Optional.ofNullable(best);
    }

    private List<ZoneShape> findNeighbours(Entry entry) {
        Geometry geometry = entry.zone().geometry();
        Envelope window = new Envelope(geometry.getEnvelopeInternal());
        double latitude = Math.min(89, Math.max(Math.abs(window.getMinY()), Math.abs(window.getMaxY())));
        // Wide enough in longitude at the zone's most poleward edge, so wide enough everywhere.
        window.expandBy(neighbourToleranceMeters / (METERS_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(latitude))));
        List<ZoneShape> found = new ArrayList<>();
        for (Object o : tree.query(window)) {
            Entry other = (Entry) o;
            if (other == entry || !withinTolerance(entry, other) || overlap(entry, other)) continue;
            found.add(other.zone());
        }
        found.sort(Comparator.comparing(ZoneShape::id));
        return List.copyOf(found);
    }

    private boolean withinTolerance(Entry a, Entry b) {
        if (a.prepared().intersects(b.zone().geometry())) return true;
        Coordinate[] nearest = a.boundary().nearestPoints(b.zone().geometry());
        return Wgs84.geoPoint(nearest[0]).distanceMetersTo(Wgs84.geoPoint(nearest[1])) <= neighbourToleranceMeters;
    }

    private static boolean overlap(Entry a, Entry b) {
        Geometry ga = a.zone().geometry();
        Geometry gb = b.zone().geometry();
        if (a.prepared().covers(gb.getInteriorPoint()) || b.prepared().covers(ga.getInteriorPoint())) return true;
        if (!a.prepared().intersects(gb)) return false;
        double shared = OverlayNGRobust.overlay(ga, gb, OverlayNG.INTERSECTION).getArea();
        return shared > OVERLAP_SHARE * Math.min(a.area(), b.area());
    }
}
