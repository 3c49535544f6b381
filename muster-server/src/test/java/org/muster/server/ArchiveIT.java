package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.store.ArchiveProgress;
import org.muster.store.ArchiveSummary;
import org.muster.store.Archives;
import org.muster.store.AuditProgress;
import org.muster.store.AuditRange;
import org.muster.store.Checkpoint;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.StoreConfig.Backend;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A store archived under a running server: the stream answers 410 for what moved out, history before the
 * first held event names the archive, commands go on; the node then starts again on the archived store, with
 * its start-up chain checks and a checkpoint, on every backend.
 */
class ArchiveIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aServerRunsAndRestartsOnAnArchivedStore(Backend backend) throws Exception {
        StoreConfig store;
        long cut;
        long head;
        Path file = dir.resolve("region-setup.muster-archive.gz");
        // the writer saves snapshots (with the projections' parts) as it does in service, often enough that
        // the region's set-up leaves several
        try (TestServer s = TestServer.start(backend, Map.of("muster.snapshot-every", "50"))) {
            store = s.store();
            MusterNode node = s.node();
            long setUp = node.engine().state().sequence();
            settled(node.log());
            String kept = s.newIncident("MAS", "CHEST_PAIN", masPoint(s));
            Thread.sleep(5);
            Instant before = Instant.now();
            Thread.sleep(5);

            ArchiveSummary summary = node.log()
                    .archive(before, file, Instant.now(), ArchiveProgress.NONE)
                    .orElseThrow();
            cut = summary.archive().lastSequence();
            // the cut is a saved snapshot of events all recorded before the date: within the set-up, or, when the
            // node's alert thread logged alerts after the set-up was read (and a snapshot was saved among them),
            // up to the last event recorded before the date
            long lastBefore = node.log().listRange(cut, node.log().lastSequence()).stream()
                    .filter(e -> e.at().isBefore(before))
                    .mapToLong(org.muster.domain.event.RecordedEvent::sequence)
                    .max()
                    .orElse(cut);
            assertThat(cut).isBetween(50L, Math.max(setUp, lastBefore));
            assertThat(node.log().findSnapshotAtOrBefore(cut).orElseThrow().sequence())
                    .as("the live log starts from a saved snapshot")
                    .isEqualTo(cut);
            assertThat(node.log().firstSequence()).isEqualTo(cut + 1);

            String all = TestServer.tokenOf("coordinator", "*");
            var gone = s.openStream("/api/v1/stream?after=5", all);
            assertThat(gone.status()).isEqualTo(410);
            assertThat(Json.parse(gone.body()).get("detail").asText())
                    .contains("after=5")
                    .contains("first event it holds is " + (cut + 1));
            assertThat(s.openStream("/api/v1/stream?after=" + cut, all).status())
                    .isEqualTo(200);

            var past = s.get("/api/v1/history?at=" + before.minus(Duration.ofDays(1)), "viewer", "MAS");
            assertThat(past.status()).isEqualTo(400);
            assertThat(past.body())
                    .contains("archived to " + file.getFileName())
                    .contains("\"field\":\"at\"");
            assertThat(s.get("/api/v1/history?at=" + Instant.now(), "viewer", "MAS")
                            .status())
                    .isEqualTo(200);

            var incident = s.get("/api/v1/incidents/" + kept, "viewer", "MAS");
            assertThat(incident.status())
                    .as(kept + " " + incident.body() + " "
                            + node.engine().state().incidents().keySet())
                    .isEqualTo(200);
            s.newIncident("MAS", "STROKE", masPoint(s));
            head = node.log().lastSequence();
            assertThat(node.log().audit(AuditRange.all(), AuditProgress.NONE)).isEmpty();
        }
        Path checkpoint = dir.resolve("muster.checkpoint");
        // a started node may add events of its own (an alert raised or resolved), so at least the head
        try (MusterNode node = start(store, checkpoint)) {
            assertThat(node.engine().state().sequence()).isGreaterThanOrEqualTo(head);
            assertThat(Checkpoint.read(checkpoint).sequence()).isGreaterThanOrEqualTo(head);
        }
        try (MusterNode node = start(store, checkpoint)) {
            // the start checked the chain from the newest snapshot and the checkpoint: an archived store passes
            EventStore log = node.log();
            assertThat(node.engine().state().sequence()).isGreaterThanOrEqualTo(head);
            assertThat(log.firstSequence()).isEqualTo(cut + 1);
            assertThat(Archives.verify(List.of(file), log.listArchives(), AuditProgress.NONE)
                            .findings())
                    .isEmpty();
            assertThat(Files.size(file)).isPositive();
        }
    }

    /** Waits until the writer has saved the snapshots it was building. */
    private static void settled(EventStore log) throws InterruptedException {
        long seen = -1;
        for (int i = 0; i < 100; i++) {
            long now = log.findLatestSnapshot()
                    .map(org.muster.domain.log.Snapshot::sequence)
                    .orElse(-1L);
            if (now >= 0 && now == seen) return;
            seen = now;
            Thread.sleep(300);
        }
        throw new AssertionError("no snapshot was saved");
    }

    private MusterNode start(StoreConfig store, Path checkpoint) {
        MusterProperties settings = new Binder(new MapConfigurationPropertySource(Map.of(
                        "muster.store", store.url(),
                        "muster.data", dir.resolve("data").toString(),
                        "muster.checkpoint", checkpoint.toString())))
                .bind("muster", MusterProperties.class)
                .get();
        return MusterNode.start(settings, Clock.systemUTC());
    }

    private static GeoPoint masPoint(TestServer s) {
        Station st = s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("MAS")))
                .sorted(java.util.Comparator.comparing(Station::id))
                .findFirst()
                .orElseThrow();
        return new GeoPoint(st.location().lat() + 0.004, st.location().lon() + 0.004);
    }
}
