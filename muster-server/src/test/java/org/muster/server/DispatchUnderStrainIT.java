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
    void a_neighbour_s_unit_recommended_for_a_downgraded_zone_is_dispatched_by_the_dispatcher_who_saw_it() {
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

        String call = s.newIncident("WSP", "BURGLARY_IN_PROGRESS", at);
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
    }
}
