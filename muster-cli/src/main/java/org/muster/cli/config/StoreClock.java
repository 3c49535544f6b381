package org.muster.cli.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.muster.domain.log.EventLog;

/**
 * Muster's time as a store knows it. A demo's store is written on a scaled clock, hours away from the wall
 * clock, so the command line takes its "now" from the log rather than from the machine: reading, the time
 * of the last event; writing, a clock that never runs behind it.
 */
public final class StoreClock {
    private StoreClock() {}

    /** The time of the log's last event; empty for an empty log. */
    public static Optional<Instant> lastEventTime(EventLog log) {
        long last = log.lastSequence();
        return last == 0
                ? Optional.empty()
                : Optional.of(log.listRange(last - 1, last).getFirst().at());
    }

    /** Now, for reading the log: the time of its last event, or {@code wall}'s time for an empty log. */
    public static Instant now(EventLog log, Clock wall) {
        return lastEventTime(log).orElseGet(wall::instant);
    }

    /**
     * The clock to write with: {@code wall}, moved on to the last event's time when the log is ahead of it (a
     * demo's), so that the log's times never go backwards.
     */
    public static Clock forWriting(EventLog log, Clock wall) {
        Instant wallNow = wall.instant();
        return lastEventTime(log)
                .filter(t -> t.isAfter(wallNow))
                .map(t -> Clock.offset(wall, Duration.between(wallNow, t)))
                .orElse(wall);
    }
}
