package org.muster.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.muster.domain.command.CommandEnvelope;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.sim.live.ScaledClock;
import org.muster.store.AuditFinding;
import org.muster.store.AuditProgress;
import org.muster.store.AuditRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a long-lived log costs: builds a realistic log of N events (incidents created, dispatched, attended,
 * closed and archived; units' status changes; positions reported beside them, which go to the track, not the
 * log) through a whole node on the embedded store, then measures what a year of it would feel like: bytes
 * per event on disk, start time, heap after start and after a spell of load, history at random instants
 * ({@code /api/v1/history?at=}'s own code), and {@code audit verify}.
 */
@Command(
        name = "growth",
        mixinStandardHelpOptions = true,
        description = "Bytes per event, start time, heap, history and audit verify at N events; prints JSON.")
final class GrowthBench implements Callable<Integer> {
    @Option(names = "--events", description = "Events to build the log to (default: ${DEFAULT-VALUE})")
    long events = 1_000_000;

    @Option(names = "--clients", description = "Concurrent units worked through their jobs (default: ${DEFAULT-VALUE})")
    int clients = 64;

    @Option(
            names = "--positions",
            description = "Position reports per job, beside its five logged commands (default: ${DEFAULT-VALUE})")
    int positionsPerJob = 7;

    @Option(
            names = "--load-seconds",
            description =
                    "Seconds of load after the start, before the heap is measured again (default: ${DEFAULT-VALUE})")
    int loadSeconds = 3600;

    @Option(names = "--history-queries", description = "History queries at random instants (default: ${DEFAULT-VALUE})")
    int historyQueries = 200;

    @Option(
            names = "--speed",
            description =
                    "How much faster than real time the log's clock runs while it is built (default: ${DEFAULT-VALUE})")
    double speed = 60;

    private static final int HISTORY_WARM_UP = 10;

    @Option(names = "--dir", description = "Where to build the store (default: a temporary folder, removed after)")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        boolean temporary = dir == null;
        Path root = temporary ? Files.createTempDirectory("muster-growth-") : Files.createDirectories(dir);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "growth");
        out.put("backend", "embedded");
        out.put("events_goal", events);
        try {
            Map<String, String> settings = Map.of(
                    "muster.store",
                    "sqlite:" + root.resolve("muster.db"),
                    "muster.data",
                    root.resolve("data").toString());
            Instant start = Instant.parse("2026-01-05T00:00:00Z");
            ScaledClock clock = ScaledClock.startingAt(Clock.systemUTC(), start, speed);
            String run = "g" + Long.toHexString(System.nanoTime() & 0xffffff);
            GrowthWorkload workload = new GrowthWorkload(run, positionsPerJob);

            // 1. build
            long t0 = System.nanoTime();
            long commands;
            try (MusterNode node = MusterNode.start(MusterProperties.of(settings), clock)) {
                commands = drive(node, workload, () -> node.log().lastSequence() >= events, true);
            }
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            long bytes = storeBytes(root);
            out.put("build_seconds", round(buildSeconds));
            out.put("commands", commands);

            // 2. start, as a restart after a crash would
            System.gc();
            long s0 = System.nanoTime();
            try (MusterNode node = MusterNode.start(MusterProperties.of(settings), clock)) {
                double startSeconds = (System.nanoTime() - s0) / 1e9;
                long logged = node.log().lastSequence();
                out.put("events", logged);
                out.put("store_bytes", bytes);
                out.put("bytes_per_event", round((double) bytes / logged));
                out.put("store_mb_per_million_commands", round(bytes / 1e6 / (commands / 1e6)));
                out.put("start_seconds", round(startSeconds));
                out.put("heap_after_start_mb", heapMb());
                out.put(
                        "state_incidents_after_start",
                        node.engine().state().incidents().size());

                // 3. history at random instants between the first event and the last
                Instant first = node.log().listRange(0, 1).getFirst().at();
                Instant last =
                        node.log().listRange(logged - 1, logged).getFirst().at();
                SplittableRandom random = new SplittableRandom(7);
                // a running service answers history warm: the first few, which load and compile its
                // code, are not counted
                for (int i = 0; i < HISTORY_WARM_UP; i++)
                    node.history(
                            first.plusMillis((long) (random.nextDouble()
                                    * Duration.between(first, last).toMillis())),
                            u -> true);
                double[] ms = new double[historyQueries];
                for (int i = 0; i < historyQueries; i++) {
                    Instant at = first.plusMillis((long)
                            (random.nextDouble() * Duration.between(first, last).toMillis()));
                    long q0 = System.nanoTime();
                    node.history(at, u -> true);
                    ms[i] = (System.nanoTime() - q0) / 1e6;
                }
                Arrays.sort(ms);
                out.put("history_p50_ms", round(BenchSupport.percentile(ms, 50)));
                out.put("history_p99_ms", round(BenchSupport.percentile(ms, 99)));
                out.put("history_queries", historyQueries);
                out.put("history_warm_up_queries", HISTORY_WARM_UP);
                // a look at the past replays the events after the snapshot before it: the widest gap
                // between two snapshots (the writer spaces them out while it is busy) bounds its work
                List<Long> saved = node.log().listSnapshotSequences();
                long widest = 0;
                for (int i = 1; i < saved.size(); i++) widest = Math.max(widest, saved.get(i) - saved.get(i - 1));
                out.put("snapshots", saved.size());
                out.put("snapshot_gap_max_events", widest);

                // 4. audit verify, the whole log
                long v0 = System.nanoTime();
                List<AuditFinding> findings = node.log().audit(AuditRange.all(), AuditProgress.NONE);
                out.put("verify_seconds", round((System.nanoTime() - v0) / 1e9));
                out.put("verify_intact", findings.stream().noneMatch(AuditFinding::tampering));

                // 5. a retry of a command logged long before the restart (before the snapshot the node
                // started from), as a client whose answer was lost sends it again: looked up in the store's
                // window of recent commands, which the first lookup after a start fills from the log. Its
                // body is one that would be refused if it were taken as a new command.
                long retried = Math.max(1, logged - 1_500_000);
                org.muster.domain.command.CommandId retryId =
                        node.log().listRange(retried - 1, retried).getFirst().command();
                long r0 = System.nanoTime();
                org.muster.engine.CommandResult retry = node.engine()
                        .execute(new CommandEnvelope(
                                retryId,
                                org.muster.domain.command.Actor.of("bench"),
                                "",
                                new org.muster.domain.command.Command.ChangeUnitStatus(
                                        org.muster.domain.unit.UnitId.of("no-such-unit"),
                                        org.muster.domain.unit.UnitStatus.AVAILABLE,
                                        java.util.Optional.empty())));
                out.put("retry_after_start_ms", round((System.nanoTime() - r0) / 1e6));
                out.put("retry_events_back", logged - retried);
                out.put("retry_answered_from_log", retry.repeated());

                // 6. a spell of load on the started node, then the heap again
                long end = System.nanoTime() + loadSeconds * 1_000_000_000L;
                long loadCommands = drive(node, workload, () -> System.nanoTime() >= end, false);
                out.put("load_seconds", loadSeconds);
                out.put("load_commands", loadCommands);
                out.put("heap_after_load_mb", heapMb());
                out.put(
                        "state_incidents_after_load",
                        node.engine().state().incidents().size());
            }
            out.put("machine", Machine.describe());
            System.out.println(Json.object(out));
            return 0;
        } finally {
            if (temporary) delete(root);
        }
    }

    /** Runs the workload's clients until {@code done}; the commands they sent. */
    private long drive(
            MusterNode node, GrowthWorkload workload, java.util.function.BooleanSupplier done, boolean progress)
            throws Exception {
        List<CompletableFuture<?>> setup = new ArrayList<>();
        if (node.log().lastSequence() == 0)
            for (CommandEnvelope c : workload.setUp(clients))
                setup.add(node.engine().submit(c));
        CompletableFuture.allOf(setup.toArray(CompletableFuture[]::new)).get();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicLong sent = new AtomicLong(setup.size());
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < clients; u++) {
            int unit = u;
            threads.add(Thread.ofVirtual().start(() -> {
                // a unit stops between jobs, never in one, so that the next run finds it free
                try {
                    while (!stop.get()) {
                        for (CommandEnvelope c : workload.nextJob(unit)) {
                            node.engine().execute(c);
                            sent.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                    stop.set(true);
                }
            }));
        }
        long t0 = System.nanoTime();
        long lastReport = t0;
        while (!done.getAsBoolean() && failed.get() == null) {
            Thread.sleep(200);
            if (progress && System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                long n = node.log().lastSequence();
                double rate = n / ((lastReport - t0) / 1e9);
                System.err.printf(
                        "building: %,d of %,d events (%.0f%%), %,.0f events/s, %s left%n",
                        n, events, 100.0 * n / events, rate, left((long) ((events - n) / Math.max(1, rate))));
            }
        }
        stop.set(true);
        for (Thread t : threads) t.join();
        if (failed.get() != null) throw new IllegalStateException("the workload was refused", failed.get());
        return sent.get();
    }

    private static String left(long seconds) {
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }

    private static long heapMb() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / (1024 * 1024);
    }

    private static long storeBytes(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().startsWith("muster.db"))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
