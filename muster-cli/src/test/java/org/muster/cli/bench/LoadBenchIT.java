package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * CI's short load run: a few seconds at a fifth of the full rates, on a running server with stream
 * subscribers over HTTP. The full run is {@code ./muster bench load --json} (docs/standby.md).
 */
class LoadBenchIT {

    @Test
    void commandsAreAnsweredAndEverySubscriberHearsTheLoggedEvents() throws Exception {
        Map<String, Object> out = LoadBench.run(new LoadBench.Settings(4, 200, 400, 5, 100, Optional.empty()));

        assertThat((Long) out.get("refused")).as("commands refused").isZero();
        assertThat((Double) out.get("commands_per_second_answered")).isGreaterThan(100.0);
        assertThat((Double) out.get("command_p99_ms")).isPositive();
        // every subscriber hears the logged events: at least one per command answered, five times over
        assertThat((Long) out.get("stream_events_received")).isGreaterThan(5L * 100 * 4 / 2);
        assertThat((Double) out.get("stream_lag_p99_ms")).isPositive();
        assertThat(out).containsKeys("heap_start_mb", "heap_end_mb");
    }
}
