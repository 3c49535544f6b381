package org.muster.geo.zone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The zone geometry imported into a data directory: one GeoJSON file per organisation, in one index. */
public final class ZoneDirectory {
    private ZoneDirectory() {}

    /** Every {@code *.geojson} file in {@code dir}, in name order; an empty index when there is none. */
    public static ZoneIndex load(Path dir) {
        List<ZoneShape> zones = new ArrayList<>();
        if (!Files.isDirectory(dir)) return ZoneIndex.of(zones);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".geojson"))
                    .sorted()
                    .toList()) {
                zones.addAll(GeoJsonZoneReader.read(f, GeoJsonZoneWriter.FORMAT).zones());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ZoneIndex.of(zones);
    }
}
