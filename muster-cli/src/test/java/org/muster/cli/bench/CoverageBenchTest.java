package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The coverage benchmark runs end to end on a small generated region and prints its figures. */
class CoverageBenchTest {
    @Test
    void printsUpdateTimesTheFullRecomputeAndTheFigures(@TempDir Path data) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new CoverageBench())
                    .execute(
                            "--osm",
                            "generated:1000",
                            "--data",
                            data.toString(),
                            "--units",
                            "25",
                            "--updates",
                            "60",
                            "--json");
        } finally {
            System.setOut(out);
        }
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(json.get("benchmark").asText()).isEqualTo("coverage");
        assertThat(json.get("update_p99_ms").asDouble()).isPositive();
        assertThat(json.get("update_p50_ms").asDouble())
                .isLessThanOrEqualTo(json.get("update_p99_ms").asDouble());
        assertThat(json.get("full_recompute_ms").asDouble()).isPositive();
        assertThat(json.get("matches_full_recompute").asBoolean()).isTrue();
        assertThat(json.get("coverage")).isNotEmpty();
        assertThat(json.get("coverage").get(0).get("share_once").asDouble()).isBetween(0.0, 1.0);
    }
}
