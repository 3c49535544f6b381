package org.muster.cli.imports;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.domain.InvalidInputException;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Prepares an OpenStreetMap extract's road graph, cached on disk by the file's hash. */
@Command(
        name = "osm",
        mixinStandardHelpOptions = true,
        description = "Import an OpenStreetMap .osm.pbf or .osm file into the road graph cache.")
final class ImportOsm implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The .osm.pbf or .osm file")
    Path file;

    @Mixin
    ServiceConfig config;

    @Mixin
    DataOptions data;

    @picocli.CommandLine.Option(
            names = "--emergency-speeds",
            paramLabel = "FILE",
            description = "Properties file of emergency speed factors per road class (motorway = 1.1, ...) and max_kmh")
    java.util.Optional<Path> emergencySpeeds = java.util.Optional.empty();

    @Override
    public Integer call() {

        data.configuredBy(config);
        if (!java.nio.file.Files.isRegularFile(file))
            throw InvalidInputException.of("FILE", file, "must be a readable .osm.pbf or .osm file");
        long started = System.nanoTime();
        RoadNetworkConfig config = RoadNetworkConfig.defaults(data.graphCache());
        if (emergencySpeeds.isPresent())
            config = config.withEmergencySpeeds(org.muster.cli.config.RoadOptions.readSpeeds(emergencySpeeds.get()));
        try (RoadNetwork network = RoadNetwork.load(file, config)) {
            System.out.printf(
                    "%s%nready in %.1f s; cached under %s%n",
                    network.info(), (System.nanoTime() - started) / 1e9, data.graphCache());
        }
        return 0;
    }
}
