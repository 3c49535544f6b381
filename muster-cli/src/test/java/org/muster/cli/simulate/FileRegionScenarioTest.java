package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.Main;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.sim.des.Shock;

/**
 * {@code region: {files: ...}}: a scenario on a region given as files (an OSM extract with its organisations,
 * zones, stations, units and people), read from the scenario's folder, and refused, naming the line, when a
 * file is missing, the files disagree, or the demand asks for what the region cannot give.
 */
class FileRegionScenarioTest {
    private static final Path RUTLAND =
            Path.of("..", "scenarios", "rutland").toAbsolutePath().normalize();

    /** A scenario on the shipped Rutland files, with a stand-in for the extract: reading checks only that it exists. */
    private static String scenario(Path dir, String settlements, String rest) throws Exception {
        Files.writeString(dir.resolve("roads.osm.pbf"), "");
        return """
                name: rutland-test
                region:
                  files:
                    osm: roads.osm.pbf
                    organisations: %1$s/organisations.csv
                    zones: %1$s/zones.geojson
                    stations: %1$s/stations.csv
                    units: %1$s/units.csv
                    people: %1$s/people.csv
                %2$sstart: 2026-11-17T00:00:00Z
                duration: 6h
                %3$s""".formatted(RUTLAND, settlements, rest);
    }

    private static final String SETTLEMENTS = "    settlements: " + RUTLAND + "/settlements.csv\n";

    private static ScenarioFile.Read read(Path dir, String yaml) throws Exception {
        return ScenarioFile.read(Files.writeString(dir.resolve("s.yml"), yaml), OptionalLong.empty());
    }

