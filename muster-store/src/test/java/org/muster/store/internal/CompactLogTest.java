package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.log.Snapshot;
import org.muster.store.AuditFinding;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.ChainHead;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.EventStore.AuditScope;
import org.muster.store.StoreConfig;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/**
 * The compact log of migration V6 (times as nanoseconds, hashes as bytes, closed incidents compressed): a
 * store written by V1-V5 upgrades in place with every hash unchanged and the chain intact, an edit made
 * before the upgrade is still named after it, and an edit of the new columns is named like any other.
 */
class CompactLogTest {

    /**
     * Times of every precision {@code Instant.toString()} writes (9, 6, 3 and 0 digits of fraction, a
     * leading zero) and before 1970: each must come back as the same text for the hash to recompute.
     */
    private static Instant timeFor(long sequence) {
        Instant t = SampleEvents.T0.plusSeconds(sequence);
        return switch ((int) (sequence % 6)) {
            case 0 -> t; // .123456789
            case 1 -> t.truncatedTo(ChronoUnit.MICROS);
            case 2 -> t.truncatedTo(ChronoUnit.MILLIS);
            case 3 -> t.truncatedTo(ChronoUnit.SECONDS);
            case 4 -> t.truncatedTo(ChronoUnit.SECONDS).plusNanos(7); // .000000007
            default -> Instant.parse("1969-07-20T20:17:40.5Z").plusMillis(sequence);
        };
    }

