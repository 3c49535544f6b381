package org.muster.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.server.app.MusterServer;
import org.muster.server.security.Passwords;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * Muster's server started in-process on a free loopback port, over a fresh real database, holding the
 * generated region (seed 7) with its roads and zones, and one API token per role and organisation:
 * {@code token("dispatcher", "MAS")}, or {@code token("coordinator", "*")}.
 */
public final class TestServer implements AutoCloseable {
    public static final List<String> ROLES =
            List.of("call-handler", "dispatcher", "supervisor", "coordinator", "auditor", "viewer", "admin");
    public static final List<String> ORGANISATIONS = List.of("WSP", "ESP", "NSP", "MAS", "MFRS", "*");
    public static final String PASSWORD = "correct horse battery staple";

    private final MusterServer server;
    private final StoreConfig store;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the server was started with, for a standby beside it. */
    private final Map<String, Object> properties;

    private TestServer(MusterServer server, StoreConfig store, Map<String, Object> properties) {
        this.server = server;
        this.store = store;
        this.properties = Map.copyOf(properties);
    }

    public static TestServer start(StoreConfig.Backend backend) {
        return start(backend, Map.of());
    }

    public static TestServer start(StoreConfig.Backend backend, Map<String, Object> more) {
        return start(backend, more, Clock.systemUTC());
    }

    /** The same on the given clock: the demo's runs ahead of the wall clock and faster. */
    public static TestServer start(StoreConfig.Backend backend, Map<String, Object> more, Clock clock) {
        var region = RegionFixture.region();
        RegionFixture.network(); // imports the graph into the region's cache once per JVM
        Path data = region.directory();
        try {
            Files.createDirectories(data.resolve("zones"));
            Files.copy(region.zonesFile(), data.resolve("zones/region.geojson"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoreConfig store = TestDatabases.fresh(backend);
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("muster.store", store.url());
        props.put("muster.data", data.toString());
        props.put("muster.osm", region.osmFile().toString());
        props.put("muster.aid-expiry-check", "PT0.5S");
        props.put("muster.schemas", System.getProperty("muster.shared.dir", "../../shared") + "/schemas");
        int i = 0;
        for (String role : ROLES) {
            for (String org : ORGANISATIONS) {
                String p = "muster.tokens[" + i++ + "].";
                props.put(p + "name", role + "." + (org.equals("*") ? "all" : org));
                props.put(p + "sha256", Passwords.sha256(tokenOf(role, org)));
                props.put(p + "roles[0]", role);
                props.put(p + "organisations[0]", org);
            }
        }
        props.put("muster.users[0].name", "dana");
        props.put("muster.users[0].password-hash", Passwords.hash(PASSWORD));
        props.put("muster.users[0].roles[0]", "dispatcher");
        props.put("muster.users[0].organisations[0]", "MAS");
        props.putAll(more);
        MusterServer server = MusterServer.start(Optional.empty(), props, Optional.of(clock));
        for (var c : RegionCommands.of(region)) server.node().engine().execute(Commands.env(c));
        return new TestServer(server, store, props);
    }

    /**
     * A second server on {@code writer}'s database, with the same users and tokens, that does not set the
     * region up again: a standby while {@code writer} holds the lease (docs/standby.md).
     */
    public static TestServer standby(TestServer writer, Map<String, Object> more) {
        Map<String, Object> props = new HashMap<>(writer.properties);
        props.put("server.port", "0");
        props.putAll(more);
        return new TestServer(
                MusterServer.start(
                        Optional.empty(), props, Optional.of(writer.node().clock())),
                writer.store,
                props);
    }

    /**
     * The server started again, once {@code stopped} has been closed: the same database and settings, the region
     * not set up again, so the node has only what its store kept.
     */
    public static TestServer restart(TestServer stopped) {
        Map<String, Object> props = new HashMap<>(stopped.properties);
        return new TestServer(
                MusterServer.start(Optional.empty(), props, Optional.of(Clock.systemUTC())), stopped.store, props);
    }

    public static String tokenOf(String role, String org) {
        return "mst_test_" + role + "_" + (org.equals("*") ? "all" : org);
    }

    public MusterServer server() {
        return server;
    }

    public MusterNode node() {
        return server.node();
    }

    public StoreConfig store() {
        return store;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** An answer: status, body and headers. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {}

    public Answer send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the live stream and answers with its status and headers only, closing it at once. */
    public Answer openStream(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<java.io.InputStream> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            String body = r.statusCode() == 200
                    ? ""
                    : new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            r.body().close();
            return new Answer(r.statusCode(), body, r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path, String role, String org) {
        return send("GET", path, tokenOf(role, org), null);
    }

    public Answer post(String path, String role, String org, String body) {
        return send("POST", path, tokenOf(role, org), body);
    }

    public HttpClient http() {
        return http;
    }

    /** A call taken by the organisation's call handler; answers the new incident's id. */
    public String newIncident(String org, String type, org.muster.domain.GeoPoint at) {
        String body = String.format(
                java.util.Locale.ROOT,
                "{\"organisation\":\"%s\",\"type\":\"%s\",\"location\":{\"lat\":%.6f,\"lon\":%.6f},"
                        + "\"description\":\"test call\"}",
                org,
                type,
                at.lat(),
                at.lon());
        Answer r = post("/api/v1/incidents", "call-handler", org, body);
        if (r.status() != 201) throw new AssertionError("creating an incident: " + r.status() + " " + r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The organisation's own units (by home) that match, by id. */
    public List<org.muster.domain.unit.Unit> units(
            String org, java.util.function.Predicate<org.muster.domain.unit.Unit> which) {
        return node().engine().state().units().values().stream()
                .filter(u -> u.organisation().value().equals(org))
                .filter(which)
                .sorted(java.util.Comparator.comparing(u -> u.id().value()))
                .toList();
    }

    /**
     * The events logged after {@code sequence} by anyone but Muster itself: a running node logs events of its own
     * at any time (alerts raised and resolved, finished incidents archived, aid requests expired), so "a refusal
     * changed nothing" is that this is empty, not that the head stood still.
     */
    public List<org.muster.domain.event.RecordedEvent> loggedByUsersSince(long sequence) {
        return node().log().listRange(sequence, node().log().lastSequence()).stream()
                .filter(e -> !e.actor().equals(org.muster.domain.command.Actor.SYSTEM)
                        && !e.actor().equals(AidExpiry.ACTOR))
                .toList();
    }

    /** The answer's body, after checking it is a success. */
    public static com.fasterxml.jackson.databind.JsonNode ok(Answer a) {
        if (a.status() < 200 || a.status() > 299)
            throw new AssertionError("expected success: " + a.status() + " " + a.body());
        return a.body().isEmpty() ? Json.parse("{}") : Json.parse(a.body());
    }

    /** Reads until {@code done} holds or 15 s pass, for what Muster's projections do at their own pace. */
    public static com.fasterxml.jackson.databind.JsonNode eventually(
            java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> read,
            java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> done) {
        java.time.Instant end = java.time.Instant.now().plusSeconds(15);
        var last = read.get();
        while (!done.test(last) && java.time.Instant.now().isBefore(end)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.get();
        }
        return last;
    }

    @Override
    public void close() {
        server.close();
    }
}
