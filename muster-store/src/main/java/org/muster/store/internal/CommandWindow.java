package org.muster.store.internal;

import com.carrotsearch.hppc.LongIntHashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Where in the log each command of its last {@link #events} events is: a command id's 64-bit fingerprint and
 * the sequences of its first and last events, in memory. It is what lets a retry be answered from the log
 * (migration V15) without an index on the command id: an index of ids, which are random, made every commit
 * write one page of it per command, most of a durable command's cost on SQLite (docs/store-cpu.md).
 *
 * <p>A fingerprint says only where to look. The rows there are read and kept only where their command id is
 * the one asked for, so two ids that share a fingerprint cost a longer read, never a wrong answer: the span
 * kept for a fingerprint covers every command that has it.
 *
 * <p>The window follows the log: appends made through this store are added as they are committed, and any
 * other writer's (a node that held the lease before this one took over) are read from the log at the next
 * lookup. It is filled from the log at the first lookup, not at opening: a command line tool that never looks
 * a command up never reads it. Commands whose events have all left the last {@link #events} events are
 * forgotten: a retry of one is a new command.
 *
 * <p>Memory: 40 to 80 bytes a command (the ring's three columns and the table's slot, each at most twice
 * what is used), so at most about 65 MB for two million events at the growth bench's 2.4 events a command.
 */
final class CommandWindow {
    /** The events whose commands are remembered by default: about a day of a national ambulance service. */
    static final long DEFAULT_EVENTS = 2_000_000;

    private final long events;
    private final java.util.function.ToLongFunction<byte[]> fingerprint;

    /** The commands in the order they were first seen, as a ring: a fingerprint and its span each. */
    private long[] fingerprints = new long[1024];

    private long[] firsts = new long[1024];
    private long[] lasts = new long[1024];
    private int head;
    private int size;

    /** A fingerprint's slot in the ring. */
    private final LongIntHashMap slots = new LongIntHashMap();

    /** The last sequence the window has seen; -1 before it was first filled. */
    private long covered = -1;

    /** Whether a lookup is reading the log: appends are not added meanwhile (the next lookup reads them). */
    private boolean filling;

    /** Held by the one lookup reading at a time. */
    private final Object reading = new Object();

    CommandWindow(long events) {
        this(events, CommandWindow::fingerprint);
    }

    /** As {@link #CommandWindow(long)}, with another fingerprint: for tests of ids that share one. */
    CommandWindow(long events, java.util.function.ToLongFunction<byte[]> fingerprint) {
        if (events < 1) throw new IllegalArgumentException("a command window covers at least one event: " + events);
        this.events = events;
        this.fingerprint = fingerprint;
    }

    /** A command's place in the log: its first and last event's sequences. */
    record Span(long first, long last) {}

    /**
     * Where the command with this stored key may be, after following the log to its tail (read with
     * {@code c}); {@code null} when no command of the window has its fingerprint. The log is read outside the
     * window's lock, so appends are not held up while a restarted node fills it; one lookup reads at a time.
     */
    Span find(Connection c, byte[] key, long tail) throws SQLException {
        long fp = fingerprint.applyAsLong(key);
        synchronized (reading) {
            long from;
            boolean restart;
            synchronized (this) {
                if (tail <= covered) return span(fp);
                from = Math.max(covered, tail - events);
                restart = from > covered; // everything remembered is older than the window, or nothing was
                filling = true; // appends committed meanwhile are read at the next lookup
            }
            Scan scan = new Scan();
            try {
                scan.read(c, from, tail);
            } catch (SQLException | RuntimeException e) {
                synchronized (this) {
                    filling = false;
                }
                throw e;
            }
            synchronized (this) {
                filling = false;
                if (restart) clear();
                for (int i = 0; i < scan.size; i++) add(scan.fingerprints[i], scan.sequences[i]);
                covered = tail;
                forgetBefore(covered - events);
                return span(fp);
            }
        }
    }

    /**
     * Adds an append committed through this store, rows in sequence order: when it follows what the window
     * has seen; otherwise the next lookup reads it from the log.
     */
    synchronized void committed(long first, java.util.List<EventRow> rows) {
        if (covered < 0 || filling || first != covered + 1) return;
        for (EventRow row : rows) add(fingerprint.applyAsLong(CommandKeys.encode(row.commandId())), row.sequence());
        covered = rows.getLast().sequence();
        forgetBefore(covered - events);
    }

    /** How many commands are remembered, for tests. */
    synchronized int size() {
        return size;
    }

    private Span span(long fp) {
        int slot = slots.getOrDefault(fp, -1);
        return slot < 0 ? null : new Span(firsts[slot], lasts[slot]);
    }

    /** The rows of a stretch of the log, each as its command's fingerprint and its sequence. */
    private final class Scan {
        long[] fingerprints = new long[1024];
        long[] sequences = new long[1024];
        int size;

        void read(Connection c, long after, long to) throws SQLException {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT sequence, command_id FROM events WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
                query.setLong(1, after);
                query.setLong(2, to);
                query.setFetchSize(JdbcEventStore.FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (size == sequences.length) {
                            fingerprints = Arrays.copyOf(fingerprints, size * 2);
                            sequences = Arrays.copyOf(sequences, size * 2);
                        }
                        sequences[size] = rows.getLong(1);
                        fingerprints[size] = fingerprint.applyAsLong(rows.getBytes(2));
                        size++;
                    }
                }
            }
        }
    }

    private void add(long fingerprint, long sequence) {
        int slot = slots.getOrDefault(fingerprint, -1);
        if (slot >= 0) { // the same command's next event, or another id with its fingerprint: one span for both
            lasts[slot] = Math.max(lasts[slot], sequence);
            return;
        }
        if (size == fingerprints.length) grow();
        slot = (head + size) % fingerprints.length;
        fingerprints[slot] = fingerprint;
        firsts[slot] = sequence;
        lasts[slot] = sequence;
        size++;
        slots.put(fingerprint, slot);
    }

    /** Forgets the oldest commands while their last event is at or before {@code sequence}. */
    private void forgetBefore(long sequence) {
        while (size > 0 && lasts[head] <= sequence) {
            slots.remove(fingerprints[head]);
            head = (head + 1) % fingerprints.length;
            size--;
        }
    }

    private void grow() {
        int capacity = fingerprints.length * 2;
        long[] f = new long[capacity];
        long[] a = new long[capacity];
        long[] b = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % fingerprints.length;
            f[i] = fingerprints[from];
            a[i] = firsts[from];
            b[i] = lasts[from];
            slots.put(f[i], i);
        }
        fingerprints = f;
        firsts = a;
        lasts = b;
        head = 0;
    }

    private void clear() {
        slots.clear();
        Arrays.fill(fingerprints, 0);
        head = 0;
        size = 0;
    }

    /**
     * A 64-bit fingerprint of a stored command id (FNV-1a, then MurmurHash3's finaliser to spread the bits).
     * Package-private for tests.
     */
    static long fingerprint(byte[] key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
