package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * Mutual aid as EDXL-RM over HTTP between two services, each on its own store: Westshire Police, on the shared
 * service, asks Eastshire Police, whose supervisor takes the request in on a second service and offers an armed
 * response vehicle there; the answer goes back, Westshire accepts, deploys and releases it, and the commitment
 * and release go to Eastshire's service. The life (asked, offered, committed, released) is four messages that
 * validate against Muster's schema, and both services end with the same request as Muster models it.
 */
class EdxlRmApiIT {
    private final TestServer a = SharedServer.get();

    @Test
    void a_request_crosses_between_two_services_as_edxl_rm_messages_and_both_keep_what_muster_models()
            throws Exception {
        TestServer b = SharedServer.peer();
        String arv = freeUnit("ESP", UnitType.ARMED_RESPONSE_VEHICLE);
        String id = requested();

        // the request reaches Eastshire's own service: its supervisor records it there
        String asked = messages(a, id, "supervisor", "WSP").getFirst();
        assertThat(b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("dispatcher", "ESP"), asked)
                        .status())
                .as("a dispatcher does not take part in mutual aid")
                .isEqualTo(403);
        var in = b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "ESP"), asked);
        assertThat(in.status()).as(in.body()).isEqualTo(201);
        assertThat(Json.parse(in.body()).get("request").asText())
                .as("the sender's id is kept")
                .isEqualTo(id);
        var twice = b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "ESP"), asked);
        assertThat(twice.status()).as("the same request twice").isEqualTo(409);
        assertThat(twice.body())
                .as("the refusal names the message and the request it is, as EIDO's does")
                .contains("MessageID", "not received before", "WSP's mutual aid request " + id, "OPEN");

        // Eastshire offers there; its answer goes back to Westshire's service, where the requester takes it up
        var offer = b.post(
                "/api/v1/aid/requests/" + id + "/offers",
                "supervisor",
                "ESP",
                "{\"offerer\":\"ESP\",\"units\":[\"" + arv + "\"],\"note\":\"one ARV, crew of two\"}");
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        String answered = messages(b, id, "supervisor", "ESP").get(1);
        String forged = answered.replace("urn:muster:ESP", "urn:muster:NSP").replace("Eastshire", "Northshire");
        assertThat(a.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "WSP"), forged)
                        .status())
                .as("a message may not speak for a force this service holds itself")
                .isEqualTo(403);
        var back = a.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "WSP"), answered);
        assertThat(back.status()).as(back.body()).isEqualTo(201);
        String offerId = Json.parse(
                        a.get("/api/v1/aid/requests/" + id, "supervisor", "WSP").body())
                .at("/offers/0/id")
                .asText();
        for (String step : List.of("/offers/" + offerId + "/accept", "/deploy", "/release")) {
            var r = a.post("/api/v1/aid/requests/" + id + step, "supervisor", "WSP", null);
            assertThat(r.status()).as(step + " " + r.body()).isEqualTo(200);
        }

        // the life as Westshire's service tells it: four messages, each valid; seen by the parties and the
        // coordinator, not by a third service
        List<String> life = messages(a, id, "supervisor", "WSP");
        assertThat(messages(a, id, "viewer", "ESP")).isEqualTo(life);
        assertThat(messages(a, id, "coordinator", "*")).isEqualTo(life);
        assertThat(a.get("/api/v1/aid/requests/" + id + "/edxl-rm", "supervisor", "MFRS")
                        .status())
                .isEqualTo(404);
        assertThat(life)
                .extracting(x -> x.substring(x.indexOf("<", 5) + 1, x.indexOf(" xmlns")))
                .containsExactly("RequestResource", "ResponseToRequestResource", "CommitResource", "ReleaseResource");
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/org/muster/interop/edxlrm/edxl-rm-msg.xsd"));
        for (String m : life) schema.newValidator().validate(new StreamSource(new StringReader(m)));

        // the commitment and the release reach Eastshire's service: both services now tell the same story
        for (String m : life.subList(2, 4)) {
            var r = b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "ESP"), m);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        JsonNode original = Json.parse(
                a.get("/api/v1/aid/requests/" + id, "supervisor", "WSP").body());
        JsonNode copy = Json.parse(
                b.get("/api/v1/aid/requests/" + id, "supervisor", "ESP").body());
        assertThat(copy.get("requester").asText()).isEqualTo("WSP");
        for (String same : List.of("need", "rendezvous", "duration", "reason", "priority", "status"))
            assertThat(copy.get(same)).as(same).isEqualTo(original.get(same));
        assertThat(copy.get("status").asText()).isEqualTo("RELEASED");
        assertThat(Instant.parse(copy.get("reportBy").asText()))
                .isEqualTo(Instant.parse(original.get("reportBy").asText()).truncatedTo(ChronoUnit.SECONDS));
        for (String same : List.of("/offers/0/id", "/offers/0/offerer", "/offers/0/units", "/offers/0/accepted"))
            assertThat(copy.at(same)).as(same).isEqualTo(original.at(same));
        assertThat(copy.at("/offers/0/units").toString()).isEqualTo("[\"" + arv + "\"]");
        assertThat(copy.at("/deployments/0/unit").asText()).isEqualTo(arv);
        assertThat(copy.at("/deployments/0/end").isMissingNode()
                        || copy.at("/deployments/0/end").isNull())
                .as(copy.toString())
                .isFalse();

        // a service that is not party to it does not see it, and cannot record a step of it
        assertThat(b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "MFRS"), life.get(3))
                        .status())
                .isEqualTo(404);
    }

    /** The request's EDXL-RM messages as the service tells them to the user. */
    private static List<String> messages(TestServer s, String request, String role, String org) {
        var out = s.get("/api/v1/aid/requests/" + request + "/edxl-rm", role, org);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        List<String> xml = new ArrayList<>();
        for (JsonNode m : Json.parse(out.body()).get("messages"))
            xml.add(m.get("xml").asText());
        return xml;
    }

    @Test
    void a_message_that_fails_the_schema_is_refused_with_every_violation_and_records_nothing() {
        TestServer b = SharedServer.peer();
        String broken =
                "<?xml version=\"1.0\"?><RequestResource xmlns=\"urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg\">"
                        + "<MessageID>x</MessageID><SentDateTime>yesterday</SentDateTime>"
                        + "<MessageContentType>RequestResource</MessageContentType>"
                        + "<ResourceInformation><ResourceInfoElementID>1</ResourceInfoElementID></ResourceInformation>"
                        + "</RequestResource>";
        int before = b.node().engine().state().listAidRequests().size();
        var refused = b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "ESP"), broken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode violations = Json.parse(refused.body()).get("violations");
        assertThat(violations.size()).as(refused.body()).isGreaterThanOrEqualTo(2);
        assertThat(refused.body()).contains("yesterday", "ContactInformation");
        assertThat(b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "ESP"), "<not xml")
                        .status())
                .isEqualTo(400);
        assertThat(b.node().engine().state().listAidRequests()).hasSize(before);
    }

    /** Westshire's supervisor asks Eastshire for one armed response vehicle; answers the request's id. */
    private String requested() {
        var station = a.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("WSP")))
                .findFirst()
                .orElseThrow();
        String request = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"ARMED_RESPONSE_VEHICLE\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[\"ARMED\"]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT6H\",\"reason\":\"armed stand-off at the docks\","
                        + "\"priority\":\"IMMEDIATE\",\"addressees\":{\"organisations\":[\"ESP\"],\"region\":null,"
                        + "\"nationalCoordinator\":false}}",
                station.location().lat(),
                station.location().lon(),
                Instant.now().plus(Duration.ofHours(1)));
        var created = a.post("/api/v1/aid/requests", "supervisor", "WSP", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        return loc.substring(loc.lastIndexOf('/') + 1);
    }

    private String freeUnit(String org, UnitType type) {
        var state = a.node().engine().state();
        return state.units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of(org)))
                .filter(u -> u.type() == type && u.status() == UnitStatus.AVAILABLE && !u.isLent())
                .filter(u -> state.findAidRequestHolding(u.id()).isEmpty())
                .sorted(java.util.Comparator.comparing(u -> u.id().value()))
                .reduce((x, y) -> y)
                .orElseThrow()
                .id()
                .value();
    }
}
