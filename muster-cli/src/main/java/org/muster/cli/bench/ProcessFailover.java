package org.muster.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * The failover bench with every node a process of its own ({@code muster serve}, its own JVM and port) on
 * one PostgreSQL, and clients that only speak HTTP: they send each command with its {@code Idempotency-Key}
 * to the node they last heard was the writer, follow a 503's {@code Location}, and move to another node when
 * the one they asked is gone. The writer's process is killed with SIGKILL again and again, a new standby
 * process started in its place each time. The takeover is timed from the kill to the first command another
 * process acknowledges, as a client sees it.
 */
final class ProcessFailover {
    private static final String ADMIN_TOKEN = "mst_failover_bench_admin";
    private static final String DISPATCHER_TOKEN = "mst_failover_bench_dispatcher";
    /**
     * The {@code muster} command's entry, by name: the benchmarks are its subcommands, so naming the class
     * would make the two packages depend on each other.
     */
    private static final String MAIN = "org.muster.cli.Main";
    /** A node process on a shared, busy machine: Spring, Flyway and the catch-up from the log. */
    private static final Duration START_LIMIT = Duration.ofSeconds(240);

    private ProcessFailover() {}

    /**
     * What a run found.
     *
     * @param takeoverMillis for each kill, from the SIGKILL to another process acknowledging a command
     * @param acknowledged commands a node answered 200 or 201 (each counted once, however often it was sent)
     * @param lost of those, the ones missing from the log at the end
     * @param unavailable 503 answers the clients followed or waited out (a standby's, or a writer's in a
     *     takeover)
     * @param connectionFailures requests that found no process (killed, or not yet listening)
     */
    record Result(
            List<Long> takeoverMillis,
            long acknowledged,
            long lost,
            long unavailable,
            long connectionFailures,
            long events,
            boolean chainIntact) {
        long maxTakeoverMillis() {
            return takeoverMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", "processes");
            m.put("kills", takeoverMillis.size());
            m.put("takeover_ms", takeoverMillis);
            m.put("takeover_ms_max", maxTakeoverMillis());
            m.put("acknowledged", acknowledged);
            m.put("lost", lost);
            m.put("answered_503", unavailable);
            m.put("connection_failures", connectionFailures);
            m.put("events", events);
            m.put("chain_intact", chainIntact);
            return m;
        }
    }

    /** One {@code muster serve} process and where it listens. */
    private record Node(String name, String url, Process process, Path log) {}

