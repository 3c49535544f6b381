package org.muster.cli.region;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.region.RegionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a synthetic region: roads as OSM, zones, stations, units and crews. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate a synthetic region (roads, zones, stations, units, crews) from a seed.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the region to")
    Path out;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(
            names = "--junctions",
            paramLabel = "N",
            description = "Grow the road network to about N junctions (default: the demo size)")
    Optional<Long> junctions = Optional.empty();

    @Override
    public Integer call() {
        RegionSpec spec =
                junctions.map(n -> RegionGenerator.specForJunctions(seed, n)).orElse(RegionSpec.defaults(seed));
        GeneratedRegion region = RegionGenerator.generate(spec, out, true);
        System.out.println("region in " + region.directory() + ": " + region.counts());
        return 0;
    }
}
