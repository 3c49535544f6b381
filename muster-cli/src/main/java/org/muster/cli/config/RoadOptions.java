package org.muster.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.road.EmergencySpeeds;
import org.muster.geo.road.RoadClass;
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

    @Option(
            names = "--emergency-speeds",
            paramLabel = "FILE",
            description = "Properties file of emergency speed factors per road class (motorway = 1.1, ...) and max_kmh")
    public Optional<Path> emergencySpeeds = Optional.empty();

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
        return load(data, true);
    }

    /** As {@link #load(DataOptions)}, with OpenStreetMap's turn restrictions obeyed or not (for benchmarks). */
    public RoadNetwork load(DataOptions data, boolean turnRestrictions) {
        RoadNetworkConfig config = RoadNetworkConfig.defaults(data.graphCache()).withTurnRestrictions(turnRestrictions);
        if (emergencySpeeds.isPresent()) config = config.withEmergencySpeeds(readSpeeds(emergencySpeeds.get()));
        return RoadNetwork.load(osmFile(data), config);
    }

    /** Reads emergency speed factors, naming every bad key or value at once. */
    public static EmergencySpeeds readSpeeds(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw InvalidInputException.of(
                    "--emergency-speeds", file, "must be a readable properties file: " + e.getMessage());
        }
        EmergencySpeeds defaults = EmergencySpeeds.defaults();
        Map<RoadClass, Double> factors = new EnumMap<>(defaults.factorByRoadClass());
        double other = defaults.otherFactor();
        double maxKmh = defaults.maxSpeedKmh();
        Check check = Check.collecting();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).strip();
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                check.add(key, value, "must be a number");
                continue;
            }
            switch (key) {
                case "other" -> other = number;
                case "max_kmh" -> maxKmh = number;
                default -> {
                    try {
                        factors.put(RoadClass.valueOf(key.toUpperCase(Locale.ROOT)), number);
                    } catch (IllegalArgumentException e) {
                        check.add(
                                key,
                                value,
                                "must be a road class "
                                        + Arrays.toString(RoadClass.values()).toLowerCase(Locale.ROOT)
                                        + ", other or max_kmh");
                    }
                }
            }
        }
        check.throwIfAny();
        return new EmergencySpeeds(factors, other, maxKmh);
    }
}
