package org.muster.geo.region;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /**
     * @param radiusMeters every junction of the settlement lies within this distance of its centre
     * @param people how many live there, when a region's files say (a census figure); {@code null} when they do not,
     *     and the demand model then weighs the settlement by its kind. Left out of {@code manifest.json} when null,
     *     so a generated region's manifest is as it was.
     */
    public record SettlementEntry(
            String name,
            SettlementKind kind,
            double lat,
            double lon,
            double radiusMeters,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer people) {
        public SettlementEntry {
            if (people != null && people < 1)
                throw InvalidInputException.of("people", people, "must be at least 1, or left out");
        }

        /** A settlement weighed by its kind. */
        public SettlementEntry(String name, SettlementKind kind, double lat, double lon, double radiusMeters) {
            this(name, kind, lat, lon, radiusMeters, null);
        }

        /** How many live there, when the region's files say. */
        public java.util.OptionalInt givenPeople() {
            return people == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(people);
        }
    }

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
