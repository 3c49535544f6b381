package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL primary lost under load and its streaming replica promoted ({@code ./muster bench failover
 * --promote-replica}), set up as docs/deploy.md says: synchronous replication, and a store URL naming both
 * servers with {@code targetServerType=primary}. The organisation's dispatcher keeps sending commands over
 * HTTP; Muster takes them again within ten seconds of the promotion, never answers 500, and everything it
 * acknowledged is in the promoted server's log, with the chain intact.
 */
class PostgresPromotionIT {

    @Test
    void takesCommandsAgainWithinTenSecondsOfThePromotionAndLosesNothingAcknowledged() throws Exception {
        PostgresPromotion.Result result = PostgresPromotion.run(
                new PostgresPromotion.Settings(6, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(3)));

        assertThat(result.acknowledgedBeforeLoss())
                .as("commands acknowledged by the old primary")
                .isPositive();
        assertThat(result.recoveryMillis())
                .as("from the promotion to a command acknowledged, ms")
                .isLessThan(10_000);
        assertThat(result.acknowledged())
                .as("commands acknowledged over the whole run")
                .isGreaterThan(result.acknowledgedBeforeLoss());
        assertThat(result.lost())
                .as("acknowledged commands missing from the promoted log")
                .isZero();
        assertThat(result.serverErrors())
                .as("answers 500 and above other than 503")
                .isZero();
        assertThat(result.chainIntact()).isTrue();
    }
}
