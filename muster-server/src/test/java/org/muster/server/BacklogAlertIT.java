package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.eventually;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.store.StoreConfig;

/**
 * The backlog forecast in the running service: a force with its own 15-minute target for emergencies has all but
 * one of its units withdrawn, its emergencies come in faster than the one car can clear them, and a backlog alert
 * is raised to the force's supervisors and no one else's; each force's own supervisor accepts or dismisses it,
 * and the decision stands while the calls keep coming. And a force whose armed response vehicles are all off the
 * road has its firearms calls forecast against the armed units it has, none, not the response cars it has free.
 */
class BacklogAlertIT {
    private static TestServer s;

    @BeforeAll
    static void start() {
        // its own server: the test takes two forces' units off the road
        s = TestServer.start(
                StoreConfig.Backend.POSTGRESQL,
                Map.of(
                        "muster.targets.WSP.EMERGENCY",
                        "15m",
                        "muster.targets.ESP.EMERGENCY",
                        "15m",
                        "muster.targets.NSP.EMERGENCY",
                        "20m"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void emergencies_outpacing_a_forces_units_raise_a_backlog_alert_its_supervisor_decides() throws Exception {
        JsonNode wsp = walkoutAndCalls("WSP");
        String id = wsp.get("id").asText();
        assertThat(wsp.get("key").asText()).isEqualTo("backlog:WSP");
        assertThat(wsp.get("organisations").toString()).isEqualTo("[\"WSP\"]");
        assertThat(wsp.get("summary").asText())
                .contains("emergency calls an hour")
                .contains("against 1 unit on duty")
                .contains("waiting for a unit to come free")
                .contains("response target less")
                .contains("ask for mutual aid");
        JsonNode evidence = wsp.get("evidence");
        assertThat(evidence.get("priority").asText()).isEqualTo("EMERGENCY");
        assertThat(evidence.get("units_on_duty").asText()).isEqualTo("1");
        assertThat(evidence.get("response_target").asText()).isEqualTo("15 min");
        assertThat(Integer.parseInt(evidence.get("waiting").asText())).isPositive();
        assertThat(evidence.has("arrivals_per_hour")).isTrue();
        assertThat(evidence.has("mean_job_time")).isTrue();
        assertThat(evidence.has("time_to_breach")).isTrue();
        // another service neither lists nor reads it
        assertThat(s.get("/api/v1/alerts?all=true", "supervisor", "MAS").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/alerts/" + id, "viewer", "ESP").status()).isEqualTo(404);

        // the force's supervisor dismisses it with a reason; more calls come in, and no new alert asks again
        ok(s.post(
                "/api/v1/alerts/" + id + "/dismiss",
                "supervisor",
                "WSP",
                "{\"reason\":\"mutual aid already on its way\"}"));
        GeoPoint at = stationOf("WSP");
        for (int k = 0; k < 3; k++) s.newIncident("WSP", "RTC", at);
        Thread.sleep(2_000); // the raiser looks again with each call
        List<JsonNode> all = backlogAlerts(ok(s.get("/api/v1/alerts?all=true", "supervisor", "WSP")), "WSP");
        assertThat(all).as(all.toString()).hasSize(1);
        assertThat(all.getFirst().get("status").asText()).isEqualTo("DISMISSED");
        assertThat(all.getFirst().get("decisionReason").asText()).isEqualTo("mutual aid already on its way");

        // another force's own supervisor accepts its own, which stays accepted as the calls go on
        JsonNode esp = walkoutAndCalls("ESP");
        String espId = esp.get("id").asText();
        assertThat(espId).isNotEqualTo(id);
        assertThat(esp.get("organisations").toString()).isEqualTo("[\"ESP\"]");
        assertThat(s.post("/api/v1/alerts/" + espId + "/accept", "supervisor", "WSP", "{\"reason\":\"not ours\"}")
                        .status())
                .isEqualTo(404);
        ok(s.post(
                "/api/v1/alerts/" + espId + "/accept",
                "supervisor",
                "ESP",
                "{\"reason\":\"asking the neighbours for cars\"}"));
        GeoPoint espAt = stationOf("ESP");
        for (int k = 0; k < 3; k++) s.newIncident("ESP", "RTC", espAt);
        Thread.sleep(2_000);
        List<JsonNode> esps = backlogAlerts(ok(s.get("/api/v1/alerts?all=true", "supervisor", "ESP")), "ESP");
        assertThat(esps).as(esps.toString()).hasSize(1);
        assertThat(esps.getFirst().get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void firearmsCallsWithNoArmedUnitOnTheRoadRaiseAnArmedBacklogAlertThoughCarsAreFree() {
        String force = "NSP";
        List<Unit> armed =
                s.units(force, u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE);
        assertThat(armed).as(force + " has armed response vehicles on the road").isNotEmpty();
        withdraw(force, armed);
        List<Unit> cars =
                s.units(force, u -> u.type() == UnitType.POLICE_RESPONSE_CAR && u.status() == UnitStatus.AVAILABLE);
        assertThat(cars).as(force + "'s response cars stay free").hasSizeGreaterThan(2);

        GeoPoint at = stationOf(force);
        String first = s.newIncident(force, "FIREARMS", at);
        s.newIncident(force, "FIREARMS", at);
        String key = "backlog:" + force + ":ARMED";
        JsonNode listed = eventually(
                () -> ok(s.get("/api/v1/alerts", "supervisor", force)),
                l -> !alertsKeyed(l, key).isEmpty());
        List<JsonNode> raised = alertsKeyed(listed, key);
        assertThat(raised).as(listed.toString()).hasSize(1);
        JsonNode alert = raised.getFirst();
        assertThat(alert.get("kind").asText()).isEqualTo("backlog");
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("organisations").toString()).isEqualTo("[\"" + force + "\"]");
        assertThat(alert.get("summary").asText())
                .contains("emergency calls needing armed units (ARMED)")
                .contains("against no unit with it on duty")
                .contains("the oldest " + first)
                .contains("no unit of " + force + " with the armed capability is on duty")
                .contains("ask for mutual aid for armed units");
        JsonNode evidence = alert.get("evidence");
        assertThat(evidence.get("capability").asText()).isEqualTo("ARMED");
        assertThat(evidence.get("units_on_duty").asText()).isEqualTo("0");
        assertThat(evidence.get("oldest_call").asText()).isEqualTo(first);
        assertThat(evidence.get("response_target").asText()).isEqualTo("20 min");
        // the force's free cars are not counted against its firearms calls, nor are they short of cars
        assertThat(alertsKeyed(listed, "backlog:" + force)).isEmpty();

        // another force's supervisor neither lists nor reads it
        String id = alert.get("id").asText();
        assertThat(s.get("/api/v1/alerts?all=true", "supervisor", "WSP").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/alerts/" + id, "supervisor", "WSP").status()).isEqualTo(404);
        assertThat(ok(s.get("/api/v1/alerts/" + id, "supervisor", force))
                        .get("key")
                        .asText())
                .isEqualTo(key);
    }

    private static void withdraw(String force, List<Unit> which) {
        String units = which.stream().map(u -> "\"" + u.id().value() + "\"").collect(Collectors.joining(","));
        String selection = "{\"selection\":{\"units\":[" + units + "],\"organisation\":null,\"type\":null,"
                + "\"capability\":null,\"share\":1.0,\"seed\":1}}";
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                force,
                "{\"type\":\"WithdrawUnits\",\"reason\":\"armed officers stood down\",\"command\":" + selection + "}"));
    }

    private static List<JsonNode> alertsKeyed(JsonNode list, String key) {
        List<JsonNode> out = new ArrayList<>();
        list.get("alerts").forEach(a -> {
            if (a.get("key").asText().equals(key)) out.add(a);
        });
        return out;
    }

    /**
     * The force's own supervisor withdraws every unit of the force but one free car; five emergencies come in.
     * Answers the backlog alert its supervisor then lists.
     */
    private static JsonNode walkoutAndCalls(String force) {
        List<Unit> free = s.units(force, u -> u.status() == UnitStatus.AVAILABLE);
        assertThat(free).as(force + " has units on the road").hasSizeGreaterThan(1);
        Unit kept = free.stream()
                .filter(u -> u.type() == org.muster.domain.unit.UnitType.POLICE_RESPONSE_CAR)
                .findFirst()
                .orElse(free.getFirst());
        String units = s.units(force, u -> !u.id().equals(kept.id())).stream()
                .map(u -> "\"" + u.id().value() + "\"")
                .collect(Collectors.joining(","));
        String selection = "{\"selection\":{\"units\":[" + units + "],\"organisation\":null,\"type\":null,"
                + "\"capability\":null,\"share\":1.0,\"seed\":1}}";
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                force,
                "{\"type\":\"WithdrawUnits\",\"reason\":\"industrial action\",\"command\":" + selection + "}"));
        assertThat(s.units(force, u -> u.status() != UnitStatus.UNAVAILABLE))
                .extracting(Unit::id)
                .containsExactly(kept.id());
        GeoPoint at = stationOf(force);
        for (int k = 0; k < 5; k++) s.newIncident(force, "RTC", at);
        JsonNode listed = eventually(
                () -> ok(s.get("/api/v1/alerts", "supervisor", force)),
                l -> !backlogAlerts(l, force).isEmpty());
        List<JsonNode> raised = backlogAlerts(listed, force);
        assertThat(raised).as(listed.toString()).hasSize(1);
        assertThat(raised.getFirst().get("kind").asText()).isEqualTo("backlog");
        assertThat(raised.getFirst().get("status").asText()).isEqualTo("OPEN");
        return raised.getFirst();
    }

    private static List<JsonNode> backlogAlerts(JsonNode list, String force) {
        List<JsonNode> out = new ArrayList<>();
        list.get("alerts").forEach(a -> {
            if (a.get("key").asText().equals("backlog:" + force)) out.add(a);
        });
        return out;
    }

    private static GeoPoint stationOf(String force) {
        return s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().value().equals(force))
                .sorted(java.util.Comparator.comparing(st -> st.id().value()))
                .findFirst()
                .orElseThrow()
                .location();
    }
}
