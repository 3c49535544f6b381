package org.muster.geo.region;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;

/**
 * What a generated region holds, written beside its files as {@code manifest.json}.
 *
 * @param files the files' names, relative to the manifest's directory
 * @param settlements every city, town and village, biggest kinds first: for demand models and labels
 */
public record RegionManifest(
        String generator,
        int formatVersion,
        long seed,
        double scale,
        FileNames files,
        BoundingBox bbox,
        Centre centre,
        Counts counts,
        List<OrganisationEntry> organisations,
        List<SettlementEntry> settlements) {
    public static final String FILE_NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RegionManifest {
        organisations = List.copyOf(organisations);
        settlements = List.copyOf(settlements);
    }

    public record FileNames(String osm, String zones, String stations, String units, String people) {}

    public record BoundingBox(double minLat, double minLon, double maxLat, double maxLon) {}

    public record Centre(double lat, double lon) {}

    /**
     * @param junctions road nodes where ways meet or end: the nodes of GraphHopper's graph
     * @param osmNodes every node in the OSM file, including those that only shape a road
     * @param sparePeople people on no unit
     */
    public record Counts(
            long junctions,
            long osmNodes,
            long osmWays,
            int cities,
            int towns,
            int villages,
            int motorways,
            int motorwayJunctions,
            int zones,
            int stations,
            int hospitals,
            int units,
            int people,
            int sparePeople) {}

    public record OrganisationEntry(String id, String name, Agency agency) {
        public Organisation toOrganisation() {
            return new Organisation(OrganisationId.of(id), name, agency);
        }
    }

    /** @param radiusMeters every junction of the settlement lies within this distance of its centre */
    public record SettlementEntry(String name, SettlementKind kind, double lat, double lon, double radiusMeters) {}

    public List<Organisation> listOrganisations() {
        return organisations.stream().map(OrganisationEntry::toOrganisation).toList();
    }

    void write(Path file) {
        try {
            Files.write(file, (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegionManifest read(Path file) {
        if (!Files.isReadable(file)) {
            throw InvalidInputException.of("file", file, "must be a readable region manifest");
        }
        try {
            return JSON.readValue(file.toFile(), RegionManifest.class);
        } catch (IOException e) {
            throw InvalidInputException.of("file", file, "must be a region manifest (" + e.getMessage() + ")");
        }
    }
}
