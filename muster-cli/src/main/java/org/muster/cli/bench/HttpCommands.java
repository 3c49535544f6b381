package org.muster.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.muster.domain.command.CommandEnvelope;
import org.muster.store.DomainJson;

/**
 * Clients of the HTTP API as an integration should be written: each command sent with its
 * {@code Idempotency-Key} until a node answers it, to the node that acknowledged the last one, to wherever a
 * 503's {@code Location} points, or to another node when the one asked is gone. So a command kept before
 * its answer was lost is answered again, not applied twice, and what was acknowledged can be looked for in
 * the log afterwards.
 */
final class HttpCommands {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PAUSE = Duration.ofMillis(50);
    /** Distinct refusal texts kept for the report: enough to show what clients were told. */
    private static final int DETAILS_KEPT = 8;

    /** The last command acknowledged: when ({@link System#nanoTime()}), and by which node. */
    record Ack(long nanos, String url) {}

    private final HttpClient http;
    private final Supplier<List<String>> nodes;
    private final AtomicBoolean stop;
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Ack> lastAck = new AtomicReference<>(new Ack(0, ""));
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final Map<String, Boolean> unavailableDetails = new ConcurrentHashMap<>();

    /**
     * @param nodes the base URLs ({@code http://host:port}) of the nodes running now
     * @param stop set when the run is over: a command still unanswered is given up
     */
    HttpCommands(Supplier<List<String>> nodes, AtomicBoolean stop) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.nodes = nodes;
        this.stop = stop;
    }

    /**
     * Sets up {@code units} units of {@code workload} with {@code adminToken}'s rights, then starts one
     * client thread per unit working it through job after job with {@code dispatcherToken}'s rights until the
     * run is over: the load every HTTP bench drives.
     */
    List<Thread> work(LifecycleWorkload workload, int units, String adminToken, String dispatcherToken, String name) {
        for (CommandEnvelope c : workload.setUp(units)) send(c, adminToken);
        List<Thread> clients = new java.util.ArrayList<>();
        for (int u = 0; u < units; u++) {
            int unit = u;
            clients.add(Thread.ofPlatform().daemon().name(name + "-" + u).start(() -> {
                for (long job = 0; !stop.get(); job++) {
                    for (CommandEnvelope c : workload.job(unit, job)) {
                        if (stop.get()) return;
                        send(c, dispatcherToken);
                    }
                }
            }));
        }
        return clients;
    }

    /**
     * Sends {@code command} with {@code token}'s rights until it is answered; answers whether it was
     * acknowledged (200 or 201), not refused on its merits (4xx) or given up at the end of the run.
     */
    boolean send(CommandEnvelope command, String token) {
        String body = DomainJson.writeCommand(command);
        Optional<String> target = Optional.empty();
        for (int attempt = 0; !stop.get(); attempt++) {
            int tries = attempt;
            String base = target.orElseGet(() -> guessWriter(tries));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/commands"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", command.id().value())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 200 || status == 201) {
                    JsonNode answer = JSON.readTree(r.body());
                    acked.add(answer.get("command").asText());
                    lastAck.set(new Ack(System.nanoTime(), base));
                    return true;
                }
                if (status == 503) {
                    unavailable.incrementAndGet();
                    if (unavailableDetails.size() < DETAILS_KEPT)
                        unavailableDetails.put(detailOf(r.body()), Boolean.TRUE);
                    target = r.headers().firstValue("Location").map(HttpCommands::origin);
                } else if (status >= 400 && status < 500) {
                    return false; // refused on its merits (the unit moved on): answered, not kept
                } else {
                    serverErrors.incrementAndGet();
                    target = Optional.empty();
                }
            } catch (IOException e) {
                connectionFailures.incrementAndGet();
                target = Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause();
        }
        return false;
    }

    /** The log's ids of the commands acknowledged ({@code api-…}, the user's key hashed). */
    Set<String> acknowledged() {
        return acked;
    }

    Ack lastAck() {
        return lastAck.get();
    }

    /**
     * Waits for the first command acknowledged after {@code since} (a {@link System#nanoTime()}) and answers
     * when that was; fails after {@code limit}, naming {@code event}, what the node was to recover from.
     */
    long awaitAckAfter(long since, java.time.Duration limit, String event) throws InterruptedException {
        long deadline = since + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long at = lastAck.get().nanos();
            if (at > since) return at;
            Thread.sleep(5);
        }
        throw new IllegalStateException("Muster took no command within " + limit.toSeconds() + " s of " + event);
    }

    /** The commands acknowledged to these clients that {@code log} does not hold. */
    long lostFrom(org.muster.store.EventStore log) {
        Set<String> logged = new java.util.HashSet<>();
        for (org.muster.domain.command.CommandId id : log.listCommandIds()) logged.add(id.value());
        return acknowledged().stream().filter(id -> !logged.contains(id)).count();
    }

    /** 503 answers: a standby's, a writer's whose store failed, or one without a writer during a takeover. */
    long unavailable() {
        return unavailable.get();
    }

    /** The distinct texts of the 503 answers (a few), each trimmed of its volatile numbers. */
    List<String> unavailableDetails() {
        return List.copyOf(unavailableDetails.keySet());
    }

    /** Requests that reached no node (killed, or not listening yet). */
    long connectionFailures() {
        return connectionFailures.get();
    }

    /** Answers 500 and above other than 503: a bug, never expected. */
    long serverErrors() {
        return serverErrors.get();
    }

    /** The node that acknowledged the last command, else each running node in turn. */
    private String guessWriter(int attempt) {
        String last = lastAck.get().url();
        List<String> running = nodes.get();
        if (attempt == 0 && running.contains(last)) return last;
        return running.isEmpty() ? last : running.get(attempt % running.size());
    }

    private static String detailOf(String body) {
        try {
            // sequences and hosts differ from answer to answer; the kinds of refusal are what is reported
            return JSON.readTree(body).path("detail").asText(body).replaceAll("[0-9]+", "N");
        } catch (IOException e) {
            return body;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code http://host:port} of a URL. */
    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getAuthority();
    }
}
