package org.muster.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.GeoJsonZoneWriter;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/** The zone geometry imported into the data directory, as the engine's zone locator. */
public final class ZoneGeometry {
    private ZoneGeometry() {}

    /** Every zone file under {@code data/zones}, in one index; empty when none was imported. */
    public static ZoneIndex load(DataOptions data) {
        List<ZoneShape> zones = new ArrayList<>();
        Path dir = data.zonesDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".geojson"))
                        .sorted()
                        .toList()) {
                    zones.addAll(
                            GeoJsonZoneReader.read(f, GeoJsonZoneWriter.FORMAT).zones());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ZoneIndex.of(zones);
    }

    public static Rules.ZoneLocator locator(ZoneIndex zones) {
        return new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }

            @Override
            public List<ZoneId> neighboursOf(ZoneId zone) {
                return zones.findZone(zone).isEmpty()
                        ? List.of()
                        : zones.listNeighbours(zone).stream().map(ZoneShape::id).toList();
            }
        };
    }
}
