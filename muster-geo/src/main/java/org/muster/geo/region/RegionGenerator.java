package org.muster.geo.region;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.geo.zone.GeoJsonZoneWriter;

/**
 * Generates a synthetic region into a directory: {@code region.osm}, {@code zones.geojson}, {@code
 * stations.csv}, {@code units.csv}, {@code people.csv} and {@code manifest.json}. The same spec gives
 * byte-identical files; nothing reads the clock.
 */
public final class RegionGenerator {
    public static final String OSM_FILE = "region.osm";
    public static final String ZONES_FILE = "zones.geojson";
    public static final String STATIONS_FILE = "stations.csv";
    public static final String UNITS_FILE = "units.csv";
    public static final String PEOPLE_FILE = "people.csv";

    /** Regions with more junctions than this show a progress bar on stderr while writing. */
    public static final long PROGRESS_THRESHOLD_JUNCTIONS = 200_000;

    /** About how many junctions scale 1 gives; the first guess when aiming at a count. */
    private static final double JUNCTIONS_AT_SCALE_ONE = 3_600;

    private RegionGenerator() {}

    /** Generates the region, with a progress bar on stderr when it is large. */
    public static GeneratedRegion generate(RegionSpec spec, Path outDir) {
        return generate(spec, outDir, true);
    }

    /**
     * @param progressWhenLarge show a progress bar on stderr for regions over {@link
     *     #PROGRESS_THRESHOLD_JUNCTIONS} junctions
     * @throws InvalidInputException when {@code outDir} cannot be created or written
     */
    public static GeneratedRegion generate(RegionSpec spec, Path outDir, boolean progressWhenLarge) {
        Check.present("spec", spec);
        prepare(outDir);
        // One generator from the seed, split per concern: adding draws to one part leaves the others alone.
        SplittableRandom root = new SplittableRandom(spec.seed());
        RegionLayout layout = LayoutPlanner.plan(spec, root.split());
        RandomGenerator zoneRng = root.split();
        RandomGenerator unitRng = root.split();
        PoliceBoundary boundary = PoliceBoundary.plan(layout, zoneRng);
        List<PlannedZone> zones = ZonePlanner.plan(layout, boundary);
        List<PlannedStation> stations = StationPlanner.plan(layout, boundary);
        UnitPlanner.Planned crews = UnitPlanner.plan(layout, stations, boundary, spec.unitCount(), unitRng);

        boolean large = progressWhenLarge && layout.junctionCount() > PROGRESS_THRESHOLD_JUNCTIONS;
        try (Progress progress =
                large ? Progress.bar("region.osm", layout.nodeCount() + layout.wayCount()) : Progress.NONE) {
            OsmXmlWriter.write(layout, outDir.resolve(OSM_FILE), progress);
            writeZones(outDir.resolve(ZONES_FILE), zones);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Station> stationList =
                stations.stream().map(PlannedStation::station).toList();
        RegionFiles.writeStations(outDir.resolve(STATIONS_FILE), stationList);
        RegionFiles.writeUnits(outDir.resolve(UNITS_FILE), crews.units());
        RegionFiles.writePeople(outDir.resolve(PEOPLE_FILE), crews.people());
        RegionManifest manifest = manifest(spec, layout, zones, stationList, crews);
        manifest.write(outDir.resolve(RegionManifest.FILE_NAME));
        return GeneratedRegion.of(outDir, manifest);
    }

    /**
     * A spec whose region has at least {@code junctions} junctions and not many more (within about 5%),
     * found by planning the road network, which is quick, without writing it.
     */
    public static RegionSpec specForJunctions(long seed, long junctions) {
        Check.range("junctions", junctions, 200, 50_000_000);
        RegionSpec spec = RegionSpec.defaults(seed).withScale(clampScale(junctions / JUNCTIONS_AT_SCALE_ONE));
        for (int attempt = 0; attempt < 12; attempt++) {
            long got =
                    LayoutPlanner.plan(spec, new SplittableRandom(seed).split()).junctionCount();
            if (got >= junctions && got <= junctions * 1.05) return spec;
            double nudge = got < junctions ? 1.02 : 1.0;
            spec = spec.withScale(clampScale(spec.scale() * junctions / got * nudge));
        }
        return spec;
    }

    private static double clampScale(double scale) {
        return Math.max(0.05, Math.min(10_000, scale));
    }

    private static void prepare(Path outDir) {
        Check.present("outDir", outDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw InvalidInputException.of("outDir", outDir, "must be a directory that can be created (" + e + ")");
        }
        if (!Files.isWritable(outDir)) throw InvalidInputException.of("outDir", outDir, "must be writable");
    }

    private static void writeZones(Path file, List<PlannedZone> zones) throws IOException {
        Map<org.muster.domain.organisation.ZoneId, String> agencies = new LinkedHashMap<>();
        zones.forEach(z -> agencies.put(z.shape().id(), z.agency().name()));
        try (OutputStream out = Files.newOutputStream(file)) {
            GeoJsonZoneWriter.write(
                    zones.stream().map(PlannedZone::shape).toList(), z -> Map.of("agency", agencies.get(z.id())), out);
        }
    }

    private static RegionManifest manifest(
            RegionSpec spec,
            RegionLayout layout,
            List<PlannedZone> zones,
            List<Station> stations,
            UnitPlanner.Planned crews) {
        LocalProjection p = layout.projection();
        RegionManifest.Counts counts = new RegionManifest.Counts(
                layout.junctionCount(),
                layout.nodeCount(),
                layout.wayCount(),
                (int) layout.count(SettlementKind.CITY),
                (int) layout.count(SettlementKind.TOWN),
                (int) layout.count(SettlementKind.VILLAGE),
                layout.motorways(),
                layout.motorwayJunctions(),
                zones.size(),
                (int) stations.stream()
                        .filter(s -> s.kind() != StationKind.HOSPITAL)
                        .count(),
                (int) stations.stream()
                        .filter(s -> s.kind() == StationKind.HOSPITAL)
                        .count(),
                crews.units().size(),
                crews.people().size(),
                crews.spares());
        List<RegionManifest.SettlementEntry> settlements = layout.towns().stream()
                .map(t -> new RegionManifest.SettlementEntry(
                        t.name,
                        t.kind,
                        LocalProjection.round7(p.lat(t.centreY)),
                        LocalProjection.round7(p.lon(t.centreX)),
                        Math.round(t.radiusMeters())))
                .toList();
        return new RegionManifest(
                "muster-region",
                RegionManifest.FORMAT_VERSION,
                spec.seed(),
                spec.scale(),
                new RegionManifest.FileNames(OSM_FILE, ZONES_FILE, STATIONS_FILE, UNITS_FILE, PEOPLE_FILE),
                new RegionManifest.BoundingBox(
                        LocalProjection.round7(p.lat(layout.minY())),
                        LocalProjection.round7(p.lon(layout.minX())),
                        LocalProjection.round7(p.lat(layout.maxY())),
                        LocalProjection.round7(p.lon(layout.maxX()))),
                new RegionManifest.Centre(spec.centre().lat(), spec.centre().lon()),
                counts,
                RegionOrganisations.ALL.stream()
                        .map((Organisation o) ->
                                new RegionManifest.OrganisationEntry(o.id().value(), o.name(), o.agency()))
                        .toList(),
                settlements);
    }
}
