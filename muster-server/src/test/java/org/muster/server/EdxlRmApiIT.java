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
 * Mutual aid as EDXL-RM over HTTP: Westshire Police asks Eastshire Police for an armed response vehicle on the
 * shared service, and the request's life (asked, offered, committed, released) is exported as four messages
 * that validate against Muster's schema; imported one by one into a second service (its own store) by
 * Eastshire's supervisor there, they make the same request, answered and released, as Muster models it.
 */
class EdxlRmApiIT {
    private final TestServer a = SharedServer.get();

    @Test
    void a_requests_life_goes_out_as_four_valid_messages_and_comes_back_in_a_second_service() throws Exception {
        String arv = freeUnit("ESP", UnitType.ARMED_RESPONSE_VEHICLE);
        String id = lived(arv);

        // out: the requester's supervisor, the donor's viewer and the coordinator read it; a third service not
        var out = a.get("/api/v1/aid/requests/" + id + "/edxl-rm", "supervisor", "WSP");
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(a.get("/api/v1/aid/requests/" + id + "/edxl-rm", "viewer", "ESP")
                        .status())
                .isEqualTo(200);
        assertThat(a.get("/api/v1/aid/requests/" + id + "/edxl-rm", "coordinator", "*")
                        .status())
                .isEqualTo(200);
        assertThat(a.get("/api/v1/aid/requests/" + id + "/edxl-rm", "supervisor", "MFRS")
                        .status())
                .isEqualTo(404);
        List<String> kinds = new ArrayList<>();
        List<String> xml = new ArrayList<>();
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/org/muster/interop/edxlrm/edxl-rm-msg.xsd"));
        for (JsonNode m : Json.parse(out.body()).get("messages")) {
            kinds.add(m.get("kind").asText());
            xml.add(m.get("xml").asText());
            schema.newValidator()
                    .validate(new StreamSource(new StringReader(m.get("xml").asText())));
        }
        assertThat(kinds)
                .containsExactly("RequestResource", "ResponseToRequestResource", "CommitResource", "ReleaseResource");

        // in: a second service, where Eastshire's supervisor records the conversation as it reaches them
        TestServer b = SharedServer.peer();
        assertThat(b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("dispatcher", "ESP"), xml.get(0))
                        .status())
                .as("a dispatcher does not take part in mutual aid")
                .isEqualTo(403);
        String local = null;
        for (String message : xml) {
            var in = b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "ESP"), message);
            assertThat(in.status()).as(in.body()).isEqualTo(201);
            local = Json.parse(in.body()).get("request").asText();
        }
        JsonNode original = Json.parse(
                a.get("/api/v1/aid/requests/" + id, "supervisor", "WSP").body());
        JsonNode copy = Json.parse(
                b.get("/api/v1/aid/requests/" + local, "supervisor", "ESP").body());
        assertThat(copy.get("requester").asText()).isEqualTo("WSP");
        assertThat(copy.get("need")).isEqualTo(original.get("need"));
        assertThat(copy.get("rendezvous")).isEqualTo(original.get("rendezvous"));
        assertThat(Instant.parse(copy.get("reportBy").asText()))
                .isEqualTo(Instant.parse(original.get("reportBy").asText()).truncatedTo(ChronoUnit.SECONDS));
        assertThat(copy.get("duration")).isEqualTo(original.get("duration"));
        assertThat(copy.get("reason")).isEqualTo(original.get("reason"));
        assertThat(copy.get("priority")).isEqualTo(original.get("priority"));
        assertThat(copy.get("status").asText()).isEqualTo("RELEASED");
        assertThat(copy.at("/offers/0/offerer").asText()).isEqualTo("ESP");
        assertThat(copy.at("/offers/0/units").toString()).isEqualTo("[\"" + arv + "\"]");
        assertThat(copy.at("/offers/0/accepted").toString()).isEqualTo("[\"" + arv + "\"]");
        assertThat(copy.at("/deployments/0/unit").asText()).isEqualTo(arv);
        assertThat(copy.at("/deployments/0/end").isMissingNode()
                        || copy.at("/deployments/0/end").isNull())
                .as(copy.toString())
                .isFalse();

        // a service that is not party to it does not see it, and cannot record a step of it
        assertThat(b.send("POST", "/api/v1/aid/edxl-rm", TestServer.tokenOf("supervisor", "MFRS"), xml.get(3))
                        .status())
                .isEqualTo(404);
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

    /** WSP asks ESP for one ARV; ESP offers it; WSP accepts, deploys and releases it. */
    private String lived(String arv) {
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
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        var offer = a.post(
                "/api/v1/aid/requests/" + id + "/offers",
                "supervisor",
                "ESP",
                "{\"offerer\":\"ESP\",\"units\":[\"" + arv + "\"],\"note\":\"one ARV, crew of two\"}");
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        String offerId = Json.parse(
                        a.get("/api/v1/aid/requests/" + id, "supervisor", "WSP").body())
                .at("/offers/0/id")
                .asText();
        for (String step : List.of("/offers/" + offerId + "/accept", "/deploy", "/release")) {
            var r = a.post("/api/v1/aid/requests/" + id + step, "supervisor", "WSP", null);
            assertThat(r.status()).as(step + " " + r.body()).isEqualTo(200);
        }
        return id;
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
