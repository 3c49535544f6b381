package org.muster.geo.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark scale: a million junctions and about ten thousand units. Too slow for every build, so it
 * runs only when asked: {@code -Dmuster.region.large=true}; it prints the time and size, and keeps the
 * files in {@code -Dmuster.region.large.dir=DIR} when given.
 */
@EnabledIfSystemProperty(named = "muster.region.large", matches = "true")
class RegionLargeScaleTest {
    @Test
    void aMillionJunctionsInWellUnderAMinute() throws IOException {
        String keep = System.getProperty("muster.region.large.dir", "");
        Path dir = keep.isBlank() ? Files.createTempDirectory("muster-large-region") : Path.of(keep);
        long planStart = System.nanoTime();
        RegionSpec spec = RegionGenerator.specForJunctions(1, 1_000_000);
        double planSeconds = (System.nanoTime() - planStart) / 1e9;
        long start = System.nanoTime();
        GeneratedRegion region = RegionGenerator.generate(spec, dir);
        double seconds = (System.nanoTime() - start) / 1e9;

        long osmBytes = Files.size(region.osmFile());
        System.out.printf(
                "scale %.1f (found in %.1f s): generated in %.1f s into %s, region.osm %.1f MB, heap used %d MB%n%s%n",
                spec.scale(),
                planSeconds,
                seconds,
                dir,
                osmBytes / 1e6,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                region.counts());
        if (keep.isBlank()) deleteAll(dir);
        assertThat(region.counts().junctions()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(region.counts().units()).isGreaterThanOrEqualTo(10_000);
        assertThat(seconds).isLessThan(60);
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }
}
