package org.muster.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.log.EventLog;
import org.muster.engine.Engine;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput and acknowledgement latency of the single writer over a durable log, beside the same stream
 * over an in-memory log in the same run (the cost of durability).
 */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Commands/s and ack latency through the single writer to the event log.")
final class StoreBench implements Callable<Integer> {
    /** The set-up is submitted in one burst, larger than a server's inbox: a benchmark queues it all. */
    private static final WriterConfig BENCH_WRITER = WriterConfig.DEFAULTS.withInboxCapacity(Integer.MAX_VALUE);

    enum Backend {
        embedded,
        postgres
    }

    @Option(names = "--backend", description = "embedded (SQLite) or postgres (default: ${DEFAULT-VALUE})")
    Backend backend = Backend.embedded;

    @Option(
            names = "--pg-url",
            paramLabel = "URL",
            description = "PostgreSQL JDBC URL; default $MUSTER_PG_URL, else an embedded server is started")
    Optional<String> pgUrl = Optional.empty();

    @Option(names = "--seconds", description = "Measured seconds per run (default: ${DEFAULT-VALUE})")
    int seconds = 15;

    @Option(
            names = "--clients",
            description =
                    "Concurrent clients, each waiting for its ack before sending again (default: ${DEFAULT-VALUE})")
    int clients = 64;

    @Option(
            names = "--archiver",
            description = "Run the archiver beside the writer, as a running Muster does: finished calls leave the"
                    + " state for the read model of closed incidents, so the state holds the open work only"
                    + " (default: off, the bare writer, whose state keeps every call of the run)")
    boolean archiver;

    @Option(
            names = "--json",
            description = "Print one JSON object (the default output is also JSON; kept for symmetry)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "store");
        out.put("backend", backend.name());
        out.put("clients", clients);
        out.put("seconds", seconds);
        out.put("archiver", archiver);
        Result durable;
        try (ServerHandle server = openBackend()) {
            durable = run(server.log());
            out.put("store", server.description());
        }
        Result memory = run(new MemoryEventLog(new org.muster.engine.archive.MemoryClosedIncidents()));
        out.put("commands_per_s", round(durable.commandsPerSecond()));
        out.put("ack_p50_ms", round(durable.p50Millis()));
        out.put("ack_p99_ms", round(durable.p99Millis()));
        out.put("commands", durable.commands());
        out.put("cpu_us_per_command", round(durable.cpuMicrosPerCommand()));
        out.put("load_average", round(durable.load()));
        out.put("baseline_memory_commands_per_s", round(memory.commandsPerSecond()));
        out.put("baseline_memory_ack_p99_ms", round(memory.p99Millis()));
        out.put("baseline_memory_cpu_us_per_command", round(memory.cpuMicrosPerCommand()));
        out.put("baseline_memory_load_average", round(memory.load()));
        out.put("machine", Machine.describe());
        System.out.println(Json.object(out));
        return 0;
    }

    private ServerHandle openBackend() throws Exception {
        return switch (backend) {
            case embedded -> {
                Path dir = Files.createTempDirectory("muster-bench-");
                EventStore log = EventLogs.open(StoreConfig.sqlite(dir.resolve("bench.db")));
                yield new ServerHandle(
                        log,
                        "sqlite (WAL, synchronous=FULL) in " + dir,
                        () -> Files.walk(dir)
                                .sorted((a, b) -> b.compareTo(a))
                                .forEach(p -> p.toFile().delete()));
            }
            case postgres -> {
                Optional<String> url = pgUrl.or(() -> Optional.ofNullable(System.getenv("MUSTER_PG_URL")));
                if (url.isPresent())
                    yield new ServerHandle(
                            EventLogs.open(StoreConfig.parse(url.get())),
                            "postgresql at " + StoreConfig.parse(url.get()).redactedUrl(),
                            () -> {});
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start();
                yield new ServerHandle(EventLogs.open(pg.config()), "embedded postgresql " + pg.version(), pg::close);
            }
        };
    }

    private Result run(EventLog log) throws Exception {
        String runId = "r" + Long.toHexString(System.nanoTime() & 0xffffff);
        LifecycleWorkload workload = new LifecycleWorkload(runId);
        Rules rules =
                Rules.defaults(); // reading closed incidents from the log's read model, where the writer keeps them
        try (Engine engine = SingleWriter.start(log, rules, Clock.systemUTC(), BENCH_WRITER);
                AutoCloseable archiving =
                        archiver ? org.muster.engine.archive.IncidentArchiver.start(engine) : () -> {}) {
            List<CompletableFuture<?>> setup = new ArrayList<>();
            for (CommandEnvelope c : workload.setUp(clients)) setup.add(engine.submit(c));
            CompletableFuture.allOf(setup.toArray(CompletableFuture[]::new)).get();

            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong count = new AtomicLong();
            LatencyRecorder latencies = new LatencyRecorder();
            List<Thread> threads = new ArrayList<>();
            for (int u = 0; u < clients; u++) {
                int unit = u;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (long job = 0; !stop.get(); job++) {
                        for (CommandEnvelope c : workload.job(unit, job)) {
                            long t0 = System.nanoTime();
                            engine.execute(c);
                            if (measuring.get()) {
                                latencies.record(System.nanoTime() - t0);
                                count.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            Thread.sleep(Math.min(5_000, seconds * 300L)); // warm-up
            // the machine is shared: CPU per command holds still where commands/s moves with the others' load
            double load = OS.getSystemLoadAverage();
            long cpu0 = OS.getProcessCpuTime();
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long elapsed = System.nanoTime() - t0;
            long cpu = OS.getProcessCpuTime() - cpu0;
            stop.set(true);
            for (Thread t : threads) t.join();
            return new Result(
                    count.get(),
                    count.get() / (elapsed / 1e9),
                    latencies.percentileMillis(50),
                    latencies.percentileMillis(99),
                    count.get() == 0 ? 0 : cpu / 1e3 / count.get(),
                    load);
        } finally {
            log.close();
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * One measured run. {@code cpuMicrosPerCommand}: the whole process's CPU time over the measured seconds
     * (every thread: clients, decider, writer, SQLite) divided by the commands answered; {@code load}: the
     * machine's one-minute load average as the measuring began.
     */
    record Result(
            long commands,
            double commandsPerSecond,
            double p50Millis,
            double p99Millis,
            double cpuMicrosPerCommand,
            double load) {}

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    record ServerHandle(EventStore log, String description, AutoCloseableNoThrow onClose) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            onClose.close();
        }
    }

    @FunctionalInterface
    interface AutoCloseableNoThrow {
        void close() throws Exception;
    }

    /** Latencies in a sorted-on-demand array; the benchmark's own overhead stays far below a millisecond. */
    static final class LatencyRecorder {
        private long[] nanos = new long[1 << 16];
        private int size;

        synchronized void record(long n) {
            if (size == nanos.length) nanos = Arrays.copyOf(nanos, size * 2);
            nanos[size++] = n;
        }

        synchronized double percentileMillis(double p) {
            if (size == 0) return 0;
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            return sorted[(int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1)] / 1e6;
        }
    }
}
