package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * Mutual aid over HTTP: Westshire Police asks Eastshire Police for an armed response vehicle; the request
 * is seen by its parties and the coordinator only; the lent unit by its home and its host.
 */
class AidApiIT {
    private final TestServer s = SharedServer.get();

    @Test
    void request_offer_accept_deploy_release_with_visibility() {
        var state = s.node().engine().state();
        String arv = state.units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("ESP")))
                .filter(u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE)
                .filter(u -> state.findAidRequestHolding(u.id()).isEmpty())
                .findFirst()
                .orElseThrow()
                .id()
                .value();
        var station = state.stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("WSP")))
                .findFirst()
                .orElseThrow();
        String request = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"ARMED_RESPONSE_VEHICLE\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT8H\",\"reason\":\"armed officers handed in authorisations\","
                        + "\"priority\":\"URGENT\",\"addressees\":{\"organisations\":[\"ESP\"],\"region\":null,"
                        + "\"nationalCoordinator\":false}}",
                station.location().lat(),
                station.location().lon(),
                Instant.now().plusSeconds(3600));
        var created = s.post("/api/v1/aid/requests", "supervisor", "WSP", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        String id = loc.substring(loc.lastIndexOf('/') + 1);

        // parties and the coordinator see it; a third service does not
        assertThat(s.get("/api/v1/aid/requests/" + id, "viewer", "ESP").status())
                .isEqualTo(200);
        assertThat(s.get("/api/v1/aid/requests/" + id, "coordinator", "*").status())
                .isEqualTo(200);
        assertThat(s.get("/api/v1/aid/requests/" + id, "supervisor", "MFRS").status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/aid/requests", "supervisor", "MFRS").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/aid/requests/" + id + "/suggestions", "supervisor", "WSP")
                        .status())
                .isEqualTo(200);

        // a force cannot offer what it does not have; ESP offers its own unit
        var wrong = s.post(
                "/api/v1/aid/requests/" + id + "/offers",
                "supervisor",
                "WSP",
                "{\"offerer\":\"ESP\",\"units\":[\"" + arv + "\"]}");
        assertThat(wrong.status()).isEqualTo(403);
        var offer = s.post(
                "/api/v1/aid/requests/" + id + "/offers",
                "supervisor",
                "ESP",
                "{\"offerer\":\"ESP\",\"units\":[\"" + arv + "\"],\"note\":\"one ARV, crew of two\"}");
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        String offerId = Json.parse(
                        s.get("/api/v1/aid/requests/" + id, "supervisor", "WSP").body())
                .get("offers")
                .get(0)
                .get("id")
                .asText();
        var accepted =
                s.post("/api/v1/aid/requests/" + id + "/offers/" + offerId + "/accept", "supervisor", "WSP", null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        var deployed = s.post("/api/v1/aid/requests/" + id + "/deploy", "supervisor", "WSP", null);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

        // the lent unit: seen by host and home, not by others; the host acts on it
        assertThat(s.get("/api/v1/units/" + arv, "dispatcher", "WSP").status()).isEqualTo(200);
        assertThat(Json.parse(s.get("/api/v1/units/" + arv, "dispatcher", "ESP").body())
                        .get("lentTo")
                        .asText())
                .isEqualTo("WSP");
        assertThat(s.get("/api/v1/units/" + arv, "dispatcher", "MAS").status()).isEqualTo(404);
        assertThat(s.post(
                                "/api/v1/units/" + arv + "/position",
                                "dispatcher",
                                "ESP",
                                "{\"point\":{\"lat\":52.6,\"lon\":-1.2}}")
                        .status())
                .as("the home force does not act on a lent unit")
                .isEqualTo(403);

        var released = s.post("/api/v1/aid/requests/" + id + "/release", "supervisor", "WSP", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        var hours = Json.parse(s.get("/api/v1/aid/hours", "coordinator", "*").body());
        assertThat(hours.get("lines").toString()).contains(arv);
        assertThat(s.get("/api/v1/units/" + arv, "dispatcher", "WSP").status()).isEqualTo(404);
    }

    @Test
    void an_unanswered_request_expires_after_its_report_by_time() throws Exception {
        Instant reportBy = Instant.now().plusSeconds(2);
        var esp = s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("ESP")))
                .findFirst()
                .orElseThrow()
                .location();
        String far = String.format(
                Locale.ROOT,
                "{\"requester\":\"ESP\",\"need\":{\"unitType\":\"DOG_UNIT\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":52.6,\"lon\":-1.2},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT2H\",\"reason\":\"search\",\"priority\":\"ROUTINE\","
                        + "\"addressees\":{\"organisations\":[\"WSP\"],\"region\":null,\"nationalCoordinator\":false}}",
                reportBy);
        var refused = s.post("/api/v1/aid/requests", "supervisor", "ESP", far);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(Json.parse(refused.body())
                        .get("violations")
                        .get(0)
                        .get("field")
                        .asText())
                .as("the refusal names the rendezvous, not some other field")
                .isEqualTo("rendezvous");
        String request = String.format(
                Locale.ROOT,
                "{\"requester\":\"ESP\",\"need\":{\"unitType\":\"DOG_UNIT\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT2H\",\"reason\":\"search\",\"priority\":\"ROUTINE\","
                        + "\"addressees\":{\"organisations\":[\"WSP\"],\"region\":null,\"nationalCoordinator\":false}}",
                esp.lat(),
                esp.lon(),
                reportBy);
        var created = s.post("/api/v1/aid/requests", "supervisor", "ESP", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        String status = "";
        for (int i = 0; i < 100 && !status.equals("EXPIRED"); i++) {
            Thread.sleep(100);
            status = Json.parse(s.get("/api/v1/aid/requests/" + id, "supervisor", "ESP")
                            .body())
                    .get("status")
                    .asText();
        }
        assertThat(status).isEqualTo("EXPIRED");
        assertThat(Instant.now()).isAfter(reportBy);
    }
}
