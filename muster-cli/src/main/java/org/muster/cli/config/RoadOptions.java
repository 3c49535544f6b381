package org.muster.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.muster.domain.InvalidInputException;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import picocli.CommandLine.Option;

/**
 * The road network: an OpenStreetMap file ({@code .osm.pbf} or {@code .osm}), or {@code generated:SIZE}
 * for a synthetic region of about SIZE junctions (generated once into the data directory).
 */
public final class RoadOptions {
    @Option(
            names = "--osm",
            paramLabel = "FILE",
            required = true,
            description = "An .osm.pbf or .osm file, or generated:JUNCTIONS for a synthetic region")
    public String osm;

    @Option(names = "--seed", description = "Seed of a generated region (default: ${DEFAULT-VALUE})")
    public long seed = 7;

    /** The OSM file, generating the region first when asked for one. */
    public Path osmFile(DataOptions data) {
        if (osm.startsWith("generated:")) return generatedRegion(data).osmFile();
        Path file = Path.of(osm);
        if (!Files.isRegularFile(file))
            throw InvalidInputException.of(
                    "--osm", osm, "must be a readable .osm.pbf or .osm file, or generated:JUNCTIONS");
        return file;
    }

    /** The generated region {@code --osm generated:SIZE} names; generated on first use. */
    public GeneratedRegion generatedRegion(DataOptions data) {
        long junctions;
        try {
            junctions = Long.parseLong(osm.substring("generated:".length()).replace("_", ""));
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(
                    "--osm", osm, "must be generated:JUNCTIONS with a whole number, e.g. generated:1000000");
        }
        if (junctions < 1000 || junctions > 20_000_000)
            throw InvalidInputException.of("--osm", osm, "must ask for 1,000 to 20,000,000 junctions");
        Path dir = data.dir().resolve("regions").resolve("seed-" + seed + "-junctions-" + junctions);
        if (Files.exists(dir.resolve("manifest.json"))) return GeneratedRegion.read(dir);
        System.err.println("generating a region of about " + junctions + " junctions in " + dir + " ...");
        return RegionGenerator.generate(RegionGenerator.specForJunctions(seed, junctions), dir, true);
    }

    public RoadNetwork load(DataOptions data) {
        return RoadNetwork.load(osmFile(data), RoadNetworkConfig.defaults(data.graphCache()));
    }
}