    /**
     * Runs the bench on {@code db}, an empty PostgreSQL database the node processes can reach.
     *
     * @param replace whether each killed process is replaced by a new standby process, started and ready
     *     before the next kill; without, the kills use up the standbys started at first (CI's short run, where
     *     a JVM's start is most of the time)
     */
    static Result run(StoreConfig db, FailoverBench.Settings settings, boolean replace) throws Exception {
        if (!replace && settings.kills() >= settings.nodes())
            throw org.muster.domain.InvalidInputException.of(
                    "kills",
                    settings.kills(),
                    "must be fewer than the nodes, " + settings.nodes() + ", when killed"
                            + " processes are not replaced");
        Path root = Files.createTempDirectory("muster-failover-processes-");
        List<Node> live = new CopyOnWriteArrayList<>();
        List<Node> launched = new ArrayList<>();
        int[] started = {0};
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> takeovers = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        HttpCommands client =
                new HttpCommands(() -> live.stream().map(Node::url).toList(), stop);
        try {
            List<Node> first = new ArrayList<>();
            for (int i = 0; i < settings.nodes(); i++) {
                Node n = launch(db, settings, root, "node-" + started[0]++);
                launched.add(n);
                first.add(n);
            }
            for (Node n : first) live.add(awaitReady(n));

            LifecycleWorkload workload = new LifecycleWorkload("p" + Long.toHexString(System.nanoTime() & 0xffffff));
            clients.addAll(
                    client.work(workload, settings.clients(), ADMIN_TOKEN, DISPATCHER_TOKEN, "failover-http-client"));
            for (int k = 0; k < settings.kills(); k++) {
                Thread.sleep(settings.lease().toMillis() / 2 + 500);
                Node writer = writerByLastAck(live, client, settings);
                long killed = System.nanoTime();
                writer.process().destroyForcibly(); // SIGKILL: no shutdown hook, the lease is not let go
                live.remove(writer);
                writer.process().waitFor();
                takeovers.add(awaitAckElsewhere(writer, killed, client, settings) / 1_000_000);
                System.err.println("failover --processes: killed " + writer.name() + " (SIGKILL), another took a"
                        + " command " + takeovers.getLast() + " ms later (" + (k + 1) + " of " + settings.kills()
                        + ")");
                if (replace) {
                    Node n = launch(db, settings, root, "node-" + started[0]++);
                    launched.add(n);
                    live.add(awaitReady(n));
                }
            }
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Thread t : clients) t.join(30_000);
            // every process started, not only those serving: one that never became ready must not outlive the run
            for (Node n : launched) n.process().destroy();
            for (Node n : launched) n.process().waitFor(30, TimeUnit.SECONDS);
            for (Node n : launched) n.process().destroyForcibly();
        }
        try (EventStore log = EventLogs.open(db)) {
            long lost = client.lostFrom(log);
            return new Result(
                    List.copyOf(takeovers),
                    client.acknowledged().size(),
                    lost,
                    client.unavailable(),
                    client.connectionFailures(),
                    log.lastSequence(),
                    log.verify().isEmpty());
        }
    }

    /** The node that acknowledged the latest command: the writer, as far as any client can tell. */
    private static Node writerByLastAck(List<Node> live, HttpCommands client, FailoverBench.Settings s)
            throws InterruptedException {
        long deadline = System.nanoTime() + s.lease().toNanos() * 10;
        while (System.nanoTime() < deadline) {
            String url = client.lastAck().url();
            for (Node n : live) if (n.url().equals(url)) return n;
            Thread.sleep(20);
        }
        throw new IllegalStateException("no node has acknowledged a command lately; nodes: " + live);
    }

    /** Nanoseconds from the kill to the first command another node acknowledged. */
    private static long awaitAckElsewhere(Node killed, long killedAt, HttpCommands client, FailoverBench.Settings s)
            throws InterruptedException {
        long deadline = killedAt + Math.max(30_000_000_000L, s.lease().toNanos() * 10);
        while (System.nanoTime() < deadline) {
            HttpCommands.Ack a = client.lastAck();
            if (a.nanos() > killedAt && !a.url().equals(killed.url())) return a.nanos() - killedAt;
            Thread.sleep(5);
        }
        throw new IllegalStateException("no node took commands within "
                + Duration.ofNanos(deadline - killedAt).toSeconds() + " s of killing " + killed.name()
                + "; its log: " + killed.log());
    }

    /** Starts {@code muster serve} in a JVM of its own, configured through a file, as an operator would. */
    private static Node launch(StoreConfig db, FailoverBench.Settings s, Path root, String name) throws IOException {
        int port = BenchSupport.freePort();
        String url = "http://127.0.0.1:" + port;
        Path dir = Files.createDirectories(root.resolve(name));
        Properties p = new Properties();
        p.setProperty("server.port", Integer.toString(port));
        p.setProperty("server.address", "127.0.0.1");
        p.setProperty("muster.store", urlWithCredentials(db));
        p.setProperty("muster.data", dir.resolve("data").toString());
        p.setProperty("muster.standby.node", name);
        p.setProperty("muster.standby.advertised-url", url);
        p.setProperty("muster.standby.lease", s.lease().toString());
        p.setProperty("muster.standby.renew-every", s.renewEvery().toString());
        p.setProperty("muster.standby.follow-every", s.followEvery().toString());
        token(p, 0, "failover-admin", ADMIN_TOKEN, "admin", "*");
        token(p, 1, "failover-dispatcher", DISPATCHER_TOKEN, "dispatcher", LifecycleWorkload.ORG.value());
        Path config = dir.resolve("muster.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "muster bench failover --processes: " + name);
        }
        Path log = dir.resolve("stderr.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx512m",
                        "-XX:+UseSerialGC",
                        // the client compiler only: three JVMs starting at once on a small, shared machine
                        // spend most of their start in the optimising compiler's threads
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MAIN,
                        "serve",
                        "--config",
                        config.toString())
                .redirectError(log.toFile())
                .start();
        return new Node(name, url, process, log);
    }

    private static void token(Properties p, int i, String name, String secret, String role, String organisation) {
        String prefix = "muster.tokens[" + i + "].";
        p.setProperty(prefix + "name", name);
        p.setProperty(prefix + "sha256", org.muster.server.security.Passwords.sha256(secret));
        p.setProperty(prefix + "roles[0]", role);
        p.setProperty(prefix + "organisations[0]", organisation);
    }

    /** Waits for the process to say it is serving; it has opened the store and taken or followed the lease. */
    private static Node awaitReady(Node n) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(n.process().getInputStream(), StandardCharsets.UTF_8));
        CompletableLine ready = new CompletableLine();
        Thread.ofPlatform().daemon().name(n.name() + "-stdout").start(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("Muster is serving at")) ready.complete(true);
                }
            } catch (IOException e) {
                // the process is gone
            }
            ready.complete(false);
        });
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        if (!ready.await(START_LIMIT) || !healthy(n, deadline)) {
            n.process().destroyForcibly();
            throw new IllegalStateException(n.name() + " did not start within " + START_LIMIT.toSeconds()
                    + " s; the end of its log (" + n.log() + "):\n" + tail(n.log()));
        }
        return n;
    }

    /**
     * Asks the node's health endpoint until it answers 200, as a load balancer's health check would: a node
     * behind one has served requests before it is asked to take commands, so its first request's one-off
     * costs (the web layer's start, code run for the first time) are not counted in a takeover.
     */
    private static boolean healthy(Node n, long deadlineNanos) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(n.url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(30))
                .build();
        while (System.nanoTime() < deadlineNanos && n.process().isAlive()) {
            try {
                if (http.send(health, java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) return true;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Whether the line came, once. */
    private static final class CompletableLine {
        private final java.util.concurrent.CompletableFuture<Boolean> done =
                new java.util.concurrent.CompletableFuture<>();

        void complete(boolean value) {
            done.complete(value);
        }

        boolean await(Duration limit) {
            try {
                return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The store's URL with its user and password in the query, for a process that reads only the URL. */
    static String urlWithCredentials(StoreConfig db) {
        StringBuilder url = new StringBuilder(db.url());
        char sep = db.url().contains("?") ? '&' : '?';
        if (db.user().isPresent() && !db.url().contains("user=")) {
            url.append(sep).append("user=").append(db.user().get());
            sep = '&';
        }
        if (db.password().isPresent() && !db.url().contains("password="))
            url.append(sep).append("password=").append(db.password().get());
        return url.toString();
    }
}