    private static List<String> refused(Path dir, String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yml"), yaml);
        try {
            ScenarioFile.read(file, OptionalLong.empty());
        } catch (InvalidInputException e) {
            return e.violations().stream().map(Object::toString).toList();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void theShippedRutlandDayNamesItsFilesFromItsFolder() {
        Path shipped = Path.of("..", "scenarios", "rutland-day.yml");
        Path extract = Path.of("..", "..", "shared", "data", "rutland-2022.osm.pbf");
        assumeTrue(Files.isRegularFile(extract), "the Rutland extract is absent (" + extract + "): not read");
        ScenarioFile.Read read = ScenarioFile.read(shipped, OptionalLong.empty());
        var files = read.files().orElseThrow();
        assertThat(files.osm().getFileName()).hasToString("rutland-2022.osm.pbf");
        assertThat(files.osm().toAbsolutePath().normalize())
                .isEqualTo(extract.toAbsolutePath().normalize());
        assertThat(files.units().toAbsolutePath().normalize()).isEqualTo(RUTLAND.resolve("units.csv"));
        assertThat(files.settlements()).isPresent();
        assertThat(read.scenario().demandScale()).isEqualTo(2.0);
    }

    @Test
    void theRegionsOwnOrganisationsAreTheOnesAShockOrAReplayedCallMayName(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("calls.csv"),
                "received,organisation,type,lat,lon\n2026-11-17T01:00:00Z,EMAS,FALL,52.6705,-0.7271\n");
        ScenarioFile.Read read = read(dir, scenario(dir, SETTLEMENTS, """
                        demand:
                          replay: calls.csv
                        shocks:
                          - withdraw: {organisation: LP, people: 0.3, at: 1h, for: 2h}
                        """));
        assertThat(read.files()).isPresent();
        assertThat(read.scenario().replay())
                .singleElement()
                .satisfies(c -> assertThat(c.organisation()).isEqualTo(OrganisationId.of("EMAS")));
        assertThat(read.scenario().plan().shocks())
                .singleElement()
                .isInstanceOfSatisfying(
                        Shock.WithdrawPeople.class,
                        w -> assertThat(w.organisation().value()).isEqualTo("LP"));

        assertThat(refused(
                        dir,
                        scenario(
                                dir,
                                SETTLEMENTS,
                                "shocks:\n  - withdraw: {organisation: WSP, people: 0.3, at: 1h, for: 2h}\n")))
                .singleElement()
                .asString()
                .isEqualTo("s.yml line 14: shocks[0].withdraw.organisation='WSP': is not an organisation of the"
                        + " region; expected one of [EMAS, LFRS, LP]");
    }

    @Test
    void aMissingFileOrTwoKindsOfRegionAreRefusedWithTheirLines(@TempDir Path dir) throws Exception {
        String missing = scenario(dir, "", "demand:\n  poisson:\n    - {type: FALL, perHour: 2, at: EMAS-AS01}\n")
                .replace("%s/units.csv".formatted(RUTLAND), "nope.csv");
        assertThat(refused(dir, missing))
                .singleElement()
                .asString()
                .startsWith("s.yml line 8: region.files.units='nope.csv': must name a readable file that exists,"
                        + " from this file's folder");

        String both = scenario(dir, "  generated: {seed: 7}\n", "");
        assertThat(refused(dir, both))
                .singleElement()
                .asString()
                .startsWith("s.yml line 3: region='files,generated': must name one kind");
    }

    @Test
    void withoutSettlementsOnlyTheScenariosOwnCallsRunAndTheDemandModelIsRefused(@TempDir Path dir) throws Exception {
        assertThat(refused(dir, scenario(dir, "", "")))
                .singleElement()
                .asString()
                .isEqualTo("s.yml line 3: region.files.settlements='': is needed for the demo's demand model, which"
                        + " places its calls around the region's settlements; give it, or demand.poisson or"
                        + " demand.replay");
        assertThat(refused(
                        dir,
                        scenario(
                                dir,
                                "",
                                "demand:\n  poisson:\n    - {type: FALL, perHour: 2, at: EMAS-AS01}\n"
                                        + "shocks:\n  - surge: {types: [FALL], factor: 2, at: 1h, for: 1h}\n")))
                .singleElement()
                .asString()
                .startsWith("s.yml line 16: shocks[0].surge='': raises the demand model's or a replay's calls;"
                        + " demand.poisson's streams keep their constant rates");
        // with the demand model, a surge is refused with the model, for the settlements it needs
        assertThat(refused(dir, scenario(dir, "", "shocks:\n  - surge: {types: [FALL], factor: 2, at: 1h, for: 1h}\n")))
                .anySatisfy(p -> assertThat(p)
                        .asString()
                        .startsWith("s.yml line 13: shocks[0].surge='': raises the demo's demand model's calls, which"
                                + " a region without region.files.settlements does not have"));
        ScenarioFile.Read poisson =
                read(dir, scenario(dir, "", "demand:\n  poisson:\n    - {type: FALL, perHour: 2, at: EMAS-AS01}\n"));
        assertThat(poisson.scenario().calls()).hasSize(1);
        assertThat(poisson.files().orElseThrow().settlements()).isEmpty();
    }

    @Test
    void regionFilesThatDisagreeExitTwoBeforeAnythingRunsNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path files = Files.createDirectories(dir.resolve("rutland"));
        for (String f : List.of("organisations.csv", "zones.geojson", "stations.csv", "people.csv"))
            Files.copy(RUTLAND.resolve(f), files.resolve(f));
        Files.writeString(
                files.resolve("units.csv"),
                Files.readString(RUTLAND.resolve("units.csv"))
                        .replace(
                                "EMAS-U03,EM-A03,EMAS,DOUBLE_CREWED_AMBULANCE,EMAS-AS01",
                                "EMAS-U03,EM-A03,EMAS,DOUBLE_CREWED_AMBULANCE,EMAS-AS07"));
        Path scenario = Files.writeString(
                dir.resolve("s.yml"),
                scenario(dir, "", "demand:\n  poisson:\n    - {type: FALL, perHour: 2, at: EMAS-AS01}\n")
                        .replace(RUTLAND + "/units.csv", "rutland/units.csv"));
        Path out = dir.resolve("out");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(
                    "simulate",
                    scenario.toString(),
                    "--out",
                    out.toString(),
                    "--regions",
                    dir.resolve("regions").toString(),
                    "--quiet");
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("units.csv[10].home_station='EMAS-AS07': is not a station of stations.csv");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("regions")).doesNotExist();
    }

    @Test
    void aBaselineMustRunOnTheSameFiles(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("generated.yml"),
                "region:\n  generated: {seed: 7}\nstart: 2026-11-17T00:00:00Z\nduration: 6h\n");
        Path scenario = Files.writeString(
                dir.resolve("s.yml"),
                scenario(
                        dir,
                        "",
                        "demand:\n  poisson:\n    - {type: FALL, perHour: 2, at: EMAS-AS01}\nbaseline: generated.yml\n"));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(
                    "simulate",
                    scenario.toString(),
                    "--out",
                    dir.resolve("out").toString(),
                    "--regions",
                    dir.resolve("regions").toString(),
                    "--quiet");
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("generated.yml region='generated': a baseline must run on the scenario's region");
        assertThat(dir.resolve("regions")).doesNotExist();
    }

    @Test
    void aBadOrganisationsFileIsRefusedNamingItsLineInTheScenarioAndTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("orgs.csv"), "organisation_id,name,agency\nLP,Leicestershire Police,POLICEE\n");
        String yaml = scenario(dir, SETTLEMENTS, "").replace(RUTLAND + "/organisations.csv", "orgs.csv");
        assertThatThrownBy(() -> read(dir, yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("s.yml line 5: region.files.organisations orgs.csv[2].agency='POLICEE': must be"
                        + " one of [POLICE, AMBULANCE, FIRE]");
    }
}
