package org.muster.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionGenerator;
import org.muster.geo.region.RegionSpec;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;

/**
 * The generated demo region (seed 7), its road network imported once per test run and cached, and an
 * engine loaded with its organisations, zones, stations, units and crews.
 */
public final class RegionFixture {
    public static final long SEED = 7;
    private static GeneratedRegion region;
    private static RoadNetwork network;

    private RegionFixture() {}

    public static synchronized GeneratedRegion region() {
        if (region == null) {
            try {
                Path dir = Files.createTempDirectory("muster-region-");
                region = RegionGenerator.generate(RegionSpec.defaults(SEED), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return region;
    }

    /** The region's road network, shared by the tests of one JVM; never close it. */
    public static synchronized RoadNetwork network() {
        if (network == null) {
            network = RoadNetwork.load(
                    region().osmFile(),
                    RoadNetworkConfig.defaults(region().directory().resolve("graph-cache"))
                            .withShowProgress(false));
        }
        return network;
    }

    /** A fresh engine over an in-memory log holding the region. */
    public static SingleWriter engine(TestClock clock) {
        return engine(clock, new MemoryEventLog());
    }

    /** As {@link #engine(TestClock)}, writing to {@code log}. */
    public static SingleWriter engine(TestClock clock, MemoryEventLog log) {
        SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        for (var c : RegionCommands.of(region())) engine.execute(Commands.env(c));
        return engine;
    }
}
