package org.muster.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.unit.UnitId;
import org.muster.engine.Engine;
import org.muster.server.app.MusterServer;
import org.muster.server.security.Passwords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained load on a running server: commands (units worked through their jobs) and position reports at
 * fixed rates through the engine, with clients holding the live stream open over HTTP, for a set time.
 * Prints command latency (submit to durable answer), stream lag (a logged event's answer to its arrival on
 * each subscriber's stream) and the heap after a collection at the start and at the end, which must stay
 * flat.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Sustained commands, positions and stream subscribers on a running server; prints latency,"
                + " stream lag and memory as JSON.")
public final class LoadBench implements Callable<Integer> {
    @Option(names = "--seconds", description = "How long the load runs (default: ${DEFAULT-VALUE})")
    int seconds = 600;

    @Option(names = "--commands-per-second", description = "Logged commands a second (default: ${DEFAULT-VALUE})")
    int commandsPerSecond = 1_000;

    @Option(names = "--positions-per-second", description = "Position reports a second (default: ${DEFAULT-VALUE})")
    int positionsPerSecond = 2_000;

    @Option(names = "--subscribers", description = "Clients on the live stream (default: ${DEFAULT-VALUE})")
    int subscribers = 50;

    @Option(names = "--units", description = "Units worked through their jobs (default: ${DEFAULT-VALUE})")
    int units = 400;

    @Option(
            names = "--store",
            description = "The event log (default: an SQLite file in a temporary folder, removed after)")
    String store;

    @Option(names = "--json", description = "Print one JSON object (the output is JSON either way)")
    boolean json;

    private static final String TOKEN = "mst_load_bench_viewer";

