package org.muster.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.InvalidInputException;
import org.muster.domain.MusterException;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Failover under load: several nodes on one PostgreSQL, clients working units through their jobs against the
 * writer (following a refusal's writer URL, as a client following {@code Location} would), and the writer
 * frozen again and again: it stops renewing its lease but goes on running, so its last appends meet the new
 * writer's fence, and is then closed without letting the lease go, as a dead process would, and started
 * again as a standby. Prints each takeover's time (from the freeze to another node writing) and how many
 * acknowledged commands are missing from the log at the end: it must be none. With {@code --processes} the
 * nodes are processes of their own, spoken to over HTTP, and the writer's is killed with SIGKILL
 * ({@link ProcessFailover}); with {@code --restart-postgres} one node's PostgreSQL is stopped and started again
 * under load instead ({@link PostgresRestart}).
 */
@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description = "Kill the writer of several nodes on one PostgreSQL under load; prints takeover times and"
                + " acknowledged commands lost as JSON.")
public final class FailoverBench implements Callable<Integer> {
    @Option(names = "--nodes", description = "Nodes sharing the database (default: ${DEFAULT-VALUE})")
    int nodes = 3;

    @Option(names = "--kills", description = "Writers killed, one after another (default: ${DEFAULT-VALUE})")
    int kills = 20;

    @Option(names = "--clients", description = "Concurrent clients, one unit each (default: ${DEFAULT-VALUE})")
    int clients = 16;

    @Option(names = "--lease", description = "muster.standby.lease (default: ${DEFAULT-VALUE})")
    Duration lease = MusterProperties.Standby.DEFAULTS.lease();

    @Option(names = "--renew-every", description = "muster.standby.renew-every (default: ${DEFAULT-VALUE})")
    Duration renewEvery = MusterProperties.Standby.DEFAULTS.renewEvery();

    @Option(names = "--follow-every", description = "muster.standby.follow-every (default: ${DEFAULT-VALUE})")
    Duration followEvery = MusterProperties.Standby.DEFAULTS.followEvery();

    @Option(
            names = "--store",
            description = "A jdbc:postgresql:// URL to an empty database (default: an embedded PostgreSQL)")
    String store;

    @Option(
            names = "--processes",
            description = "Run each node as a process of its own (muster serve), clients over HTTP, and kill the"
                    + " writer's process with SIGKILL")
    boolean processes;

    @Option(
            names = "--restart-postgres",
            description = "Instead of killing nodes: one node on an embedded PostgreSQL under load, PostgreSQL"
                    + " stopped and started again; prints the recovery time")
    boolean restartPostgres;

    @Option(
            names = "--promote-replica",
            description = "Instead of killing nodes: one node on an embedded PostgreSQL primary with a streaming"
                    + " replica, the primary shut down at once under load and the replica promoted; prints the"
                    + " recovery time")
    boolean promoteReplica;

