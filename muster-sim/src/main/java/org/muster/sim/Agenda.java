package org.muster.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.muster.domain.Check;

/**
 * Timed actions in simulated time, run in time order; actions due at the same instant run in the order
 * they were scheduled, so a run is the same every time. Not thread-safe: one simulation owns it.
 */
public final class Agenda {
    /** Something to do at a simulated instant. */
    @FunctionalInterface
    public interface Action {
        void run(Instant at);
    }

    private record Entry(Instant at, long order, Action action) {}

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::order));
    private long scheduled;
    private Instant now;

    public Agenda(Instant start) {
        this.now = Check.present("start", start);
    }

    /** The time of the action running now, or of the last one run. */
    public Instant now() {
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
