package org.muster.domain.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.muster.domain.incident.Response;

/**
 * The finished responses, kept beside the log rather than in every snapshot. A snapshot holds what a
 * projection needs to go on (the calls still waiting); the responses of the last weeks, which the
 * performance figures are computed from, are written here once each, so that a snapshot stays small
 * however busy the weeks before it, and a look at the past does not read them at all.
 *
 * <p>The response times write what they finished up to a snapshot before that snapshot is saved, so a
 * snapshot at {@code S} means every response stopped by event {@code S} or earlier is here. Writing is
 * idempotent: a response is its incident and the event that stopped its clock, and a replay after a
 * crash writes the same ones again. All methods throw {@link org.muster.domain.TransientException} when
 * storage fails.
 */
public interface ResponseLog {
    /** Keeps the responses, once each, and returns when they are durable. */
    void append(List<Response> responses);

    /**
     * The responses stopped at or after {@code from} by an event up to {@code upToSequence}, in the order of
     * those events.
     */
    List<Response> listStoppedSince(Instant from, long upToSequence);

    /**
     * Forgets the responses stopped before {@code before} and returns how many: the log keeps the weeks the
     * figures are computed from, not a year of them. Nothing is lost: each response is a projection of
     * events the log (or an archive of it) still holds.
     */
    long forgetStoppedBefore(Instant before);

    /** Keeps nothing: for a look at the past, which shows the calls waiting then but no figures. */
    static ResponseLog none() {
        return new ResponseLog() {
            @Override
            public void append(List<Response> responses) {}

            @Override
            public List<Response> listStoppedSince(Instant from, long upToSequence) {
                return List.of();
            }

            @Override
            public long forgetStoppedBefore(Instant before) {
                return 0;
            }
        };
    }

    /** Kept in memory, for as long as the object lives: a service without a store, and tests. */
    static ResponseLog inMemory() {
        return new ResponseLog() {
            private final Map<List<Object>, Response> kept = new LinkedHashMap<>();

            @Override
            public synchronized void append(List<Response> responses) {
                for (Response r : responses) kept.putIfAbsent(List.of(r.incident(), r.sequence()), r);
            }

            @Override
            public synchronized List<Response> listStoppedSince(Instant from, long upToSequence) {
                List<Response> out = new ArrayList<>();
                for (Response r : kept.values())
                    if (!r.stopped().isBefore(from) && r.sequence() <= upToSequence) out.add(r);
                out.sort(Comparator.comparingLong(Response::sequence));
                return List.copyOf(out);
            }

            @Override
            public synchronized long forgetStoppedBefore(Instant before) {
                int size = kept.size();
                kept.values().removeIf(r -> r.stopped().isBefore(before));
                return size - kept.size();
            }
        };
    }
}
