package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.TestClock;
import org.muster.store.StoreConfig;

/**
 * A deployment with no generated region projects the next hours from its own calls: a service that has run
 * for a day (its calls taken, dispatched and closed through the API by its call handlers and dispatchers)
 * learns its demand from them. Before a day's history a dispatcher is told why there is nothing to project
 * with; after it, each force's dispatcher gets the projection of its own zones, said to be drawn from the
 * service's own calls, and nothing projected reaches the live service.
 */
class ProjectionFromHistoryIT {
    /** A Monday morning: the day of history runs into Tuesday. */
    private static final Instant START = Instant.parse("2026-11-16T07:00:00Z");

    private static final TestClock CLOCK = new TestClock(START);
    private static TestServer s;
    private static JsonNode tooEarly;
    private static int calls;

    @BeforeAll
    static void aDayOfCallsTakenDispatchedAndClosed() {
        // a police force has no national target: Westshire sets its own, as a force would to project against
        s = TestServer.start(
                StoreConfig.Backend.SQLITE,
                Map.of("muster.targets.WSP.EMERGENCY", "p90 15m", "muster.targets.WSP.PRIORITY", "p90 1h"),
                CLOCK.asClock());
        CLOCK.advance(Duration.ofMinutes(30));
        var early = s.get("/api/v1/projection?hours=1&replications=1", "dispatcher", "MAS");
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        tooEarly = Json.parse(early.body());
        // a parameter given twice is named by both values, not by a Java array's name
        var twice = s.get("/api/v1/projection?hours=abc&hours=2", "dispatcher", "MAS");
        assertThat(twice.status()).as(twice.body()).isEqualTo(400);
        assertThat(twice.body()).contains("abc").doesNotContain("[Ljava");
        // 26 hours: a call for each service every 45 minutes at one of its stations' doors, in turn
        List<Station> mas = stations("MAS", StationKind.AMBULANCE_STATION);
        List<Station> wsp = stations("WSP", StationKind.POLICE_STATION);
        for (int step = 0; step < 26 * 60 / 45; step++) {
            CLOCK.advance(Duration.ofMinutes(45));
            serve("MAS", "CHEST_PAIN", UnitType.DOUBLE_CREWED_AMBULANCE, near(mas.get(step % mas.size())));
            serve("WSP", "BURGLARY_IN_PROGRESS", UnitType.POLICE_RESPONSE_CAR, near(wsp.get(step % wsp.size())));
        }
        CLOCK.advance(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void with_less_than_a_day_of_calls_a_dispatcher_is_told_why_there_is_nothing_to_project_with() {
        assertThat(tooEarly.get("detail").asText())
                .contains("no demand model to project with yet", "own calls", "0.5 hours", "at least 24");
    }

    @Test
    void after_a_day_each_force_projects_its_own_zones_from_its_own_calls_and_the_live_service_is_untouched() {
        long before = s.node().engine().state().sequence();
        JsonNode mas = TestServer.ok(s.get("/api/v1/projection?hours=2&replications=2&seed=5", "dispatcher", "MAS"));
        assertThat(mas.get("demand").asText())
                .as("learned from the %d calls of the day", calls)
                .isEqualTo("the service's own " + calls + " calls over the last 26 hours");
        assertThat(mas.get("trend").asDouble()).isBetween(0.5, 3.0);
        // and each service on its own calls, the factor its calls are drawn at
        assertThat(mas.get("trendByAgency").get("AMBULANCE").asDouble()).isBetween(0.5, 3.0);
        assertThat(mas.get("trendByAgency").get("POLICE").asDouble()).isBetween(0.5, 3.0);
        assertThat(mas.get("zones")).isNotEmpty();
        for (JsonNode z : mas.get("zones"))
            assertThat(z.get("organisation").asText()).isEqualTo("MAS");

        JsonNode wsp = TestServer.ok(s.get("/api/v1/projection?hours=2&replications=1", "supervisor", "WSP"));
        assertThat(wsp.get("zones")).isNotEmpty();
        for (JsonNode z : wsp.get("zones")) {
            assertThat(z.get("organisation").asText()).isEqualTo("WSP");
            // judged on the force's own grades and targets, never on the ambulance categories' national ones
            assertThat(z.get("priority").asText()).isIn("EMERGENCY", "PRIORITY");
        }
        // the record began a day ago: the trend is judged on the last two hours
        assertThat(wsp.get("trendBasis").asText()).isEqualTo("the last 2 hours' calls");

        JsonNode esp = TestServer.ok(s.get("/api/v1/projection?hours=1&replications=1", "dispatcher", "ESP"));
        assertThat(esp.get("zones"))
                .as("Eastshire set no targets: nothing to project against")
                .isEmpty();
        assertThat(esp.get("withoutTargets")).extracting(JsonNode::asText).containsExactly("ESP");
        assertThat(mas.get("withoutTargets"))
                .as("MAS is judged against the national standards")
                .isEmpty();
        assertThat(wsp.get("withoutTargets")).isEmpty();

        // the runs' calls went to forks of the state: none is in the live state, and its log did not move
        // for them (the alert thread may have written an alert of its own meanwhile)
        var state = s.node().engine().state();
        assertThat(state.incidents().keySet()).noneMatch(id -> id.value().startsWith("PROJ-"));
        assertThat(s.node().log().listRange(before, state.sequence()))
                .allMatch(e -> e.actor().id().equals("system"));
    }

    @Test
    void each_service_exports_its_own_calls_as_a_scenario_replays_them() {
        var mas = s.get("/api/v1/calls?from=" + START, "dispatcher", "MAS");
        assertThat(mas.status()).as(mas.body()).isEqualTo(200);
        assertThat(mas.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = mas.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("received,organisation,type,lat,lon");
        // the day's calls, half of them the ambulance service's, each as it was taken
        assertThat(lines).hasSize(1 + calls / 2);
        assertThat(lines.stream().skip(1)).allMatch(l -> l.contains(",MAS,CHEST_PAIN,"));
        assertThat(lines.get(1)).startsWith(START.plus(Duration.ofMinutes(75)) + ",MAS,");

        var wsp = s.get("/api/v1/calls?from=" + START, "supervisor", "WSP");
        assertThat(wsp.body().lines().skip(1)).hasSize(calls / 2).allMatch(l -> l.contains(",WSP,"));
        var everyone = s.get("/api/v1/calls?from=" + START, "coordinator", "*");
        assertThat(everyone.body().lines().skip(1)).hasSize(calls);
        var none = s.get("/api/v1/calls?from=" + START, "dispatcher", "ESP");
        assertThat(none.body().lines()).containsExactly("received,organisation,type,lat,lon");

        var backwards = s.get(
                "/api/v1/calls?from=" + START.plus(Duration.ofHours(2)) + "&to=" + START.plus(Duration.ofHours(1)),
                "dispatcher",
                "MAS");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("from", "must be before to");
        assertThat(s.get("/api/v1/calls", "dispatcher", "MAS").status()).isEqualTo(400);
    }

    /** The call taken by the call handler, sent and closed by the dispatcher, the crew free again by the close. */
    private static void serve(String org, String type, UnitType kind, GeoPoint at) {
        String id = s.newIncident(org, type, at);
        calls++;
        String unit = s.units(org, u -> u.status() == UnitStatus.AVAILABLE && u.type() == kind)
                .getFirst()
                .id()
                .value();
        TestServer.ok(
                s.post("/api/v1/incidents/" + id + "/assignments", "dispatcher", org, "{\"unit\":\"" + unit + "\"}"));
        TestServer.ok(s.post("/api/v1/incidents/" + id + "/close", "dispatcher", org, "{\"reason\":\"treated\"}"));
    }

    private static List<Station> stations(String org, StationKind kind) {
        List<Station> out = new ArrayList<>(s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(org)) && st.kind() == kind)
                .sorted(java.util.Comparator.comparing(st -> st.id().value()))
                .toList());
        assertThat(out).as(org + " has " + kind).isNotEmpty();
        return out;
    }

    private static GeoPoint near(Station st) {
        return new GeoPoint(st.location().lat() + 0.002, st.location().lon() + 0.002);
    }
}