    @Option(
            names = "--down",
            description = "With --restart-postgres: how long PostgreSQL stays stopped (default: ${DEFAULT-VALUE})")
    Duration down = Duration.ofSeconds(4);

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "failover");
        if (restartPostgres) return restartPostgres(out);
        if (promoteReplica) return promoteReplica(out);
        long lost;
        if (store == null) {
            try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
                out.put("postgresql", pg.version());
                lost = runInto(pg.config(), out);
            }
        } else {
            lost = runInto(StoreConfig.parse(store), out);
        }
        out.put("machine", Machine.describe());
        System.out.println(Json.object(out));
        return lost == 0 ? 0 : 1;
    }

    private int restartPostgres(Map<String, Object> out) throws Exception {
        if (store != null)
            throw InvalidInputException.of(
                    "--store",
                    store,
                    "cannot be used with --restart-postgres, which starts and stops its own PostgreSQL");
        PostgresRestart.Result r = PostgresRestart.run(
                new PostgresRestart.Settings(clients, Duration.ofSeconds(5), down, Duration.ofSeconds(5), lease));
        out.putAll(r.toMap());
        out.put("machine", Machine.describe());
        System.out.println(Json.object(out));
        return r.lost() == 0 && r.serverErrors() == 0 ? 0 : 1;
    }

    private int promoteReplica(Map<String, Object> out) throws Exception {
        if (store != null)
            throw InvalidInputException.of(
                    "--store",
                    store,
                    "cannot be used with --promote-replica, which starts and stops its own PostgreSQL servers");
        PostgresPromotion.Result r = PostgresPromotion.run(
                new PostgresPromotion.Settings(clients, Duration.ofSeconds(5), Duration.ofSeconds(5), lease));
        out.putAll(r.toMap());
        out.put("machine", Machine.describe());
        System.out.println(Json.object(out));
        return r.lost() == 0 && r.serverErrors() == 0 ? 0 : 1;
    }

    /** Runs the chosen mode, puts its figures in {@code out} and answers how many acknowledged were lost. */
    private long runInto(StoreConfig db, Map<String, Object> out) throws Exception {
        if (processes) {
            ProcessFailover.Result r = ProcessFailover.run(db, settings(), true);
            out.putAll(r.toMap());
            return r.lost();
        }
        Result r = run(db, settings());
        out.putAll(r.toMap());
        return r.lost();
    }

    private Settings settings() {
        return new Settings(nodes, kills, clients, lease, renewEvery, followEvery);
    }

    /** How a run is set up. */
    public record Settings(
            int nodes, int kills, int clients, Duration lease, Duration renewEvery, Duration followEvery) {}

    /**
     * What a run found.
     *
     * @param takeoverMillis for each kill, from the writer's freeze to another node being the writer
     * @param acknowledged commands the clients were told were kept
     * @param lost of those, the ones missing from the log at the end
     * @param refusedByFence appends of a frozen writer the fence refused
     */
    public record Result(
            List<Long> takeoverMillis,
            long acknowledged,
            long lost,
            long refusedByFence,
            long events,
            boolean chainIntact) {
        long maxTakeoverMillis() {
            return takeoverMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kills", takeoverMillis.size());
            m.put("takeover_ms", takeoverMillis);
            m.put("takeover_ms_max", maxTakeoverMillis());
            m.put("acknowledged", acknowledged);
            m.put("lost", lost);
            m.put("refused_by_fence", refusedByFence);
            m.put("events", events);
            m.put("chain_intact", chainIntact);
            return m;
        }
    }

    /** Runs the bench on {@code db}, an empty PostgreSQL database. */
    public static Result run(StoreConfig db, Settings settings) throws Exception {
        Path data = Files.createTempDirectory("muster-failover-");
        List<MusterNode> running = new CopyOnWriteArrayList<>();
        Map<String, MusterNode> byUrl = new ConcurrentHashMap<>();
        int[] started = {0};
        java.util.function.Supplier<MusterNode> startNode = () -> {
            String name = "node-" + started[0]++;
            MusterNode node = MusterNode.start(
                    MusterProperties.of(Map.of(
                            "muster.store", db.url(),
                            "muster.data", data.toString(),
                            "muster.standby.node", name,
                            "muster.standby.advertised-url", "http://" + name + ".invalid",
                            "muster.standby.lease", settings.lease().toString(),
                            "muster.standby.renew-every", settings.renewEvery().toString(),
                            "muster.standby.follow-every",
                                    settings.followEvery().toString())),
                    Clock.systemUTC());
            byUrl.put("http://" + name + ".invalid", node);
            running.add(node);
            return node;
        };
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicLong fenced = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> takeovers = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        try {
            for (int i = 0; i < settings.nodes(); i++) startNode.get();
            LifecycleWorkload workload = new LifecycleWorkload("f" + Long.toHexString(System.nanoTime() & 0xffffff));
            for (CommandEnvelope c : workload.setUp(settings.clients())) send(c, running, byUrl, acked, fenced, stop);
            for (int u = 0; u < settings.clients(); u++) {
                int unit = u;
                clients.add(Thread.ofPlatform()
                        .daemon()
                        .name("failover-client-" + u)
                        .start(() -> {
                            for (long job = 0; !stop.get(); job++) {
                                for (CommandEnvelope c : workload.job(unit, job)) {
                                    if (stop.get()) return;
                                    send(c, running, byUrl, acked, fenced, stop);
                                }
                            }
                        }));
            }
            for (int k = 0; k < settings.kills(); k++) {
                Thread.sleep(settings.lease().toMillis() / 2 + 500);
                MusterNode writer = currentWriter(running).orElseThrow(() -> new IllegalStateException("no writer"));
                long frozen = System.nanoTime();
                writer.stopRenewingLease();
                while (running.stream().noneMatch(n -> n != writer && n.isWriter())) Thread.sleep(5);
                takeovers.add((System.nanoTime() - frozen) / 1_000_000);
                // the frozen writer dies; another starts in its place as a standby
                running.remove(writer);
                writer.close();
                startNode.get();
            }
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Thread t : clients) t.join(30_000);
            for (MusterNode n : running) n.close();
        }
        try (EventStore log = EventLogs.open(db)) {
            Set<String> logged = new HashSet<>();
            for (CommandId id : log.listCommandIds()) logged.add(id.value());
            long lost = acked.stream().filter(id -> !logged.contains(id)).count();
            return new Result(
                    List.copyOf(takeovers),
                    acked.size(),
                    lost,
                    fenced.get(),
                    log.lastSequence(),
                    log.verify().isEmpty());
        }
    }

    /**
     * Sends a command until it is answered, to the writer a refusal names (or any node that thinks it is the
     * writer); a refusal that is not transient (a conflict) is an answer too, but not an acknowledgement.
     */
    private static void send(
            CommandEnvelope command,
            List<MusterNode> running,
            Map<String, MusterNode> byUrl,
            Set<String> acked,
            AtomicLong fenced,
            AtomicBoolean stop) {
        Optional<MusterNode> target = currentWriter(running);
        while (!stop.get()) {
            MusterNode node = target.orElseGet(() -> running.getFirst());
            try {
                node.engine().execute(command);
                acked.add(command.id().value());
                return;
            } catch (TransientException e) {
                if (e.getMessage().contains("is no longer current")) fenced.incrementAndGet();
                target =
                        e.findWriter().map(byUrl::get).filter(running::contains).or(() -> currentWriter(running));
                pause();
            } catch (IllegalStateException e) {
                // the node was closed under us: ask another
                target = currentWriter(running);
                pause();
            } catch (MusterException e) {
                return; // refused on its merits: answered, not kept
            }
        }
    }

    private static Optional<MusterNode> currentWriter(List<MusterNode> running) {
        return running.stream().filter(MusterNode::isWriter).reduce((a, b) -> b);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
