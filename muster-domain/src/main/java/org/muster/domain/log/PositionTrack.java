package org.muster.domain.log;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.unit.UnitId;

/**
 * Where units have been: each unit's latest fix, and a sampled trail kept for a while. Positions are most
 * of what units report and nobody decided them, so they are kept here rather than in the hash-chained
 * {@link EventLog}: the log stays the record of decisions, and the trail is pruned by age.
 *
 * <p>Sampling happens as fixes are recorded: the trail keeps at most one fix per unit per
 * {@link #interval()} (the first of each interval, counted from the epoch), while the latest fix of every
 * unit is always kept. All methods throw {@link org.muster.domain.TransientException} when storage fails.
 */
public interface PositionTrack {
    /** How often a unit's trail keeps a fix unless configured otherwise. */
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** How long a trail is kept unless configured otherwise. */
    Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /** A unit was at {@code point} at {@code at}. */
    record Fix(UnitId unit, GeoPoint point, Instant at) {
        public Fix {
            Check.present("fix.unit", unit);
            Check.present("fix.point", point);
            Check.present("fix.at", at);
        }
    }

    /**
     * Keeps the fixes, in order, and returns once they are durable: each becomes its unit's latest unless a
     * later one is already kept, and enters the trail when it is the first of its unit in its interval.
     */
    void record(List<Fix> fixes);

    /** The trail's sampling interval. */
    Duration interval();

    /** This track over the same storage, sampling new fixes every {@code interval}. */
    PositionTrack withInterval(Duration interval);

    /** The latest fix of every unit that has one. */
    List<Fix> listLatest();

    /** The latest fix of one unit. */
    Optional<Fix> findLatest(UnitId unit);

    /**
     * The trail of {@code unit} with {@code from <= at <= to}, oldest first: the sampled fixes and, when it
     * lies in the window, the latest.
     */
    List<Fix> listTrail(UnitId unit, Instant from, Instant to);

    /** For each of {@code units} that has one, its last kept fix at or before {@code at} (trail or latest). */
    List<Fix> listAtOrBefore(Collection<UnitId> units, Instant at);

    /** Removes the trail's fixes older than {@code before}; the latest fix of each unit stays. */
    long prune(Instant before);

    /** The start of the interval {@code at} falls in, in nanoseconds since the epoch: the trail's sampling key. */
    static long slotNanos(Instant at, Duration interval) {
        long nanos = epochNanos(at);
        long step = interval.toNanos();
        return Math.floorDiv(nanos, step) * step;
    }

    /** {@code at} in nanoseconds since the epoch: exact, and ordered, from 1677 to 2262. */
    static long epochNanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    static Instant ofEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Checks a configured sampling interval or retention: a positive duration. */
    static Duration positive(String field, Duration value) {
        Check.present(field, value);
        if (value.isNegative() || value.isZero())
            throw InvalidInputException.of(field, value, "must be a positive duration");
        return value;
    }
}
