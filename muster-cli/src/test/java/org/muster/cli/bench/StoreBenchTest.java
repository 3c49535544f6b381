package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The store benchmark runs end to end on the embedded store, briefly, and prints beside commands/s the CPU
 * each command cost and the load it ran under: on a shared machine commands/s alone says little.
 */
class StoreBenchTest {
    @Test
    void printsThroughputCpuPerCommandAndLoadForTheStoreAndTheInMemoryBaseline() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new StoreBench()).execute("--seconds", "1", "--clients", "8", "--json");
        } finally {
            System.setOut(out);
        }
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(json.get("benchmark").asText()).isEqualTo("store");
        assertThat(json.get("commands").asLong()).isPositive();
        assertThat(json.get("commands_per_s").asDouble()).isPositive();
        assertThat(json.get("cpu_us_per_command").asDouble()).isPositive();
        assertThat(json.get("baseline_memory_cpu_us_per_command").asDouble()).isPositive();
        assertThat(json.get("load_average").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(json.get("baseline_memory_load_average").asDouble()).isGreaterThanOrEqualTo(0);
    }
}
