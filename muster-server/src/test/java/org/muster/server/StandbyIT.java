package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.store.StoreConfig;

/**
 * Two running servers on one real PostgreSQL: the standby serves reads and the live stream as the
 * organisations' own users, refuses every command (for each role that sends them) with a 503 whose
 * {@code Location} is the same request at the writer's advertised URL, and takes over within five seconds
 * when the writer dies, with everything the writer acknowledged.
 */
class StandbyIT {
    private static final Map<String, Object> QUICK = Map.of(
            "muster.standby.lease", "PT1.5S",
            "muster.standby.renew-every", "PT0.5S",
            "muster.standby.follow-every", "PT0.1S");

    @Test
    void theStandbyServesReadsAndTheStreamRefersCommandsToTheWriterAndTakesOverWhenItDies() throws Exception {
        int portA = freePort();
        String urlA = "http://127.0.0.1:" + portA;
        TestServer a = TestServer.start(StoreConfig.Backend.POSTGRESQL, node("a", portA));
        try (TestServer b = TestServer.standby(a, node("b", 0))) {
            assertThat(a.node().isWriter()).isTrue();
            assertThat(b.node().isWriter()).as("b stands by: a holds the lease").isFalse();
            assertThat(b.node().findWriterUrl()).contains(urlA);

            // a write on the writer is read on the standby, by the organisation's own users only
            String incident = a.newIncident("MAS", "CHEST_PAIN", masPoint(a));
            var seen = TestServer.eventually(
                    () -> Json.parse("{\"status\":"
                            + b.get("/api/v1/incidents/" + incident, "dispatcher", "MAS")
                                    .status() + "}"),
                    n -> n.get("status").asInt() == 200);
            assertThat(seen.get("status").asInt())
                    .as("the writer's incident, on the standby")
                    .isEqualTo(200);
            assertThat(b.get("/api/v1/incidents/" + incident, "dispatcher", "WSP")
                            .status())
                    .as("another force's dispatcher, on the standby")
                    .isEqualTo(404);
            String unit = b.units("MAS", u -> u.status() == org.muster.domain.unit.UnitStatus.AVAILABLE)
                    .getFirst()
                    .id()
                    .value();

            // every role that sends commands is told where the writer is, and nothing changes here
            long before = b.node().engine().state().sequence();
            record Sent(String role, String org, String path, String body) {}
            List<Sent> commands = List.of(
                    new Sent("call-handler", "MAS", "/api/v1/incidents", callBody(masPoint(a))),
                    new Sent(
                            "dispatcher",
                            "MAS",
                            "/api/v1/incidents/" + incident + "/assignments",
                            "{\"unit\":\"" + unit + "\"}"),
                    new Sent("dispatcher", "MAS", "/api/v1/units/" + unit + "/status", "{\"status\":\"EN_ROUTE\"}"),
                    new Sent(
                            "supervisor",
                            "MAS",
                            "/api/v1/organisations/MAS/escalation",
                            "{\"level\":2,\"reason\":\"standby test\"}"));
            for (Sent c : commands) {
                TestServer.Answer r = b.post(c.path(), c.role(), c.org(), c.body());
                assertThat(r.status())
                        .as("%s %s on the standby: %s", c.role(), c.path(), r.body())
                        .isEqualTo(503);
                assertThat(r.headers().firstValue("Location")).contains(urlA + c.path());
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(Json.parse(r.body()).get("detail").asText())
                        .contains("is a standby")
                        .contains("a at " + urlA);
            }
            // the writer's own alert thread may log alerts meanwhile (on the call above): none is a user's command
            assertThat(b.node().log().listRange(before, b.node().log().lastSequence()))
                    .as("logged since the standby refused the commands")
                    .allMatch(e -> e.actor().equals(Actor.SYSTEM));
            assertThat(b.get("/api/v1/aid/hours", "coordinator", "*").status())
                    .as("the coordinator reads the standby")
                    .isEqualTo(200);

            // the standby's live stream passes on what the writer appends
            CompletableFuture<String> streamed = CompletableFuture.supplyAsync(() -> firstStreamed(b));
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 30 && !streamed.isDone(); i++) {
                created.add(a.newIncident("MAS", "STROKE", masPoint(a)));
                Thread.sleep(300);
            }
            assertThat(streamed.get(15, TimeUnit.SECONDS)).containsAnyOf(created.toArray(String[]::new));

            // the writer freezes (no renewal) and dies without letting the lease go: b takes over
            a.node().stopRenewingLease();
            long died = System.nanoTime();
            a.close();
            while (!b.node().isWriter() && System.nanoTime() - died < 30_000_000_000L) Thread.sleep(20);
            long takeoverMillis = (System.nanoTime() - died) / 1_000_000;
            assertThat(b.node().isWriter()).isTrue();
            // a takeover, not a wait for ever; the goal of 5 s is measured by ./muster bench failover, not timed
            // here on a shared machine (docs/standby.md records 10.6 s once under a load of 25)
            assertThat(takeoverMillis).as("takeover, ms").isLessThan(15_000);

            // b now takes commands, as the dispatcher, and has all a acknowledged
            String after = b.newIncident("MAS", "STROKE", masPoint(b));
            TestServer.ok(b.post(
                    "/api/v1/incidents/" + after + "/assignments", "dispatcher", "MAS", "{\"unit\":\"" + unit + "\"}"));
            for (String id : created)
                assertThat(b.get("/api/v1/incidents/" + id, "dispatcher", "MAS").status())
                        .isEqualTo(200);
        } finally {
            a.close();
        }
    }

    private static Map<String, Object> node(String name, int port) {
        Map<String, Object> m = new HashMap<>(QUICK);
        m.put("muster.standby.node", name);
        if (port > 0) {
            m.put("server.port", Integer.toString(port));
            m.put("muster.standby.advertised-url", "http://127.0.0.1:" + port);
        }
        return m;
    }

    /**
     * The first event of a user's the live stream of {@code s} passes on, as MAS's dispatcher sees it: the
     * writer's alert thread may log alerts of its own at any time, on the calls just taken among others.
     */
    private static String firstStreamed(TestServer s) {
        HttpRequest request = HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                .header("Authorization", "Bearer " + TestServer.tokenOf("dispatcher", "MAS"))
                .header("Accept", "text/event-stream")
                .build();
        try {
            HttpResponse<Stream<String>> r = s.http().send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            try (Stream<String> lines = r.body()) {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("data:") && !byMuster(line)) return line;
                }
            }
            return "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean byMuster(String dataLine) {
        var actor = Json.parse(dataLine.substring(5)).get("actor");
        return (actor.isTextual() ? actor.asText() : actor.get("id").asText()).equals(Actor.SYSTEM.id());
    }

    private static String callBody(GeoPoint at) {
        return String.format(
                java.util.Locale.ROOT,
                "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":%.6f,\"lon\":%.6f},"
                        + "\"description\":\"standby test\"}",
                at.lat(),
                at.lon());
    }

    private static GeoPoint masPoint(TestServer s) {
        GeoPoint p = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of("MAS")))
                .sorted(java.util.Comparator.comparing(Station::id))
                .findFirst()
                .orElseThrow()
                .location();
        return new GeoPoint(p.lat() + 0.004, p.lon() + 0.004);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
