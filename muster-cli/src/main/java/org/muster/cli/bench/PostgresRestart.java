package org.muster.cli.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.muster.server.app.MusterServer;
import org.muster.server.security.Passwords;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * PostgreSQL stopped and started again under a steady command load: a running server writes to an embedded
 * PostgreSQL (with {@code synchronous_commit=on}, so an acknowledged commit is on disk), clients send
 * commands over HTTP as the organisation's dispatcher, and the database server is shut down (fast: open
 * connections are cut) and started again on the same data directory and port. It measures how long after
 * the database is back the node takes commands again, and checks that what the clients were told was kept
 * is in the log, and that meanwhile they were answered 503, never 500.
 */
final class PostgresRestart {
    static final String ADMIN_TOKEN = "mst_pg_restart_admin";
    static final String DISPATCHER_TOKEN = "mst_pg_restart_dispatcher";

    private PostgresRestart() {}

    /**
     * How a run is set up.
     *
     * @param clients concurrent clients, one unit each
     * @param before the load before the stop
     * @param down how long PostgreSQL stays stopped
     * @param after the load after the node took commands again
     * @param lease the node's {@code muster.standby.lease}: a node cut off from its database longer than this
     *     gives the lease up and takes it again when the database is back
     */
    record Settings(int clients, Duration before, Duration down, Duration after, Duration lease) {}

    /**
     * What a run found.
     *
     * @param stopMillis how long PostgreSQL took to shut down
     * @param startMillis how long it took to start again
     * @param recoveryMillis from PostgreSQL accepting connections again to the node acknowledging a command
     * @param outageMillis from the stop to the node acknowledging a command again
     * @param acknowledgedWhileDown answers 200 or 201 that reached a client while PostgreSQL was stopped: a
     *     command sent again and answered from what the writer already knew was kept, or an answer on its
     *     way when the stop came; {@code lost} says whether each was in the log after all
     */
    record Result(
            long stopMillis,
            long startMillis,
            long recoveryMillis,
            long outageMillis,
            long acknowledged,
            long acknowledgedWhileDown,
            long lost,
            long unavailable,
            List<String> unavailableDetails,
            long serverErrors,
            long events,
            boolean chainIntact) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", "restart-postgres");
            m.put("postgres_stop_ms", stopMillis);
            m.put("postgres_start_ms", startMillis);
            m.put("recovery_ms", recoveryMillis);
            m.put("outage_ms", outageMillis);
            m.put("acknowledged", acknowledged);
            m.put("acknowledged_while_down", acknowledgedWhileDown);
            m.put("lost", lost);
            m.put("answered_503", unavailable);
            m.put("answered_503_details", unavailableDetails);
            m.put("answered_5xx_other", serverErrors);
            m.put("events", events);
            m.put("chain_intact", chainIntact);
            return m;
        }
    }

    static Result run(Settings s) throws Exception {
        Path root = Files.createTempDirectory("muster-pg-restart-");
        Path pgData = root.resolve("pgdata");
        int pgPort = BenchSupport.freePort();
        StoreConfig db = StoreConfig.parse("jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres");
        EmbeddedPostgres pg = startPostgres(pgData, pgPort);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        long stopMillis, startMillis, recoveryNanos, outageNanos, ackedWhileDown;
        HttpCommands client;
        try (MusterServer server = MusterServer.start(
                Optional.empty(), serverSettings(db, root, "restart-bench", s.lease()), Optional.empty())) {
            String url = "http://127.0.0.1:" + server.port();
            client = new HttpCommands(() -> List.of(url), stop);
            LifecycleWorkload workload = new LifecycleWorkload("r" + Long.toHexString(System.nanoTime() & 0xffffff));
            clients.addAll(client.work(workload, s.clients(), ADMIN_TOKEN, DISPATCHER_TOKEN, "pg-restart-client"));
            try {
                Thread.sleep(s.before());
                long stopping = System.nanoTime();
                pg.close(); // pg_ctl stop -m fast: sessions are cut, the data directory stays
                long stopped = System.nanoTime();
                stopMillis = (stopped - stopping) / 1_000_000;
                int ackedAtStop = client.acknowledged().size();
                Thread.sleep(s.down());
                ackedWhileDown = client.acknowledged().size() - ackedAtStop;
                long starting = System.nanoTime();
                pg = startPostgres(pgData, pgPort);
                long started = System.nanoTime();
                startMillis = (started - starting) / 1_000_000;
                recoveryNanos =
                        client.awaitAckAfter(started, Duration.ofSeconds(60), "PostgreSQL starting again") - started;
                outageNanos = started + recoveryNanos - stopping;
                Thread.sleep(s.after());
            } finally {
                stop.set(true);
                for (Thread t : clients) t.join(30_000);
            }
        }
        try (EventStore log = EventLogs.open(db)) {
            long lost = client.lostFrom(log);
            return new Result(
                    stopMillis,
                    startMillis,
                    recoveryNanos / 1_000_000,
                    outageNanos / 1_000_000,
                    client.acknowledged().size(),
                    ackedWhileDown,
                    lost,
                    client.unavailable(),
                    client.unavailableDetails(),
                    client.serverErrors(),
                    log.lastSequence(),
                    log.verify().isEmpty());
        } finally {
            pg.close();
        }
    }

    /**
     * One node on {@code db} with a short writer lease, an administrator's token (for the set-up) and the
     * workload organisation's dispatcher's: the node of the PostgreSQL outage benches.
     */
    static Map<String, Object> serverSettings(StoreConfig db, Path root, String node, Duration lease) {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("server.address", "127.0.0.1");
        p.put("muster.store", db.url());
        p.put("muster.data", root.resolve("data").toString());
        p.put("muster.standby.node", node);
        p.put("muster.standby.lease", lease.toString());
        p.put("muster.standby.renew-every", lease.dividedBy(3).toString());
        p.put("muster.tokens[0].name", "restart-admin");
        p.put("muster.tokens[0].sha256", Passwords.sha256(ADMIN_TOKEN));
        p.put("muster.tokens[0].roles[0]", "admin");
        p.put("muster.tokens[0].organisations[0]", "*");
        p.put("muster.tokens[1].name", "restart-dispatcher");
        p.put("muster.tokens[1].sha256", Passwords.sha256(DISPATCHER_TOKEN));
        p.put("muster.tokens[1].roles[0]", "dispatcher");
        p.put("muster.tokens[1].organisations[0]", LifecycleWorkload.ORG.value());
        return p;
    }

    /**
     * Starts PostgreSQL on {@code data}, made on first use and kept across stops, with every commit flushed
     * before it is acknowledged (zonky turns that off for speed by default, which would let a crash lose
     * acknowledged commits).
     */
    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }
}
