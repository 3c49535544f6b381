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

/** The simulator's benchmark runs end to end with the least warm-up and timing, and prints its figures. */
class SimBenchTest {
    @Test
    void printsEachFiguresMedianSpreadAndRuns(@TempDir Path data) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new SimBench())
                    .execute(
                            "--dir",
                            data.toString(),
                            "--hours",
                            "1",
                            "--threads",
                            "1",
                            "--warmup-cpu",
                            "0",
                            "--measure-cpu",
                            "0",
                            "--min-runs",
                            "2",
                            "--min-batches",
                            "1",
                            "--rutland",
                            data.resolve("absent.yml").toString(),
                            "--json");
        } finally {
            System.setOut(out);
        }
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(json.get("benchmark").asText()).isEqualTo("sim");
        for (String mode : new String[] {"tabled", "routed"}) {
            assertThat(json.get(mode + "_single_thread_runs").asInt()).isEqualTo(2);
            assertThat(json.get(mode + "_single_thread_runs_incidents_per_s")).hasSize(2);
            double median =
                    json.get(mode + "_single_thread_incidents_per_cpu_s_median").asDouble();
            JsonNode minMax = json.get(mode + "_single_thread_incidents_per_cpu_s_min_max");
            assertThat(median)
                    .isPositive()
                    .isBetween(minMax.get(0).asDouble(), minMax.get(1).asDouble());
            assertThat(json.get(mode + "_single_thread_warmup_runs").asInt()).isEqualTo(3);
            assertThat(json.get(mode + "_replications_batches").asInt()).isEqualTo(1);
            assertThat(json.get(mode + "_thread_speedup").asDouble()).isPositive();
        }
        assertThat(json.get("routed_rutland").asText()).startsWith("not run");
    }
}
