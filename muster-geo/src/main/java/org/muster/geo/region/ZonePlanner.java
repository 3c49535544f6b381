package org.muster.geo.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.Wgs84;
import org.muster.geo.zone.ZoneShape;

/**
 * Each organisation's area and its sub-zones: the three police forces split the region along the police
 * boundaries, the ambulance and fire services cover all of it. Sub-zones are the Voronoi cells of the
 * area's biggest settlements, cut to the area, so they cover it without gaps or overlaps. Planned in
 * metres, then projected vertex by vertex, which keeps shared edges shared.
 */
final class ZonePlanner {
    private static final GeometryFactory METERS = new GeometryFactory();

    private final RegionLayout layout;
    private final PoliceBoundary boundary;
    private final double subZoneFactor;

    private ZonePlanner(RegionLayout layout, PoliceBoundary boundary) {
        this.layout = layout;
        this.boundary = boundary;
        this.subZoneFactor = StrictMath.sqrt(layout.spec().scale());
    }

    static List<PlannedZone> plan(RegionLayout layout, PoliceBoundary boundary) {
        return new ZonePlanner(layout, boundary).plan();
    }

    private List<PlannedZone> plan() {
        Polygon region = rectangle();
        Polygon north = northOfBoundary();
        Geometry west = polygonal(OverlayNGRobust.overlay(westOfBoundary(), north, OverlayNG.DIFFERENCE));
        Geometry east = polygonal(OverlayNGRobust.overlay(eastOfBoundary(), north, OverlayNG.DIFFERENCE));
        List<PlannedZone> zones = new ArrayList<>();
        zones.addAll(organisation(
                RegionOrganisations.WEST_POLICE,
                west,
                t -> boundary.forceAt(t.centreX, t.centreY).equals(RegionOrganisations.WEST_POLICE),
                3,
                60,
                "District"));
        zones.addAll(organisation(
                RegionOrganisations.EAST_POLICE,
                east,
                t -> boundary.forceAt(t.centreX, t.centreY).equals(RegionOrganisations.EAST_POLICE),
                3,
                60,
                "District"));
        zones.addAll(organisation(
                RegionOrganisations.NORTH_POLICE,
                north,
                t -> boundary.forceAt(t.centreX, t.centreY).equals(RegionOrganisations.NORTH_POLICE),
                2,
                40,
                "District"));
        zones.addAll(organisation(RegionOrganisations.AMBULANCE, region, t -> true, 5, 100, "Sector"));
        zones.addAll(organisation(RegionOrganisations.FIRE, region, t -> true, 6, 120, "Station Area"));
        return zones;
    }

    private List<PlannedZone> organisation(
            Organisation org, Geometry area, Predicate<Town> inArea, int base, int max, String suffix) {
        Agency agency = org.agency();
        ZoneId areaId = ZoneId.of(org.id().value() + "-AREA");
        List<PlannedZone> zones = new ArrayList<>();
        zones.add(new PlannedZone(shape(areaId, org, org.name() + " area", Optional.empty(), area), agency));
        int wanted = (int) Math.min(max, Math.max(base, Math.round(base * subZoneFactor)));
        List<Town> seeds = layout.towns().stream()
                .filter(inArea)
                .sorted(Comparator.comparing((Town t) -> t.kind)
                        .thenComparing(Comparator.comparingLong(Town::nodeCount).reversed())
                        .thenComparingInt(t -> t.index))
                .limit(wanted)
                .toList();
        List<Geometry> cells = cells(seeds, area);
        for (int i = 0; i < cells.size(); i++) {
            String name = seeds.isEmpty() ? org.name() + " " + suffix : seeds.get(i).name + " " + suffix;
            ZoneId id = ZoneId.of(String.format(Locale.ROOT, "%s-%02d", org.id().value(), i + 1));
            zones.add(new PlannedZone(shape(id, org, name, Optional.of(areaId), cells.get(i)), agency));
        }
        return zones;
    }

