package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load ({@code ./muster bench failover --restart-postgres}): a running server on
 * an embedded PostgreSQL, its organisation's dispatcher sending commands over HTTP, and the database stopped
 * for longer than the writer lease, then started again on the same data directory and port. Muster takes
 * commands again within ten seconds of the database's return, refused them meanwhile with a 503 that says
 * why (never a 500, never the statement that failed), and kept everything it acknowledged.
 */
class PostgresRestartIT {

    @Test
    void takesCommandsAgainWithinTenSecondsOfPostgresqlsReturnAndLosesNothingAcknowledged() throws Exception {
        PostgresRestart.Result result = PostgresRestart.run(new PostgresRestart.Settings(
                6, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(3)));

        assertThat(result.recoveryMillis())
                .as("from PostgreSQL accepting connections again to a command acknowledged, ms")
                .isLessThan(10_000);
        assertThat(result.lost())
                .as("acknowledged commands missing from the log")
                .isZero();
        assertThat(result.unavailable())
                .as("commands refused 503 during the outage")
                .isPositive();
        assertThat(result.unavailableDetails())
                .as("what the 503s said")
                .isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).isNotBlank().doesNotContain("INSERT INTO"));
        assertThat(result.serverErrors())
                .as("answers 500 and above other than 503")
                .isZero();
        assertThat(result.chainIntact()).isTrue();
    }
}
