package org.muster.engine.performance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.Response;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * The finished responses of the longest window, oldest first, as an immutable view over shared columns. A
 * national service's four weeks hold millions of responses: kept as {@link Response} records on a persistent
 * vector each cost about 250 bytes (the record, its two instants, its own list of zones, the vector's node);
 * here a response is a few primitive slots and references shared with its neighbours (zone lists are
 * interned), about 40 bytes beside its incident's id.
 *
 * <p>Appending writes past the view's end in the shared columns and answers a longer view; views taken
 * before never read past their own end, so readers on other threads see a consistent window without locks
 * (the new view is published through the owner's volatile field). Columns belong to whoever extends them
 * first. A projection's {@link #fork()} never extends the live columns: it reads them as its prefix and
 * appends to columns of its own, so a fork costs nothing and the live writer never copies for it.
 */
final class ResponseWindow {
    private static final int FIRST_CAPACITY = 64;
    private static final Priority[] PRIORITIES = Priority.values();

    private static final class Columns {
        final long[] sequence;
        final long[] receivedNanos;
        final long[] stoppedNanos;
        final IncidentId[] incident;
        final OrganisationId[] organisation;
        final byte[] priority;
        final List<?>[] zones;
        final boolean[] suspended;
        /** How many slots have been claimed by an append; a slot is written once, by whoever claimed it. */
        final AtomicInteger claimed;
        /** Zone lists by value, so a million responses in three zones hold three lists. */
        final Map<List<ZoneId>, List<ZoneId>> zoneLists;

        Columns(int capacity, Map<List<ZoneId>, List<ZoneId>> zoneLists) {
            sequence = new long[capacity];
            receivedNanos = new long[capacity];
            stoppedNanos = new long[capacity];
            incident = new IncidentId[capacity];
            organisation = new OrganisationId[capacity];
            priority = new byte[capacity];
            zones = new List<?>[capacity];
            suspended = new boolean[capacity];
            claimed = new AtomicInteger();
            this.zoneLists = zoneLists;
        }

        int capacity() {
            return sequence.length;
        }

        void write(int slot, Response r) {
            sequence[slot] = r.sequence();
            receivedNanos[slot] = nanos(r.received());
            stoppedNanos[slot] = nanos(r.stopped());
            incident[slot] = r.incident();
            organisation[slot] = r.organisation();
            priority[slot] = (byte) r.priority().ordinal();
            zones[slot] = zoneLists.computeIfAbsent(r.zones(), List::copyOf);
            suspended[slot] = r.targetsSuspended();
        }

        void copy(int from, Columns to, int slot) {
            to.sequence[slot] = sequence[from];
            to.receivedNanos[slot] = receivedNanos[from];
            to.stoppedNanos[slot] = stoppedNanos[from];
            to.incident[slot] = incident[from];
            to.organisation[slot] = organisation[from];
            to.priority[slot] = priority[from];
            to.zones[slot] = zones[from];
            to.suspended[slot] = suspended[from];
        }
    }

    static final ResponseWindow EMPTY =
            new ResponseWindow(Optional.empty(), new Columns(0, new ConcurrentHashMap<>()), 0, 0);

    /** A fork's responses from before it forked, read but never extended; they are older than its own. */
    private final Optional<ResponseWindow> prefix;

    private final Columns columns;
    private final int start;
    private final int end;

    private ResponseWindow(Optional<ResponseWindow> prefix, Columns columns, int start, int end) {
        this.prefix = prefix.filter(p -> !p.isEmpty());
        this.columns = columns;
        this.start = start;
        this.end = end;
    }

    static ResponseWindow of(List<Response> responses) {
        ResponseWindow w = EMPTY;
        for (Response r : responses) w = w.plus(r);
        return w;
    }

    /** A window that goes on from this one apart from it: this one's responses, then its own. */
    ResponseWindow fork() {
        return new ResponseWindow(Optional.of(this), new Columns(0, columns.zoneLists), 0, 0);
    }

    int size() {
        return prefixSize() + end - start;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The response at {@code index} (0 the oldest), as a record. */
    Response get(int index) {
        int before = prefixSize();
        if (index < before) return prefix.orElseThrow().get(index);
        int slot = slot(index - before);
        return new Response(
                columns.sequence[slot],
                columns.incident[slot],
                columns.organisation[slot],
                PRIORITIES[columns.priority[slot]],
                zones(slot),
                instant(columns.receivedNanos[slot]),
                instant(columns.stoppedNanos[slot]),
                columns.suspended[slot]);
    }

    long sequence(int index) {
        int before = prefixSize();
        if (index < before) return prefix.orElseThrow().sequence(index);
        return columns.sequence[slot(index - before)];
    }

    /** This window with {@code r} appended (it is the newest). */
    ResponseWindow plus(Response r) {
        Columns c = columns;
        if (end < c.capacity() && c.claimed.compareAndSet(end, end + 1)) {
            c.write(end, r);
            return new ResponseWindow(prefix, c, start, end + 1);
        }
        // full, or another writer extended these columns past this view first: move to columns of our own
        int n = end - start;
        Columns grown = new Columns(Math.max(FIRST_CAPACITY, 2 * n + 1), c.zoneLists);
        for (int i = start; i < end; i++) c.copy(i, grown, i - start);
        grown.claimed.set(n + 1);
        grown.write(n, r);
        return new ResponseWindow(prefix, grown, 0, n + 1);
    }

    /** This window without its responses stopped before {@code oldest} (they were appended in stop order). */
    ResponseWindow stoppedSince(Instant oldest) {
        Optional<ResponseWindow> kept = prefix.map(p -> p.stoppedSince(oldest));
        int s = start;
        // the prefix is older than this window's own: these are trimmed only once it is gone
        if (kept.filter(p -> !p.isEmpty()).isEmpty()) {
            long limit = nanos(oldest);
            while (s < end && columns.stoppedNanos[s] < limit) s++;
        }
        boolean same = s == start && kept.equals(prefix);
        return same ? this : new ResponseWindow(kept, columns, s, end);
    }

    /**
     * The response times, oldest first, of the responses of an organisation's priority stopped at or after
     * {@code from}, not under suspended targets, in zones that {@code where} accepts, of incidents that
     * {@code which} accepts.
     */
    List<Duration> times(
            OrganisationId organisation,
            Priority priority,
            Instant from,
            java.util.function.Predicate<List<ZoneId>> where,
            java.util.function.Predicate<IncidentId> which) {
        List<Duration> out = new ArrayList<>(prefix.map(w -> w.times(organisation, priority, from, where, which))
                .orElse(List.of()));
        long fromNanos = nanos(from);
        byte p = (byte) priority.ordinal();
        for (int s = start; s < end; s++) {
            if (columns.priority[s] == p
                    && columns.stoppedNanos[s] >= fromNanos
                    && !columns.suspended[s]
                    && columns.organisation[s].equals(organisation)
                    && where.test(zones(s))
                    && which.test(columns.incident[s]))
                out.add(Duration.ofNanos(columns.stoppedNanos[s] - columns.receivedNanos[s]));
        }
        return out;
    }

    /** Every response, oldest first, as records. */
    List<Response> toList() {
        List<Response> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) out.add(get(i));
        return List.copyOf(out);
    }

    private int prefixSize() {
        return prefix.map(ResponseWindow::size).orElse(0);
    }

    /** The slot of this window's own response {@code index} (0 its oldest own). */
    private int slot(int index) {
        if (index < 0 || index >= end - start)
            throw new IndexOutOfBoundsException("response " + index + " of " + (end - start));
        return start + index;
    }

    @SuppressWarnings("unchecked")
    private List<ZoneId> zones(int slot) {
        return (List<ZoneId>) columns.zones[slot];
    }

    /** Nanoseconds since the epoch; instants beyond the years 1677 to 2262 are held at the ends. */
    private static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException beyond) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
