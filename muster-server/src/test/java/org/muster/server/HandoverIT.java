package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;

/**
 * Between two control rooms: Westshire Police, on the shared service (PostgreSQL), hands a stabbing over to the
 * ambulance service on a second service (its own SQLite store) through EIDO over HTTP. The force's dispatcher
 * sees the acknowledgement on the incident, and later the ambulance service's dispatch, arrival and closing of its
 * copy; a refused handover, and one to a service that does not answer, are reported to the force, and the
 * incident stays with it.
 */
class HandoverIT {
    private final TestServer a = SharedServer.get();

    @org.junit.jupiter.api.BeforeEach
    void theSchemasAreThere() {
        // the receiver checks the EIDO document it is handed against NENA's schema: skipped, saying so, without it
        org.muster.interop.testing.SharedSchemas.eido();
    }

    @Test
    void the_sender_sees_the_acknowledgement_and_the_receivers_later_statuses() {
        TestServer b = SharedServer.peer();
        String sent = a.newIncident("WSP", "STABBING", point(a, "WSP"));

        var handed = a.post(
                "/api/v1/incidents/" + sent + "/handover",
                "dispatcher",
                "WSP",
                "{\"peer\":\"ambulance\",\"organisation\":\"MAS\",\"type\":\"STABBING_CASUALTY\"}");
        assertThat(handed.status()).as(handed.body()).isEqualTo(201);
        String copy = Json.parse(handed.body()).get("receiverIncident").asText();

        // the receiver holds its own copy, in the ambulance service, under its own type
        var received = b.node().getIncident(IncidentId.of(copy));
        assertThat(received.organisation()).isEqualTo(OrganisationId.of("MAS"));
        assertThat(received.type().value()).isEqualTo("STABBING_CASUALTY");
        // the sender's incident stays the force's, and says to whom it went, as what, and when it was acknowledged
        JsonNode mine = Json.parse(
                a.get("/api/v1/incidents/" + sent, "dispatcher", "WSP").body());
        assertThat(mine.get("organisation").asText()).isEqualTo("WSP");
        assertThat(mine.get("timeline").toString())
                .contains("handed over to MAS as " + copy + " via ambulance, acknowledged at");

        // the ambulance service works its copy; each step comes back to the force's incident
        var dispatched = b.post("/api/v1/incidents/" + copy + "/dispatch-recommended", "dispatcher", "MAS", null);
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        String unit = Json.parse(dispatched.body()).findValue("unit").asText();
        timelineOf(sent, "MAS " + copy + " ASSIGNED at");
        assertThat(b.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}")
                        .status())
                .isEqualTo(200);
        assertThat(b.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"ON_SCENE\"}")
                        .status())
                .isEqualTo(200);
        timelineOf(sent, "MAS " + copy + " ON_SCENE at");
        var closed = b.post("/api/v1/incidents/" + copy + "/close", "dispatcher", "MAS", null);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        JsonNode last = timelineOf(sent, "MAS " + copy + " CLOSED at");
        assertThat(last.get("status").asText())
                .as("the force's own incident goes on as its own")
                .isNotEqualTo("CLOSED");

        // a status of a copy the incident was never handed over as is not taken
        var bogus = a.post(
                "/api/v1/incidents/" + sent + "/handover/status",
                "call-handler",
                "WSP",
                "{\"organisation\":\"MAS\",\"incident\":\"I-NOT-SENT\",\"status\":\"CLOSED\",\"at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(bogus.status()).as(bogus.body()).isEqualTo(404);
    }

    @Test
    void a_refused_or_unanswered_handover_is_reported_and_the_incident_stays_with_the_sender() {
        SharedServer.peer();
        String sent = a.newIncident("WSP", "STABBING", point(a, "WSP"));

        // STABBING is not an ambulance type: the receiver refuses the document, and the supervisor hears why
        var refused = a.post(
                "/api/v1/incidents/" + sent + "/handover",
                "supervisor",
                "WSP",
                "{\"peer\":\"ambulance\",\"organisation\":\"MAS\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(Json.parse(refused.body()).get("detail").asText())
                .contains("refused", "HTTP 400", "STABBING", "stays with WSP");

        // a peer that does not answer
        var down = a.post(
                "/api/v1/incidents/" + sent + "/handover",
                "dispatcher",
                "WSP",
                "{\"peer\":\"nowhere\",\"organisation\":\"MFRS\"}");
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(Json.parse(down.body()).get("detail").asText()).contains("no answer", "stays with WSP");

        JsonNode mine = Json.parse(
                a.get("/api/v1/incidents/" + sent, "dispatcher", "WSP").body());
        assertThat(mine.get("organisation").asText()).isEqualTo("WSP");
        assertThat(mine.get("status").asText()).isIn("OPEN", "WAITING");
        assertThat(mine.get("timeline").toString())
                .contains("handover to MAS via ambulance refused", "handover to MFRS via nowhere refused")
                .doesNotContain("handed over to");

        // bad input and the wrong people change nothing
        assertThat(a.post(
                                "/api/v1/incidents/" + sent + "/handover",
                                "dispatcher",
                                "WSP",
                                "{\"peer\":\"elsewhere\",\"organisation\":\"MAS\"}")
                        .body())
                .contains("peer", "elsewhere", "ambulance");
        assertThat(a.post(
                                "/api/v1/incidents/" + sent + "/handover",
                                "dispatcher",
                                "WSP",
                                "{\"peer\":\"ambulance\",\"organisation\":\"MFRS\"}")
                        .status())
                .isEqualTo(400);
        assertThat(a.post(
                                "/api/v1/incidents/" + sent + "/handover",
                                "call-handler",
                                "WSP",
                                "{\"peer\":\"ambulance\",\"organisation\":\"MAS\"}")
                        .status())
                .isEqualTo(403);
        assertThat(a.post(
                                "/api/v1/incidents/" + sent + "/handover",
                                "dispatcher",
                                "ESP",
                                "{\"peer\":\"ambulance\",\"organisation\":\"MAS\"}")
                        .status())
                .isEqualTo(404);
    }

    /** The sender's incident once its timeline holds {@code line}, waited for: the receiver reports at its pace. */
    private JsonNode timelineOf(String incident, String line) {
        JsonNode last = TestServer.eventually(
                () -> Json.parse(a.get("/api/v1/incidents/" + incident, "dispatcher", "WSP")
                        .body()),
                j -> j.get("timeline").toString().contains(line));
        assertThat(last.get("timeline").toString()).contains(line);
        return last;
    }

    /** An organisation's station's location, nudged: inside its zones and near roads. */
    /** A place near the organisation's first station, on its roads. */
    static GeoPoint point(TestServer s, String org) {
        Station station = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(org)))
                .min(java.util.Comparator.comparing(Station::id))
                .orElseThrow();
        return new GeoPoint(station.location().lat() + 0.004, station.location().lon() + 0.004);
    }
}