    /** One cell per seed, in the seeds' order, each cut to the area; the whole area when no seeds. */
    private List<Geometry> cells(List<Town> seeds, Geometry area) {
        if (seeds.size() < 2) return List.of(area);
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        List<Coordinate> sites =
                seeds.stream().map(t -> new Coordinate(t.centreX, t.centreY)).toList();
        builder.setSites(sites);
        Envelope clip = new Envelope(area.getEnvelopeInternal());
        clip.expandBy(layout.widthMeters());
        builder.setClipEnvelope(clip);
        Geometry diagram = builder.getDiagram(METERS);
        Map<Coordinate, Geometry> bySite = new HashMap<>();
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Geometry cell = diagram.getGeometryN(i);
            bySite.put((Coordinate) cell.getUserData(), cell);
        }
        List<Geometry> cells = new ArrayList<>();
        for (Coordinate site : sites) {
            Geometry cut = OverlayNGRobust.overlay(bySite.get(site), area, OverlayNG.INTERSECTION);
            cells.add(polygonal(cut));
        }
        return cells;
    }

    private static Geometry polygonal(Geometry g) {
        if (g instanceof Polygonal) return g;
        // An overlay can return slivers of lower dimension along shared edges; only the area matters.
        List<Polygon> polygons = new ArrayList<>();
        PolygonExtracter.getPolygons(g, polygons);
        return METERS.buildGeometry(polygons);
    }

    private ZoneShape shape(ZoneId id, Organisation org, String name, Optional<ZoneId> parent, Geometry meters) {
        Geometry degrees = Wgs84.FACTORY.createGeometry(meters);
        LocalProjection projection = layout.projection();
        degrees.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double x = seq.getX(i);
                double y = seq.getY(i);
                seq.setOrdinate(i, 0, LocalProjection.round7(projection.lon(x)));
                seq.setOrdinate(i, 1, LocalProjection.round7(projection.lat(y)));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        if (!degrees.isValid()) degrees = GeometryFixer.fix(degrees);
        return new ZoneShape(id, org.id(), name, parent, degrees);
    }

    private Polygon rectangle() {
        return (Polygon) METERS.toGeometry(new Envelope(layout.minX(), layout.maxX(), layout.minY(), layout.maxY()));
    }

    private Polygon westOfBoundary() {
        int n = boundary.vertexCount();
        Coordinate[] ring = new Coordinate[n + 3];
        ring[0] = new Coordinate(layout.minX(), layout.minY());
        for (int k = 0; k < n; k++) ring[k + 1] = new Coordinate(boundary.vertexX(k), boundary.vertexY(k));
        ring[n + 1] = new Coordinate(layout.minX(), layout.maxY());
        ring[n + 2] = ring[0];
        return METERS.createPolygon(ring);
    }

    /** Northshire: from its southern edge, west to east, up to the region's top. */
    private Polygon northOfBoundary() {
        int n = boundary.northVertexCount();
        Coordinate[] ring = new Coordinate[n + 3];
        for (int k = 0; k < n; k++) ring[k] = new Coordinate(boundary.northVertexX(k), boundary.northVertexY(k));
        ring[n] = new Coordinate(layout.maxX(), layout.maxY());
        ring[n + 1] = new Coordinate(layout.minX(), layout.maxY());
        ring[n + 2] = ring[0];
        return METERS.createPolygon(ring);
    }

    private Polygon eastOfBoundary() {
        int n = boundary.vertexCount();
        Coordinate[] ring = new Coordinate[n + 3];
        ring[0] = new Coordinate(layout.maxX(), layout.minY());
        ring[1] = new Coordinate(layout.maxX(), layout.maxY());
        for (int k = 0; k < n; k++)
            ring[k + 2] = new Coordinate(boundary.vertexX(n - 1 - k), boundary.vertexY(n - 1 - k));
        ring[n + 2] = ring[0];
        return METERS.createPolygon(ring);
    }
}
