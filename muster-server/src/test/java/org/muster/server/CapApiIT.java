package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.publicalert.PublicAlertId;
import org.muster.domain.publicalert.PublicAlertStatus;
import org.muster.interop.testing.SharedSchemas;

/**
 * Public alerts in the running service: a force's supervisor issues one for its zone, updates it with a
 * drawn area and cancels it, each a command in the log; dispatchers, the coordinator and other forces may
 * not; anyone reads the Atom feed and every message, each valid against OASIS's CAP-v1.2.xsd.
 */
class CapApiIT {
    private final TestServer s = SharedServer.get();
    private static Schema cap;

    @BeforeAll
    static void loadSchema() throws Exception {
        cap = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SharedSchemas.cap().toFile());
    }

    private String zoneOf(String org) {
        return s.node().engine().state().zones().values().stream()
                .filter(z -> z.organisation().equals(OrganisationId.of(org)))
                .map(Zone::id)
                .sorted()
                .findFirst()
                .orElseThrow()
                .value();
    }

    private static String content(String advice, String zones, String polygon) {
        return "{\"headline\":\"Police incident: "
                + advice.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + "\",\"description\":\"Officers are dealing with an incident.\",\"advice\":\"" + advice
                + "\",\"severity\":\"SEVERE\",\"area\":{\"description\":\"Town centre\",\"zones\":[" + zones
                + "],\"polygon\":[" + polygon + "]}}";
    }

    private static final String DRAWN = "{\"lat\":52.48,\"lon\":-1.92},{\"lat\":52.49,\"lon\":-1.92},"
            + "{\"lat\":52.49,\"lon\":-1.91},{\"lat\":52.48,\"lon\":-1.92}";

    private void assertValidCap(String xml) {
        try {
            cap.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not valid CAP 1.2: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private TestServer.Answer message(String id) {
        return s.send("GET", "/api/v1/cap/alerts/" + id, null, null);
    }

    private String feed() {
        var f = s.send("GET", "/api/v1/cap/feed.atom", null, null);
        assertThat(f.status()).isEqualTo(200);
        assertThat(f.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        return f.body();
    }

    @Test
    void aSupervisorIssuesUpdatesAndCancelsAPublicAlertAndAnyoneReadsItAsCap() {
        String zone = "\"" + zoneOf("WSP") + "\"";
        String id = "PA-IT-" + System.nanoTime();
        String issue = "{\"id\":\"" + id + "\",\"organisation\":\"WSP\",\"content\":"
                + content("STAY_INDOORS", zone, "") + ",\"reason\":\"armed incident in the town centre\"}";

        // who may not: a dispatcher, the coordinator, another force's supervisor
        assertThat(s.post("/api/v1/cap/alerts", "dispatcher", "WSP", issue).status())
                .isEqualTo(403);
        assertThat(s.post("/api/v1/cap/alerts", "coordinator", "*", issue).status())
                .isEqualTo(403);
        assertThat(s.post("/api/v1/cap/alerts", "supervisor", "ESP", issue).status())
                .isEqualTo(403);
        var notTheirs = s.post(
                "/api/v1/cap/alerts",
                "supervisor",
                "ESP",
                issue.replace("\"organisation\":\"WSP\"", "\"organisation\":\"ESP\""));
        assertThat(notTheirs.status()).isEqualTo(400);
        assertThat(notTheirs.body()).contains("area.zones", "must be a zone of ESP");
        assertThat(s.node().engine().state().findPublicAlert(PublicAlertId.of(id)))
                .isEmpty();

        var issued = s.post("/api/v1/cap/alerts", "supervisor", "WSP", issue);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Location")).contains("/api/v1/cap/alerts/" + id);
        var alert = message(id);
        assertThat(alert.status()).isEqualTo(200);
        assertThat(alert.headers().firstValue("Content-Type").orElse("")).startsWith("application/cap+xml");
        assertValidCap(alert.body());
        assertThat(alert.body()).contains("<msgType>Alert</msgType>", "<responseType>Shelter</responseType>");
        assertThat(feed()).contains("/api/v1/cap/alerts/" + id, "urn:muster:WSP:alert:" + id + ":1");

        // another force may not change it; its own supervisor draws the area instead
        String change = "{\"content\":" + content("AVOID_THE_AREA", "", DRAWN) + "}";
        assertThat(s.send("PUT", "/api/v1/cap/alerts/" + id, TestServer.tokenOf("supervisor", "ESP"), change)
                        .status())
                .isEqualTo(403);
        var updated = s.send("PUT", "/api/v1/cap/alerts/" + id, TestServer.tokenOf("supervisor", "WSP"), change);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        var update = message(id);
        assertValidCap(update.body());
        assertThat(update.body())
                .contains("<msgType>Update</msgType>", "<references>urn:muster:WSP,urn:muster:WSP:alert:" + id + ":1,")
                .contains("<polygon>52.48,-1.92 52.49,-1.92 52.49,-1.91 52.48,-1.92</polygon>");
        assertThat(feed()).contains("urn:muster:WSP:alert:" + id + ":2");

        var cancelled =
                s.post("/api/v1/cap/alerts/" + id + "/cancel", "supervisor", "WSP", "{\"reason\":\"arrested\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        var cancel = message(id);
        assertValidCap(cancel.body());
        assertThat(cancel.body()).contains("<msgType>Cancel</msgType>", "alert:" + id + ":2,");
        assertThat(feed()).doesNotContain(id);
        assertThat(s.send("PUT", "/api/v1/cap/alerts/" + id, TestServer.tokenOf("supervisor", "WSP"), change)
                        .status())
                .isEqualTo(409);

        // each step is in the log, under the supervisor's name
        var kept = s.node().engine().state().getPublicAlert(PublicAlertId.of(id));
        assertThat(kept.status()).isEqualTo(PublicAlertStatus.CANCELLED);
        assertThat(kept.version()).isEqualTo(3);
        assertThat(s.get("/api/v1/cap/alerts?all=true", "viewer", "MAS").body()).contains(id);
    }

    @Test
    void aBadAreaIsRefusedNamingTheFieldAndNothingIsIssued() {
        String id = "PA-BAD-" + System.nanoTime();
        String threePoints =
                "{\"lat\":52.48,\"lon\":-1.92},{\"lat\":52.49,\"lon\":-1.92},{\"lat\":52.48,\"lon\":-1.92}";
        var refused = s.post(
                "/api/v1/cap/alerts",
                "supervisor",
                "WSP",
                "{\"id\":\"" + id + "\",\"organisation\":\"WSP\",\"content\":" + content("EVACUATE", "", threePoints)
                        + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"body.content.area.polygon\"", "3 points", "closed ring");
        var empty = s.post(
                "/api/v1/cap/alerts",
                "supervisor",
                "WSP",
                "{\"id\":\"" + id + "\",\"organisation\":\"WSP\",\"content\":" + content("EVACUATE", "", "") + "}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\"field\":\"body.content.area.zones\"", "must name zones or draw a polygon");
        assertThat(message(id).status()).isEqualTo(404);
        assertThat(s.node().engine().state().findPublicAlert(PublicAlertId.of(id)))
                .isEmpty();
    }

    /** The area is "some zones, a drawn polygon, or both": a supervisor who names zones need not send a polygon. */
    @Test
    void anAreaOfZonesAloneOrADrawingAloneNeedsNothingElse() {
        String zonesOnly = "PA-ZONES-" + System.nanoTime();
        var issued =
                issueWithArea(zonesOnly, "{\"description\":\"Town centre\",\"zones\":[\"" + zoneOf("WSP") + "\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(message(zonesOnly).body()).contains("muster:zone").doesNotContain("<polygon>");

        String drawnOnly = "PA-DRAWN-" + System.nanoTime();
        var drawn = issueWithArea(drawnOnly, "{\"description\":\"Market\",\"polygon\":[" + DRAWN + "]}");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
        assertThat(message(drawnOnly).body()).contains("<polygon>").doesNotContain("muster:zone");

        // the list is in the API's one JSON form: ids as bare strings, as every other list
        var list = TestServer.ok(s.get("/api/v1/cap/alerts", "dispatcher", "WSP"));
        assertThat(list.get("sequence").asLong()).isPositive();
        var ids = new java.util.ArrayList<String>();
        for (var a : list.get("alerts")) {
            assertThat(a.get("organisation").isTextual()).as(a.toString()).isTrue();
            ids.add(a.get("id").asText());
        }
        assertThat(ids).contains(zonesOnly, drawnOnly);
    }

    private TestServer.Answer issueWithArea(String id, String area) {
        return s.post(
                "/api/v1/cap/alerts",
                "supervisor",
                "WSP",
                "{\"id\":\"" + id + "\",\"organisation\":\"WSP\",\"content\":{\"headline\":\"Avoid the town"
                        + " centre\",\"description\":\"Disorder.\",\"advice\":\"AVOID_THE_AREA\",\"severity\":"
                        + "\"SEVERE\",\"area\":" + area + "}}");
    }
}
