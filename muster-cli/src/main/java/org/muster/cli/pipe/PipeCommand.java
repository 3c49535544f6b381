package org.muster.cli.pipe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.domain.InvalidInputException;
import org.muster.domain.MusterException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Commands in as JSON lines on standard input, one answer line each on standard output once the command
 * is durable or refused. Lines are submitted without waiting, so a fast writer gets group commit; answers
 * may come out of order and carry the command id and the input line's number.
 *
 * <p>In: {@code {"id":"c1","actor":"ops","reason":"","type":"CreateIncident","command":{...}}}<br>
 * Out: {@code {"id":"c1","line":1,"ok":true,"last_sequence":42}} or {@code {"id":"c1","line":2,"ok":false,
 * "error":"conflict","message":"..."}}. The first line out is {@code {"ready":true,...}} once the state is
 * rebuilt. The exit code is {@value #SOME_REFUSED} when any line was refused, so a script notices.
 */
@Command(
        name = "pipe",
        mixinStandardHelpOptions = true,
        description = "Apply commands given as JSON lines on stdin; answer each on stdout.")
public final class PipeCommand implements Callable<Integer> {
    private static final int MAX_IN_FLIGHT = 10_000;
    /** The exit code when one line or more was refused (the others were applied). */
    public static final int SOME_REFUSED = 1;

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Option(names = "--osm", paramLabel = "FILE", description = "Road network: refuse incidents too far from any road")
    Optional<Path> osm = Optional.empty();

    @Option(
            names = "--snapshot-every",
            paramLabel = "EVENTS",
            description = "Take a snapshot every so many events (default: ${DEFAULT-VALUE})")
    long snapshotEvery = WriterConfig.DEFAULTS.snapshotEveryEvents();

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        java.util.Queue<Long> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        store.configuredBy(config);
        data.configuredBy(config);
        Optional<RoadNetwork> network =
                osm.map(f -> RoadNetwork.load(f, RoadNetworkConfig.defaults(data.graphCache())));
        // commands are decided under the service's own rules (escalation, dispatch), as its server decides them
        Rules rules = config.settings().rules(ZoneGeometry.load(data), network);
        try (EventStore log = EventLogs.open(store.config());
                SingleWriter engine = SingleWriter.start(
                        log,
                        rules,
                        StoreClock.forWriting(log, Clock.systemUTC()),
                        new WriterConfig(WriterConfig.DEFAULTS.maxBatchCommands(), snapshotEvery))) {
            answer(out, ready(engine.state()));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long lineNumber = ++number;
                if (line.isBlank()) continue;
                CommandEnvelope envelope;
                try {
                    envelope = DomainJson.readCommand(line);
                } catch (InvalidInputException e) {
                    refused.add(lineNumber);
                    answer(out, refusal(idOf(line), lineNumber, "invalid", e.getMessage()));
                    continue;
                }
                inFlight.acquire();
                CompletableFuture<CommandResult> result = engine.submit(envelope);
                result.whenComplete((r, e) -> {
                    if (e != null) refused.add(lineNumber);
                    answer(
                            out,
                            e == null
                                    ? accepted(envelope, lineNumber, r)
                                    : refusal(envelope.id().value(), lineNumber, kind(e), e.getMessage()));
                    inFlight.release();
                });
            }
            inFlight.acquire(MAX_IN_FLIGHT); // every answer written before we close
        } finally {
            network.ifPresent(RoadNetwork::close);
        }
        if (refused.isEmpty()) return 0;
        System.err.printf(
                "muster pipe: %d line(s) refused, the first at line %d; the others were applied%n",
                refused.size(),
                refused.stream().mapToLong(Long::longValue).min().orElseThrow());
        return SOME_REFUSED;
    }

    /** The line's command id, if one can be read from it, so that the caller can match the refusal. */
    private static String idOf(String line) {
        var m = ID.matcher(line);
        return m.find() ? m.group(1) : "?";
    }

    private static final java.util.regex.Pattern ID =
            java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]{1,64})\"");

    private static synchronized void answer(PrintStream out, Map<String, Object> fields) {
        out.println(DomainJson.write(fields));
        out.flush();
    }

    private static Map<String, Object> ready(MusterState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", true);
        m.put("sequence", state.sequence());
        m.put("state_sha256", stateDigest(state));
        return m;
    }

    /** A digest of the whole state, equal for equal states in any process: its snapshot's JSON, hashed. */
    public static String stateDigest(MusterState state) {
        try {
            byte[] json = DomainJson.write(state.toSnapshot("")).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> accepted(CommandEnvelope envelope, long line, CommandResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", envelope.id().value());
        m.put("line", line);
        m.put("ok", true);
        m.put("last_sequence", r.lastSequence());
        if (r.repeated()) m.put("repeated", true);
        List<String> warnings = warningsOf(r);
        if (!warnings.isEmpty()) m.put("warnings", warnings);
        return m;
    }

    /** What the command was accepted with but someone should know: a call far from a road, an offer below a minimum. */
    private static List<String> warningsOf(CommandResult r) {
        List<String> out = new java.util.ArrayList<>();
        for (var e : r.events()) {
            switch (e.event()) {
                case org.muster.domain.event.Event.IncidentCreated c -> out.addAll(c.warnings());
                case org.muster.domain.event.Event.AidOffered o ->
                    out.addAll(o.offer().warnings());
                case org.muster.domain.event.Event.AidUnitWithheld w -> out.add(w.why());
                default -> {}
            }
        }
        return out;
    }

    private static Map<String, Object> refusal(String id, long line, String kind, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("line", line);
        m.put("ok", false);
        m.put("error", kind);
        m.put("message", message);
        return m;
    }

    private static String kind(Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return switch (cause) {
            case org.muster.domain.InvalidInputException ignored -> "invalid";
            case org.muster.domain.NotFoundException ignored -> "not_found";
            case org.muster.domain.ConflictException ignored -> "conflict";
            case MusterException ignored -> "transient";
            default -> "internal";
        };
    }
}
