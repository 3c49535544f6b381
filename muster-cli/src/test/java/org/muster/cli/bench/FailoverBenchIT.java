package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.muster.store.testing.TestDatabases;

/**
 * CI's short failover run: three nodes on one real PostgreSQL under a steady load, the writer frozen (its
 * lease unrenewed while it goes on running, so the fence must refuse its last appends) and then closed,
 * three times. The full run is {@code ./muster bench failover --json} (docs/standby.md).
 */
class FailoverBenchIT {

    @Test
    void noAcknowledgedCommandIsLostAndEachTakeoverIsUnderFiveSeconds() throws Exception {
        FailoverBench.Result result = FailoverBench.run(
                TestDatabases.postgres(),
                new FailoverBench.Settings(
                        3, 3, 8, Duration.ofMillis(1500), Duration.ofMillis(500), Duration.ofMillis(100)));

        assertThat(result.takeoverMillis())
                .hasSize(3)
                // each a takeover, not a wait for ever: the 5 s goal is the bench's figure on a quiet machine
                .allSatisfy(ms -> assertThat(ms).as("takeover, ms").isLessThan(15_000));
        assertThat(result.acknowledged()).as("commands acknowledged").isGreaterThan(100);
        assertThat(result.lost())
                .as("acknowledged commands missing from the log")
                .isZero();
        assertThat(result.chainIntact()).as("one chain: never two writers").isTrue();
    }
}
