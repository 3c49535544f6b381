package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.UnitStatus;

/**
 * A closed incident leaves the live state for the table of closed incidents, and the API reads it from
 * there: its owner still reads and lists it, and a command on it answers 409 "closed"; another organisation
 * gets exactly the 404 an id never used gets. MAS owns the call, WSP is the other organisation.
 */
class ClosedIncidentsIT {
    private static final TestServer S = SharedServer.get();
    private static String closed;
    /** The log's last event before the call came in. */
    private static long beforeTheCall;

    @BeforeAll
    static void aCallDispatchedThenClosedAndArchived() {
        beforeTheCall = S.node().log().lastSequence();
        closed = S.newIncident("MAS", "STROKE", near(station("MAS")));
        String unit = S.units("MAS", u -> u.status() == UnitStatus.AVAILABLE)
                .getFirst()
                .id()
                .value();
        TestServer.ok(S.post(
                "/api/v1/incidents/" + closed + "/assignments", "dispatcher", "MAS", "{\"unit\":\"" + unit + "\"}"));
        TestServer.ok(S.post("/api/v1/incidents/" + closed + "/close", "dispatcher", "MAS", "{\"reason\":\"done\"}"));
        Instant end = Instant.now().plus(Duration.ofSeconds(15));
        while (S.node().engine().state().findIncident(IncidentId.of(closed)).isPresent()) {
            if (Instant.now().isAfter(end)) throw new AssertionError(closed + " was not archived");
            Thread.onSpinWait();
        }
    }

