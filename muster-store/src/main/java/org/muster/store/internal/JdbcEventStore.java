package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.muster.domain.NotFoundException;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.log.SavedSnapshot;
import org.muster.domain.log.Snapshot;
import org.muster.domain.log.SnapshotPart;
import org.muster.store.AuditFinding;
import org.muster.store.AuditProgress;
import org.muster.store.AuditRange;
import org.muster.store.ChainHead;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.TamperedLogException;

/**
 * The event log over JDBC, the same SQL for SQLite and PostgreSQL but for the few differences in
 * {@link Dialect}. Each append is one transaction that checks the sequence against the stored tail, chains
 * the hashes from the stored tail, and inserts the batch with one JDBC batch.
 */
public final class JdbcEventStore implements EventStore {
    /** Rows per round trip when streaming; bounds the memory a replay of millions of events needs. */
    static final int FETCH_SIZE = 1_000;

    /**
     * An event row's columns, in the order {@link #row} reads them. The type's name comes through its code
     * (V13), the actor's through its (V14); a code without a name reads as a name no event has, so the row's
     * hash no longer matches.
     */
    static final String COLUMNS = "sequence, recorded_at_nanos, command_id,"
            + " COALESCE((SELECT name FROM actors WHERE actors.code = events.actor_code),"
            + " 'no actor has code ' || actor_code), reason,"
            + " COALESCE((SELECT name FROM event_types WHERE event_types.code = events.type_code),"
            + " 'no event type has code ' || type_code), payload, hash, payload_z";

    private static final String SELECT_EVENTS = "SELECT " + COLUMNS + " FROM events";
    /**
     * Only sealed snapshots are loaded: one without a digest (saved by an older Muster) cannot be told from
     * an edited one, and replaying the events instead costs time, not truth.
     */
    private static final String SELECT_SEALED_SNAPSHOT =
            "SELECT " + SnapshotTable.COLUMNS + " FROM snapshots WHERE digest IS NOT NULL";

    private final StoreConfig.Backend backend;
    private final Dialect dialect;
    private final Connections connections;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StoreCalls calls;
    private final JdbcClosedIncidents closedIncidents;
    private final JdbcResponseLog responses;
    private final JdbcReceivedIncidents received;

    private final JdbcPositionTrack positions;
    private final PreparedRows prepared = new PreparedRows();
    private final JdbcClosedIncidents.Prepared preparedRecords = new JdbcClosedIncidents.Prepared();
    /** Where the recent commands are in the log: what a retry is looked up in (V15 has no index of ids). */
    private final CommandWindow commandWindow;

    private final NameCodes eventTypes = NameCodes.eventTypes();
    private final NameCodes actors = NameCodes.actors();
    /** The writer lease's epoch every append must find, once fenced; 0 while not. */
    private volatile long fence;

    private JdbcEventStore(
            StoreConfig.Backend backend, Dialect dialect, Connections connections, CommandWindow commandWindow) {
        this.backend = backend;
        this.commandWindow = commandWindow;
        this.dialect = dialect;
        this.connections = connections;
        this.calls = new StoreCalls(connections, closed::get);
        this.positions = new JdbcPositionTrack(calls, PositionTrack.DEFAULT_INTERVAL);
        this.closedIncidents = new JdbcClosedIncidents(calls);
        this.responses = new JdbcResponseLog(calls);
        this.received = new JdbcReceivedIncidents(calls);
    }

    @Override
    public org.muster.domain.incident.ReceivedIncidents receivedIncidents() {
        return received;
    }

    @Override
    public org.muster.domain.log.ResponseLog responses() {
        return responses;
    }

    @Override
    public Optional<org.muster.store.WriterLease> writerLease() {
        return dialect == Dialect.POSTGRESQL ? Optional.of(new JdbcWriterLease(calls, dialect)) : Optional.empty();
    }

    @Override
    public void fenceAppends(long epoch) {
        if (dialect != Dialect.POSTGRESQL)
            throw new IllegalStateException("an SQLite log has no writer lease to fence appends with");
        if (epoch < 1) throw new IllegalArgumentException("a writer epoch is 1 or more: " + epoch);
        fence = epoch;
    }

