package org.muster.sim.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.muster.domain.Check;

/**
 * Simulated time for a live demo: starts at {@code start} and runs {@code speed} times faster than a base
 * clock. Give the same instance to the engine (as its clock) and to {@link LiveSimulation#runLive}, so
 * event times, response times and the simulation agree.
 *
 * <p>A clock may be {@linkplain #heldAt held} at its start until {@link #run()}: a demo builds its server and
 * registers its region in that time, so its first simulated minutes are not spent waiting for them (a
 * rehearsal's shock due at its start lands at its start). Copies made by {@link #withZone} are held and run
 * with it.
 *
 * <p>It reads the base clock it was given and never the system clock itself.
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    /** The base instant simulated time began to run at; empty while held. Shared with the zoned copies. */
    private final AtomicReference<Instant> baseStart;

    private final Instant start;
    private final double speed;

    private ScaledClock(Clock base, AtomicReference<Instant> baseStart, Instant start, double speed) {
        this.base = base;
        this.baseStart = baseStart;
        this.start = start;
        this.speed = speed;
    }

    /**
     * A clock that reads {@code start} now and then runs {@code speed} times as fast as {@code base}.
     *
     * @param speed 0.01 to 10,000; 1 is real time
     */
    public static ScaledClock startingAt(Clock base, Instant start, double speed) {
        Check.present("base", base);
        Check.present("start", start);
        Check.range("speed", speed, 0.01, 10_000);
        return new ScaledClock(base, new AtomicReference<>(base.instant()), start, speed);
    }

    /**
     * A clock that reads {@code start} until {@link #run()}, and from then runs {@code speed} times as fast as
     * {@code base}.
     *
     * @param speed 0.01 to 10,000; 1 is real time
     */
    public static ScaledClock heldAt(Clock base, Instant start, double speed) {
        Check.present("base", base);
        Check.present("start", start);
        Check.range("speed", speed, 0.01, 10_000);
        return new ScaledClock(base, new AtomicReference<>(), start, speed);
    }

    /** Lets a held clock run from its start, from now; a clock already running goes on as it was. */
    public void run() {
        baseStart.compareAndSet(null, base.instant());
    }

    public double speed() {
        return speed;
    }

    /** The simulated instant the clock started at. */
    public Instant start() {
        return start;
    }

    /** How long in base (real) time a simulated duration takes. */
    public Duration realTimeOf(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        Instant from = baseStart.get();
        if (from == null) return start;
        long realNanos = Duration.between(from, base.instant()).toNanos();
        return start.plusNanos(Math.round(realNanos * speed));
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScaledClock(base.withZone(zone), baseStart, start, speed);
    }

    @Override
    public String toString() {
        return "ScaledClock[" + speed + "x from " + start + " over " + base + "]";
    }
}
