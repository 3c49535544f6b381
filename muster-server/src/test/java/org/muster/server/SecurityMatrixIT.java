package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.Unit;
import org.muster.server.security.Role;
import org.muster.server.security.Role.Action;

/**
 * Every role against every endpoint, within its own organisation: what the role grants is not refused,
 * what it does not grant is 403, and nobody unsigned gets anything but 401. Then isolation between
 * organisations: another force's incidents and units are not found, its zones not acted on.
 */
class SecurityMatrixIT {
    private static final TestServer S = SharedServer.get();
    private static String incident;
    private static String unit;
    private static String zone;
    private static String aid;

    record Endpoint(String method, String path, String body, Action action) {
        String resolved(String role) {
            return path.replace("{incident}", incident)
                    .replace("{unit}", unit)
                    .replace("{zone}", zone)
                    .replace("{aid}", aid)
                    .replace("{role}", role.toUpperCase(Locale.ROOT).replace('-', '_'))
                    .replace("{now}", Instant.now().minusSeconds(1).toString());
        }
    }

    @BeforeAll
    static void masResources() {
        Station st = S.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("MAS")))
                .findFirst()
                .orElseThrow();
        GeoPoint p = new GeoPoint(st.location().lat() + 0.003, st.location().lon() - 0.003);
        var r = S.post(
                "/api/v1/incidents",
                "call-handler",
                "MAS",
                String.format(
                        Locale.ROOT,
                        "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        p.lat(),
                        p.lon()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String loc = r.headers().firstValue("Location").orElseThrow();
        incident = loc.substring(loc.lastIndexOf('/') + 1);
        unit = S.node().engine().state().units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("MAS")))
                .map(Unit::id)
                .sorted()
                .findFirst()
                .orElseThrow()
                .value();
        zone = S.node()
                .engine()
                .state()
                .listZones(OrganisationId.of("MAS"))
                .get(0)
                .id()
                .value();
        // a mutual aid request from Westshire Police to the ambulance service, which MAS users may see
        var aidAnswer = S.post(
                "/api/v1/aid/requests",
                "supervisor",
                "WSP",
                String.format(
                        Locale.ROOT,
                        "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"RAPID_RESPONSE_CAR\",\"skill\":null,"
                                + "\"count\":1,\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},"
                                + "\"reportBy\":\"%s\",\"duration\":\"PT4H\",\"reason\":\"matrix\",\"priority\":\"ROUTINE\","
                                + "\"addressees\":{\"organisations\":[\"MAS\"],\"region\":null,\"nationalCoordinator\":false}}",
                        p.lat(),
                        p.lon(),
                        Instant.now().plusSeconds(6 * 3600)));
        assertThat(aidAnswer.status()).as(aidAnswer.body()).isEqualTo(201);
        String aidLoc = aidAnswer.headers().firstValue("Location").orElseThrow();
        aid = aidLoc.substring(aidLoc.lastIndexOf('/') + 1);
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/organisations", null, Action.READ),
            new Endpoint("GET", "/api/v1/zones", null, Action.READ),
            new Endpoint("GET", "/api/v1/zones/{zone}", null, Action.READ),
            new Endpoint(
                    "PUT",
                    "/api/v1/zones/{zone}/level",
                    "{\"level\":\"NORMAL\",\"reason\":\"matrix\"}",
                    Action.SUPERVISE),
            new Endpoint(
                    "PUT",
                    "/api/v1/zones/{zone}/safe-minimums/RAPID_RESPONSE_CAR",
                    "{\"minimum\":0,\"reason\":\"matrix\"}",
                    Action.SUPERVISE),
            new Endpoint("GET", "/api/v1/stations", null, Action.READ),
            new Endpoint("GET", "/api/v1/units", null, Action.READ),
            new Endpoint("GET", "/api/v1/units/{unit}", null, Action.READ),
            new Endpoint("GET", "/api/v1/units/{unit}/call", null, Action.READ),
            new Endpoint(
                    "POST",
                    "/api/v1/units/{unit}/position",
                    "{\"point\":{\"lat\":52.6,\"lon\":-1.2}}",
                    Action.DISPATCH),
            new Endpoint("POST", "/api/v1/units/{unit}/status", "{\"status\":\"RETURNING\"}", Action.DISPATCH),
            new Endpoint("GET", "/api/v1/incidents", null, Action.READ),
            new Endpoint("GET", "/api/v1/incidents/{incident}", null, Action.READ),
            new Endpoint(
                    "POST",
                    "/api/v1/incidents",
                    "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":52.6,\"lon\":-1.2},\"description\":\"matrix\"}",
                    Action.TAKE_CALLS),
            new Endpoint("GET", "/api/v1/incidents/{incident}/recommendation", null, Action.READ),
            new Endpoint(
                    "POST", "/api/v1/incidents/{incident}/assignments", "{\"unit\":\"NO-SUCH-UNIT\"}", Action.DISPATCH),
            new Endpoint("DELETE", "/api/v1/incidents/{incident}/assignments/NO-SUCH-UNIT", null, Action.DISPATCH),
            new Endpoint("POST", "/api/v1/incidents/{incident}/clearance", null, Action.SUPERVISE),
            new Endpoint("GET", "/api/v1/queue", null, Action.READ),
            new Endpoint("GET", "/api/v1/capacity", null, Action.READ),
            new Endpoint("GET", "/api/v1/kpis", null, Action.READ),
            new Endpoint("GET", "/api/v1/coverage", null, Action.READ),
            new Endpoint("GET", "/api/v1/alerts", null, Action.READ),
            new Endpoint("GET", "/api/v1/alerts/NO-SUCH-ALERT", null, Action.READ),
            new Endpoint("POST", "/api/v1/alerts/NO-SUCH-ALERT/accept", null, Action.SUPERVISE),
            new Endpoint("POST", "/api/v1/alerts/NO-SUCH-ALERT/dismiss", null, Action.SUPERVISE),
            new Endpoint("GET", "/api/v1/road-closures", null, Action.READ),
            new Endpoint("POST", "/api/v1/road-closures/NO-SUCH-CLOSURE/reopen", null, Action.CLOSE_ROADS),
            new Endpoint("GET", "/api/v1/audit/verify", null, Action.AUDIT),
            new Endpoint("GET", "/api/v1/audit/events?limit=5", null, Action.AUDIT),
            new Endpoint("GET", "/api/v1/history?at={now}", null, Action.READ),
            new Endpoint("GET", "/api/v1/aid/requests", null, Action.READ),
            new Endpoint("GET", "/api/v1/aid/requests/{aid}", null, Action.READ),
            new Endpoint("GET", "/api/v1/aid/requests/{aid}/suggestions", null, Action.READ),
            new Endpoint(
                    "GET",
                    "/api/v1/aid/suggestions?requester=MAS&unitType=DOUBLE_CREWED_AMBULANCE&count=1&lat=52.6&lon=-1.2",
                    null,
                    Action.MUTUAL_AID),
            new Endpoint("GET", "/api/v1/aid/hours", null, Action.READ),
            new Endpoint(
                    "POST",
                    "/api/v1/aid/requests/{aid}/offers",
                    "{\"offerer\":\"MAS\",\"units\":[\"NO-SUCH-UNIT\"]}",
                    Action.MUTUAL_AID),
            new Endpoint(
                    "POST",
                    "/api/v1/aid/requests/{aid}/declines",
                    "{\"organisation\":\"MAS\",\"reason\":\"matrix\"}",
                    Action.MUTUAL_AID),
            new Endpoint("GET", "/api/v1/map/config", null, Action.READ),
            new Endpoint("GET", "/api/v1/map/zones", null, Action.READ),
            new Endpoint("GET", "/api/v1/map/roads", null, Action.READ),
            new Endpoint("GET", "/api/v1/incident-types", null, Action.READ),
            // interchange: an incident as EIDO, a document in (refused by the schema, past the role check), and
            // public alerts (the feed and the messages are public: see CapApiIT)
            new Endpoint("GET", "/api/v1/incidents/{incident}/eido", null, Action.READ),
            new Endpoint("POST", "/api/v1/eido", "{}", Action.TAKE_CALLS),
            new Endpoint("GET", "/api/v1/peers", null, Action.READ),
            new Endpoint("GET", "/api/v1/cap/alerts", null, Action.READ),
            new Endpoint(
                    "POST",
                    "/api/v1/cap/alerts",
                    "{\"id\":\"PA-MATRIX-{role}\",\"organisation\":\"MAS\",\"content\":{\"headline\":\"Stay indoors\",\"description\":\"\",\"advice\":\"STAY_INDOORS\",\"severity\":\"SEVERE\",\"area\":{\"description\":\"Drawn\",\"zones\":[],\"polygon\":[{\"lat\":52.6,\"lon\":-1.2},{\"lat\":52.61,\"lon\":-1.2},{\"lat\":52.61,\"lon\":-1.21},{\"lat\":52.6,\"lon\":-1.2}]}}}",
                    Action.SUPERVISE),
            new Endpoint(
                    "PUT",
                    "/api/v1/cap/alerts/NO-SUCH-ALERT",
                    "{\"content\":{\"headline\":\"Stay indoors\",\"description\":\"\",\"advice\":\"STAY_INDOORS\",\"severity\":\"SEVERE\",\"area\":{\"description\":\"Drawn\",\"zones\":[],\"polygon\":[{\"lat\":52.6,\"lon\":-1.2},{\"lat\":52.61,\"lon\":-1.2},{\"lat\":52.61,\"lon\":-1.21},{\"lat\":52.6,\"lon\":-1.2}]}}}",
                    Action.SUPERVISE),
            new Endpoint("POST", "/api/v1/cap/alerts/NO-SUCH-ALERT/cancel", null, Action.SUPERVISE),
            new Endpoint("STREAM", "/api/v1/stream", null, Action.READ),
            new Endpoint(
                    "POST",
                    "/api/v1/commands",
                    "{\"type\":\"RegisterOrganisation\",\"command\":{\"id\":\"NEW-{role}\",\"name\":\"New\",\"agency\":\"POLICE\"}}",
                    Action.ADMINISTER));

    static Stream<Arguments> roleAndEndpoint() {
        List<Arguments> out = new ArrayList<>();
        for (String role : TestServer.ROLES) for (Endpoint e : ENDPOINTS) out.add(Arguments.of(role, e));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("roleAndEndpoint")
    void each_role_gets_what_it_is_granted_and_nothing_else(String role, Endpoint e) {
        Role r = Role.parse("role", role);
        String org = role.equals("admin") ? "*" : "MAS";
        String body = e.body() == null
                ? null
                : e.body().replace("{role}", role.toUpperCase(Locale.ROOT).replace('-', '_'));
        var answer = e.method().equals("STREAM")
                ? S.openStream(e.resolved(role), TestServer.tokenOf(role, org))
                : S.send(e.method(), e.resolved(role), TestServer.tokenOf(role, org), body);
        if (r.grants(e.action())) {
            assertThat(answer.status())
                    .as(role + " " + e + ": " + answer.body())
                    .isNotIn(401, 403)
                    .isLessThan(500);
        } else {
            assertThat(answer.status())
                    .as(role + " " + e + ": " + answer.body())
                    .isEqualTo(403);
        }
    }

    @Test
    void nobody_unsigned_gets_in() {
        for (Endpoint e : ENDPOINTS) {
            var answer = e.method().equals("STREAM")
                    ? S.openStream(e.resolved("x"), null)
                    : S.send(e.method(), e.resolved("x"), null, e.body());
            assertThat(answer.status()).as(e.toString()).isIn(401, 403);
        }
        assertThat(S.send("GET", "/api/v1/units", "mst_not_a_token", null).status())
                .isEqualTo(401);
    }

    @Test
    void one_force_neither_sees_nor_acts_on_another_services_calls_and_units() {
        assertThat(S.get("/api/v1/incidents/" + incident, "dispatcher", "WSP").status())
                .isEqualTo(404);
        assertThat(S.get("/api/v1/incidents", "dispatcher", "WSP").body()).doesNotContain(incident);
        assertThat(S.get("/api/v1/units", "dispatcher", "WSP").body()).doesNotContain("\"" + unit + "\"");
        assertThat(S.get("/api/v1/units/" + unit, "dispatcher", "WSP").status()).isEqualTo(404);
        assertThat(S.get("/api/v1/units/" + unit + "/call", "supervisor", "WSP").status())
                .isEqualTo(404);
        assertThat(S.post("/api/v1/incidents/" + incident + "/close", "dispatcher", "WSP", null)
                        .status())
                .isEqualTo(404);
        assertThat(S.post("/api/v1/units/" + unit + "/status", "dispatcher", "WSP", "{\"status\":\"RETURNING\"}")
                        .status())
                .isEqualTo(404);
        assertThat(S.send(
                                "PUT",
                                "/api/v1/zones/" + zone + "/level",
                                TestServer.tokenOf("supervisor", "WSP"),
                                "{\"level\":\"CLOSED\",\"reason\":\"not ours\",\"rendezvous\":{\"lat\":52.6,\"lon\":-1.2}}")
                        .status())
                .isEqualTo(403);
        assertThat(S.post(
                                "/api/v1/incidents",
                                "call-handler",
                                "WSP",
                                "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":52.6,\"lon\":-1.2}}")
                        .status())
                .isEqualTo(403);
        // the generic command door keeps the same rules
        assertThat(S.post(
                                "/api/v1/commands",
                                "dispatcher",
                                "WSP",
                                "{\"type\":\"CloseIncident\",\"command\":{\"incident\":\"" + incident + "\"}}")
                        .status())
                .isEqualTo(404);
        // and the coordinator sees across forces
        assertThat(S.get("/api/v1/incidents/" + incident, "coordinator", "*").status())
                .isEqualTo(200);
    }

    @Test
    void who_may_not_dispatch_is_told_so_whatever_state_the_call_is_in() {
        // a closed call or one with nothing left to send answered 409 to an auditor, a waiting one 403: the
        // role is the answer first, in words
        for (String role : List.of("auditor", "viewer", "call-handler")) {
            var answer = S.post("/api/v1/incidents/" + incident + "/dispatch-recommended", role, "MAS", null);
            assertThat(answer.status()).as(role + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("may not dispatch");
        }
        // and says what the role may not do in words
        var suggest = S.get(
                "/api/v1/aid/suggestions?requester=MAS&unitType=DOUBLE_CREWED_AMBULANCE&count=1&lat=52.6&lon=-1.2",
                "dispatcher",
                "MAS");
        assertThat(suggest.status()).as(suggest.body()).isEqualTo(403);
        assertThat(suggest.body()).contains("may not ask for, offer or accept mutual aid");
    }
}
