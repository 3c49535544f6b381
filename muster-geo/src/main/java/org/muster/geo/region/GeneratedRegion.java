package org.muster.geo.region;

import java.nio.file.Path;

/** A generated region's files, as named in its manifest, and the manifest with the counts. */
public record GeneratedRegion(
        Path directory,
        Path osmFile,
        Path zonesFile,
        Path stationsFile,
        Path unitsFile,
        Path peopleFile,
        Path manifestFile,
        RegionManifest manifest) {

    /** A region generated earlier, from the manifest in its directory. */
    public static GeneratedRegion read(Path directory) {
        Path manifestFile = directory.resolve(RegionManifest.FILE_NAME);
        return of(directory, RegionManifest.read(manifestFile));
    }

    static GeneratedRegion of(Path directory, RegionManifest manifest) {
        RegionManifest.FileNames f = manifest.files();
        return new GeneratedRegion(
                directory,
                directory.resolve(f.osm()),
                directory.resolve(f.zones()),
                directory.resolve(f.stations()),
                directory.resolve(f.units()),
                directory.resolve(f.people()),
                directory.resolve(RegionManifest.FILE_NAME),
                manifest);
    }

    /** The region's zones, read from its zones file and indexed for lookups by point. */
    public org.muster.geo.zone.ZoneIndex readZones() {
        return org.muster.geo.zone.ZoneIndex.of(
                org.muster.geo.zone.GeoJsonZoneReader.read(zonesFile, RegionFiles.ZONE_FORMAT)
                        .zones());
    }

    public RegionManifest.Counts counts() {
        return manifest.counts();
    }
}
