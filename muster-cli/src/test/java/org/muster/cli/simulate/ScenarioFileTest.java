package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.domain.organisation.Agency;

class ScenarioFileTest {
    private static final String GOOD = """
            name: test
            region:
              generated:
                seed: 7
            start: 2026-11-17T00:00:00Z
            duration: 24h
            """;

    private static ScenarioFile.Read parse(String yaml) {
        return ScenarioFile.parse("s.yml", new StringReader(yaml), OptionalLong.empty());
    }

    /** The problems the file has, each as "field='value': rule". */
    private static InvalidInputException refused(String yaml) {
        try {
            parse(yaml);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void theShippedNormalDayReads() {
        ScenarioFile.Read read = ScenarioFile.read(Path.of("..", "scenarios", "normal-day.yml"), OptionalLong.empty());
        assertThat(read.regionSeed()).isEqualTo(7);
        assertThat(read.scenario().name()).isEqualTo("normal-day");
        assertThat(read.scenario().start()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
        assertThat(read.scenario().duration()).isEqualTo(Duration.ofHours(24));
        assertThat(read.scenario().crews().handover()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void whatTheFileLeavesOutTakesTheDemosDefaultsAndTheSeedCanBeReplaced() {
        ScenarioFile.Read read = ScenarioFile.parse(
                "s.yml",
                new StringReader(
                        GOOD + "service:\n  onScene:\n    police: [10m, 20m, 30m, 40m]\n  positionInterval: 1m\n"),
                OptionalLong.of(99));
        assertThat(read.scenario().seed()).isEqualTo(99);
        assertThat(read.scenario().demandScale()).isEqualTo(1.0);
        assertThat(read.scenario().crews().onScene().get(Agency.POLICE)[2]).isEqualTo(Duration.ofMinutes(30));
        assertThat(read.scenario().crews().onScene().get(Agency.AMBULANCE)[0]).isEqualTo(Duration.ofMinutes(40));
        assertThat(read.scenario().dispatchDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(read.scenario().crews().positionInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(read.scenario().crews().handover()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheKeysExpected() {
        InvalidInputException e = refused(GOOD + "demand:\n  scael: 2\n");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("s.yml line 8: demand.scael");
            assertThat(v.rule()).contains("expected one of [scale]");
        });
        assertThat(refused(GOOD + "shocks: []\n").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("s.yml line 7: shocks"));
    }

    @Test
    void aNegativeRateIsRefusedWithItsLine() {
        Violation v = refused(GOOD + "demand:\n  scale: -0.5\n").violations().getFirst();
        assertThat(v.field()).isEqualTo("s.yml line 8: demand.scale");
        assertThat(v.value()).isEqualTo("-0.5");
        assertThat(v.rule()).startsWith("must be 0 or more");
    }

    @Test
    void aDurationThatIsNotOneIsRefusedWithItsLine() {
        for (String bad : new String[] {"soon", "-5m", "0h", "24", "P1Y"}) {
            Violation v = refused(GOOD.replace("duration: 24h", "duration: " + bad))
                    .violations()
                    .getFirst();
            assertThat(v.field()).as(bad).isEqualTo("s.yml line 6: duration");
            assertThat(v.value()).isEqualTo(bad);
            assertThat(v.rule()).contains("positive duration such as 90s, 15m, 24h, 2d or PT24H");
        }
        assertThat(refused(GOOD.replace("24h", "29d")).violations().getFirst().rule())
                .isEqualTo("must be at most 28 days (28d)");
        assertThat(refused(GOOD + "service:\n  onScene:\n    fire: [10m, 20m]\n")
                        .violations()
                        .getFirst())
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("s.yml line 9: service.onScene.fire");
                    assertThat(v.rule()).contains("4 medians");
                });
    }

    @Test
    void everyProblemIsReportedAtOnceAndAMissingKeyIsNamed() {
        InvalidInputException e = refused("""
                region:
                  generated: {seed: seven}
                start: yesterday
                demand: {scale: many}
                """);
        assertThat(e.violations())
                .extracting(Violation::field)
                .containsExactly(
                        "s.yml line 2: region.generated.seed",
                        "s.yml line 3: start",
                        "s.yml line 1: duration",
                        "s.yml line 4: demand.scale");
        assertThat(e.violations().get(2).rule()).isEqualTo("is required");
    }

    @Test
    void brokenYamlNamesItsLine() {
        InvalidInputException e = refused(GOOD + "demand: [1, 2\n");
        assertThat(e.violations().getFirst().field()).startsWith("s.yml line ");
        assertThat(e.violations().getFirst().rule()).startsWith("must be YAML");
        assertThat(refused(GOOD + "seed: 1\nseed: 2\n").violations())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("s.yml line 8: seed");
                    assertThat(v.rule()).isEqualTo("is given twice; first on line 7");
                });
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.yml");
        assertThatThrownBy(() -> ScenarioFile.read(missing, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("must be a scenario file that exists");
    }

    @Test
    void aBaselineIsAScenarioFileBesideThisOneThatExistsAndIsAnotherOne(@TempDir Path dir) throws Exception {
        String minimal = MINIMAL_FOR_BASELINE;
        Files.writeString(dir.resolve("base.yml"), minimal);
        Path scenario = Files.writeString(dir.resolve("s.yml"), minimal + "baseline: base.yml\n");
        assertThat(ScenarioFile.read(scenario, OptionalLong.empty()).baseline())
                .contains(dir.resolve("base.yml").toAbsolutePath().normalize());
        assertThat(ScenarioFile.read(dir.resolve("base.yml"), OptionalLong.empty())
                        .baseline())
                .isEmpty();

        Path missing = Files.writeString(dir.resolve("m.yml"), minimal + "baseline: nowhere.yml\n");
        assertThatThrownBy(() -> ScenarioFile.read(missing, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("m.yml line 6: baseline='nowhere.yml'")
                .hasMessageContaining("must name a scenario file that exists");
        Path itself = Files.writeString(dir.resolve("self.yml"), minimal + "baseline: self.yml\n");
        assertThatThrownBy(() -> ScenarioFile.read(itself, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be another scenario than this one");
        Path list = Files.writeString(dir.resolve("l.yml"), minimal + "baseline: [a.yml, b.yml]\n");
        assertThatThrownBy(() -> ScenarioFile.read(list, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("l.yml line 6: baseline=")
                .hasMessageContaining("must name a scenario file");
    }

    private static final String MINIMAL_FOR_BASELINE = """
            region:
              generated:
                seed: 7
            start: 2026-11-17T00:00:00Z
            duration: 1h
            """;

    @Test
    void anOverrideReplacesAKeyOrAddsItAndIsCheckedAsIfTheFileSaidIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("o.yml"), MINIMAL_FOR_BASELINE);
        assertThat(ScenarioFile.read(file, OptionalLong.empty(), java.util.Map.of("demand.scale", "2.5"))
                        .scenario()
                        .demandScale())
                .isEqualTo(2.5);
        Path scaled = Files.writeString(dir.resolve("p.yml"), MINIMAL_FOR_BASELINE + "demand:\n  scale: 7\n");
        assertThat(ScenarioFile.read(scaled, OptionalLong.empty(), java.util.Map.of("demand.scale", "0.5"))
                        .scenario()
                        .demandScale())
                .isEqualTo(0.5);
        assertThatThrownBy(
                        () -> ScenarioFile.read(scaled, OptionalLong.empty(), java.util.Map.of("demand.scale", "-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("demand.scale='-1'");
    }
}