    @Test
    void the_closed_incident_has_left_the_state_for_the_table() {
        assertThat(S.node().engine().state().incidents()).doesNotContainKey(IncidentId.of(closed));
        var record =
                S.node().closedIncidents().findIncident(IncidentId.of(closed)).orElseThrow();
        assertThat(record.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(record.organisation()).isEqualTo(OrganisationId.of("MAS"));
    }

    @Test
    void its_owner_reads_it_and_another_organisation_gets_the_404_of_an_unused_id() {
        JsonNode mine = TestServer.ok(S.get("/api/v1/incidents/" + closed, "viewer", "MAS"));
        assertThat(mine.get("status").asText()).isEqualTo("CLOSED");
        assertThat(mine.get("timeline").toString()).contains("ASSIGNED -> CLOSED");

        sameAsNothing(
                S.get("/api/v1/incidents/" + closed, "viewer", "WSP"),
                S.get("/api/v1/incidents/NOPE-C-1", "viewer", "WSP"));
    }

    @Test
    void it_is_listed_with_the_finished_incidents_of_its_owner_only() {
        assertThat(ids(S.get("/api/v1/incidents?closed=true", "viewer", "MAS"))).contains(closed);
        assertThat(ids(S.get("/api/v1/incidents?all=true", "viewer", "MAS"))).contains(closed);
        assertThat(ids(S.get("/api/v1/incidents", "viewer", "MAS"))).doesNotContain(closed);
        assertThat(ids(S.get("/api/v1/incidents?closed=true", "viewer", "WSP"))).doesNotContain(closed);
        assertThat(ids(S.get("/api/v1/incidents?closed=true", "viewer", "*"))).contains(closed);

        JsonNode page = TestServer.ok(S.get("/api/v1/incidents?closed=true&limit=1", "viewer", "MAS"));
        assertThat(page.get("incidents")).hasSize(1);
        assertThat(page.get("nextClosedBefore").isNull()).isFalse();
        assertThat(S.get("/api/v1/incidents?closed=true&limit=0", "viewer", "MAS")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void a_command_on_it_is_409_closed_for_its_owner_and_404_for_others() {
        long before = S.node().engine().state().sequence();
        String unit = S.units("MAS", u -> u.status() == UnitStatus.AVAILABLE)
                .getFirst()
                .id()
                .value();
        for (var answer : List.of(
                S.post(
                        "/api/v1/incidents/" + closed + "/assignments",
                        "dispatcher",
                        "MAS",
                        "{\"unit\":\"" + unit + "\"}"),
                S.post("/api/v1/incidents/" + closed + "/close", "dispatcher", "MAS", "{\"reason\":\"again\"}"),
                S.post("/api/v1/incidents/" + closed + "/cancel", "dispatcher", "MAS", "{\"reason\":\"again\"}"),
                S.post(
                        "/api/v1/commands",
                        "dispatcher",
                        "MAS",
                        "{\"type\":\"CloseIncident\",\"command\":{\"incident\":\"" + closed + "\"}}"))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(Json.parse(answer.body()).get("detail").asText()).isEqualTo("incident " + closed + " is closed");
        }
        var taken = S.post(
                "/api/v1/incidents",
                "call-handler",
                "MAS",
                "{\"id\":\"" + closed
                        + "\",\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":52.5,\"lon\":-1.9}}");
        assertThat(taken.status())
                .as("an archived incident's id stays taken: %s", taken.body())
                .isEqualTo(409);

        sameAsNothing(
                S.post("/api/v1/incidents/" + closed + "/close", "dispatcher", "WSP", "{\"reason\":\"x\"}"),
                S.post("/api/v1/incidents/NOPE-C-1/close", "dispatcher", "WSP", "{\"reason\":\"x\"}"));
        assertThat(S.node().log().listRange(before, S.node().engine().state().sequence()).stream()
                        .filter(e -> !e.actor().id().equals("system"))
                        .filter(e -> e.toString().contains(closed))
                        .toList())
                .as("nothing recorded about it")
                .isEmpty();
    }

    @Test
    void archiving_is_not_a_users_command() {
        var answer = S.post(
                "/api/v1/commands",
                "admin",
                "*",
                "{\"type\":\"ArchiveIncident\",\"command\":{\"incident\":\"" + closed + "\"}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    }

    @Test
    void read_again_after_archiving_its_events_still_reach_its_owner_and_nobody_else() throws Exception {
        // the audit's pages and a stream resumed from before the call replay its events with the state of
        // now, which no longer holds it: its organisation comes from the table of closed incidents
        var mine = eventsAbout(
                TestServer.ok(S.get("/api/v1/audit/events?after=" + beforeTheCall + "&limit=1000", "auditor", "MAS")));
        assertThat(mine)
                .as("MAS's own call, created, assigned and closed")
                .contains("IncidentCreated", "UnitAssigned", "IncidentStatusChanged");
        var theirs = eventsAbout(
                TestServer.ok(S.get("/api/v1/audit/events?after=" + beforeTheCall + "&limit=1000", "auditor", "WSP")));
        assertThat(theirs).as("another organisation's auditor").isEmpty();

        var request = java.net.http.HttpRequest.newBuilder(S.uri("/api/v1/stream?after=" + beforeTheCall))
                .header("Authorization", "Bearer " + TestServer.tokenOf("dispatcher", "MAS"))
                .header("Accept", "text/event-stream")
                .build();
        var response = S.http().send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        List<String> seen = new ArrayList<>();
        var reading = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (var lines = response.body()) {
                String type = null;
                for (var it = lines.iterator(); it.hasNext() && seen.size() < mine.size(); ) {
                    String line = it.next();
                    if (line.startsWith("event:")) type = line.substring(6).strip();
                    else if (line.startsWith("data:") && line.contains(closed)) seen.add(type);
                }
            }
        });
        reading.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(seen).as("the stream resumed before the call").containsExactlyElementsOf(mine);
    }

    /** The types of the events on an audit page that name the closed incident, in order. */
    private static List<String> eventsAbout(JsonNode page) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : page.get("events"))
            if (e.toString().contains(closed)) out.add(e.get("type").asText());
        return out;
    }

    private static void sameAsNothing(TestServer.Answer hidden, TestServer.Answer absent) {
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
        assertThat(absent.status()).as(absent.body()).isEqualTo(404);
        JsonNode h = Json.parse(hidden.body());
        JsonNode a = Json.parse(absent.body());
        assertThat(h.get("title").asText()).isEqualTo(a.get("title").asText());
        assertThat(h.get("detail").asText().replace(closed, "{id}"))
                .isEqualTo(a.get("detail").asText().replace("NOPE-C-1", "{id}"))
                .contains("{id}");
    }

    private static List<String> ids(TestServer.Answer answer) {
        List<String> out = new ArrayList<>();
        TestServer.ok(answer).get("incidents").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    private static Station station(String org) {
        return S.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of(org)))
                .findFirst()
                .orElseThrow();
    }

    private static org.muster.domain.GeoPoint near(Station st) {
        return new org.muster.domain.GeoPoint(
                st.location().lat() + 0.004, st.location().lon() - 0.002);
    }
}
