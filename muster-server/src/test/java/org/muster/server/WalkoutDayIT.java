package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.eventually;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.Zone;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.store.StoreConfig;

/**
 * The walkout day, end to end, through the HTTP API as the real roles of the generated region: each step
 * signed in as the person who would take it (a force's own supervisor, a neighbour's supervisor, a
 * dispatcher, a call handler), never as an all-organisation account except the national coordinator's
 * own views. The steps run in order on one server, as the day does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkoutDayIT {
    private static TestServer s;

    @BeforeAll
    static void start() {
        s = TestServer.start(StoreConfig.Backend.POSTGRESQL);
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static MusterState state() {
        return s.node().engine().state();
    }

    private static Station station(String org) {
        return state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(org)) && st.kind() != StationKind.HOSPITAL)
                .min(Comparator.comparing(st -> st.id().value()))
                .orElseThrow();
    }

    /** A point just off the organisation's first station: on its roads and inside one of its zones. */
    private static GeoPoint near(Station st) {
        return new GeoPoint(st.location().lat() + 0.003, st.location().lon() + 0.003);
    }

    private static String requestId;
    private static String firearmsCall;

    @Test
    @Order(1)
    void a_force_supervisor_has_30_percent_of_its_armed_officers_hand_in_their_authorisations() {
        long arvsOnTheRoad = s.units(
                        "WSP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE)
                .size();
        assertThat(arvsOnTheRoad)
                .as("WSP starts the day with armed response vehicles")
                .isPositive();

        // another force's supervisor may not do it to WSP
        String walkout =
                "{\"type\":\"WithdrawPeople\",\"command\":{\"selection\":{\"people\":[],\"organisation\":\"WSP\","
                        + "\"skill\":\"AUTHORISED_FIREARMS_OFFICER\",\"share\":0.3,\"seed\":12347},\"mode\":\"SKILL\"},"
                        + "\"reason\":\"authorisations handed in after the charging decision\"}";
        assertThat(s.post("/api/v1/commands", "supervisor", "ESP", walkout).status())
                .isEqualTo(403);

        ok(s.post("/api/v1/commands", "supervisor", "WSP", walkout));
        long after = s.units(
                        "WSP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE)
                .size();
        assertThat(after).as("armed vehicles go off the road").isLessThan(arvsOnTheRoad);
        assertThat(s.units(
                        "WSP",
                        u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE
                                && u.status() == UnitStatus.UNAVAILABLE
                                && u.unavailableReason()
                                        .map(r -> r.name().equals("UNDER_CREWED"))
                                        .orElse(false)))
                .isNotEmpty();
    }

    @Test
    @Order(2)
    void the_force_goes_red_with_an_alert_that_only_it_and_the_coordinator_see() {
        JsonNode capacity = eventually(
                () -> ok(s.get("/api/v1/capacity", "supervisor", "WSP")),
                c -> c.get("zones").toString().contains("\"RED\"")
                        || c.get("zones").toString().contains("\"NONE\""));
        List<String> colours = new ArrayList<>();
        capacity.get("zones").forEach(z -> colours.add(z.get("colour").asText()));
        assertThat(colours).as("some WSP zone is red or has no armed units").containsAnyOf("RED", "NONE");

        JsonNode alerts = eventually(
                () -> ok(s.get("/api/v1/alerts", "supervisor", "WSP")),
                a -> a.get("alerts").toString().contains("capacity"));
        List<JsonNode> capacityAlerts = new ArrayList<>();
        alerts.get("alerts").forEach(a -> {
            if (a.get("kind").asText().equals("capacity")) capacityAlerts.add(a);
        });
        assertThat(capacityAlerts).as(alerts.toString()).isNotEmpty();
        assertThat(capacityAlerts.get(0).get("organisations").toString()).contains("WSP");
        String id = capacityAlerts.get(0).get("id").asText();
        assertThat(s.get("/api/v1/alerts", "supervisor", "MAS").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/alerts", "coordinator", "*").body()).contains(id);
    }

    @Test
    @Order(3)
    void a_firearms_call_shows_the_shortfall_in_words() {
        firearmsCall = s.newIncident("WSP", "FIREARMS", near(station("WSP")));
        // take every armed vehicle WSP has left so the call is short
        for (Unit arv :
                s.units("WSP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE))
            ok(s.post(
                    "/api/v1/units/" + arv.id().value() + "/status",
                    "dispatcher",
                    "WSP",
                    "{\"status\":\"UNAVAILABLE\",\"unavailableReason\":\"OUT_OF_SERVICE\",\"reason\":\"stood down\"}"));
        JsonNode rec = ok(s.get("/api/v1/incidents/" + firearmsCall + "/recommendation", "dispatcher", "WSP"));
        assertThat(rec.get("shortfalls")).isNotEmpty();
        String words = rec.get("shortfalls").get(0).get("reason").asText();
        assertThat(words).contains("armed response vehicle").doesNotContain("ARMED_RESPONSE_VEHICLE");
    }

    @Test
    @Order(4)
    void the_force_asks_its_neighbours_one_declines_one_offers_in_part_and_the_lent_units_drive_to_the_rendezvous() {
        Station rv = station("WSP");
        String body = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"ARMED_RESPONSE_VEHICLE\",\"skill\":null,\"count\":2,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT8H\",\"reason\":\"30%% of our authorised firearms officers stood down\","
                        + "\"priority\":\"URGENT\",\"addressees\":{\"organisations\":[\"ESP\",\"NSP\"],\"region\":null,"
                        + "\"nationalCoordinator\":false}}",
                rv.location().lat(),
                rv.location().lon(),
                s.node().clock().instant().plusSeconds(3 * 3600));
        var created = s.post("/api/v1/aid/requests", "supervisor", "WSP", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        requestId = loc.substring(loc.lastIndexOf('/') + 1);

        // Eastshire declines with a reason; a decline without one is refused
        assertThat(s.post(
                                "/api/v1/aid/requests/" + requestId + "/declines",
                                "supervisor",
                                "ESP",
                                "{\"organisation\":\"ESP\",\"reason\":\"\"}")
                        .status())
                .isEqualTo(400);
        ok(s.post(
                "/api/v1/aid/requests/" + requestId + "/declines",
                "supervisor",
                "ESP",
                // a force's supervisor answers for their force without naming it
                "{\"reason\":\"our own firearms officers are on a walkout too\"}"));

        // Northshire offers one of the two
        Unit nspArv = s.units(
                        "NSP", u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE)
                .get(0);
        ok(s.post(
                "/api/v1/aid/requests/" + requestId + "/offers",
                "supervisor",
                "NSP",
                "{\"offerer\":\"NSP\",\"units\":[\"" + nspArv.id().value() + "\"],\"note\":\"one ARV, crew of two\"}"));
        JsonNode request = ok(s.get("/api/v1/aid/requests/" + requestId, "supervisor", "WSP"));
        assertThat(request.get("declines").toString()).contains("walkout too");
        String offer = request.get("offers").get(0).get("id").asText();

        ok(s.post("/api/v1/aid/requests/" + requestId + "/offers/" + offer + "/accept", "supervisor", "WSP", null));
        assertThat(ok(s.get("/api/v1/aid/requests/" + requestId, "supervisor", "WSP"))
                        .get("status")
                        .asText())
                .as("one of the two asked for")
                .isEqualTo("PARTLY_FILLED");
        ok(s.post("/api/v1/aid/requests/" + requestId + "/deploy", "supervisor", "WSP", null));

        // deployed: on its way on the roads, not teleported; on the host's board
        JsonNode lent = ok(s.get("/api/v1/units/" + nspArv.id().value(), "dispatcher", "WSP"));
        assertThat(lent.get("lentTo").asText()).isEqualTo("WSP");
        assertThat(lent.get("status").asText()).isEqualTo("EN_ROUTE");
        assertThat(s.get("/api/v1/units", "dispatcher", "WSP").body())
                .contains(nspArv.id().value());

        // the crew's terminal reports arrival at the rendezvous point
        ok(s.post(
                "/api/v1/units/" + nspArv.id().value() + "/position",
                "dispatcher",
                "WSP",
                String.format(
                        Locale.ROOT,
                        "{\"point\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        rv.location().lat(),
                        rv.location().lon())));
        ok(s.post(
                "/api/v1/units/" + nspArv.id().value() + "/status",
                "dispatcher",
                "WSP",
                "{\"status\":\"AT_RENDEZVOUS\"}"));

        // the host dispatches it to the firearms call
        ok(s.post(
                "/api/v1/incidents/" + firearmsCall + "/assignments",
                "dispatcher",
                "WSP",
                "{\"unit\":\"" + nspArv.id().value() + "\"}"));
        assertThat(ok(s.get("/api/v1/units/" + nspArv.id().value(), "dispatcher", "WSP"))
                        .get("status")
                        .asText())
                .isEqualTo("DISPATCHED");
        // its home force does not act on it while it is lent
        assertThat(s.post(
                                "/api/v1/incidents/" + firearmsCall + "/assignments",
                                "dispatcher",
                                "NSP",
                                "{\"unit\":\"" + nspArv.id().value() + "\"}")
                        .status())
                .isEqualTo(404);

        ok(s.post(
                "/api/v1/incidents/" + firearmsCall + "/cancel",
                "call-handler",
                "WSP",
                "{\"reason\":\"suspect detained by neighbourhood officers\"}"));
        ok(s.post("/api/v1/aid/requests/" + requestId + "/release", "supervisor", "WSP", null));

        JsonNode hours = ok(s.get("/api/v1/aid/hours", "coordinator", "*"));
        assertThat(hours.toString()).contains(nspArv.id().value()).containsIgnoringCase("officerHours");
    }

    /** A point beside one of the zone's own stations: on its roads and inside it. */
    private static java.util.Optional<GeoPoint> findStationPoint(Zone zone) {
        return state().stations().values().stream()
                .filter(st -> st.organisation().equals(zone.organisation()) && st.kind() != StationKind.HOSPITAL)
                .sorted(Comparator.comparing(st -> st.id().value()))
                .map(WalkoutDayIT::near)
                .filter(p -> s.node().rules().zones().zonesAt(p).contains(zone.id()))
                .findFirst();
    }

    /** The i-th of MAS's sub-zones that has a station of its own, so that each step works a zone of its own. */
    private static Zone masZoneWithStation(int i) {
        return state().zones().values().stream()
                .filter(z -> z.organisation().equals(OrganisationId.of("MAS"))
                        && z.parent().isPresent())
                .sorted(Comparator.comparing(z -> z.id().value()))
                .filter(z -> findStationPoint(z).isPresent())
                .toList()
                .get(i);
    }

    @Test
    @Order(5)
    void an_ambulance_supervisor_downgrades_a_zone_and_its_c2_call_is_served_by_a_neighbours_unit() {
        Zone z = masZoneWithStation(0);
        GeoPoint at = findStationPoint(z).orElseThrow();
        // the zone's own crews are withdrawn after assaults, by MAS's own supervisor, and the zone downgraded
        List<String> inZone = s
                .units(
                        "MAS",
                        u -> u.status() == UnitStatus.AVAILABLE
                                && u.position().isPresent()
                                && s.node()
                                        .rules()
                                        .zones()
                                        .zonesAt(u.position().get().point())
                                        .contains(z.id()))
                .stream()
                .map(u -> "\"" + u.id().value() + "\"")
                .toList();
        assertThat(inZone).isNotEmpty();
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "MAS",
                "{\"type\":\"WithdrawUnits\",\"command\":{\"selection\":{\"units\":" + inZone
                        + ",\"organisation\":null,\"type\":null,\"capability\":null,\"share\":1.0,\"seed\":0}},"
                        + "\"reason\":\"crews stood down after assaults\"}"));
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + z.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"DOWNGRADED\",\"reason\":\"crews withdrawn after assaults\"}"));
        String call = s.newIncident("MAS", "STROKE", at);
        JsonNode rec = ok(s.get("/api/v1/incidents/" + call + "/recommendation", "dispatcher", "MAS"));
        JsonNode proposed = rec.get("fills").get(0).get("proposed");
        assertThat(proposed).as(rec.toString()).isNotEmpty();
        String unit = proposed.get(0).get("unit").asText();
        var sent = s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null);
        assertThat(sent.status())
                .as("what is recommended can be dispatched: " + sent.body())
                .isEqualTo(200);
        assertThat(state().getUnit(org.muster.domain.unit.UnitId.of(unit)).status())
                .isEqualTo(UnitStatus.DISPATCHED);
        // the unit came from outside the downgraded zone, and the board counts the call as rerouted
        GeoPoint from = state().getUnit(org.muster.domain.unit.UnitId.of(unit))
                .position()
                .orElseThrow()
                .point();
        assertThat(s.node().rules().zones().zonesAt(from)).doesNotContain(z.id());
        String zoneId = z.id().value();
        JsonNode kpis = eventually(
                () -> ok(s.get("/api/v1/kpis/zones", "supervisor", "MAS")),
                k -> k.get("rerouted").toString().contains(zoneId));
        assertThat(kpis.get("rerouted").toString())
                .as(kpis.get("rerouted").toString())
                .contains(zoneId);
        assertThat(s.get("/api/v1/kpis/zones", "supervisor", "WSP").body()).doesNotContain("\"" + zoneId + "\"");
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + z.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"NORMAL\",\"reason\":\"crews back\"}"));
    }

    @Test
    @Order(6)
    void an_escort_required_zone_pairs_ambulance_dispatches_with_a_consented_police_escort() {
        Zone z = masZoneWithStation(1);
        GeoPoint at = findStationPoint(z).orElseThrow();
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + z.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"ESCORT_REQUIRED\",\"reason\":\"crews attacked on the estate\"}"));
        String call = s.newIncident("MAS", "CHEST_PAIN", at);
        JsonNode rec = ok(s.get("/api/v1/incidents/" + call + "/recommendation", "dispatcher", "MAS"));
        List<String> roles = new ArrayList<>();
        rec.get("fills").forEach(f -> roles.add(f.get("role").asText()));
        assertThat(roles).contains("ESCORT");
        ok(s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null));
        var incident = state().getIncident(org.muster.domain.incident.IncidentId.of(call));
        assertThat(incident.assignments())
                .anySatisfy(a -> assertThat(a.role().name()).isEqualTo("ESCORT"))
                .anySatisfy(a -> assertThat(a.role().name()).isEqualTo("PRIMARY"));
        // the escort comes from a force that has consented to escort MAS's crews
        var escort = incident.assignments().stream()
                .filter(a -> a.role().name().equals("ESCORT"))
                .map(a -> state().getUnit(a.unit()))
                .findFirst()
                .orElseThrow();
        assertThat(state().getOrganisation(escort.workingFor()).escortsFor(OrganisationId.of("MAS")))
                .isTrue();

        // a dispatcher who sends the ambulance alone sees the call stay in the queue, asking for an escort
        String alone = s.newIncident("MAS", "FALL", at);
        JsonNode ambulances = ok(s.get("/api/v1/incidents/" + alone + "/recommendation", "dispatcher", "MAS"));
        String ambulance = ambulances
                .get("fills")
                .get(0)
                .get("proposed")
                .get(0)
                .get("unit")
                .asText();
        ok(s.post(
                "/api/v1/incidents/" + alone + "/assignments",
                "dispatcher",
                "MAS",
                "{\"unit\":\"" + ambulance + "\"}"));
        // the queue's recommendations are worked out on a thread of their own after each change: wait for the
        // one that has the ambulance's assignment in it (an earlier one still asks for an ambulance too)
        JsonNode queue = TestServer.eventually(
                () -> ok(s.get("/api/v1/queue", "dispatcher", "MAS")),
                q -> stillWanted(q, alone).equals(List.of("ESCORT")));
        assertThat(stillWanted(queue, alone)).as(queue.toString()).containsExactly("ESCORT");
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + z.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"NORMAL\",\"reason\":\"estate calm\"}"));
    }

    @Test
    @Order(7)
    void a_closed_zone_holds_a_call_at_its_rendezvous_point_until_clearance_with_a_reason() {
        Zone z = masZoneWithStation(2);
        GeoPoint at = findStationPoint(z).orElseThrow();
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + z.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                String.format(
                        Locale.ROOT,
                        "{\"level\":\"CLOSED\",\"reason\":\"disorder\",\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        at.lat() + 0.002,
                        at.lon())));
        String call = s.newIncident("MAS", "BREATHING_PROBLEMS", at);
        ok(s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null));
        String unit = state().getIncident(org.muster.domain.incident.IncidentId.of(call))
                .assignments()
                .get(0)
                .unit()
                .value();
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}"));
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"AT_RENDEZVOUS\"}"));
        assertThat(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"ON_SCENE\"}")
                        .status())
                .as("no unit goes on scene before clearance")
                .isEqualTo(409);
        assertThat(s.post("/api/v1/incidents/" + call + "/clearance", "supervisor", "MAS", "{}")
                        .status())
                .as("clearance needs a reason")
                .isEqualTo(400);
        ok(s.post(
                "/api/v1/incidents/" + call + "/clearance",
                "supervisor",
                "MAS",
                "{\"reason\":\"police have secured the street\"}"));
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}"));
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"ON_SCENE\"}"));
        long last = state().sequence();
        assertThat(s.get("/api/v1/audit/events?after=" + Math.max(0, last - 200) + "&limit=1000", "auditor", "*")
                        .body())
                .contains("police have secured the street");
    }

    /** The roles the queue still asks units for on {@code incident}'s entry; empty when it is not waiting. */
    private static List<String> stillWanted(JsonNode queue, String incident) {
        List<String> wanted = new ArrayList<>();
        for (JsonNode w : queue.get("waiting")) {
            if (!w.get("incident").asText().equals(incident)) continue;
            w.get("recommendation").get("fills").forEach(f -> {
                if (f.get("stillNeeded").asInt() > 0) wanted.add(f.get("role").asText());
            });
        }
        return wanted;
    }
}