    @Override
    public Integer call() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "load");
        out.putAll(run(new Settings(
                seconds, commandsPerSecond, positionsPerSecond, subscribers, units, Optional.ofNullable(store))));
        out.put("machine", Machine.describe());
        System.out.println(Json.object(out));
        return 0;
    }

    /** How a run is set up. */
    public record Settings(
            int seconds,
            int commandsPerSecond,
            int positionsPerSecond,
            int subscribers,
            int units,
            Optional<String> store) {}

    /** Runs the load and answers the figures, by name. */
    public static Map<String, Object> run(Settings settings) throws Exception {
        Path root = Files.createTempDirectory("muster-load-");
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("muster.store", settings.store().orElse("sqlite:" + root.resolve("muster.db")));
        props.put("muster.data", root.resolve("data").toString());
        props.put("muster.tokens[0].name", "load-bench");
        props.put("muster.tokens[0].sha256", Passwords.sha256(TOKEN));
        props.put("muster.tokens[0].roles[0]", "viewer");
        props.put("muster.tokens[0].organisations[0]", "*");
        Map<String, Object> out = new LinkedHashMap<>();
        try (MusterServer server = MusterServer.start(Optional.empty(), props, Optional.empty())) {
            Engine engine = server.node().engine();
            LifecycleWorkload workload = new LifecycleWorkload("l" + Long.toHexString(System.nanoTime() & 0xffffff));
            for (CommandEnvelope c : workload.setUp(settings.units())) engine.execute(c);
            out.put("backend", server.node().log().backend().toString().toLowerCase(java.util.Locale.ROOT));

            // when each logged event's command was answered, by sequence, for the stream's lag: a ring, each
            // slot kept with the sequence it holds, since a run of ten minutes logs more than the ring's length
            Answers answeredAt = new Answers(1 << 20);
            Histogram latency = new Histogram();
            Histogram lag = new Histogram();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong refused = new AtomicLong();
            Map<String, AtomicLong> refusedBy = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicLong streamed = new AtomicLong();
            AtomicLong beforeAnswer = new AtomicLong();
            AtomicLong closedBehind = new AtomicLong();
            HttpClient http = HttpClient.newHttpClient();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < settings.subscribers(); i++)
                readers.add(Thread.ofVirtual()
                        .start(() -> subscribe(
                                http, server.address(), stop, answeredAt, lag, streamed, beforeAnswer, closedBehind)));
            Thread.sleep(1_000); // the subscribers connected

            System.gc();
            long heapStart = heapUsedMb();
            long t0 = System.nanoTime();
            long[] jobOf = new long[settings.units()];
            int[] stepOf = new int[settings.units()];
            long sentCommands = 0, sentPositions = 0;
            int unit = 0;
            long end = t0 + settings.seconds() * 1_000_000_000L;
            // the heap after a collection at each whole minute: flat or not is read from its course, not two ends
            List<Long> heapByMinute = new ArrayList<>();
            // beside it, the finished responses the four-week window holds: it fills for four weeks by design
            List<Integer> responsesByMinute = new ArrayList<>();
            while (System.nanoTime() < end) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (elapsed >= 60 * (heapByMinute.size() + 1)) {
                    System.gc();
                    heapByMinute.add(heapUsedMb());
                    responsesByMinute.add(
                            server.node().responses().listResponses().size());
                }
                // commands due by now, each unit's in order (the writer takes them first come, first served)
                for (; sentCommands < elapsed * settings.commandsPerSecond(); sentCommands++) {
                    int u = unit;
                    unit = (unit + 1) % settings.units();
                    CommandEnvelope c = workload.job(u, jobOf[u]).get(stepOf[u]);
                    if (++stepOf[u] == 5) {
                        stepOf[u] = 0;
                        jobOf[u]++;
                    }
                    long sent = System.nanoTime();
                    engine.submit(c).whenComplete((r, failure) -> {
                        long now = System.nanoTime();
                        if (failure != null) {
                            refused.incrementAndGet();
                            Throwable cause = failure instanceof java.util.concurrent.CompletionException ce
                                            && ce.getCause() != null
                                    ? ce.getCause()
                                    : failure;
                            refusedBy
                                    .computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong())
                                    .incrementAndGet();
                            return;
                        }
                        latency.record(now - sent);
                        for (RecordedEvent e : r.events()) answeredAt.answered(e.sequence(), now);
                    });
                }
                for (; sentPositions < elapsed * settings.positionsPerSecond(); sentPositions++) {
                    int u = (int) (sentPositions % settings.units());
                    engine.submit(new CommandEnvelope(
                            CommandId.of("pos-" + sentPositions + "-" + t0),
                            Actor.of("load"),
                            "",
                            new org.muster.domain.command.Command.ReportPosition(
                                    UnitId.of(workloadUnit(workload, u)),
                                    GeoPoint.of(52.63 + (sentPositions % 100) * 1e-4, -0.65))));
                }
                Thread.sleep(1);
            }
            double ran = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(1_000); // the last answers and stream events arrive
            stop.set(true);
            for (Thread r : readers) r.interrupt();
            System.gc();
            long heapEnd = heapUsedMb();

            out.put("seconds", Math.round(ran));
            out.put("commands_per_second_offered", settings.commandsPerSecond());
            out.put("commands_per_second_answered", BenchSupport.round(latency.count() / ran));
            out.put("positions_per_second_offered", settings.positionsPerSecond());
            out.put("refused", refused.get());
            Map<String, Long> kinds = new java.util.TreeMap<>();
            refusedBy.forEach((k, v) -> kinds.put(k, v.get()));
            out.put("refused_by_kind", kinds);
            out.put("command_p50_ms", latency.percentileMillis(50));
            out.put("command_p99_ms", latency.percentileMillis(99));
            out.put("subscribers", settings.subscribers());
            out.put("stream_events_received", streamed.get());
            out.put("stream_lag_p50_ms", lag.percentileMillis(50));
            out.put("stream_lag_p99_ms", lag.percentileMillis(99));
            out.put("stream_events_before_answer", beforeAnswer.get());
            out.put("streams_closed_behind", closedBehind.get());
            out.put("heap_start_mb", heapStart);
            out.put("heap_end_mb", heapEnd);
            out.put("heap_mb_by_minute", heapByMinute);
            out.put("responses_in_window_by_minute", responsesByMinute);
            out.put("events", server.node().log().lastSequence());
        }
        return out;
    }

    private static String workloadUnit(LifecycleWorkload workload, int u) {
        return ((org.muster.domain.command.Command.ChangeUnitStatus)
                        workload.job(u, 0).get(2).command())
                .unit()
                .value();
    }

    /**
     * Holds the live stream open and times each logged event from its command's answer to its arrival. A
     * stream the server closes (one that fell too far behind is told so, last) is opened again with
     * {@code Last-Event-ID}, as a browser's would be; each such close is counted.
     */
    private static void subscribe(
            HttpClient http,
            URI server,
            AtomicBoolean stop,
            Answers answeredAt,
            Histogram lag,
            AtomicLong seen,
            AtomicLong beforeAnswer,
            AtomicLong closedBehind) {
        long lastId = -1;
        while (!stop.get()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/api/v1/stream"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Accept", "text/event-stream");
            if (lastId >= 0) request.header("Last-Event-ID", Long.toString(lastId));
            try {
                HttpResponse<InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null && !stop.get(); line = in.readLine()) {
                        if (line.equals("event:" + org.muster.server.stream.EventHub.BEHIND))
                            closedBehind.incrementAndGet();
                        if (!line.startsWith("id:")) continue;
                        long sequence = Long.parseLong(line.substring(3).strip());
                        lastId = sequence;
                        long now = System.nanoTime();
                        seen.incrementAndGet();
                        // listeners hear of a batch before its callers: an event may arrive before its answer,
                        // and is then counted as no lag (the set-up's few events and the engine's own alerts too)
                        long answered = answeredAt.at(sequence);
                        if (answered == 0) beforeAnswer.incrementAndGet();
                        lag.record(answered == 0 ? 0 : Math.max(0, now - answered));
                    }
                }
            } catch (IOException e) {
                // the server closed the stream, or the run is over: open it again unless it is
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /**
     * When each event's command was answered, by sequence, in a ring of slots: a slot answers only for the
     * sequence it was last given, so an event that arrives before its answer is not timed against the answer
     * of the event a whole ring before it (a ten-minute run wraps a ring of a million: that mistake read as a
     * p99 lag of 440 s).
     */
    static final class Answers {
        private final AtomicLongArray sequences;
        private final AtomicLongArray nanos;
        private final int mask;

        Answers(int size) {
            if (Integer.bitCount(size) != 1) throw new IllegalArgumentException("size must be a power of two");
            sequences = new AtomicLongArray(size);
            nanos = new AtomicLongArray(size);
            mask = size - 1;
            for (int i = 0; i < size; i++) sequences.set(i, -1);
        }

        void answered(long sequence, long at) {
            int slot = (int) (sequence & mask);
            nanos.set(slot, at);
            sequences.set(slot, sequence); // after the time: whoever sees the sequence sees its time
        }

        /** When the event's command was answered, or 0 when it has not been (yet). */
        long at(long sequence) {
            int slot = (int) (sequence & mask);
            if (sequences.get(slot) != sequence) return 0;
            long at = nanos.get(slot);
            return sequences.get(slot) == sequence ? at : 0;
        }
    }

    /** Nanosecond durations in buckets of about 2% width: percentiles in constant memory however long the run. */
    static final class Histogram {
        private static final int BUCKETS = 1_200;
        private static final double GROWTH = 1.02;
        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
        private final AtomicLong total = new AtomicLong();

        void record(long nanos) {
            double micros = Math.max(1, nanos / 1_000.0);
            int bucket = (int) Math.min(BUCKETS - 1, Math.log(micros) / Math.log(GROWTH));
            counts.incrementAndGet(bucket);
            total.incrementAndGet();
        }

        long count() {
            return total.get();
        }

        double percentileMillis(double p) {
            long n = total.get();
            if (n == 0) return 0;
            long rank = (long) Math.ceil(n * p / 100.0), seen = 0;
            for (int b = 0; b < BUCKETS; b++) {
                seen += counts.get(b);
                if (seen >= rank) return BenchSupport.round(Math.pow(GROWTH, b + 1) / 1_000.0);
            }
            return BenchSupport.round(Math.pow(GROWTH, BUCKETS) / 1_000.0);
        }
    }
}
