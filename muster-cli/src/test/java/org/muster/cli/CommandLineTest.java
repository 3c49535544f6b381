package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    record Run(int exit, String out, String err) {}

    /** Runs the command line with {@code input} as its standard input (for {@code pipe}). */
    static Run runWithInput(String input, String... args) {
        var oldIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return run(args);
        } finally {
            System.setIn(oldIn);
        }
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * A data directory under {@code dir} holding the generated demo region's zones, as {@code import zones} would
     * leave them, for commands that place calls in zones.
     */
    static Path dataWithRegionZones(Path dir) throws java.io.IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("zones"));
        Files.copy(
                org.muster.engine.testing.RegionFixture.region().zonesFile(),
                data.resolve("zones/region.geojson"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return data;
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("state", "pipe", "audit", "bench");
    }

    @Test
    void aBadStoreUrlIsRefusedNamingTheFieldValueAndForm() {
        Run r = run("state", "--store", "mysql://nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("store.url", "mysql://nope", "sqlite:");
    }

    @Test
    void stateAndAuditOnAnEmptyStore(@TempDir Path dir) throws Exception {
        String store = "sqlite:" + dir.resolve("m.db");
        // a store that exists but holds nothing yet (pipe creates one) is read as such
        assertThat(runWithInput("", "pipe", "--store", store, "--data", dir.toString())
                        .exit())
                .isZero();
        assertThat(run("state", "--store", store).out()).contains("sequence 0");
        Run audit = run("audit", "verify", "--store", store);
        assertThat(audit.exit()).isZero();
        assertThat(audit.out()).contains("intact: 0 events");
        assertThat(Files.exists(dir.resolve("m.db"))).isTrue();
    }

    @Test
    void pipeRefusesAPositionWithoutBothCoordinates(@TempDir Path dir) {
        String store = "sqlite:" + dir.resolve("m.db");
        String lines = "{\"id\":\"p1\",\"actor\":\"t\",\"type\":\"CreateIncident\",\"command\":{\"id\":\"I-1\","
                + "\"organisation\":\"MAS\",\"type\":\"FALL\",\"priority\":null,\"location\":{\"lat\":52.5},"
                + "\"description\":\"\",\"hazards\":[]}}\n"
                + "{\"id\":\"p2\",\"actor\":\"t\",\"type\":\"ReportPosition\",\"command\":{\"unit\":\"U-1\","
                + "\"point\":{\"lat\":null,\"lon\":-1.9}}}\n";
        Run r = runWithInput(lines, "pipe", "--store", store, "--data", dir.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out() + r.err())
                .contains("command.location.lon", "missing", "between -180 and 180")
                .contains("command.point.lat (missing): is required", "between -90 and 90");
        assertThat(run("state", "--store", store).out()).contains("sequence 0");
    }
}
