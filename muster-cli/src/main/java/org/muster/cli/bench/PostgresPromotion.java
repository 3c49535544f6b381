package org.muster.cli.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.muster.server.app.MusterServer;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * A PostgreSQL primary lost under load and its streaming replica promoted, as docs/deploy.md sets them up: the
 * primary waits for the replica to have each commit ({@code synchronous_standby_names}), Muster's store URL
 * names both servers with {@code targetServerType=primary}, the primary is shut down at once (SIGQUIT:
 * connections cut, nothing flushed beyond what was committed) and the replica is promoted (`pg_promote()`). It measures how
 * long after the promotion the node takes commands again, and checks that everything the clients were told
 * was kept is in the promoted server's log, whose chain is intact.
 */
final class PostgresPromotion {
    private PostgresPromotion() {}

    /**
     * How a run is set up.
     *
     * @param clients concurrent clients, one unit each
     * @param before the load before the primary is lost
     * @param after the load after the node took commands again
     * @param lease the node's {@code muster.standby.lease}
     */
    record Settings(int clients, Duration before, Duration after, Duration lease) {}

    /**
     * What a run found.
     *
     * @param promoteMillis from the primary's loss to the replica accepting writes
     * @param recoveryMillis from the promotion to the node acknowledging a command
     * @param outageMillis from the primary's loss to the node acknowledging a command again
     */
    record Result(
            long promoteMillis,
            long recoveryMillis,
            long outageMillis,
            long acknowledged,
            long acknowledgedBeforeLoss,
            long lost,
            long unavailable,
            long serverErrors,
            long events,
            boolean chainIntact) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", "promote-replica");
            m.put("promote_ms", promoteMillis);
            m.put("recovery_ms", recoveryMillis);
            m.put("outage_ms", outageMillis);
            m.put("acknowledged", acknowledged);
            m.put("acknowledged_before_loss", acknowledgedBeforeLoss);
            m.put("lost", lost);
            m.put("answered_503", unavailable);
            m.put("answered_5xx_other", serverErrors);
            m.put("events", events);
            m.put("chain_intact", chainIntact);
            return m;
        }
    }

    static Result run(Settings s) throws Exception {
        Path root = Files.createTempDirectory("muster-pg-promote-");
        Path primaryData = root.resolve("primary");
        Path replicaData = root.resolve("replica");
        int primaryPort = BenchSupport.freePort();
        int replicaPort = BenchSupport.freePort();

        // the replica starts as a copy of the primary, shut down cleanly (no pg_basebackup in the embedded server)
        start(primaryData, primaryPort).close();
        copy(primaryData, replicaData);
        Files.deleteIfExists(replicaData.resolve("epg-lock"));
        Files.createFile(replicaData.resolve("standby.signal"));
        settings(replicaData, Map.of("primary_conninfo", "'host=localhost port=" + primaryPort + " user=postgres'"));
        // every commit waits for the replica: what Muster acknowledges survives the primary
        settings(primaryData, Map.of("synchronous_standby_names", "'*'"));

        EmbeddedPostgres primary = start(primaryData, primaryPort);
        EmbeddedPostgres replica = start(replicaData, replicaPort);
        StoreConfig db = StoreConfig.parse("jdbc:postgresql://localhost:" + primaryPort + ",localhost:" + replicaPort
                + "/postgres?user=postgres&targetServerType=primary");
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        long promoteNanos, recoveryNanos, ackedBeforeLoss;
        HttpCommands client;
        try {
            try (MusterServer server = MusterServer.start(
                    Optional.empty(),
                    PostgresRestart.serverSettings(db, root, "promotion-bench", s.lease()),
                    Optional.empty())) {
                String url = "http://127.0.0.1:" + server.port();
                client = new HttpCommands(() -> List.of(url), stop);
                LifecycleWorkload workload =
                        new LifecycleWorkload("p" + Long.toHexString(System.nanoTime() & 0xffffff));
                clients.addAll(client.work(
                        workload,
                        s.clients(),
                        PostgresRestart.ADMIN_TOKEN,
                        PostgresRestart.DISPATCHER_TOKEN,
                        "pg-promote-client"));
                try {
                    Thread.sleep(s.before());
                    ackedBeforeLoss = client.acknowledged().size();
                    long lost = System.nanoTime();
                    shutDownAtOnce(primaryData);
                    EventLogs.promote(StoreConfig.parse(
                            "jdbc:postgresql://localhost:" + replicaPort + "/postgres?user=postgres"));
                    long promoted = System.nanoTime();
                    promoteNanos = promoted - lost;
                    recoveryNanos = client.awaitAckAfter(promoted, Duration.ofSeconds(60), "the replica's promotion")
                            - promoted;
                    Thread.sleep(s.after());
                } finally {
                    stop.set(true);
                    for (Thread t : clients) t.join(30_000);
                }
            }
            try (EventStore log = EventLogs.open(db)) {
                long lost = client.lostFrom(log);
                return new Result(
                        promoteNanos / 1_000_000,
                        recoveryNanos / 1_000_000,
                        (promoteNanos + recoveryNanos) / 1_000_000,
                        client.acknowledged().size(),
                        ackedBeforeLoss,
                        lost,
                        client.unavailable(),
                        client.serverErrors(),
                        log.lastSequence(),
                        log.verify().isEmpty());
            }
        } finally {
            replica.close();
            primary.close(); // already down: its stop fails quietly
        }
    }

    /** PostgreSQL's immediate shutdown (SIGQUIT to the postmaster): every session cut, no checkpoint. */
    private static void shutDownAtOnce(Path data) throws IOException, InterruptedException {
        long pid = postmaster(data);
        signal(pid, "QUIT");
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    private static long postmaster(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .getFirst()
                .strip());
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0)
            throw new IllegalStateException("could not send SIG" + signal + " to PostgreSQL's postmaster " + pid);
    }

    /**
     * Starts PostgreSQL on {@code data} (made on first use) ready to stream to a replica, each commit
     * acknowledged only once it is committed (zonky turns that off for speed by default).
     */
    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("wal_keep_size", "256MB")
                .setServerConfig("hot_standby", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** Settings a server reads at its next start, beside those of the command line. */
    private static void settings(Path data, Map<String, String> settings) throws IOException {
        StringBuilder lines = new StringBuilder();
        settings.forEach((k, v) -> lines.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(
                data.resolve("postgresql.auto.conf"),
                lines,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)));
                return FileVisitResult.CONTINUE;
            }
        });
        // PostgreSQL refuses a data directory others may read
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
