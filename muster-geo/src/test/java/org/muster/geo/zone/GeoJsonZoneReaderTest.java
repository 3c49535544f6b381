package org.muster.geo.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

class GeoJsonZoneReaderTest {
    private static final OrganisationId ORG = OrganisationId.of("WYP");
    private static final ZoneFileFormat BY_NAME = ZoneFileFormat.of("NAME", ORG);
    private static final String SQUARE = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";

    private static String feature(String properties, String type, String coordinates) {
        return """
                {"type":"Feature","properties":%s,"geometry":{"type":"%s","coordinates":%s}}""".formatted(properties, type, coordinates);
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static LoadedZones read(String json, ZoneFileFormat format) {
        return GeoJsonZoneReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.geojson", format);
    }

    private static InvalidInputException refusal(String json, ZoneFileFormat format) {
        try {
            read(json, format);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected the input to be refused");
    }

    @Test
    void readsPolygonsAndMultiPolygonsWithIdsDerivedFromNames() {
        LoadedZones loaded = read(
                collection(
                        feature("{\"NAME\":\"Leeds District\"}", "Polygon", SQUARE),
                        feature(
                                "{\"NAME\":\"Bradford & Keighley\"}",
                                "MultiPolygon",
                                "[[[[2,0],[3,0],[3,1],[2,1],[2,0]]],[[[4,0],[5,0],[5,1],[4,1],[4,0]]]]")),
                BY_NAME);

        assertThat(loaded.repairs()).isEmpty();
        assertThat(loaded.zones())
                .extracting(z -> z.id().value())
                .containsExactly("WYP.leeds-district", "WYP.bradford-keighley");
        assertThat(loaded.zones().get(1).geometry().getNumGeometries()).isEqualTo(2);
        assertThat(loaded.zones().getFirst().toZone().organisation()).isEqualTo(ORG);
    }

    @Test
    void readsIdsOrganisationsAndParentsFromProperties() {
        ZoneFileFormat format = ZoneFileFormat.perFeatureOrganisation("name", "organisation")
                .withIdProperty("zone_id")
                .withParentProperty("parent");
        LoadedZones loaded = read(
                collection(
                        feature("{\"name\":\"Area\",\"zone_id\":\"A\",\"organisation\":\"AMB\"}", "Polygon", SQUARE),
                        feature(
                                "{\"name\":\"Sector\",\"zone_id\":\"A-1\",\"organisation\":\"AMB\",\"parent\":\"A\"}",
                                "Polygon",
                                SQUARE)),
                format);

        assertThat(loaded.zones().get(0).parent()).isEmpty();
        assertThat(loaded.zones().get(1).parent()).hasValue(ZoneId.of("A"));
        assertThat(loaded.zones().get(1).organisation()).isEqualTo(OrganisationId.of("AMB"));
    }

    @Test
    void repairsABowTieAndSaysWhichFeatureWasFixed() {
        String bowTie = "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]";
        LoadedZones loaded = read(
                collection(
                        feature("{\"NAME\":\"Fine\"}", "Polygon", SQUARE),
                        feature("{\"NAME\":\"Bow tie\"}", "Polygon", bowTie)),
                BY_NAME);

        assertThat(loaded.repairs()).singleElement().satisfies(r -> {
            assertThat(r.featureIndex()).isEqualTo(1);
            assertThat(r.zone()).isEqualTo(ZoneId.of("WYP.bow-tie"));
            assertThat(r.problem()).contains("Self-intersection");
        });
        ZoneShape bowTieZone = loaded.zones().get(1);
        assertThat(bowTieZone.geometry().isValid()).isTrue();
        assertThat(bowTieZone.geometry().getArea()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        ZoneIndex index = ZoneIndex.of(loaded.zones().subList(1, 2));
        assertThat(index.findContaining(GeoPoint.of(0.5, 0.1))).isPresent();
        assertThat(index.findContaining(GeoPoint.of(0.5, 0.9))).isPresent();
        assertThat(index.findContaining(GeoPoint.of(0.1, 0.5))).isEmpty();
    }

    @Test
    void closesAnUnclosedRingAndReportsIt() {
        LoadedZones loaded =
                read(collection(feature("{\"NAME\":\"Open\"}", "Polygon", "[[[0,0],[1,0],[1,1],[0,1]]]")), BY_NAME);

        assertThat(loaded.repairs())
                .singleElement()
                .extracting(ZoneRepair::problem)
                .asString()
                .contains("not closed");
        assertThat(loaded.zones().getFirst().geometry().getArea()).isEqualTo(1.0);
    }

    @Test
    void reportsEveryBadFeatureAtOnceNamingFieldValueAndRule() {
        String json = collection(
                feature("{\"NAME\":\"Good\"}", "Polygon", SQUARE),
                feature("{\"OTHER\":\"No name\"}", "Polygon", SQUARE),
                feature("{\"NAME\":\"A point\"}", "Point", "[0,0]"),
                feature("{\"NAME\":\"Off the globe\"}", "Polygon", "[[[0,0],[200,0],[1,1],[0,0]]]"),
                feature("{\"NAME\":\"Good\"}", "Polygon", SQUARE),
                feature("{\"NAME\":\"Too short\"}", "Polygon", "[[[0,0],[1,0],[0,0]]]"),
                "{\"type\":\"Feature\",\"properties\":{\"NAME\":\"No geometry\"},\"geometry\":null}");

        InvalidInputException e = refusal(json, BY_NAME);

        assertThat(e.violations())
                .extracting(Violation::field)
                .containsExactly(
                        "features[1].properties.NAME",
                        "features[2].geometry.type",
                        "features[3].geometry.coordinates[0][1]",
                        "features[5].geometry.coordinates[0]",
                        "features[6].geometry",
                        "features[4].properties.NAME");
        assertThat(e.violations().get(1).value()).isEqualTo("Point");
        assertThat(e.violations().get(1).rule()).contains("Polygon or MultiPolygon");
        assertThat(e.violations().get(2).value()).isEqualTo("[200,0]");
        assertThat(e.violations().get(5).rule()).contains("features[0]");
        assertThat(e.getMessage()).contains("features[1].properties.NAME (missing): is required");
    }

    @Test
    void refusesBadIdsAndOrganisations() {
        ZoneFileFormat format =
                ZoneFileFormat.perFeatureOrganisation("name", "org").withIdProperty("id");
        InvalidInputException e = refusal(
                collection(
                        feature("{\"name\":\"A\",\"id\":\"has space\",\"org\":\"X\"}", "Polygon", SQUARE),
                        feature("{\"name\":\"B\",\"id\":\"B\"}", "Polygon", SQUARE)),
                format);

        assertThat(e.violations())
                .extracting(Violation::field, Violation::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("features[0].properties.id", "has space"),
                        org.assertj.core.groups.Tuple.tuple("features[1].properties.org", Violation.MISSING));
    }

    @Test
    void refusesFilesThatAreNotFeatureCollectionsOfFeatures() {
        assertThatThrownBy(() -> read("not json at all", BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file='test.geojson': must be GeoJSON");
        assertThatThrownBy(() -> read("{\"type\":\"Feature\"}", BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("type='Feature': must be a GeoJSON FeatureCollection");
        assertThatThrownBy(() -> read("[1,2]", BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a GeoJSON FeatureCollection");
        assertThatThrownBy(() -> read(collection(), BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("features='[]': must hold at least one feature");
        assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\"}", BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("features='missing'");
    }

    @Test
    void refusesAnUnreadableFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.geojson");
        assertThatThrownBy(() -> GeoJsonZoneReader.read(missing, BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file='" + missing + "': must be a readable GeoJSON file");
        assertThatThrownBy(() -> GeoJsonZoneReader.read(dir, BY_NAME)).isInstanceOf(InvalidInputException.class);

        Path empty = Files.writeString(dir.resolve("empty.geojson"), "");
        assertThatThrownBy(() -> GeoJsonZoneReader.read(empty, BY_NAME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("type='missing'");
    }

    @Test
    void derivesIdsThatAreValidCodes() {
        assertThat(GeoJsonZoneReader.deriveId(ORG, "  Saint-Étienne's  North!! "))
                .hasValue(ZoneId.of("WYP.saint-etienne-s-north"));
        assertThat(GeoJsonZoneReader.deriveId(ORG, "***")).isEmpty();
        assertThat(GeoJsonZoneReader.deriveId(ORG, "x".repeat(100))
                        .orElseThrow()
                        .value())
                .hasSize(64);
        assertThat(GeoJsonZoneReader.deriveId(ORG, "Leeds")).isEqualTo(Optional.of(ZoneId.of("WYP.leeds")));
    }

    @Test
    void aFormatNeedsExactlyOneWayToFindTheOrganisation() {
        assertThatThrownBy(() -> new ZoneFileFormat(
                        "n", Optional.empty(), Optional.of(ORG), Optional.of("org"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not both or neither");
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException {
        String bowTie = "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]";
        ZoneFileFormat format = ZoneFileFormat.perFeatureOrganisation("name", "organisation")
                .withIdProperty("zone_id")
                .withParentProperty("parent");
        LoadedZones original = read(
                collection(
                        feature(
                                "{\"name\":\"Area\",\"zone_id\":\"A\",\"organisation\":\"AMB\"}",
                                "Polygon",
                                "[[[-1.5,52],[10,52],[10,53],[-1.5,53],[-1.5,52]]]"),
                        feature(
                                "{\"name\":\"Tie\",\"zone_id\":\"A-1\",\"organisation\":\"AMB\",\"parent\":\"A\"}",
                                "Polygon",
                                bowTie)),
                format);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        GeoJsonZoneWriter.write(original.zones(), z -> java.util.Map.of("agency", "AMBULANCE"), out);

        String json = out.toString(StandardCharsets.UTF_8);
        LoadedZones again = read(json, GeoJsonZoneWriter.FORMAT);

        assertThat(json)
                .contains("[10,52]")
                .contains("\"agency\":\"AMBULANCE\"")
                .doesNotContain("E+");
        assertThat(again.repairs()).isEmpty();
        assertThat(again.zones()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ZoneShape a = original.zones().get(i);
            ZoneShape b = again.zones().get(i);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.parent()).isEqualTo(a.parent());
            assertThat(b.geometry().equalsExact(a.geometry())).isTrue();
        }
    }
}
