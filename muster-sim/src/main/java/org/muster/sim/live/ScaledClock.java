package org.muster.sim.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.muster.domain.Check;

/**
 * Simulated time for a live demo: starts at {@code start} and runs {@code speed} times faster than a base
 * clock. Give the same instance to the engine (as its clock) and to {@link LiveSimulation#runLive}, so
 * event times, response times and the simulation agree.
 *
 * <p>It reads the base clock it was given and never the system clock itself.
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final Instant baseStart;
    private final Instant start;
    private final double speed;

    private ScaledClock(Clock base, Instant baseStart, Instant start, double speed) {
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
        return new ScaledClock(base, base.instant(), start, speed);
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
        long realNanos = Duration.between(baseStart, base.instant()).toNanos();
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
