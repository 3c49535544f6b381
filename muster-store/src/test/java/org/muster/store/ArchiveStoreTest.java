package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.TimelineEntry;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/**
 * {@code muster archive} at the store: what moves to the file and what stays, the chain carried across the
 * cut and across archives, the append-only guard, and each kind of tampering with archives named.
 */
class ArchiveStoreTest {
    private static final Instant T0 = SampleEvents.T0;
    /** Events are a second apart from T0 + 1 s: those before this are 1..44. */
    private static final Instant BEFORE = T0.plusSeconds(45);

    private static final Instant NOW = T0.plus(Duration.ofDays(40));

    @TempDir
    Path dir;

    /** 60 events, snapshots at 10, 20, 40 and 50, an incident finished before BEFORE and one after. */
    private static void fill(EventStore log) {
        log.append(SampleEvents.recorded(1, 60));
        for (long at : new long[] {10, 20, 40, 50}) log.saveSnapshot(SampleEvents.snapshot(at, log.hashAt(at)));
        log.closedIncidents().save(finished("EARLY", T0.plusSeconds(30)));
        log.closedIncidents().save(finished("LATE", T0.plus(Duration.ofHours(2))));
    }

    private static Incident finished(String id, Instant at) {
        return SampleEvents.incident(IncidentId.of(id), SampleEvents.WMP)
                .withStatus(IncidentStatus.CLOSED)
                .withTimelineEntry(new TimelineEntry(at, "status -> CLOSED"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void movesEverythingBeforeTheNewestSnapshotBeforeTheDateAndKeepsTheChain(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        Path out = dir.resolve("2025-08.muster-archive.gz");
        String hash40;
        List<long[]> progress = new ArrayList<>();
        try (EventStore log = EventLogs.open(config)) {
            fill(log);
            hash40 = log.hashAt(40);
            ArchiveSummary summary = log.archive(BEFORE, out, NOW, (w, t) -> progress.add(new long[] {w, t}))
                    .orElseThrow();

            assertThat(summary.events())
                    .as("up to the snapshot at 40: 50's event is after the date")
                    .isEqualTo(40);
            assertThat(summary.snapshots()).as("10 and 20").isEqualTo(2);
            assertThat(summary.closedIncidents()).isEqualTo(1);
            assertThat(summary.fileBytes()).isEqualTo(Files.size(out));
            assertThat(progress.getLast()).containsExactly(40, 40);
            assertThat(summary.archive())
                    .isEqualTo(
                            new ArchiveRecord(1, 40, hash40, out.getFileName().toString(), sha256(out), NOW));
            assertThat(log.listArchives()).containsExactly(summary.archive());

            assertThat(log.firstSequence()).isEqualTo(41);
            assertThat(log.lastSequence()).isEqualTo(60);
            assertThat(log.listRange(40, 60))
                    .hasSize(20)
                    .first()
                    .satisfies(e -> assertThat(e.sequence()).isEqualTo(41));
            assertThat(log.hashAt(40)).as("the hash the snapshot at 40 follows").isEqualTo(hash40);
            assertThat(log.findSnapshotAtOrBefore(45).orElseThrow().sequence()).isEqualTo(40);
            assertThat(log.findSnapshotAtOrBefore(39))
                    .as("older snapshots moved")
                    .isEmpty();
            assertThat(log.closedIncidents().findIncident(IncidentId.of("EARLY")))
                    .isEmpty();
            assertThat(log.closedIncidents().findIncident(IncidentId.of("LATE")))
                    .isPresent();

            assertThat(log.audit(AuditRange.all(), AuditProgress.NONE)).isEmpty();
            assertThat(log.audit(EventStore.AuditScope.FROM_LATEST_SNAPSHOT, log.head()))
                    .as("a start's check")
                    .isEmpty();
            assertThat(log.verify()).isEmpty();
            ArchiveCheck check = Archives.verify(List.of(out), log.listArchives(), AuditProgress.NONE);
            assertThat(check.findings()).isEmpty();
            assertThat(check.files())
                    .singleElement()
                    .satisfies(f -> assertThat(f.firstPrevHash()).isEmpty())
                    .satisfies(f -> assertThat(f.lastHash()).isEqualTo(hash40));

            // the file holds every archived row exactly as stored, the old snapshots and the incident
            List<String> lines = lines(out);
            assertThat(lines.getFirst()).contains("\"firstSequence\":1", "\"lastSequence\":40", "\"events\":40");
            assertThat(lines.stream().filter(l -> l.startsWith("{\"event\""))).hasSize(40);
            assertThat(lines.stream().filter(l -> l.startsWith("{\"snapshot\"")))
                    .hasSize(2);
            assertThat(lines.stream().filter(l -> l.startsWith("{\"closedIncident\"")))
                    .singleElement()
                    .asString()
                    .contains("EARLY");
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.audit(EventStore.AuditScope.FROM_LATEST_SNAPSHOT))
                    .as("after a restart")
                    .isEmpty();
            log.append(SampleEvents.recorded(61, 10));
            assertThat(log.audit(AuditRange.all(), AuditProgress.NONE)).isEmpty();
            assertThat(log.listRange(40, 41).getFirst().sequence()).isEqualTo(41);
            // the guard still refuses what no archive covers
            assertThatThrownBy(() -> execute(config, "DELETE FROM events WHERE sequence = 70"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> execute(config, "UPDATE events SET reason = 'x' WHERE sequence = 41"))
                    .isInstanceOf(SQLException.class);
            assertThat(log.lastSequence()).isEqualTo(70);

            // a second archive continues from the first
            log.saveSnapshot(SampleEvents.snapshot(60, log.hashAt(60)));
            Path second = dir.resolve("2025-09.muster-archive.gz");
            ArchiveSummary next = log.archive(T0.plusSeconds(65), second, NOW, ArchiveProgress.NONE)
                    .orElseThrow();
            assertThat(next.archive().firstSequence()).isEqualTo(41);
            assertThat(next.archive().lastSequence()).isEqualTo(60);
            assertThat(next.snapshots()).as("40 and 50").isEqualTo(2);
            assertThat(Archives.verify(List.of(second), AuditProgress.NONE)
                            .files()
                            .getFirst()
                            .firstPrevHash())
                    .isEqualTo(hash40);
            assertThat(Archives.verify(List.of(out, second), log.listArchives(), AuditProgress.NONE)
                            .findings())
                    .isEmpty();
            assertThat(log.audit(AuditRange.all(), AuditProgress.NONE)).isEmpty();
            assertThat(log.firstSequence()).isEqualTo(61);

            // a missing middle archive: the chain breaks where it would be, and its row has no file
            ArchiveCheck gap = Archives.verify(List.of(second), log.listArchives(), AuditProgress.NONE);
            assertThat(gap.findings().getFirst().kind()).isEqualTo(Kind.EVENTS_MISSING);
            assertThat(gap.findings().getFirst().detail())
                    .contains("archive 2025-09.muster-archive.gz starts at event 41", "events 1..40 are missing");
            assertThat(gap.findings())
                    .anySatisfy(
                            f -> assertThat(f.detail()).contains("records 2025-08.muster-archive.gz (events 1..40)"));

            // nothing more to move: no file
            Path none = dir.resolve("none.gz");
            assertThat(log.archive(T0.plusSeconds(65), none, NOW, ArchiveProgress.NONE))
                    .isEmpty();
            assertThat(none).doesNotExist();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tamperingWithAnArchiveOrItsRowIsNamed(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        Path out = dir.resolve("a.gz");
        try (EventStore log = EventLogs.open(config)) {
            fill(log);
            log.archive(BEFORE, out, NOW, ArchiveProgress.NONE).orElseThrow();

            // an event altered in the file
            Path edited = dir.resolve("edited/a.gz");
            Files.createDirectories(edited.getParent());
            List<String> lines = new ArrayList<>(lines(out));
            int at = lines.indexOf(lines.stream()
                    .filter(l -> l.startsWith("{\"event\":{\"sequence\":17,"))
                    .findFirst()
                    .orElseThrow());
            lines.set(at, lines.get(at).replace("crew reported by radio", "crew reported by phone"));
            write(edited, lines);
            ArchiveCheck changed = Archives.verify(List.of(edited), log.listArchives(), AuditProgress.NONE);
            assertThat(changed.findings().getFirst().kind()).isEqualTo(Kind.EVENT_CHANGED);
            assertThat(changed.findings().getFirst().sequence()).isEqualTo(17);
            assertThat(changed.findings().getFirst().detail()).startsWith("archive a.gz: event 17 was changed");
            assertThat(changed.findings())
                    .anySatisfy(f ->
                            assertThat(f.detail()).contains("its SHA-256 is").contains("a.gz"));

            // the archives row edited: its SHA-256, then its last hash (where the live log chains on from)
            execute(config, "UPDATE archives SET file_sha256 = '" + "0".repeat(64) + "'");
            assertThat(Archives.verify(List.of(out), log.listArchives(), AuditProgress.NONE)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.ARCHIVE_MISMATCH))
                    .satisfies(f -> assertThat(f.detail()).contains("but the row records " + "0".repeat(64)));
            execute(
                    config,
                    "UPDATE archives SET file_sha256 = '" + sha256(out) + "', last_hash = '" + "1".repeat(64) + "'");
            List<AuditFinding> live = log.audit(AuditRange.all(), AuditProgress.NONE);
            assertThat(live.getFirst().sequence())
                    .as("the live first event no longer chains on from the archives row's last hash")
                    .isEqualTo(41);
            assertThat(live.getFirst().detail()).startsWith("event 41 was changed");
            assertThat(Archives.verify(List.of(out), log.listArchives(), AuditProgress.NONE)
                            .findings())
                    .anySatisfy(f -> assertThat(f.detail()).contains("its last hash is"));

            // the archives row removed: the live log then starts after a gap, and a start refuses it
            execute(config, "DELETE FROM archives");
            assertThat(log.audit(AuditRange.all(), AuditProgress.NONE).getFirst())
                    .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.EVENTS_MISSING))
                    .satisfies(f -> assertThat(f.detail()).contains("events 1..40 are missing"));
            assertThat(log.audit(EventStore.AuditScope.FROM_LATEST_SNAPSHOT))
                    .as("a start checks the live log's first link too")
                    .anySatisfy(f -> assertThat(f.detail()).contains("events 1..40 are missing"));
            assertThat(Archives.verify(List.of(out), log.listArchives(), AuditProgress.NONE)
                            .findings())
                    .anySatisfy(f -> assertThat(f.detail()).contains("is not recorded in the store's archives table"));
        }
    }

    @Test
    void badInputChangesNothing() throws Exception {
        StoreConfig config = TestDatabases.fresh(Backend.SQLITE);
        try (EventStore log = EventLogs.open(config)) {
            fill(log);
            Path out = dir.resolve("a.gz");
            assertThatThrownBy(() -> log.archive(NOW.plusSeconds(1), out, NOW, ArchiveProgress.NONE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("before")
                    .hasMessageContaining("must not be in the future");
            Files.writeString(out, "keep me");
            assertThatThrownBy(() -> log.archive(BEFORE, out, NOW, ArchiveProgress.NONE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must not exist");
            assertThat(Files.readString(out)).isEqualTo("keep me");
            assertThat(log.archive(T0.plusSeconds(5), dir.resolve("b.gz"), NOW, ArchiveProgress.NONE))
                    .as("no snapshot lies wholly before the date")
                    .isEmpty();
            assertThat(dir.resolve("b.gz")).doesNotExist();
            assertThat(log.firstSequence()).isEqualTo(1);
            assertThat(log.listArchives()).isEmpty();
            // without an archive row, a DELETE is still refused
            assertThatThrownBy(() -> execute(config, "DELETE FROM events WHERE sequence = 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    private static List<String> lines(Path gz) throws Exception {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    private static void write(Path gz, List<String> lines) throws Exception {
        try (Writer out =
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)), StandardCharsets.UTF_8)) {
            for (String l : lines) out.write(l + "\n");
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void execute(StoreConfig config, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
