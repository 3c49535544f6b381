package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.geo.zone.ZoneShape;
import org.muster.store.StoreConfig;

/**
 * Withdrawals and dispatch on the worst day, through the API as each organisation's own people, not an
 * all-organisation account, on a server of its own (a walkout changes the whole region).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DispatchUnderStrainIT {
    private static TestServer s;

    @BeforeAll
    static void start() {
        s = TestServer.start(StoreConfig.Backend.POSTGRESQL);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String people(String org, String skill, double share, String mode, String command) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"%s\",\"command\":{\"selection\":{\"people\":[],\"organisation\":\"%s\",\"skill\":\"%s\","
                        + "\"share\":%s,\"seed\":7},\"mode\":\"%s\"},\"reason\":\"authorisations handed in\"}",
                command,
                org,
                skill,
                share,
                mode);
    }

    @Test
    void a_force_supervisor_has_a_share_of_its_own_armed_officers_hand_in_their_authorisations_and_no_other_force_s() {
        long arvs = s.units("ESP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.isAvailable())
                .size();
        assertThat(arvs).isPositive();
        String walkout = people("ESP", "AUTHORISED_FIREARMS_OFFICER", 0.3, "SKILL", "WithdrawPeople");

        // another force's supervisor may not, by organisation nor by naming ESP's people one by one
        assertThat(s.post("/api/v1/commands", "supervisor", "WSP", walkout).status())
                .isEqualTo(403);
        String someoneOfEsp = s.node().engine().state().people().values().stream()
                .filter(p -> p.organisation().equals(OrganisationId.of("ESP")))
                .findFirst()
                .orElseThrow()
                .id()
                .value();
        var byName = s.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                "{\"type\":\"WithdrawPeople\",\"command\":{\"selection\":{\"people\":[\"" + someoneOfEsp
                        + "\"],\"share\":1,\"seed\":0},\"mode\":\"PERSON\"},\"reason\":\"walkout\"}");
        assertThat(byName.status()).as(byName.body()).isEqualTo(404);

        ok(s.post("/api/v1/commands", "supervisor", "ESP", walkout));
        long after = s.units("ESP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.isAvailable())
                .size();
        assertThat(after).as("armed vehicles go off the road").isLessThan(arvs);
        assertThat(s.units(
                        "ESP",
                        u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE
                                && u.unavailableReason()
                                        .map(r -> r.name().equals("UNDER_CREWED"))
                                        .orElse(false)))
                .isNotEmpty();

        // and returns them
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "ESP",
                people("ESP", "AUTHORISED_FIREARMS_OFFICER", 1, "SKILL", "ReturnPeople")));
        assertThat(s.units("ESP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.isAvailable()))
                .hasSize((int) arvs);
    }

    @Test
    void an_ambulance_dispatcher_cannot_task_a_police_car_it_cannot_see() {
        Unit policeCar = s.units("NSP", u -> u.type() == UnitType.POLICE_RESPONSE_CAR && u.isAvailable())
                .get(0);
        GeoPoint at = policeCar.position().orElseThrow().point();
        String call = s.newIncident("MAS", "FALL", at);
        var primary = s.post(
                "/api/v1/incidents/" + call + "/assignments",
                "dispatcher",
                "MAS",
                "{\"unit\":\"" + policeCar.id().value() + "\",\"role\":\"PRIMARY\"}");
        var none = s.post(
                "/api/v1/incidents/" + call + "/assignments", "dispatcher", "MAS", "{\"unit\":\"NO-SUCH-UNIT\"}");
        assertThat(primary.status()).as(primary.body()).isEqualTo(404);
        assertThat(none.status()).isEqualTo(404);
        assertThat(Json.parse(primary.body()).get("title").asText())
                .isEqualTo(Json.parse(none.body()).get("title").asText());
        assertThat(s.node().engine().state().getUnit(policeCar.id()).status()).isEqualTo(UnitStatus.AVAILABLE);
    }

    @Test
    void a_neighbour_s_unit_recommended_for_a_downgraded_zone_is_dispatched_by_the_dispatcher_who_saw_it()
            throws Exception {
        var zones = s.node().zones();
        ZoneShape border = zones.listZones().stream()
                .filter(z -> z.organisation().equals(OrganisationId.of("WSP"))
                        && z.parent().isPresent())
                .filter(z -> zones.listNeighbours(z.id()).stream()
                        .anyMatch(n -> n.organisation().equals(OrganisationId.of("ESP"))))
                .findFirst()
                .orElseThrow();
        GeoPoint at = s.node().engine().state().units().values().stream()
                .map(u -> u.position().orElseThrow().point())
                .filter(p -> zones.listContaining(p).contains(border))
                .findFirst()
                .orElseThrow();
        // the force takes every unit of its own off the road (by organisation: its supervisor may)
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                "{\"type\":\"WithdrawUnits\",\"command\":{\"selection\":{\"units\":[],\"organisation\":\"WSP\","
                        + "\"share\":1,\"seed\":1}},\"reason\":\"walkout\"}"));
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + border.id().value() + "/level",
                TestServer.tokenOf("supervisor", "WSP"),
                "{\"level\":\"DOWNGRADED\",\"reason\":\"no officers left on shift\"}"));

        var taken = s.post(
                "/api/v1/incidents",
                "call-handler",
                "WSP",
                String.format(
                        java.util.Locale.ROOT,
                        "{\"organisation\":\"WSP\",\"type\":\"BURGLARY_IN_PROGRESS\",\"location\":{\"lat\":%.6f,"
                                + "\"lon\":%.6f},\"description\":\"test call\",\"hazards\":[\"WEAPONS\"]}",
                        at.lat(),
                        at.lon()));
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        String location = taken.headers().firstValue("Location").orElseThrow();
        String call = location.substring(location.lastIndexOf('/') + 1);
        var rec = s.get("/api/v1/incidents/" + call + "/recommendation", "dispatcher", "WSP");
        assertThat(rec.status()).as(rec.body()).isEqualTo(200);
        JsonNode proposed =
                Json.parse(rec.body()).get("fills").get(0).get("proposed").get(0);
        String unit = proposed.get("unit").asText();
        assertThat(proposed.get("reason").asText()).contains("from ESP (rerouted)");

        ok(s.post(
                "/api/v1/incidents/" + call + "/assignments",
                "dispatcher",
                "WSP",
                "{\"unit\":\"" + unit + "\",\"role\":\"PRIMARY\"}"));
        var sent = s.node().engine().state().getUnit(org.muster.domain.unit.UnitId.of(unit));
        assertThat(sent.organisation()).isEqualTo(OrganisationId.of("ESP"));
        assertThat(sent.status()).isEqualTo(UnitStatus.DISPATCHED);
        assertThat(s.node().responses().reroutedIn(border.id()).values()).containsExactly(1);

        // the dispatcher who tasked it follows it: where it is and its status, read and live
        assertThat(ok(s.get("/api/v1/units/" + unit, "dispatcher", "WSP"))
                        .get("status")
                        .asText())
                .isEqualTo("DISPATCHED");
        assertThat(s.get("/api/v1/units/" + unit + "/trail", "dispatcher", "WSP")
                        .status())
                .isEqualTo(200);
        JsonNode listed = ok(s.get("/api/v1/units", "dispatcher", "WSP"));
        assertThat(listed.get("units").findValuesAsText("id")).contains(unit);
        assertThat(listed.get("calls").get(unit).get("incident").get("id").asText())
                .isEqualTo(call);
        long before = s.node().engine().state().sequence();
        var live = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                .submit(() -> SseStream.read(
                        s,
                        "/api/v1/stream",
                        TestServer.tokenOf("dispatcher", "WSP"),
                        Long.toString(before),
                        SseStream.until(e ->
                                e.type().equals("UnitStatusChanged") && e.data().contains(unit))));
        // the crew's own control room records it en route; the tasking dispatcher sees it on the stream
        ok(s.post(
                "/api/v1/units/" + unit + "/status",
                "dispatcher",
                "ESP",
                "{\"status\":\"EN_ROUTE\",\"reason\":\"crew on the radio\"}"));
        assertThat(live.get(30, java.util.concurrent.TimeUnit.SECONDS).getLast().data())
                .contains(unit, "EN_ROUTE");
        // the dispatcher who tasked it records what the crew tells them: on scene at their call
        var update = s.post(
                "/api/v1/units/" + unit + "/status",
                "dispatcher",
                "WSP",
                "{\"status\":\"ON_SCENE\",\"reason\":\"crew on the radio\"}");
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        assertThat(s.node()
                        .engine()
                        .state()
                        .getUnit(org.muster.domain.unit.UnitId.of(unit))
                        .status())
                .isEqualTo(UnitStatus.ON_SCENE);
        assertThat(ok(s.get("/api/v1/incidents/" + call, "dispatcher", "WSP"))
                        .get("status")
                        .asText())
                .isEqualTo("ON_SCENE");
        // each control room that directs it is offered the statuses the engine accepts for a police car on
        // scene: it conveys no patient, so never transporting; a force's viewer is offered none
        for (String org : java.util.List.of("WSP", "ESP")) {
            JsonNode next = ok(s.get("/api/v1/units", "dispatcher", org)).get("nextStatuses");
            assertThat(next).as(org + ": the statuses each unit may be set to").isNotNull();
            assertThat(next.path(unit).toString()).as(org).isEqualTo("[\"RETURNING\",\"AVAILABLE\"]");
        }
        assertThat(ok(s.get("/api/v1/units", "viewer", "WSP"))
                        .path("nextStatuses")
                        .has(unit))
                .isFalse();
        var transporting =
                s.post("/api/v1/units/" + unit + "/status", "dispatcher", "WSP", "{\"status\":\"TRANSPORTING\"}");
        assertThat(transporting.status()).as(transporting.body()).isEqualTo(400);
        assertThat(transporting.body()).contains("is only for a unit that conveys patients");

        // its home force knows what it is doing and where, as its dispatcher and its supervisor, in outline
        for (String role : java.util.List.of("dispatcher", "supervisor")) {
            JsonNode onCall = ok(s.get("/api/v1/units/" + unit + "/call", role, "ESP"));
            JsonNode incident = onCall.get("incident");
            assertThat(incident.get("id").asText()).isEqualTo(call);
            assertThat(incident.get("organisation").asText()).isEqualTo("WSP");
            assertThat(incident.get("type").asText()).isEqualTo("BURGLARY_IN_PROGRESS");
            assertThat(incident.has("priority")).isTrue();
            // the call was taken to six decimals
            assertThat(incident.get("location").get("lat").asDouble())
                    .isCloseTo(at.lat(), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(onCall.get("role").asText()).isEqualTo("PRIMARY");
            assertThat(incident.get("hazards").toString())
                    .as("the crew's own supervisor knows what it is going into")
                    .isEqualTo("[\"WEAPONS\"]");
            assertThat(onCall.toString())
                    .as("the call's own business stays Westshire's")
                    .doesNotContain("test call");
            assertThat(ok(s.get("/api/v1/units", role, "ESP"))
                            .get("calls")
                            .get(unit)
                            .get("incident")
                            .get("id")
                            .asText())
                    .isEqualTo(call);
            assertThat(s.get("/api/v1/incidents/" + call, role, "ESP").status()).isEqualTo(404);
        }
        // a force with no part in it sees neither the unit nor the call
        assertThat(s.get("/api/v1/units/" + unit, "dispatcher", "NSP").status()).isEqualTo(404);
        assertThat(s.get("/api/v1/units/" + unit + "/call", "supervisor", "NSP").status())
                .isEqualTo(404);

        // released, it is Eastshire's alone again
        ok(s.send(
                "DELETE",
                "/api/v1/incidents/" + call + "/assignments/" + unit,
                TestServer.tokenOf("dispatcher", "WSP"),
                "{\"reason\":\"stood down\"}"));
        assertThat(s.get("/api/v1/units/" + unit, "dispatcher", "WSP").status()).isEqualTo(404);
        assertThat(ok(s.get("/api/v1/units", "dispatcher", "WSP")).get("units").findValuesAsText("id"))
                .doesNotContain(unit);
        assertThat(s.get("/api/v1/units/" + unit, "dispatcher", "ESP").status()).isEqualTo(200);
        assertThat(s.get("/api/v1/units/" + unit + "/call", "dispatcher", "ESP").status())
                .isEqualTo(404);
    }

    @Test
    @org.junit.jupiter.api.Order(1) // before another test takes every Westshire unit off the road
    void an_ambulance_dispatcher_follows_the_police_escort_on_its_call_and_the_escorts_force_sees_the_call() {
        var state = s.node().engine().state();
        // a sub-zone of the ambulance service with one of its stations in it, and a point by that station
        var zone = state.zones().values().stream()
                .filter(z -> z.organisation().equals(OrganisationId.of("MAS"))
                        && z.parent().isPresent())
                .sorted(java.util.Comparator.comparing(z -> z.id().value()))
                .filter(z -> stationPoint(z.id()).isPresent())
                .findFirst()
                .orElseThrow();
        GeoPoint at = stationPoint(zone.id()).orElseThrow();
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + zone.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"ESCORT_REQUIRED\",\"reason\":\"crews attacked on the estate\"}"));
        try {
            String call = s.newIncident("MAS", "CHEST_PAIN", at);
            ok(s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null));
            var escort = s
                    .node()
                    .engine()
                    .state()
                    .getIncident(org.muster.domain.incident.IncidentId.of(call))
                    .assignments()
                    .stream()
                    .filter(a -> a.role() == org.muster.domain.incident.AssignmentRole.ESCORT)
                    .map(a -> s.node().engine().state().getUnit(a.unit()))
                    .findFirst()
                    .orElseThrow();
            String unit = escort.id().value();
            String force = escort.organisation().value();
            assertThat(force).isNotEqualTo("MAS");

            assertThat(ok(s.get("/api/v1/units/" + unit, "dispatcher", "MAS"))
                            .get("organisation")
                            .asText())
                    .isEqualTo(force);
            assertThat(ok(s.get("/api/v1/units", "dispatcher", "MAS"))
                            .get("units")
                            .findValuesAsText("id"))
                    .contains(unit);
            JsonNode onCall = ok(s.get("/api/v1/units/" + unit + "/call", "supervisor", force));
            assertThat(onCall.get("incident").get("id").asText()).isEqualTo(call);
            assertThat(onCall.get("role").asText()).isEqualTo("ESCORT");
            assertThat(s.get("/api/v1/incidents/" + call, "dispatcher", force).status())
                    .isEqualTo(404);

            // the ambulance dispatcher who tasked the escort records its arrival, as for its own crews; a force
            // with no part in it finds no such unit
            ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}"));
            String third = java.util.stream.Stream.of("WSP", "ESP", "NSP")
                    .filter(o -> !o.equals(force))
                    .findFirst()
                    .orElseThrow();
            assertThat(s.post("/api/v1/units/" + unit + "/status", "dispatcher", third, "{\"status\":\"ON_SCENE\"}")
                            .status())
                    .isEqualTo(404);
            ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"ON_SCENE\"}"));
            assertThat(s.node().engine().state().getUnit(escort.id()).status()).isEqualTo(UnitStatus.ON_SCENE);
            // offered what the engine accepts of a police car on scene: no conveying
            assertThat(ok(s.get("/api/v1/units", "dispatcher", "MAS"))
                            .path("nextStatuses")
                            .path(unit)
                            .toString())
                    .isEqualTo("[\"RETURNING\",\"AVAILABLE\"]");

            // its own force pulls its officers back from the call it sees only in outline
            ok(s.send(
                    "DELETE",
                    "/api/v1/incidents/" + call + "/assignments/" + unit,
                    TestServer.tokenOf("dispatcher", force),
                    "{\"reason\":\"escort needed back on our ground\"}"));
            assertThat(s.node().engine().state().findIncidentOf(escort.id())).isEmpty();
            assertThat(s.get("/api/v1/units/" + unit, "dispatcher", "MAS").status())
                    .isEqualTo(404);
            assertThat(s.get("/api/v1/units/" + unit + "/call", "supervisor", force)
                            .status())
                    .isEqualTo(404);
        } finally {
            ok(s.send(
                    "PUT",
                    "/api/v1/zones/" + zone.id().value() + "/level",
                    TestServer.tokenOf("supervisor", "MAS"),
                    "{\"level\":\"NORMAL\",\"reason\":\"crews back\"}"));
        }
    }

    /** A point just by one of the zone's organisation's stations (not a hospital) that lies in the zone. */
    private static java.util.Optional<GeoPoint> stationPoint(org.muster.domain.organisation.ZoneId zone) {
        var state = s.node().engine().state();
        var organisation = state.getZone(zone).organisation();
        return state.stations().values().stream()
                .filter(st -> st.organisation().equals(organisation)
                        && st.kind() != org.muster.domain.organisation.StationKind.HOSPITAL)
                .sorted(java.util.Comparator.comparing(st -> st.id().value()))
                .map(st ->
                        new GeoPoint(st.location().lat() + 0.003, st.location().lon() + 0.003))
                .filter(p -> s.node().rules().zones().zonesAt(p).contains(zone))
                .findFirst();
    }
}