    @Override
    public List<Long> listSnapshotSequences() {
        return reading("list the snapshots", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT sequence FROM snapshots ORDER BY sequence");
                    ResultSet rows = query.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rows.next()) out.add(rows.getLong(1));
                return List.copyOf(out);
            }
        });
    }

    @Override
    public org.muster.domain.incident.ClosedIncidents closedIncidents() {
        return closedIncidents;
    }

    /** Opens the log named by {@code config}, creating or migrating its schema first. */
    public static JdbcEventStore open(StoreConfig config) {
        return open(config, new CommandWindow(CommandWindow.DEFAULT_EVENTS));
    }

    /** As {@link #open(StoreConfig)}, looking commands up in {@code window}: for tests of a small one. */
    static JdbcEventStore open(StoreConfig config, CommandWindow window) {
        return switch (config.backend()) {
            case SQLITE ->
                new JdbcEventStore(
                        config.backend(),
                        Dialect.SQLITE,
                        SqliteConnections.open(config.findSqliteFile().orElseThrow(), config.maxPoolSize()),
                        window);
            case POSTGRESQL ->
                new JdbcEventStore(config.backend(), Dialect.POSTGRESQL, PostgresConnections.open(config), window);
        };
    }

    /** {@inheritDoc} Sampling every {@link PositionTrack#DEFAULT_INTERVAL} unless asked otherwise. */
    @Override
    public PositionTrack positions() {
        return positions;
    }

    @Override
    public StoreConfig.Backend backend() {
        return backend;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An empty batch does nothing.
     *
     * @throws IllegalArgumentException when the batch's own sequences are not consecutive
     * @throws IllegalStateException when the batch does not start right after the stored tail; nothing is
     *     written
     */
    @Override
    public void append(List<RecordedEvent> batch) {
        append(batch, List.of());
    }

    /**
     * {@inheritDoc} The records are saved in the events' transaction (the table is in the same database), so a
     * busy store pays one sync for both, and a record is never kept without the event that archived it.
     */
    @Override
    public void append(List<RecordedEvent> batch, List<org.muster.domain.incident.Incident> leaving) {
        if (batch.isEmpty()) {
            closedIncidents.saveAll(leaving);
            return;
        }
        JdbcClosedIncidents.Encoded records = preparedRecords.encode(leaving);
        checkConsecutive(batch);
        long first = batch.getFirst().sequence();
        long last = batch.getLast().sequence();
        // Encode outside the transaction: the JSON does not depend on the stored tail, only the hashes do.
        // Mostly done already, by prepare() on the decider's thread.
        List<EventRow> drafts = prepared.drafts(batch);
        Map<String, Integer> typeCodes = eventTypes.codesOf(
                drafts.stream().map(EventRow::eventType).collect(java.util.stream.Collectors.toSet()), calls);
        Map<String, Integer> actorCodes = actors.codesOf(
                drafts.stream().map(EventRow::actor).collect(java.util.stream.Collectors.toSet()), calls);
        AtomicReference<String> lastHash = new AtomicReference<>();
        try {
            open();
            connections.write(c -> {
                dialect.lockForAppend(c);
                long epoch = fence;
                if (epoch > 0) JdbcWriterLease.checkEpoch(c, epoch);
                Tail tail = readTail(c);
                if (first != tail.sequence() + 1) {
                    throw new IllegalStateException("a batch starting at " + first + " does not follow the log,"
                            + " whose last sequence is " + tail.sequence() + "; it must start at "
                            + (tail.sequence() + 1));
                }
                lastHash.set(insert(c, drafts, tail.hash(), typeCodes, actorCodes));
                JdbcClosedIncidents.upsert(c, records);
                return null;
            });
        } catch (SQLException e) {
            resolveFailedAppend(first, last, lastHash.get(), e);
        }
        prepared.appended(last, lastHash.get());
        commandWindow.committed(first, drafts);
    }

    /** {@inheritDoc} Encodes and, where the hash before them is known, chains them: see {@link PreparedRows}. */
    @Override
    public void prepare(List<RecordedEvent> events) {
        prepared.prepare(events);
    }

    /** {@inheritDoc} The records are encoded and compressed here, as the events are. */
    @Override
    public void prepare(List<RecordedEvent> events, List<org.muster.domain.incident.Incident> leaving) {
        prepared.prepare(events);
        preparedRecords.prepare(leaving);
    }

    @Override
    public long lastSequence() {
        return reading("read the last sequence", c -> readTail(c).sequence());
    }

    /**
     * {@inheritDoc} The lowest sequence in the events table, by its primary key; when every event was archived,
     * the one after the last archived.
     */
    @Override
    public long firstSequence() {
        return reading("read the first sequence", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT sequence FROM events ORDER BY sequence LIMIT 1");
                    ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? rows.getLong(1)
                        : ArchiveTable.chainStart(c).sequence() + 1;
            }
        });
    }

    @Override
    public List<org.muster.store.ArchiveRecord> listArchives() {
        return reading("list the archives", ArchiveTable::list);
    }

    /** {@inheritDoc} See {@link Archiver}. */
    @Override
    public Optional<org.muster.store.ArchiveSummary> archive(
            java.time.Instant before,
            java.nio.file.Path out,
            java.time.Instant now,
            org.muster.store.ArchiveProgress progress) {
        open();
        try {
            return new Archiver(connections).archive(before, out, now, progress);
        } catch (SQLException e) {
            throw new TransientException("could not archive the events before " + before + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void readAfter(long afterSequence, Consumer<RecordedEvent> sink) {
        checkSequence("afterSequence", afterSequence);
        reading("read the events after " + afterSequence, c -> {
            try (PreparedStatement query =
                    c.prepareStatement(SELECT_EVENTS + " WHERE sequence > ? ORDER BY sequence")) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, afterSequence);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) sink.accept(row(rows).toEvent());
                }
            }
            return null;
        });
    }

    @Override
    public List<RecordedEvent> listRange(long afterSequence, long toSequence) {
        checkSequence("afterSequence", afterSequence);
        if (toSequence < afterSequence) {
            throw new IllegalArgumentException(
                    "toSequence " + toSequence + " is before afterSequence " + afterSequence);
        }
        return reading("read the events " + (afterSequence + 1) + ".." + toSequence, c -> {
            try (PreparedStatement query =
                    c.prepareStatement(SELECT_EVENTS + " WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, afterSequence);
                query.setLong(2, toSequence);
                return events(query);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws NotFoundException when there is no event {@code sequence}
     */
    @Override
    public String hashAt(long sequence) {
        checkSequence("sequence", sequence);
        if (sequence == 0) return "";
        return reading("read the hash at " + sequence, c -> findHash(c, sequence))
                .orElseThrow(() -> new NotFoundException("event", Long.toString(sequence)));
    }

    /**
     * {@inheritDoc} Saving a snapshot again at the same sequence replaces it.
     *
     * @throws IllegalArgumentException when the snapshot is past the end of the log or its last hash is
     *     not the log's hash at its sequence: such a snapshot would rebuild a state the log never had
     */
    @Override
    public void saveSnapshot(Snapshot snapshot) {
        saveSnapshot(snapshot, List.of());
    }

    /**
     * {@inheritDoc} Saving a snapshot again at the same sequence replaces it. Stored compressed, the parts
     * sealed with the state under one digest.
     *
     * @throws IllegalArgumentException as {@link #saveSnapshot(Snapshot)}, or when two parts share a name
     */
    @Override
    public void saveSnapshot(Snapshot snapshot, List<SnapshotPart> parts) {
        checkSequence("snapshot.sequence", snapshot.sequence());
        SnapshotTable.Sealed sealed = SnapshotTable.seal(SnapshotTable.content(snapshot, parts));
        writing("save the snapshot at " + snapshot.sequence(), c -> {
            Optional<String> found = snapshot.sequence() == 0 ? Optional.of("") : findHash(c, snapshot.sequence());
            if (found.isEmpty()) {
                throw new IllegalArgumentException(
                        "a snapshot at " + snapshot.sequence() + " is past the end of the log, whose last sequence is "
                                + readTail(c).sequence());
            }
            String logHash = found.get();
            if (!logHash.equals(snapshot.lastHash())) {
                throw new IllegalArgumentException("the snapshot at " + snapshot.sequence() + " has last hash '"
                        + snapshot.lastHash() + "' but the log has '" + logHash + "' there");
            }
            SnapshotTable.upsert(c, snapshot.sequence(), snapshot.lastHash(), sealed);
            return null;
        });
    }

    @Override
    public Optional<Snapshot> findLatestSnapshot() {
        return findSnapshot(SELECT_SEALED_SNAPSHOT + " ORDER BY sequence DESC LIMIT 1", Map.of())
                .map(SavedSnapshot::state);
    }

    @Override
    public Optional<Snapshot> findSnapshotAtOrBefore(long sequence) {
        return findSnapshotAtOrBefore(sequence, Map.of()).map(SavedSnapshot::state);
    }

    @Override
    public Optional<SavedSnapshot> findSnapshotAtOrBefore(long sequence, Map<String, Class<?>> partTypes) {
        checkSequence("sequence", sequence);
        return findSnapshot(
                SELECT_SEALED_SNAPSHOT + " AND sequence <= ? ORDER BY sequence DESC LIMIT 1", partTypes, sequence);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Streams the table in sequence order. A row breaks the chain when its sequence is not the one after
     * the previous row's, or when its stored hash is not the one recomputed from its contents and the previous
     * row's hash (for the first live row, the last archive's {@code last_hash}). The table keeps no previous
     * hash of its own (V14): a row's link is its hash. The link reported is the first such row: for a changed
     * row, that row; for a deleted row, the row after the gap; for rows swapped, the first of them. A previous
     * hash changed by hand before V14 was kept ({@code event_links}); for a row whose only fault is that,
     * {@code expectedHash} is the previous row's hash and {@code storedHash} the one kept.
     *
     * <p>Events removed from the end of the log leave an intact, shorter chain: compare
     * {@link #hashAt} with a hash kept elsewhere (a snapshot, a published digest) to detect that.
     */
    @Override
    public Optional<BrokenLink> verify() {
        return reading("verify the hash chain", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_EVENTS + " ORDER BY sequence")) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    ChainHead start = ArchiveTable.chainStart(c);
                    long previous = start.sequence();
                    String chain = start.hash();
                    Map<Long, String> kept = LogAudit.keptLinks(c, start.sequence() + 1, Long.MAX_VALUE);
                    while (rows.next()) {
                        EventRow row = LogAudit.linked(row(rows), kept, chain);
                        String expected = row.expectedHash(chain);
                        if (!expected.equals(row.hash()) || row.sequence() != previous + 1) {
                            return Optional.of(new BrokenLink(row.sequence(), expected, row.hash()));
                        }
                        if (!chain.equals(row.prevHash())) {
                            return Optional.of(new BrokenLink(row.sequence(), chain, row.prevHash()));
                        }
                        previous = row.sequence();
                        chain = row.hash();
                    }
                    return Optional.<BrokenLink>empty();
                }
            }
        });
    }

    @Override
    public boolean containsCommand(CommandId command) {
        return !listCommandEvents(command).isEmpty();
    }

    @Override
    public List<RecordedEvent> listCommandEvents(CommandId command) {
        return listEventsOfCommands(Set.of(command));
    }

    /**
     * {@inheritDoc} The commands of the log's last {@link CommandWindow#DEFAULT_EVENTS} events are found: each
     * is looked up in the {@link CommandWindow} and its span read by sequence, keeping the rows of the very id
     * asked for.
     */
    @Override
    public List<RecordedEvent> listEventsOfCommands(Set<CommandId> commands) {
        if (commands.isEmpty()) return List.of();
        return reading("read the events of " + commands.size() + " commands", c -> {
            long tail = readTail(c).sequence();
            List<RecordedEvent> found = new ArrayList<>();
            try (PreparedStatement query =
                    c.prepareStatement(SELECT_EVENTS + " WHERE sequence >= ? AND sequence <= ? ORDER BY sequence")) {
                for (CommandId id : commands) {
                    CommandWindow.Span span = commandWindow.find(c, CommandKeys.encode(id.value()), tail);
                    if (span == null) continue;
                    query.setLong(1, span.first());
                    query.setLong(2, span.last());
                    for (RecordedEvent e : events(query)) if (e.command().equals(id)) found.add(e);
                }
            }
            found.sort(java.util.Comparator.comparingLong(RecordedEvent::sequence));
            return List.copyOf(found);
        });
    }

    @Override
    public List<CommandId> listCommandIds() {
        return reading("list the commands in the log", c -> {
            try (PreparedStatement query =
                    c.prepareStatement("SELECT command_id FROM events GROUP BY command_id ORDER BY MIN(sequence)")) {
                query.setFetchSize(FETCH_SIZE);
                List<CommandId> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) ids.add(CommandId.of(CommandKeys.decode(rows.getBytes(1))));
                }
                return List.copyOf(ids);
            }
        });
    }

    @Override
    public ChainHead head() {
        return reading("read the chain's head", c -> {
            Tail tail = readTail(c);
            return new ChainHead(tail.sequence(), tail.hash());
        });
    }

    @Override
    public List<AuditFinding> audit(AuditScope scope) {
        if (scope == AuditScope.WHOLE_LOG) return audit(AuditRange.all(), AuditProgress.NONE);
        return reading("audit the log", c -> auditIn(c, scope, Optional.empty()));
    }

    @Override
    public List<AuditFinding> audit(AuditScope scope, ChainHead checkpoint) {
        if (scope == AuditScope.WHOLE_LOG) return audit(AuditRange.all(), checkpoint, AuditProgress.NONE);
        return reading("audit the log", c -> auditIn(c, scope, Optional.of(checkpoint)));
    }

    /** {@inheritDoc} One worker per processor, each on its own reading connection. */
    @Override
    public List<AuditFinding> audit(AuditRange range, AuditProgress progress) {
        return auditRange(range, Optional.empty(), progress);
    }

    @Override
    public List<AuditFinding> audit(AuditRange range, ChainHead checkpoint, AuditProgress progress) {
        return auditRange(range, Optional.of(checkpoint), progress);
    }

    private List<AuditFinding> auditRange(AuditRange range, Optional<ChainHead> checkpoint, AuditProgress progress) {
        open();
        try {
            return new RangeAudit(connections, Runtime.getRuntime().availableProcessors())
                    .run(range, checkpoint, progress);
        } catch (SQLException e) {
            throw new TransientException("could not audit the log: " + e.getMessage(), e);
        }
    }

    private static List<AuditFinding> auditIn(Connection c, AuditScope scope, Optional<ChainHead> checkpoint)
            throws SQLException {
        List<AuditFinding> found = new ArrayList<>();
        // the live log chains on from the last archive's last hash (nothing archived: from the start)
        ChainHead start = ArchiveTable.chainStart(c);
        long from = start.sequence();
        String fromHash = start.hash();
        switch (scope) {
            case WHOLE_LOG -> found.addAll(LogAudit.checkSnapshots(c));
            case FROM_LATEST_SNAPSHOT -> {
                try (PreparedStatement query =
                                c.prepareStatement(SELECT_SEALED_SNAPSHOT + " ORDER BY sequence DESC LIMIT 1");
                        ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        Optional<AuditFinding> snapshot = LogAudit.checkSnapshot(
                                c,
                                rows.getLong(1),
                                rows.getString(2),
                                SnapshotTable.contentOf(rows),
                                Optional.of(rows.getString(4)));
                        snapshot.ifPresent(found::add);
                        // an intact snapshot's last hash is the log's hash at its sequence: chain on from it
                        if (snapshot.isEmpty()) {
                            from = rows.getLong(1);
                            fromHash = rows.getString(2);
                        }
                    }
                }
            }
        }
        LogAudit.checkChain(c, from, fromHash).ifPresent(link -> found.addFirst(link));
        // from a snapshot, also the live log's first link: the archives' end, or the log's start
        if (from != start.sequence()) LogAudit.checkLiveStart(c).ifPresent(found::addFirst);
        if (checkpoint.isPresent()) {
            LogAudit.checkCheckpoint(c, checkpoint.get(), readTail(c).sequence())
                    .ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** Closes the connections; further calls throw {@link IllegalStateException}. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) connections.close();
    }

    /** The SQLite writer's pragma, for tests of the durability settings; empty on PostgreSQL. */
    Optional<String> sqliteWriterPragma(String name) throws SQLException {
        return connections instanceof SqliteConnections sqlite
                ? Optional.of(sqlite.writerPragma(name))
                : Optional.empty();
    }

    // --- appending

    private record Tail(long sequence, String hash) {}

    private static Tail readTail(Connection c) throws SQLException {
        try (PreparedStatement query =
                        c.prepareStatement("SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1");
                ResultSet rows = query.executeQuery()) {
            if (rows.next()) return new Tail(rows.getLong(1), EventRow.hex(rows.getBytes(2)));
        }
        // empty: nothing yet, or everything archived, and the next event follows the last archived one
        ChainHead start = ArchiveTable.chainStart(c);
        return new Tail(start.sequence(), start.hash());
    }

    /** Inserts the drafts chained on from {@code prevHash}; returns the last row's hash. */
    private String insert(
            Connection c,
            List<EventRow> drafts,
            String prevHash,
            Map<String, Integer> typeCodes,
            Map<String, Integer> actorCodes)
            throws SQLException {
        String chain = prevHash;
        try (PreparedStatement insert = c.prepareStatement(dialect.insertEvent())) {
            for (EventRow draft : drafts) {
                EventRow row = PreparedRows.chained(draft, chain);
                insert.setLong(1, row.sequence());
                insert.setLong(2, row.recordedAtNanos());
                insert.setBytes(3, CommandKeys.encode(row.commandId()));
                insert.setInt(4, actorCodes.get(row.actor()));
                insert.setString(5, row.reason());
                insert.setInt(6, typeCodes.get(row.eventType()));
                // compressed by the decider as it prepared the row (the appending thread is the busier)
                insert.setBytes(7, prepared.payloadZ(row));
                insert.setBytes(8, EventRow.binary(row.hash()));
                insert.addBatch();
                chain = row.hash();
            }
            insert.executeBatch();
        }
        return chain;
    }

    /**
     * Decides what a failed append means. A failure while committing can leave the outcome unknown (the
     * connection dropped after the server committed), so the log is asked: if it holds the batch's last
     * event with the hash this append computed, the batch is durable and the append succeeded.
     */
    private void resolveFailedAppend(long first, long last, String lastHash, SQLException failure) {
        Optional<String> stored;
        try {
            stored = connections.read(c -> findHash(c, last));
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            throw new TransientException(
                    "could not append events " + first + ".." + last + ", and could not tell whether they were"
                            + " kept: check lastSequence() before trying again: " + reason(failure),
                    failure);
        }
        if (lastHash != null && stored.equals(Optional.of(lastHash))) return;
        if (stored.isPresent()) {
            throw new IllegalStateException(
                    "events " + first + ".." + last + " were written meanwhile by another writer", failure);
        }
        throw new TransientException(
                "could not append events " + first + ".." + last + "; nothing was kept: " + reason(failure), failure);
    }

    /**
     * Why a statement failed, as the server said it: a failed batch's own message repeats the whole statement
     * with its values (events, hashes), which is no business of a client's 503.
     */
    private static String reason(SQLException failure) {
        SQLException why = failure;
        while (why.getNextException() != null) why = why.getNextException();
        Throwable root = why;
        while (root.getCause() != null) root = root.getCause();
        String message = root.getMessage() == null ? failure.getClass().getSimpleName() : root.getMessage();
        return failure instanceof java.sql.BatchUpdateException && message.contains("INSERT INTO")
                ? "the database refused the batch ("
                        + Optional.ofNullable(failure.getSQLState()).orElse("no SQL state") + ")"
                : message;
    }

    private static void checkConsecutive(List<RecordedEvent> batch) {
        long expected = batch.getFirst().sequence();
        for (RecordedEvent event : batch) {
            if (event.sequence() != expected) {
                throw new IllegalArgumentException("a batch must hold consecutive sequences: found " + event.sequence()
                        + " where " + expected + " was due");
            }
            expected++;
        }
    }

    // --- reading

    private static Optional<String> findHash(Connection c, long sequence) throws SQLException {
        return LogAudit.findHash(c, sequence);
    }

    private Optional<SavedSnapshot> findSnapshot(String sql, Map<String, Class<?>> partTypes, long... parameters) {
        return reading("read a snapshot", c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) query.setLong(i + 1, parameters[i]);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) return Optional.<SavedSnapshot>empty();
                    long at = rows.getLong(1);
                    String content;
                    try {
                        content = SnapshotTable.contentOf(rows);
                    } catch (IllegalArgumentException e) {
                        content = ""; // not gzip: edited by hand, and named so below
                    }
                    // Replay trusts a snapshot and its projections in place of the events before it, so one
                    // that was edited must stop the start rather than quietly become the state.
                    // read once, with its parts, for the check and for the caller; a part that does not
                    // fit is not tampering (the check reads the state alone then) but still stops below
                    SavedSnapshot[] whole = new SavedSnapshot[1];
                    Optional<AuditFinding> tampered = LogAudit.checkSnapshot(
                            c, at, rows.getString(2), content, Optional.of(rows.getString(4)), text -> {
                                try {
                                    whole[0] = SnapshotTable.decode(text, partTypes);
                                    return whole[0].state();
                                } catch (IllegalArgumentException e) {
                                    return SnapshotTable.decodeState(text);
                                }
                            });
                    if (tampered.isPresent()) throw new TamperedLogException(List.of(tampered.get()));
                    if (whole[0] != null) return Optional.of(whole[0]);
                    try {
                        return Optional.of(SnapshotTable.decode(content, partTypes));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(
                                "the snapshot at " + at + " cannot be read back: " + e.getMessage(), e);
                    }
                }
            }
        });
    }

    private static List<RecordedEvent> events(PreparedStatement query) throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) events.add(row(rows).toEvent());
        }
        return List.copyOf(events);
    }

    /**
     * One row of {@code SELECT COLUMNS}, in that order, without its previous hash (see {@link EventRow}). The payload is the plain text of a row written
     * before V13, else the text its {@code payload_z} inflates to; bytes that do not inflate read as a
     * payload no event has, so the row's hash no longer matches and the audit names it.
     */
    static EventRow row(ResultSet rows) throws SQLException {
        String payload = rows.getString(7);
        if (payload == null) {
            byte[] compressed = rows.getBytes(9);
            try {
                payload = compressed == null ? "(no payload)" : Zlib.inflateEvent(compressed);
            } catch (IllegalArgumentException e) {
                payload = "(unreadable payload: " + e.getMessage() + ")";
            }
        }
        return new EventRow(
                rows.getLong(1),
                rows.getLong(2),
                CommandKeys.decode(rows.getBytes(3)),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                payload,
                "", // not stored (V14): the previous row's hash, which a walk supplies
                EventRow.hex(rows.getBytes(8)));
    }

    private static void checkSequence(String name, long sequence) {
        if (sequence < 0) throw new IllegalArgumentException(name + " must be 0 or more: " + sequence);
    }

    // --- storage errors

    private <T> T reading(String what, SqlWork<T> work) {
        return calls.read(what, work);
    }

    private <T> T writing(String what, SqlWork<T> work) {
        return calls.write(what, work);
    }

    private void open() {
        calls.requireOpen();
    }
}