    private static List<RecordedEvent> events(long first, int count) {
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent e : SampleEvents.recorded(first, count)) {
            out.add(new RecordedEvent(
                    e.sequence(), timeFor(e.sequence()), commandFor(e.sequence()), e.actor(), e.reason(), e.event()));
        }
        return out;
    }

    /**
     * Command ids of each shape V13 stores differently, two events per command as the sample has them: a
     * UUID as the API gives one, an id of an Idempotency-Key as the API gives it, and plain text, including
     * text that looks like either but is not quite (upper case, one digit short), which stays text.
     */
    private static org.muster.domain.command.CommandId commandFor(long sequence) {
        long k = (sequence + 1) / 2;
        String hex40 = HexFormat.of()
                .formatHex(java.nio.ByteBuffer.allocate(20).putLong(k * 7919).array());
        String id = switch ((int) (k % 5)) {
            case 0 -> new java.util.UUID(k * 31, -k).toString();
            case 1 -> "api-" + hex40;
            case 2 -> new java.util.UUID(k, ~k).toString().toUpperCase(java.util.Locale.ROOT);
            case 3 -> "api-" + hex40.substring(1);
            default -> "cmd-" + k;
        };
        return org.muster.domain.command.CommandId.of(id);
    }

    private static Incident closedIncident() {
        Incident i = SampleEvents.incident();
        return i.withStatus(IncidentStatus.CLOSED)
                .withTimelineEntry(new TimelineEntry(SampleEvents.T0.plus(Duration.ofHours(3)), "closed"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreWrittenBeforeTheCompactLogUpgradesInPlaceAndVerifies(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        migrateTo(config, "5");
        List<RecordedEvent> events = events(1, 40);
        List<String> oldHashes = writeAsBeforeV6(config, backend, events);
        String hash20 = oldHashes.get(19);
        try (Connection c = TestDatabases.connect(config)) {
            SnapshotTable.upsert(
                    c,
                    20,
                    hash20,
                    SnapshotTable.seal(SnapshotTable.content(SampleEvents.snapshot(20, hash20), List.of())));
        }
        Incident closed = closedIncident();
        insertClosedAsBeforeV6(config, closed);

        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.verify()).isEmpty();
            assertThat(log.audit(AuditScope.WHOLE_LOG, new ChainHead(40, oldHashes.get(39))))
                    .isEmpty();
            for (int i = 0; i < events.size(); i++) {
                assertThat(log.hashAt(i + 1)).as("hash of event %d", i + 1).isEqualTo(oldHashes.get(i));
            }
            List<RecordedEvent> read = new ArrayList<>();
            log.readAfter(0, read::add);
            assertThat(read).isEqualTo(events);
            assertThat(log.findLatestSnapshot().map(Snapshot::sequence)).contains(20L);
            assertThat(log.containsCommand(events.get(6).command())).isTrue();
            assertThat(log.listCommandEvents(events.get(6).command()))
                    .containsExactly(events.get(6), events.get(7)); // two events per command

            assertThat(log.closedIncidents().findIncident(closed.id())).contains(closed);
            assertThat(log.closedIncidents()
                            .listClosed(
                                    List.of(closed.organisation()),
                                    Instant.EPOCH,
                                    Instant.parse("2100-01-01T00:00:00Z"),
                                    10))
                    .containsExactly(closed);

            log.append(events(41, 20));
            assertThat(log.verify()).isEmpty();
            log.closedIncidents().save(closed);
            assertThat(log.closedIncidents().findIncident(closed.id())).contains(closed);
        }
        try (Connection c = TestDatabases.connect(config);
                Statement st = c.createStatement()) {
            try (ResultSet rows =
                    st.executeQuery("SELECT sequence, recorded_at_nanos, length(hash) FROM events ORDER BY sequence")) {
                while (rows.next()) {
                    long sequence = rows.getLong(1);
                    Instant at = timeFor(sequence);
                    assertThat(rows.getLong(2)).isEqualTo(at.getEpochSecond() * 1_000_000_000L + at.getNano());
                    assertThat(rows.getInt(3)).isEqualTo(32);
                }
            }
            try (ResultSet rows = st.executeQuery("SELECT payload, payload_z FROM closed_incidents")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).as("saved again: compressed").isNull();
                assertThat(Zlib.inflate(rows.getBytes(2), Zlib.CLOSED_INCIDENTS))
                        .isEqualTo(JsonCodec.write(closed));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditMadeBeforeTheUpgradeIsStillNamedAfterIt(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        migrateTo(config, "5");
        List<String> oldHashes = writeAsBeforeV6(config, backend, events(1, 40));
        execute(config, dropUpdateGuard(backend));
        execute(config, "UPDATE events SET reason = 'nothing happened' WHERE sequence = 30");
        execute(config, "UPDATE events SET prev_hash = 'forged' WHERE sequence = 35");
        execute(config, "UPDATE events SET hash = upper(hash) WHERE sequence = 38");

        try (EventStore log = EventLogs.open(config)) {
            List<AuditFinding> found = log.audit(AuditScope.WHOLE_LOG, new ChainHead(40, oldHashes.get(39)));

            assertThat(found)
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 30L));
            assertThat(found.getFirst().detail()).startsWith("event 30 was changed");
            // checked from just past the first edit, the later ones are named too
            assertThat(log.audit(org.muster.store.AuditRange.from(31), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 35L));
            assertThat(log.audit(org.muster.store.AuditRange.from(36), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 38L));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTimeChangedByOneNanosecondOrAHashChangedByOneByteIsNamed(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            log.append(events(1, 40));
            ChainHead head = log.head();
            execute(config, dropUpdateGuard(backend));
            execute(config, "UPDATE events SET recorded_at_nanos = recorded_at_nanos + 1 WHERE sequence = 12");

            assertThat(log.audit(AuditScope.WHOLE_LOG, head))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 12L));

            byte[] hash = HexFormat.of().parseHex(log.hashAt(20));
            hash[31] ^= 1;
            try (Connection c = TestDatabases.connect(config);
                    PreparedStatement update = c.prepareStatement("UPDATE events SET hash = ? WHERE sequence = 20")) {
                update.setBytes(1, hash);
                update.executeUpdate();
            }
            assertThat(log.audit(org.muster.store.AuditRange.from(13), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 20L));
        }
    }

    /**
     * What docs/store-size.md gives for recomputing the chain outside Muster (times after 1970): the rows
     * with their type names from the view events_readable; a compressed payload still needs inflating.
     */
    static final String DOCUMENTED_SQL = "SELECT sequence,"
            + " strftime('%Y-%m-%dT%H:%M:%S', recorded_at_nanos / 1000000000, 'unixepoch')"
            + " || CASE WHEN recorded_at_nanos % 1000000000 = 0 THEN ''"
            + " WHEN recorded_at_nanos % 1000000 = 0 THEN printf('.%03d', recorded_at_nanos % 1000000000 / 1000000)"
            + " WHEN recorded_at_nanos % 1000 = 0 THEN printf('.%06d', recorded_at_nanos % 1000000000 / 1000)"
            + " ELSE printf('.%09d', recorded_at_nanos % 1000000000) END || 'Z',"
            + " command_id, actor, reason, event_type, payload, lower(hex(hash)), payload_z"
            + " FROM events_readable ORDER BY sequence";

    /**
     * A compressed payload as docs/store-size.md tells an outside reader to read it, with the JDK's zlib
     * and the dictionary file, not Muster's code: skip the first byte (1, the dictionary), raw-inflate the
     * rest with the dictionary preset.
     */
    private static String inflateAsDocumented(byte[] stored) throws Exception {
        assertThat(stored[0]).as("the dictionary's tag").isEqualTo((byte) 1);
        byte[] dictionary;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(
                java.nio.file.Path.of("src/main/resources/org/muster/store/internal/events-1.zdict"))) {
            dictionary = in.readAllBytes();
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setDictionary(dictionary);
        inflater.setInput(stored, 1, stored.length - 1);
        byte[] out = new byte[64 * 1024];
        int n = inflater.inflate(out);
        assertThat(inflater.finished()).isTrue();
        inflater.end();
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.api.Test
    void theChainCanStillBeRecomputedWithSqlZlibAndASha256Tool() throws Exception {
        StoreConfig config = TestDatabases.sqlite();
        // after 1970 only: the documented strftime does not write the times before it
        List<RecordedEvent> events = events(1, 60).stream()
                .map(e -> new RecordedEvent(
                        e.sequence(),
                        e.at().isBefore(Instant.EPOCH) ? SampleEvents.T0.plusSeconds(e.sequence()) : e.at(),
                        e.command(),
                        e.actor(),
                        e.reason(),
                        e.event()))
                .toList();
        try (EventStore log = EventLogs.open(config)) {
            log.append(events);
        }
        int checked = 0;
        // the previous hash is the hash of the row before (V14): the reader carries it, from "" at event 1
        String previous = "";
        try (Connection c = TestDatabases.connect(config);
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery(DOCUMENTED_SQL)) {
            while (rows.next()) {
                RecordedEvent e = events.get((int) rows.getLong(1) - 1);
                assertThat(rows.getString(2)).isEqualTo(e.at().toString());
                assertThat(rows.getString(7))
                        .as("written from V13 on: compressed")
                        .isNull();
                String payload = inflateAsDocumented(rows.getBytes(9));
                assertThat(payload).isEqualTo(org.muster.store.EventCodec.encode(e.event()));
                String text = String.join(
                        "\n",
                        previous,
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        payload);
                byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(HexFormat.of().formatHex(sha)).isEqualTo(rows.getString(8));
                previous = rows.getString(8);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(events.size());
        // the view still shows a previous hash for readers that used it: the row before's
        try (Connection c = TestDatabases.connect(config);
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery(
                        "SELECT sequence, lower(hex(prev_hash)) FROM events_readable ORDER BY sequence")) {
            String before = "";
            while (rows.next()) {
                assertThat(rows.getString(2))
                        .as("prev_hash of %d", rows.getLong(1))
                        .isEqualTo(before);
                before = hashOf(config, rows.getLong(1));
            }
        }
    }

    private static String hashOf(StoreConfig config, long sequence) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement query = c.prepareStatement("SELECT hash FROM events WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return HexFormat.of().formatHex(rows.getBytes(1));
            }
        }
    }

    /**
     * A store written by V13 (every row with its prev_hash, compressed payloads) upgrades to V14 with every
     * hash unchanged and the chain intact; a previous hash changed by hand before the upgrade, which no row
     * implies, is kept and still named after it.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreWrittenByV13DropsItsPrevHashesAndStaysValid(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        migrateTo(config, "13");
        List<RecordedEvent> before = events(1, 60);
        List<String> oldHashes = writeAsV13(config, before);
        // a second store, the same, with one link rewired before the upgrade
        StoreConfig rewired = TestDatabases.fresh(backend);
        migrateTo(rewired, "13");
        writeAsV13(rewired, before);
        execute(rewired, dropUpdateGuard(backend));
        execute(rewired, "UPDATE events SET prev_hash = hash WHERE sequence = 35");

        try (EventStore log = EventLogs.open(config)) {
            for (int i = 0; i < before.size(); i++) {
                assertThat(log.hashAt(i + 1)).as("hash of event %d", i + 1).isEqualTo(oldHashes.get(i));
            }
            assertThat(log.audit(AuditScope.WHOLE_LOG, new ChainHead(60, oldHashes.get(59))))
                    .isEmpty();
            assertThat(log.verify()).isEmpty();
            List<RecordedEvent> after = events(61, 20);
            log.append(after);
            assertThat(log.audit(org.muster.store.AuditRange.all(), org.muster.store.AuditProgress.NONE))
                    .isEmpty();
            List<RecordedEvent> read = new ArrayList<>();
            log.readAfter(0, read::add);
            assertThat(read).isEqualTo(all(before, after));
        }
        try (Connection c = TestDatabases.connect(config);
                Statement st = c.createStatement()) {
            try (ResultSet rows = st.executeQuery("SELECT COUNT(*) FROM event_links")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1))
                        .as("no link kept: every one is implied")
                        .isZero();
            }
            try (ResultSet columns = c.getMetaData().getColumns(null, null, "events", "prev_hash")) {
                assertThat(columns.next()).as("the column is gone").isFalse();
            }
            // the actor as a code, its name in actors and in the view, as it was
            try (ResultSet rows = st.executeQuery("SELECT r.sequence, r.actor, e.actor_code FROM events_readable r"
                    + " JOIN events e ON e.sequence = r.sequence ORDER BY r.sequence")) {
                List<RecordedEvent> all = all(before, events(61, 20));
                int n = 0;
                while (rows.next()) {
                    assertThat(rows.getString(2))
                            .isEqualTo(
                                    all.get((int) rows.getLong(1) - 1).actor().id());
                    assertThat(rows.getInt(3)).isPositive();
                    n++;
                }
                assertThat(n).isEqualTo(80);
            }
        }

        try (EventStore log = EventLogs.open(rewired)) {
            List<AuditFinding> found =
                    log.audit(org.muster.store.AuditRange.all(), org.muster.store.AuditProgress.NONE);
            assertThat(found)
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 35L));
            assertThat(found.getFirst().detail()).contains("link was changed");
            assertThat(log.audit(AuditScope.WHOLE_LOG, new ChainHead(60, oldHashes.get(59))))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 35L));
            assertThat(log.verify())
                    .hasValueSatisfying(link -> assertThat(link.sequence()).isEqualTo(35));
        }
    }

    /** Appends as V13 stored events: type codes, compressed payloads, command ids as bytes, prev_hash kept. */
    private static List<String> writeAsV13(StoreConfig config, List<RecordedEvent> events) throws SQLException {
        List<String> hashes = new ArrayList<>();
        String chain = "";
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement type = c.prepareStatement("INSERT INTO event_types (name) SELECT ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM event_types WHERE name = ?)");
                PreparedStatement insert = c.prepareStatement("INSERT INTO events (sequence, recorded_at_nanos,"
                        + " command_id, actor, reason, type_code, payload_z, prev_hash, hash) VALUES (?, ?, ?, ?, ?,"
                        + " (SELECT code FROM event_types WHERE name = ?), ?, ?, ?)")) {
            for (RecordedEvent e : events) {
                EventRow row = EventRow.draft(e).chainedTo(chain);
                type.setString(1, row.eventType());
                type.setString(2, row.eventType());
                type.executeUpdate();
                insert.setLong(1, row.sequence());
                insert.setLong(2, row.recordedAtNanos());
                insert.setBytes(3, CommandKeys.encode(row.commandId()));
                insert.setString(4, row.actor());
                insert.setString(5, row.reason());
                insert.setString(6, row.eventType());
                insert.setBytes(7, Zlib.deflateEvent(row.payload()));
                insert.setBytes(8, EventRow.binary(chain));
                insert.setBytes(9, EventRow.binary(row.hash()));
                insert.executeUpdate();
                hashes.add(row.hash());
                chain = row.hash();
            }
        }
        return hashes;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreWrittenBeforeV13UpgradesInPlaceVerifiesAndGoesOnCompressed(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        migrateTo(config, "12");
        List<RecordedEvent> before = events(1, 40);
        List<String> oldHashes = writeAsBeforeV13(config, backend, before);

        List<RecordedEvent> after = events(41, 40);
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.audit(AuditScope.WHOLE_LOG, new ChainHead(40, oldHashes.get(39))))
                    .isEmpty();
            for (int i = 0; i < before.size(); i++) {
                assertThat(log.hashAt(i + 1)).as("hash of event %d", i + 1).isEqualTo(oldHashes.get(i));
            }
            log.append(after);
            assertThat(log.verify()).isEmpty();
            assertThat(log.audit(org.muster.store.AuditRange.all(), org.muster.store.AuditProgress.NONE))
                    .isEmpty();

            List<RecordedEvent> all = new ArrayList<>(before);
            all.addAll(after);
            List<RecordedEvent> read = new ArrayList<>();
            log.readAfter(0, read::add);
            assertThat(read).as("every row round-trips, plain or compressed").isEqualTo(all);
            assertThat(log.listRange(35, 45)).isEqualTo(all.subList(35, 45));
            // the last command before the upgrade (plain rows) and the first after it (compressed rows)
            assertThat(log.listCommandEvents(all.get(39).command())).containsExactly(all.get(38), all.get(39));
            assertThat(log.listCommandEvents(all.get(40).command())).containsExactly(all.get(40), all.get(41));
            assertThat(log.listEventsOfCommands(
                            java.util.Set.of(all.get(39).command(), all.get(40).command())))
                    .containsExactly(all.get(38), all.get(39), all.get(40), all.get(41));
            assertThat(log.listCommandIds())
                    .containsExactlyElementsOf(
                            all.stream().map(RecordedEvent::command).distinct().toList());
            for (RecordedEvent e : all)
                assertThat(log.containsCommand(e.command())).isTrue();
            assertThat(log.containsCommand(org.muster.domain.command.CommandId.of(new java.util.UUID(1, 2).toString())))
                    .isFalse();
        }
        try (Connection c = TestDatabases.connect(config);
                Statement st = c.createStatement();
                ResultSet rows =
                        st.executeQuery("SELECT r.sequence, r.payload, r.payload_z, r.event_type, r.command_id,"
                                + " length(e.command_id) FROM events_readable r JOIN events e ON e.sequence = r.sequence"
                                + " ORDER BY r.sequence")) {
            while (rows.next()) {
                RecordedEvent e = all(before, after).get((int) rows.getLong(1) - 1);
                String json = org.muster.store.EventCodec.encode(e.event());
                assertThat(rows.getString(5))
                        .as("the readable id")
                        .isEqualTo(e.command().value());
                assertThat(rows.getInt(6))
                        .as("bytes stored for %s", e.command().value())
                        .isEqualTo(
                                switch ((int) (((e.sequence() + 1) / 2) % 5)) {
                                    case 0 -> 17; // a UUID
                                    case 1 -> 21; // api- and 40 hex digits
                                    default -> e.command().value().length();
                                });
                assertThat(rows.getString(4)).isEqualTo(org.muster.store.EventCodec.typeOf(e.event()));
                if (e.sequence() <= 40) {
                    assertThat(rows.getString(2)).as("kept as it was").isEqualTo(json);
                    assertThat(rows.getBytes(3)).isNull();
                } else {
                    assertThat(rows.getString(2)).isNull();
                    byte[] z = rows.getBytes(3);
                    assertThat(Zlib.inflateEvent(z)).isEqualTo(json);
                    assertThat(z.length).as("compressed: %s", json).isLessThan(json.length());
                }
            }
        }
    }

    private static List<RecordedEvent> all(List<RecordedEvent> first, List<RecordedEvent> then) {
        List<RecordedEvent> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTamperedCompressedPayloadOrTypeCodeIsNamed(Backend backend) throws SQLException {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            log.append(events(1, 40));
            ChainHead head = log.head();
            execute(config, dropUpdateGuard(backend));

            // one bit of the deflate flipped: it inflates to other text, or to none
            byte[] z = storedPayload(config, 12);
            z[z.length / 2] ^= 0x10;
            setPayload(config, 12, z);
            // cut short: it does not inflate at all
            byte[] cut = storedPayload(config, 20);
            setPayload(config, 20, java.util.Arrays.copyOf(cut, cut.length - 3));
            // another type's code: the hash covers the name the code stands for
            execute(
                    config,
                    "UPDATE events SET type_code = (SELECT MIN(code) FROM event_types WHERE code <>"
                            + " events.type_code) WHERE sequence = 30");

            assertThat(log.audit(AuditScope.WHOLE_LOG, head))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 12L));
            assertThat(log.verify())
                    .hasValueSatisfying(link -> assertThat(link.sequence()).isEqualTo(12));
            assertThat(log.audit(org.muster.store.AuditRange.from(13), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 20L));
            assertThat(log.audit(org.muster.store.AuditRange.from(21), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 30L));
            // another actor's code, and a code no actor has (V14): the hash covers the actor's name
            execute(config, "INSERT INTO actors (name) VALUES ('someone-else')");
            execute(
                    config,
                    "UPDATE events SET actor_code = (SELECT code FROM actors WHERE name = 'someone-else')"
                            + " WHERE sequence = 33");
            execute(config, "UPDATE events SET actor_code = 999 WHERE sequence = 36");
            assertThat(log.audit(org.muster.store.AuditRange.from(31), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 33L));
            assertThat(log.audit(org.muster.store.AuditRange.from(34), org.muster.store.AuditProgress.NONE))
                    .extracting(AuditFinding::kind, AuditFinding::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_CHANGED, 36L));
            // reading the unreadable row says which one it is, rather than returning something else
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.listRange(19, 20))
                    .hasMessageContaining("event 20");
        }
    }

    private static byte[] storedPayload(StoreConfig config, long sequence) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement query = c.prepareStatement("SELECT payload_z FROM events WHERE sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private static void setPayload(StoreConfig config, long sequence, byte[] z) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement update = c.prepareStatement("UPDATE events SET payload_z = ? WHERE sequence = ?")) {
            update.setBytes(1, z);
            update.setLong(2, sequence);
            update.executeUpdate();
        }
    }

    /** Appends as V6-V12 stored events: the type's name and the payload's JSON as text. Returns the hashes. */
    private static List<String> writeAsBeforeV13(StoreConfig config, Backend backend, List<RecordedEvent> events)
            throws SQLException {
        List<String> hashes = new ArrayList<>();
        String chain = "";
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement insert = c.prepareStatement("INSERT INTO events (sequence, recorded_at_nanos,"
                        + " command_id, actor, reason, event_type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, "
                        + (backend == Backend.POSTGRESQL ? "CAST(? AS json)" : "?") + ", ?, ?)")) {
            for (RecordedEvent e : events) {
                String type = org.muster.store.EventCodec.typeOf(e.event());
                String payload = org.muster.store.EventCodec.encode(e.event());
                String hash = EventRow.chain(
                        chain,
                        e.sequence(),
                        e.at().toString(),
                        e.command().value(),
                        e.actor().id(),
                        e.reason(),
                        type,
                        payload);
                insert.setLong(1, e.sequence());
                insert.setLong(2, EventRow.nanos(e.at()));
                insert.setString(3, e.command().value());
                insert.setString(4, e.actor().id());
                insert.setString(5, e.reason());
                insert.setString(6, type);
                insert.setString(7, payload);
                insert.setBytes(8, EventRow.binary(chain));
                insert.setBytes(9, EventRow.binary(hash));
                insert.executeUpdate();
                hashes.add(hash);
                chain = hash;
            }
        }
        return hashes;
    }

    // --- a store as Muster wrote it before V6

    private static void migrateTo(StoreConfig config, String version) {
        config.findSqliteFile().ifPresent(file -> {
            try {
                Files.createDirectories(file.getParent());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Flyway.configure()
                .dataSource(
                        config.jdbcUrl(),
                        config.user().orElse(null),
                        config.password().orElse(null))
                .locations("classpath:db/migration/" + (config.backend() == Backend.SQLITE ? "sqlite" : "postgresql"))
                .target(version)
                .load()
                .migrate();
    }

    /** Appends as V1-V5 stored events: the time as its text, the hashes as hex. Returns the hashes. */
    private static List<String> writeAsBeforeV6(StoreConfig config, Backend backend, List<RecordedEvent> events)
            throws SQLException {
        List<String> hashes = new ArrayList<>();
        String chain = "";
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement insert = c.prepareStatement("INSERT INTO events (sequence, recorded_at, command_id,"
                        + " actor, reason, event_type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, "
                        + (backend == Backend.POSTGRESQL ? "CAST(? AS json)" : "?") + ", ?, ?)")) {
            for (RecordedEvent e : events) {
                String at = e.at().toString();
                String type = org.muster.store.EventCodec.typeOf(e.event());
                String payload = org.muster.store.EventCodec.encode(e.event());
                String hash = EventRow.chain(
                        chain, e.sequence(), at, e.command().value(), e.actor().id(), e.reason(), type, payload);
                insert.setLong(1, e.sequence());
                insert.setString(2, at);
                insert.setString(3, e.command().value());
                insert.setString(4, e.actor().id());
                insert.setString(5, e.reason());
                insert.setString(6, type);
                insert.setString(7, payload);
                insert.setString(8, chain);
                insert.setString(9, hash);
                insert.executeUpdate();
                hashes.add(hash);
                chain = hash;
            }
        }
        return hashes;
    }

    private static void insertClosedAsBeforeV6(StoreConfig config, Incident incident) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement insert = c.prepareStatement("INSERT INTO closed_incidents"
                        + " (id, organisation, status, finished_ms, payload) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, incident.id().value());
            insert.setString(2, incident.organisation().value());
            insert.setString(3, incident.status().name());
            insert.setLong(
                    4,
                    org.muster.domain.incident.ClosedIncidents.finishedAt(incident)
                            .toEpochMilli());
            insert.setString(5, JsonCodec.write(incident));
            insert.executeUpdate();
        }
    }

    private static String dropUpdateGuard(Backend backend) {
        return switch (backend) {
            case SQLITE -> "DROP TRIGGER events_no_update";
            case POSTGRESQL -> "DROP TRIGGER events_no_change ON events";
        };
    }

    private static void execute(StoreConfig config, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
