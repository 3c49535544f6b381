package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.unit.Unit;

/**
 * Reported positions through the API: they move the unit, reach the stream (without an id) and the unit's
 * trail, and stay out of the audit log; the trail is seen exactly by those who may see the unit.
 */
class PositionTrackIT {
    private final TestServer s = SharedServer.get();

    private record Sse(String id, String type, String data) {}

    private Unit someMasUnit() {
        return s.units("MAS", u -> true).getLast();
    }

    private static String point(GeoPoint p) {
        return String.format(Locale.ROOT, "{\"point\":{\"lat\":%.6f,\"lon\":%.6f}}", p.lat(), p.lon());
    }

    @Test
    void a_reported_position_moves_the_unit_reaches_the_stream_and_trail_but_not_the_audit_log() throws Exception {
        Unit unit = someMasUnit();
        String id = unit.id().value();
        // six decimals, as the request sends them
        GeoPoint moved = GeoPoint.of(
                Math.round(unit.position().orElseThrow().point().lat() * 1e6 + 123) / 1e6,
                Math.round(unit.position().orElseThrow().point().lon() * 1e6 - 321) / 1e6);
        long head = s.node().log().lastSequence();
        HttpResponse<Stream<String>> stream = s.http()
                .send(
                        HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                                .header("Authorization", "Bearer " + TestServer.tokenOf("dispatcher", "MAS"))
                                .header("Accept", "text/event-stream")
                                .header("Last-Event-ID", Long.toString(head))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<List<Sse>> heard = CompletableFuture.supplyAsync(() -> readUntilMoved(stream, id));

        JsonNode answer = ok(s.post("/api/v1/units/" + id + "/position", "dispatcher", "MAS", point(moved)));

        assertThat(answer.get("lastSequence").asLong())
                .as("nothing written to the log")
                .isZero();
        assertThat(answer.get("events")).hasSize(1);
        assertThat(answer.get("events").get(0).get("sequence").asLong()).isZero();
        Instant at = Instant.parse(answer.get("events").get(0).get("at").asText());

        JsonNode units = ok(s.get("/api/v1/units", "viewer", "MAS"));
        JsonNode listed = null;
        for (JsonNode u : units.get("units")) if (u.get("id").asText().equals(id)) listed = u;
        assertThat(listed).isNotNull();
        assertThat(listed.get("position").get("point").get("lat").asDouble()).isEqualTo(moved.lat());
        assertThat(listed.get("position").get("point").get("lon").asDouble()).isEqualTo(moved.lon());

        List<Sse> events = heard.get(20, TimeUnit.SECONDS);
        Sse position = events.getLast();
        assertThat(position.type()).isEqualTo("UnitMoved");
        assertThat(position.id())
                .as("a position has no SSE id: Last-Event-ID stays a log sequence")
                .isNull();
        assertThat(position.data()).contains(id).contains("\"sequence\":0");

        JsonNode audit = ok(s.get("/api/v1/audit/events?after=" + head + "&limit=1000", "auditor", "*"));
        for (JsonNode e : audit.get("events")) {
            assertThat(e.get("type").asText().equals("UnitMoved")
                            && e.toString().contains(id))
                    .as("no reported position in the audit log: %s", e)
                    .isFalse();
        }

        JsonNode trail = ok(s.get(trailOf(id, at.minusSeconds(60), at), "viewer", "MAS"));
        assertThat(trail.get("unit").asText()).isEqualTo(id);
        JsonNode last = trail.get("fixes").get(trail.get("fixes").size() - 1);
        assertThat(last.get("point").get("lat").asDouble()).isEqualTo(moved.lat());
        assertThat(Instant.parse(last.get("at").asText())).isEqualTo(at);

        JsonNode past = ok(s.get("/api/v1/history?at=" + enc(at.toString()), "viewer", "MAS"));
        JsonNode then = null;
        for (JsonNode u : past.get("units")) if (u.get("id").asText().equals(id)) then = u;
        assertThat(then).isNotNull();
        assertThat(then.get("position").get("point").get("lat").asDouble()).isEqualTo(moved.lat());
    }

    @Test
    void another_organisation_gets_404_on_the_trail_and_a_bad_window_is_400_naming_the_field() {
        String id = someMasUnit().id().value();
        Instant now = Instant.now();

        assertThat(s.get(trailOf(id, now.minusSeconds(60), now), "dispatcher", "WSP")
                        .status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/units/" + id + "/trail", "viewer", "MAS").status())
                .isEqualTo(200);

        var backwards = s.get(trailOf(id, now, now.minusSeconds(60)), "viewer", "MAS");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"field\":\"from\"");

        var garbled = s.get("/api/v1/units/" + id + "/trail?to=yesterday", "viewer", "MAS");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.body()).contains("to");
    }

    @Test
    void the_interval_and_retention_are_configured_and_pruning_keeps_the_latest_fix() throws Exception {
        try (TestServer own = TestServer.start(
                org.muster.store.StoreConfig.Backend.SQLITE,
                java.util.Map.of("muster.trail-interval", "P1D", "muster.trail-retention", "PT1S"))) {
            assertThat(own.node().positions().interval()).isEqualTo(java.time.Duration.ofDays(1));
            Unit unit = own.units("MAS", u -> true).getFirst();
            String id = unit.id().value();
            GeoPoint at = unit.position().orElseThrow().point();
            ok(own.post("/api/v1/units/" + id + "/position", "dispatcher", "MAS", point(at)));
            JsonNode last = ok(own.post(
                    "/api/v1/units/" + id + "/position",
                    "dispatcher",
                    "MAS",
                    point(GeoPoint.of(Math.round(at.lat() * 1e6 + 500) / 1e6, at.lon()))));
            Instant lastAt = Instant.parse(last.get("events").get(0).get("at").asText());
            String window = trailOf(id, lastAt.minusSeconds(3600), lastAt);

            // a day's sampling: the first fix of the day, and the latest
            assertThat(ok(own.get(window, "viewer", "MAS")).get("fixes")).hasSize(2);

            Thread.sleep(1_100);
            assertThat(own.node().pruneTrails()).isEqualTo(1);
            JsonNode left = ok(own.get(window, "viewer", "MAS")).get("fixes");
            assertThat(left).hasSize(1);
            assertThat(Instant.parse(left.get(0).get("at").asText())).isEqualTo(lastAt);
        }
    }

    private static String trailOf(String id, Instant from, Instant to) {
        return "/api/v1/units/" + id + "/trail?from=" + enc(from.toString()) + "&to=" + enc(to.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Reads server-sent events, with or without an id, until a UnitMoved naming {@code unit} arrives. */
    private static List<Sse> readUntilMoved(HttpResponse<Stream<String>> response, String unit) {
        List<Sse> out = new ArrayList<>();
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id:")) id = line.substring(3).strip();
                else if (line.startsWith("event:")) type = line.substring(6).strip();
                else if (line.startsWith("data:")) data.append(line.substring(5));
                else if (line.isEmpty()) {
                    if (type != null) {
                        out.add(new Sse(id, type, data.toString()));
                        if (type.equals("UnitMoved") && data.toString().contains(unit)) return out;
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                }
            }
        }
        return out;
    }
}
