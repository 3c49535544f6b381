package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.UnitId;

/**
 * Road closures in the running service: a force's supervisor closes the roads round the unit that would
 * go first, and the very next recommendation sends another, slower one, naming the closure; reopened, the
 * first unit is back. The coordinator may close and reopen anywhere; another force's supervisor and a
 * dispatcher may not; bad closures are refused naming the field and change nothing.
 */
class RoadClosuresIT {
    private final TestServer s = SharedServer.get();

    private GeoPoint masPoint(int i) {
        List<Station> stations = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of("MAS")))
                .sorted(java.util.Comparator.comparing(st -> st.id().value()))
                .toList();
        GeoPoint p = stations.get(i % stations.size()).location();
        return new GeoPoint(p.lat() + 0.004, p.lon() + 0.004);
    }

    private JsonNode recommendation(String incident) {
        return TestServer.ok(s.get("/api/v1/incidents/" + incident + "/recommendation", "dispatcher", "MAS"));
    }

    private static JsonNode first(JsonNode recommendation) {
        return recommendation.get("fills").get(0).get("proposed").get(0);
    }

    private static String closure(String id, String org, String kind, List<GeoPoint> points, Instant reviewAt) {
        String pts = points.stream()
                .map(p -> String.format(Locale.ROOT, "{\"lat\":%.6f,\"lon\":%.6f}", p.lat(), p.lon()))
                .collect(Collectors.joining(","));
        return String.format(
                "{\"id\":\"%s\",\"organisation\":\"%s\",\"kind\":\"%s\",\"points\":[%s],"
                        + "\"reason\":\"flooding\",\"reviewAt\":\"%s\"}",
                id, org, kind, pts, reviewAt);
    }

    private Instant inTwoHours() {
        return s.node().clock().instant().plus(Duration.ofHours(2));
    }

    @Test
    void a_supervisor_closes_the_roads_round_the_first_unit_and_another_goes_until_they_reopen() {
        String incident = s.newIncident("MAS", "CHEST_PAIN", masPoint(3));
        JsonNode before = first(recommendation(incident));
        String unit = before.get("unit").asText();
        GeoPoint at = s.node()
                .engine()
                .state()
                .getUnit(UnitId.of(unit))
                .position()
                .orElseThrow()
                .point();
        double away = at.distanceMetersTo(s.node()
                .engine()
                .state()
                .getIncident(org.muster.domain.incident.IncidentId.of(incident))
                .location());
        String id = "RC-IT-" + System.nanoTime();

        var closed = s.post(
                "/api/v1/road-closures",
                "supervisor",
                "MAS",
                closure(id, "MAS", "AREA", at.squareAround(Math.min(400, away * 0.8)), inTwoHours()));
        try {
            assertThat(closed.status()).as(closed.body()).isEqualTo(201);
            assertThat(closed.headers().firstValue("Location")).hasValue("/api/v1/road-closures/" + id);
            // the very next recommendation routes round it, with no graph rebuilt; how soon, in milliseconds,
            // is measured by ./muster bench closures, not timed here on a shared machine
            JsonNode during = recommendation(incident);
            assertThat(first(during).get("unit").asText()).isNotEqualTo(unit);
            assertThat(first(during).get("travelTimeMillis").asLong())
                    .isGreaterThanOrEqualTo(before.get("travelTimeMillis").asLong());
            assertThat(during.get("notes").toString()).contains(id + " (flooding)");

            // on the map and in the list for every service, with the road stretches it closes
            JsonNode list = TestServer.ok(s.get("/api/v1/road-closures", "viewer", "WSP"));
            JsonNode mine = null;
            for (JsonNode c : list.get("closures")) if (c.get("id").asText().equals(id)) mine = c;
            assertThat(mine).as(list.toString()).isNotNull();
            assertThat(mine.get("kind").asText()).isEqualTo("AREA");
            assertThat(list.get("stretches").get(id).asInt()).isPositive();
        } finally {
            var reopened = s.post(
                    "/api/v1/road-closures/" + id + "/reopen", "supervisor", "MAS", "{\"reason\":\"water gone\"}");
            assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        }
        JsonNode after = first(recommendation(incident));
        assertThat(after.get("unit").asText()).isEqualTo(unit);
        assertThat(after.get("travelTimeMillis").asLong())
                .isEqualTo(before.get("travelTimeMillis").asLong());
        assertThat(s.get("/api/v1/road-closures/" + id, "viewer", "MAS").status())
                .isEqualTo(404);
    }

    @Test
    void a_closure_on_a_units_way_is_flagged_to_its_dispatcher_and_coverage_counts_it() {
        // a call some way from the station, so that the unit sent has a road journey to be cut
        GeoPoint station = masPoint(2);
        String incident = s.newIncident("MAS", "CHEST_PAIN", GeoPoint.of(station.lat() + 0.02, station.lon() + 0.03));
        String unit = first(recommendation(incident)).get("unit").asText();
        var sent = s.post(
                "/api/v1/incidents/" + incident + "/assignments", "dispatcher", "MAS", "{\"unit\":\"" + unit + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        GeoPoint from = s.node()
                .engine()
                .state()
                .getUnit(UnitId.of(unit))
                .position()
                .orElseThrow()
                .point();
        GeoPoint scene = s.node()
                .getIncident(org.muster.domain.incident.IncidentId.of(incident))
                .location();
        List<GeoPoint> route = s.node()
                .roads()
                .orElseThrow()
                .findRouteShape(org.muster.geo.road.RoadProfile.EMERGENCY, from, scene)
                .orElseThrow()
                .points();
        double coveredBefore = coveredOnce();
        String id = "RC-IT-" + System.nanoTime();
        var closed = s.post(
                "/api/v1/road-closures",
                "supervisor",
                "MAS",
                closure(id, "MAS", "AREA", route.get(route.size() / 2).squareAround(600), inTwoHours()));
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        try {
            // the ambulance service's dispatcher sees the journey flagged, naming the closure and the time
            JsonNode flag = TestServer.eventually(
                            () -> TestServer.ok(s.get("/api/v1/alerts", "dispatcher", "MAS")),
                            l -> closedRoute(l, unit) != null)
                    .path("alerts");
            JsonNode alert = closedRoute(TestServer.ok(s.get("/api/v1/alerts", "dispatcher", "MAS")), unit);
            assertThat(alert).as(flag.toString()).isNotNull();
            assertThat(alert.get("summary").asText())
                    .contains("on its way to incident " + incident)
                    .contains(id + " (flooding)");
            assertThat(alert.get("evidence").get("closures").asText()).contains(id);
            // the police control room does not see the ambulance's journey
            assertThat(s.get("/api/v1/alerts", "dispatcher", "WSP").body())
                    .doesNotContain(alert.get("id").asText());
            var ack = s.post(
                    "/api/v1/alerts/" + alert.get("id").asText() + "/accept",
                    "dispatcher",
                    "MAS",
                    "{\"reason\":\"crew told to go round\"}");
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            // live coverage counts closed roads out at once: every road within 1.5 km of a station
            var wide = s.post(
                    "/api/v1/road-closures",
                    "supervisor",
                    "MAS",
                    closure(id + "-W", "MAS", "AREA", station.squareAround(3000), inTwoHours()));
            assertThat(wide.status()).as(wide.body()).isEqualTo(201);
            assertThat(coveredOnce()).isLessThan(coveredBefore);
        } finally {
            for (String closure : List.of(id, id + "-W")) {
                var reopened = s.post("/api/v1/road-closures/" + closure + "/reopen", "supervisor", "MAS", null);
                assertThat(reopened.status()).as(reopened.body()).isIn(200, 404);
            }
        }
        assertThat(coveredOnce()).isEqualTo(coveredBefore);
    }

    /** The ambulance service's demand covered within C1's target, as its dispatcher reads it. */
    private double coveredOnce() {
        JsonNode coverage = TestServer.ok(s.get("/api/v1/coverage", "dispatcher", "MAS"));
        for (JsonNode layer : coverage.get("layers")) {
            JsonNode key = layer.get("layer");
            if (key.get("organisation").toString().contains("\"MAS\"")
                    && key.get("standard").toString().contains("C1")
                    && (key.get("unitType") == null || key.get("unitType").isNull()))
                return layer.get("overall").get("coveredOnce").asDouble();
        }
        throw new AssertionError("no C1 layer for MAS in " + coverage);
    }

    private static JsonNode closedRoute(JsonNode list, String unit) {
        for (JsonNode a : list.get("alerts"))
            if (a.get("kind").asText().equals("closed-route")
                    && a.get("key").asText().equals("closed-route:" + unit)
                    && a.get("status").asText().equals("OPEN")) return a;
        return null;
    }

    @Test
    void only_the_forces_own_supervisors_and_the_coordinator_close_its_roads() {
        GeoPoint on = masPoint(1);
        String id = "RC-IT-" + System.nanoTime();
        String body = closure(id, "MAS", "ROAD", List.of(on), inTwoHours());
        long sequence = s.node().engine().state().sequence();
        assertThat(s.post("/api/v1/road-closures", "supervisor", "WSP", body).status())
                .isEqualTo(403);
        assertThat(s.post("/api/v1/road-closures", "dispatcher", "MAS", body).status())
                .isEqualTo(403);
        assertThat(s.post("/api/v1/road-closures", "viewer", "*", body).status())
                .isEqualTo(403);
        assertThat(s.node().engine().state().findRoadClosure(org.muster.domain.road.RoadClosureId.of(id)))
                .isEmpty();
        // the shared service logs other work meanwhile (alerts raised and resolved): none of it a closure
        assertThat(s.node().log().listRange(sequence, s.node().log().lastSequence()))
                .noneMatch(e -> e.event() instanceof org.muster.domain.event.Event.RoadClosed);

        var byCoordinator = s.post("/api/v1/road-closures", "coordinator", "*", body);
        assertThat(byCoordinator.status()).as(byCoordinator.body()).isEqualTo(201);
        // nor may another force lift it
        assertThat(s.post("/api/v1/road-closures/" + id + "/reopen", "supervisor", "WSP", null)
                        .status())
                .isEqualTo(403);
        var reopened = s.post("/api/v1/road-closures/" + id + "/reopen", "coordinator", "*", null);
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
    }

    @Test
    void bad_closures_are_refused_naming_the_field_and_change_nothing() {
        long sequence = s.node().engine().state().sequence();
        var empty = s.post(
                "/api/v1/road-closures", "supervisor", "MAS", closure("RC-E", "MAS", "AREA", List.of(), inTwoHours()));
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(field(empty)).isEqualTo("points");

        GeoPoint p = masPoint(0);
        var flat = s.post(
                "/api/v1/road-closures",
                "supervisor",
                "MAS",
                closure("RC-E", "MAS", "AREA", List.of(p, GeoPoint.of(p.lat() + 0.001, p.lon())), inTwoHours()));
        assertThat(flat.status()).as(flat.body()).isEqualTo(400);
        assertThat(Json.parse(flat.body()).get("violations").get(0).get("rule").asText())
                .contains("at least 3 different corners");

        var past = s.post(
                "/api/v1/road-closures",
                "supervisor",
                "MAS",
                closure(
                        "RC-E",
                        "MAS",
                        "ROAD",
                        List.of(p),
                        s.node().clock().instant().minusSeconds(60)));
        assertThat(past.status()).as(past.body()).isEqualTo(400);
        assertThat(field(past)).isEqualTo("reviewAt");

        var unknown = s.post("/api/v1/road-closures/RC-NO-SUCH/reopen", "supervisor", "MAS", null);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("RC-NO-SUCH");
        assertThat(s.node().log().listRange(sequence, s.node().log().lastSequence()))
                .as("nothing refused was logged (the shared service's alerts may be)")
                .noneMatch(e -> e.event() instanceof org.muster.domain.event.Event.RoadClosed
                        || e.event() instanceof org.muster.domain.event.Event.RoadReopened);
    }

    private static String field(TestServer.Answer a) {
        return Json.parse(a.body()).get("violations").get(0).get("field").asText();
    }
}
