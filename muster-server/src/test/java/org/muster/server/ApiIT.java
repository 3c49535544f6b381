package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.ZoneId;

/** The API as a control room uses it, against a real PostgreSQL, over loopback. */
class ApiIT {
    private final TestServer s = SharedServer.get();

    /** A MAS station's location, nudged: inside a MAS zone and near roads. */
    private GeoPoint masPoint(int i) {
        List<Station> stations = new ArrayList<>(s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of("MAS")))
                .sorted(java.util.Comparator.comparing(Station::id))
                .toList());
        GeoPoint p = stations.get(i % stations.size()).location();
        return new GeoPoint(p.lat() + 0.004, p.lon() + 0.004);
    }

    @Test
    void a_call_taken_recommended_and_dispatched_in_one_click() {
        String id = s.newIncident("MAS", "CHEST_PAIN", masPoint(0));
        var incident =
                Json.parse(s.get("/api/v1/incidents/" + id, "dispatcher", "MAS").body());
        assertThat(incident.get("priority").asText()).isEqualTo("C2");

        var rec = s.get("/api/v1/incidents/" + id + "/recommendation", "dispatcher", "MAS");
        assertThat(rec.status()).as(rec.body()).isEqualTo(200);
        JsonNode proposed = Json.parse(rec.body()).get("fills").get(0).get("proposed");
        assertThat(proposed).isNotEmpty();
        String unit = proposed.get(0).get("unit").asText();
        assertThat(proposed.get(0).get("reason").asText()).isNotBlank();

        var sent = s.post("/api/v1/incidents/" + id + "/dispatch-recommended", "dispatcher", "MAS", null);
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var u = Json.parse(s.get("/api/v1/units/" + unit, "dispatcher", "MAS").body());
        assertThat(u.get("status").asText()).isEqualTo("DISPATCHED");
        // a second click finds nothing left to send, and says so rather than "no units available"
        var twice = s.post("/api/v1/incidents/" + id + "/dispatch-recommended", "dispatcher", "MAS", null);
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(Json.parse(twice.body()).get("detail").asText())
                .isEqualTo("nothing left to send to " + id + ": every requirement has its units assigned");

        // the state moved on: the same unit cannot be sent to a second call
        String other = s.newIncident("MAS", "STROKE", masPoint(0));
        var again = s.post(
                "/api/v1/incidents/" + other + "/assignments", "dispatcher", "MAS", "{\"unit\":\"" + unit + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.parse(again.body()).get("detail").asText()).contains("is DISPATCHED to incident " + id);

        // en route, on scene: the crew's terminal
        var status = s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(Json.parse(s.get("/api/v1/units/" + unit, "viewer", "MAS").body())
                        .get("status")
                        .asText())
                .isEqualTo("EN_ROUTE");
    }

    @Test
    void bad_input_names_field_value_and_rule_and_changes_nothing() {
        long before = s.node().engine().state().sequence();
        var r = s.post(
                "/api/v1/incidents",
                "call-handler",
                "MAS",
                "{\"organisation\":\"MAS\",\"type\":\"CHEST_PAIN\",\"location\":{\"lat\":95,\"lon\":0}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode problem = Json.parse(r.body());
        assertThat(problem.get("title").asText()).isEqualTo("Invalid input");
        JsonNode v = problem.get("violations").get(0);
        assertThat(v.get("field").asText()).contains("lat");
        assertThat(v.get("value").asText()).isEqualTo("95.0");
        assertThat(v.get("rule").asText()).isNotBlank();

        var unknownField =
                s.post("/api/v1/incidents", "call-handler", "MAS", "{\"organisation\":\"MAS\",\"colour\":\"red\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body())
                .contains("colour", "is not a field of this request: one of [", "location")
                .doesNotContain("class org.");

        var unknownType = s.post(
                "/api/v1/incidents",
                "call-handler",
                "MAS",
                "{\"organisation\":\"MAS\",\"type\":\"ALIEN_LANDING\",\"location\":{\"lat\":52.6,\"lon\":-1.2}}");
        // a type the catalogue lacks is bad input in the body, named with the service's own types
        assertThat(unknownType.status()).as(unknownType.body()).isEqualTo(400);
        assertThat(unknownType.body()).contains("\"field\":\"type\"", "ALIEN_LANDING", "CARDIAC_ARREST");

        assertThat(s.post("/api/v1/incidents", "call-handler", "MAS", "{not json")
                        .status())
                .isEqualTo(400);
        assertThat(s.get("/api/v1/incidents/NO-SUCH", "viewer", "MAS").status()).isEqualTo(404);
        // a query parameter names the values it takes, optional or listed alike (it read "must be a valid Optional")
        var flying = s.get("/api/v1/units?status=FLYING", "viewer", "MAS");
        assertThat(flying.status()).isEqualTo(400);
        assertThat(flying.body()).contains("FLYING", "one of [AVAILABLE").doesNotContain("Optional");
        var bad = s.get("/api/v1/alerts?status=BAD", "viewer", "MAS");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("BAD", "one of [OPEN").doesNotContain("valid List");
        assertThat(s.send("PATCH", "/api/v1/incidents", TestServer.tokenOf("admin", "*"), "{}")
                        .status())
                .isEqualTo(405);
        // the body's own field is named, not the command's ('reason' is the log's in this body)
        String unit = s.units("MAS", u -> true).getFirst().id().value();
        var unavailable =
                s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"UNAVAILABLE\"}");
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(400);
        JsonNode why = Json.parse(unavailable.body()).get("violations").get(0);
        assertThat(why.get("field").asText()).isEqualTo("unavailableReason");
        // left out: the value says so as the detail does ("unavailableReason (missing)"), not "null"
        assertThat(why.get("value").asText()).isEqualTo("(missing)");
        assertThat(Json.parse(unavailable.body()).get("detail").asText()).contains("unavailableReason (missing)");
        assertThat(why.get("rule").asText()).contains("is required when the status is UNAVAILABLE", "OUT_OF_SERVICE");
        var stray = s.post(
                "/api/v1/units/" + unit + "/status",
                "dispatcher",
                "MAS",
                "{\"status\":\"RETURNING\",\"unavailableReason\":\"OFF_DUTY\"}");
        assertThat(stray.status()).as(stray.body()).isEqualTo(400);
        assertThat(stray.body()).contains("\"field\":\"unavailableReason\"", "OFF_DUTY");
        // a safe minimum says why it changes, as a level does
        for (String body : List.of("{\"minimum\":3}", "{\"minimum\":3,\"reason\":\" \"}")) {
            var minimum = s.send(
                    "PUT",
                    "/api/v1/zones/MAS-AREA/safe-minimums/DOUBLE_CREWED_AMBULANCE",
                    TestServer.tokenOf("supervisor", "MAS"),
                    body);
            assertThat(minimum.status()).as(minimum.body()).isEqualTo(400);
            assertThat(minimum.body()).contains("\"field\":\"reason\"", "must say why the safe minimum changes");
        }
        // and so through the general command endpoint: one rule, the gateway's
        var byCommand = s.post(
                "/api/v1/commands",
                "supervisor",
                "MAS",
                "{\"type\":\"SetSafeMinimum\",\"reason\":\"\",\"command\":{\"zone\":\"MAS-AREA\",\"type\":"
                        + "\"DOUBLE_CREWED_AMBULANCE\",\"minimum\":3}}");
        assertThat(byCommand.status()).as(byCommand.body()).isEqualTo(400);
        assertThat(byCommand.body()).contains("\"field\":\"reason\"", "must say why the safe minimum changes");
        // one alert alone is a 404 problem when there is none, not a missing static file
        var noAlert = s.get("/api/v1/alerts/NO-SUCH-ALERT", "viewer", "MAS");
        assertThat(noAlert.status()).isEqualTo(404);
        assertThat(noAlert.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(noAlert.body()).contains("NO-SUCH-ALERT").doesNotContain("static resource");
        assertThat(s.loggedByUsersSince(before)).isEmpty();
    }

    @Test
    void a_retry_with_the_same_idempotency_key_acts_once() {
        GeoPoint p = masPoint(1);
        String body = String.format(
                Locale.ROOT,
                "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":%.6f,\"lon\":%.6f}}",
                p.lat(),
                p.lon());
        var req = java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/incidents"))
                .header("Authorization", "Bearer " + TestServer.tokenOf("call-handler", "MAS"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "call-4711")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var first = s.http().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            long after = s.node().engine().state().sequence();
            var second = s.http().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(Json.parse(second.body()).get("repeated").asBoolean()).isTrue();
            assertThat(Json.parse(second.body()).get("lastSequence").asLong())
                    .isEqualTo(Json.parse(first.body()).get("lastSequence").asLong());
            assertThat(s.loggedByUsersSince(after))
                    .as("the retry logged nothing")
                    .isEmpty();
            // the same key with another request names another command: acted on, never answered as the first
            var other = s.http()
                    .send(
                            java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/incidents"))
                                    .header("Authorization", "Bearer " + TestServer.tokenOf("call-handler", "MAS"))
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", "call-4711")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            body.replace("STROKE", "FALL")))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
            assertThat(Json.parse(other.body()).get("repeated").asBoolean()).isFalse();
            assertThat(s.loggedByUsersSince(after))
                    .as("the other request's call is in the log")
                    .isNotEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void escort_required_pairs_the_next_ambulance_with_police() {
        GeoPoint p = masPoint(2);
        ZoneId zone = s.node().rules().zones().zonesAt(p).stream()
                .filter(z -> s.node().engine().state().getZone(z).organisation().equals(OrganisationId.of("MAS")))
                .findFirst()
                .orElseThrow();
        var level = s.send(
                "PUT",
                "/api/v1/zones/" + zone.value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"ESCORT_REQUIRED\",\"reason\":\"crews attacked on the estate\"}");
        assertThat(level.status()).as(level.body()).isEqualTo(200);
        try {
            String id = s.newIncident("MAS", "STROKE", p);
            var sent = s.post("/api/v1/incidents/" + id + "/dispatch-recommended", "dispatcher", "MAS", null);
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            JsonNode incident = Json.parse(
                    s.get("/api/v1/incidents/" + id, "dispatcher", "MAS").body());
            List<String> roles = new ArrayList<>();
            incident.get("assignments").forEach(a -> roles.add(a.get("role").asText()));
            assertThat(roles).contains("PRIMARY", "ESCORT");

            // every force withdraws its escorts: the next call's crew is sent, and the queue says it is short of
            // an escort, not of units
            for (String force : List.of("WSP", "ESP", "NSP"))
                assertThat(escorts(force, false).status()).isEqualTo(200);
            String next = s.newIncident("MAS", "STROKE", p);
            var crew = s.post("/api/v1/incidents/" + next + "/dispatch-recommended", "dispatcher", "MAS", null);
            assertThat(crew.status()).as(crew.body()).isEqualTo(200);
            JsonNode waiting = TestServer.eventually(
                    () -> {
                        for (JsonNode w : Json.parse(s.get("/api/v1/queue", "dispatcher", "MAS")
                                        .body())
                                .get("waiting")) if (w.get("incident").asText().equals(next)) return w;
                        return null;
                    },
                    w -> w != null && w.get("noEscortAvailable").asBoolean());
            assertThat(waiting.get("noUnitsAvailable").asBoolean()).isTrue();
        } finally {
            for (String force : List.of("WSP", "ESP", "NSP")) escorts(force, true);
            s.send(
                    "PUT",
                    "/api/v1/zones/" + zone.value() + "/level",
                    TestServer.tokenOf("supervisor", "MAS"),
                    "{\"level\":\"NORMAL\",\"reason\":\"test over\"}");
        }
    }

    /** A force's supervisor agrees, or withdraws, its standing escorts for the ambulance service. */
    private TestServer.Answer escorts(String force, boolean agreed) {
        return s.post(
                "/api/v1/commands",
                "supervisor",
                force,
                "{\"type\":\"SetEscortAgreement\",\"command\":{\"escorting\":\"" + force
                        + "\",\"escorted\":\"MAS\",\"agreed\":" + agreed + "},\"reason\":\"test\"}");
    }

    @Test
    void health_is_open_and_metrics_are_prometheus_for_admins() {
        assertThat(s.send("GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(s.send("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
        assertThat(s.get("/actuator/prometheus", "viewer", "MAS").status()).isEqualTo(403);
        var metrics = s.get("/actuator/prometheus", "admin", "*");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void the_openapi_document_describes_the_api() {
        var doc = s.send("GET", "/v3/api-docs", null, null);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = Json.parse(doc.body()).get("paths");
        assertThat(paths.has("/api/v1/incidents")).isTrue();
        assertThat(paths.has("/api/v1/incidents/{id}/dispatch-recommended")).isTrue();
        assertThat(paths.has("/api/v1/stream")).isTrue();
        assertThat(paths.has("/api/v1/aid/requests/{id}/offers/{offer}/accept")).isTrue();
    }

    /**
     * docs/api/openapi.json is the document the server serves. After changing the API, refresh it with
     * {@code ./mvnw -pl muster-server verify -Dtest=ApiIT -Dmuster.update-api-docs=true}.
     */
    @Test
    void the_published_openapi_document_is_current() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        Object tree = mapper.readValue(s.send("GET", "/v3/api-docs", null, null).body(), java.util.Map.class);
        String served =
                mapper.writeValueAsString(tree).replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://localhost:8080")
                        + "\n";
        java.nio.file.Path published = java.nio.file.Path.of("..", "docs", "api", "openapi.json");
        if (Boolean.getBoolean("muster.update-api-docs")) {
            java.nio.file.Files.createDirectories(published.getParent());
            java.nio.file.Files.writeString(published, served);
        }
        assertThat(published)
                .as("docs/api/openapi.json; refresh it as this test's Javadoc says")
                .exists();
        assertThat(java.nio.file.Files.readString(published))
                .as("docs/api/openapi.json is out of date; refresh it as this test's Javadoc says")
                .isEqualTo(served);
    }
}
