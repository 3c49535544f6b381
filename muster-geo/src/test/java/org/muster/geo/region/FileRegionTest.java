package org.muster.geo.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.domain.organisation.Agency;

/** A region read from files: the shipped Rutland files load, and files that disagree are refused whole. */
class FileRegionTest {
    private static final Path RUTLAND = Path.of("..", "scenarios", "rutland");

    private static FileRegion files(Path dir, Optional<Path> settlements) {
        return new FileRegion(
                dir.resolve("rutland.osm.pbf"),
                dir.resolve("organisations.csv"),
                dir.resolve("zones.geojson"),
                dir.resolve("stations.csv"),
                dir.resolve("units.csv"),
                dir.resolve("people.csv"),
                settlements);
    }

    /** A copy of the shipped Rutland files, to break one at a time. */
    private static Path copy(Path dir) throws IOException {
        for (String f : List.of(
                "organisations.csv", "zones.geojson", "stations.csv", "units.csv", "people.csv", "settlements.csv"))
            Files.copy(RUTLAND.resolve(f), dir.resolve(f));
        return dir;
    }

    private static List<String> problems(FileRegion region, Path work) {
        try {
            region.load(work);
        } catch (InvalidInputException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError("the files were accepted");
    }

    @Test
    void theShippedRutlandFilesLoadAsARegion(@TempDir Path work) {
        GeneratedRegion region =
                files(RUTLAND, Optional.of(RUTLAND.resolve("settlements.csv"))).load(work);

        assertThat(region.directory()).isEqualTo(work);
        assertThat(region.manifest().generator()).isEqualTo(FileRegion.GENERATOR);
        assertThat(region.manifest().listOrganisations())
                .extracting(o -> o.id().value() + " " + o.agency())
                .containsExactly("LP POLICE", "EMAS AMBULANCE", "LFRS FIRE");
        assertThat(region.counts().units()).isEqualTo(14);
        assertThat(region.counts().stations()).isEqualTo(7);
        assertThat(region.counts().hospitals()).isEqualTo(1);
        assertThat(region.counts().people()).isEqualTo(33);
        assertThat(region.counts().zones()).isEqualTo(12);
        assertThat(region.counts().towns()).isEqualTo(2);
        assertThat(region.manifest().settlements()).hasSize(16);
        assertThat(region.manifest().settlements().getFirst().name()).isEqualTo("Oakham");
        // the zones are the county's real boundary: 52.525 to 52.760 N
        assertThat(region.manifest().bbox().minLat()).isLessThan(52.53);
        assertThat(region.manifest().bbox().maxLat()).isGreaterThan(52.75);
        assertThat(region.manifest().organisations().getFirst().agency()).isEqualTo(Agency.POLICE);
    }

    @Test
    void withoutSettlementsTheRegionHasNone(@TempDir Path work) {
        GeneratedRegion region = files(RUTLAND, Optional.empty()).load(work);
        assertThat(region.manifest().settlements()).isEmpty();
        assertThat(region.counts().villages()).isZero();
    }

    @Test
    void filesThatDisagreeAreRefusedWholeNamingEachFileAndLine(@TempDir Path dir) throws IOException {
        Path d = copy(dir);
        // a unit at a station the stations file does not have (line 3)
        Files.writeString(
                d.resolve("units.csv"),
                Files.readString(d.resolve("units.csv"))
                        .replaceFirst(
                                "LP-U02,LP-RC02,LP,POLICE_RESPONSE_CAR,LP-PS01",
                                "LP-U02,LP-RC02,LP,POLICE_RESPONSE_CAR,LP-PS99"));
        // a station in the North Sea, outside every zone (line 2)
        Files.writeString(
                d.resolve("stations.csv"),
                Files.readString(d.resolve("stations.csv")).replace("52.6731620,-0.7287190", "54.0000000,2.0000000"));
        // a person on a unit nobody has
        Files.writeString(
                d.resolve("people.csv"),
                Files.readString(d.resolve("people.csv")) + "LP-P999,Ann Other,LP,POLICE_OFFICER,,LP-U77\n");

        List<String> problems = problems(files(d, Optional.empty()), dir.resolve("work"));

        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("units.csv[3].home_station='LP-PS99': is not a station of stations.csv"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith(
                                "stations.csv[2].lat,lon='54.0,2.0': lies outside every zone of LP in zones.geojson"))
                .anySatisfy(
                        p -> assertThat(p).startsWith("people.csv[35].unit_id='LP-U77': is not a unit of units.csv"))
                .hasSize(3);
    }

    @Test
    void aZoneFileWithNoFeaturesAndAMissingFileAreRefusedNamingThem(@TempDir Path dir) throws IOException {
        Path d = copy(dir);
        Files.writeString(d.resolve("zones.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        Files.delete(d.resolve("people.csv"));

        List<String> problems = problems(files(d, Optional.empty()), dir.resolve("work"));

        assertThat(problems)
                .anySatisfy(p ->
                        assertThat(p).startsWith("zones.geojson features=").endsWith("must hold at least one feature"))
                .anySatisfy(p -> assertThat(p).contains("people.csv").contains("must be a readable CSV file"));
    }

    @Test
    void anOrganisationTheOrganisationsFileDoesNotListIsRefused(@TempDir Path dir) throws IOException {
        Path d = copy(dir);
        Files.writeString(
                d.resolve("organisations.csv"),
                Files.readString(d.resolve("organisations.csv"))
                        .replace("LFRS,Leicestershire Fire and Rescue Service,FIRE\n", ""));

        List<String> problems = problems(files(d, Optional.empty()), dir.resolve("work"));

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("zones.geojson zone LFRS-RUTLAND.organisation='LFRS'"))
                .anySatisfy(p -> assertThat(p).startsWith("stations.csv[7].organisation='LFRS'"))
                .anySatisfy(p -> assertThat(p).contains("people.csv[").contains("organisation='LFRS'"));
    }

    @Test
    void aBadSettlementIsRefusedWithItsLine(@TempDir Path dir) throws IOException {
        Path d = copy(dir);
        Files.writeString(
                d.resolve("settlements.csv"),
                Files.readString(d.resolve("settlements.csv")).replace("Ketton,VILLAGE", "Ketton,HAMLET"));

        List<String> problems = problems(files(d, Optional.of(d.resolve("settlements.csv"))), dir.resolve("work"));

        assertThat(problems).singleElement().asString().startsWith("settlements.csv[5].kind='HAMLET': must be one of");
    }
}
