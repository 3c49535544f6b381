package org.muster.sim.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScaledClockTest {
    /** A base clock moved by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-03-03T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void runsSpeedTimesFasterThanItsBaseFromItsStart() {
        HandClock base = new HandClock();
        Instant start = Instant.parse("2026-11-20T18:00:00Z");
        ScaledClock clock = ScaledClock.startingAt(base, start, 4);
        assertThat(clock.instant()).isEqualTo(start);
        base.now = base.now.plusSeconds(90);
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(6)));
        base.now = base.now.plusMillis(250);
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(6)).plusSeconds(1));
        assertThat(clock.realTimeOf(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(30));
        assertThat(clock.withZone(ZoneId.of("Europe/London")).instant()).isEqualTo(clock.instant());
    }

    @Test
    void aHeldClockReadsItsStartUntilItRuns() {
        HandClock base = new HandClock();
        Instant start = Instant.parse("2026-11-20T18:00:00Z");
        ScaledClock clock = ScaledClock.heldAt(base, start, 60);
        Clock zoned = clock.withZone(ZoneId.of("Europe/London"));
        base.now = base.now.plusSeconds(30); // a server starting
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(zoned.instant()).isEqualTo(start);
        clock.run();
        base.now = base.now.plusSeconds(2);
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(2)));
        assertThat(zoned.instant()).as("a zoned copy runs with it").isEqualTo(clock.instant());
        clock.run(); // again: no restart
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(2)));
    }
}
