package org.muster.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.muster.domain.Check;

/**
 * Timed actions in simulated time, run in time order; actions due at the same instant run in the order
 * they were scheduled, so a run is the same every time. Not thread-safe: one simulation owns it.
 *
 * <p>It is also the simulated clock: a discrete-event run hands it to the engine as its {@link InstantSource},
 * so every command is stamped with the time of the action that sent it. The time is volatile because the
 * engine's writer reads it on its own thread.
 */
public final class Agenda implements InstantSource {
    /** Something to do at a simulated instant. */
    @FunctionalInterface
    public interface Action {
        void run(Instant at);
    }

    private record Entry(Instant at, long order, Action action) {}

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::order));
    private long scheduled;
    private volatile Instant now;

    public Agenda(Instant start) {
        this.now = Check.present("start", start);
    }

    /** The time of the action running now, or of the last one run. */
    public Instant now() {
        return now;
    }

    /** {@link #now()}: the simulated time, for an engine driven by this agenda. */
    @Override
    public Instant instant() {
        return now;
    }

    /** Schedules the action at {@code when}, or now if that has passed. */
    public void at(Instant when, Action action) {
        Instant at = when.isBefore(now) ? now : when;
        queue.add(new Entry(at, scheduled++, action));
    }

    public void after(Duration delay, Action action) {
        at(now.plus(delay.isNegative() ? Duration.ZERO : delay), action);
    }

    public Optional<Instant> nextTime() {
        Entry next = queue.peek();
        return next == null ? Optional.empty() : Optional.of(next.at());
    }

    public int size() {
        return queue.size();
    }

    /**
     * Runs every action due at or before {@code until}, including those the actions schedule, calling
     * {@code afterEach} after each one; then moves the time to {@code until}.
     *
     * @return how many actions ran
     */
    public int runUntil(Instant until, Runnable afterEach) {
        int ran = 0;
        for (Entry next = queue.peek(); next != null && !next.at().isAfter(until); next = queue.peek()) {
            queue.poll();
            now = next.at();
            next.action().run(now);
            afterEach.run();
            ran++;
        }
        if (until.isAfter(now)) now = until;
        return ran;
    }
}
