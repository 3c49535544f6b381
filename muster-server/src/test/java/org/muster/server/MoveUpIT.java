package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * Move-up in the running service: a dispatcher sends every ambulance of one station to calls, and an
 * alert addressed to the ambulance service proposes moving available ambulances to restore cover, with
 * the evidence; its supervisor accepts it. Other services do not see it.
 */
class MoveUpIT {
    /**
     * A server of its own: whether a move is worth proposing depends on where every ambulance of the service
     * is, and the shared server's other tests leave ambulances committed, withdrawn or lent.
     */
    private static TestServer s;

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        s = TestServer.start(org.muster.store.StoreConfig.Backend.POSTGRESQL);
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void committing_a_stations_ambulances_raises_a_move_up_proposal_with_its_evidence() {
        Map<Object, List<Unit>> byStation = s
                .units(
                        "MAS",
                        u -> u.type() == UnitType.DOUBLE_CREWED_AMBULANCE
                                && u.status() == UnitStatus.AVAILABLE
                                && u.homeStation().isPresent())
                .stream()
                .collect(Collectors.groupingBy(u -> u.homeStation().get()));
        List<Unit> station = byStation.values().stream()
                .max(Comparator.comparingInt(List::size))
                .orElseThrow();
        for (Unit u : station) {
            GeoPoint p = u.position().orElseThrow().point();
            String incident = s.newIncident("MAS", "CHEST_PAIN", GeoPoint.of(p.lat() + 0.002, p.lon()));
            var sent = s.post(
                    "/api/v1/incidents/" + incident + "/assignments",
                    "dispatcher",
                    "MAS",
                    "{\"unit\":\"" + u.id().value() + "\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        }

        JsonNode alert = moveUpAlert("MAS");
        assertThat(alert).as("a move-up alert for MAS").isNotNull();
        JsonNode evidence = alert.get("evidence");
        assertThat(evidence.get("coverage.now").asText()).endsWith("%");
        assertThat(evidence.get("coverage.after").asText()).endsWith("%");
        assertThat(evidence.get("move.1").asText()).contains(" to ").contains("cover");
        assertThat(evidence.get("move.1.seconds").asLong()).isPositive();
        assertThat(alert.get("summary").asText()).startsWith("Move-up for double crewed ambulances");
        assertThat(alert.get("organisations").toString()).contains("MAS");

        // another service's control room does not see it
        JsonNode police = TestServer.ok(s.get("/api/v1/alerts", "dispatcher", "WSP"));
        assertThat(police.toString()).doesNotContain(alert.get("id").asText());

        // the screens offer the decision to exactly those the gateway takes it from: the ambulance dispatcher,
        // not its call handler; and a supervisor's alert (capacity) is not the dispatcher's to decide
        JsonNode asDispatcher = TestServer.ok(s.get("/api/v1/alerts", "dispatcher", "MAS"));
        assertThat(asDispatcher.get("decidable").toString())
                .contains(alert.get("id").asText());
        for (JsonNode a : asDispatcher.get("alerts"))
            if (a.get("kind").asText().equals("capacity"))
                assertThat(asDispatcher.get("decidable").toString())
                        .doesNotContain(a.get("id").asText());
        assertThat(TestServer.ok(s.get("/api/v1/alerts", "call-handler", "MAS"))
                        .get("decidable")
                        .toString())
                .isEqualTo("[]");

        // the control room decides: a dispatcher of another service may not, the ambulance dispatcher may
        String accept = "/api/v1/alerts/" + alert.get("id").asText() + "/accept";
        assertThat(s.post(accept, "dispatcher", "WSP", "{\"reason\":\"not ours\"}")
                        .status())
                .isEqualTo(404);
        assertThat(s.post(accept, "call-handler", "MAS", "{\"reason\":\"not mine\"}")
                        .status())
                .isEqualTo(403);
        var accepted = s.post(accept, "dispatcher", "MAS", "{\"reason\":\"moving them now\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        JsonNode decided = TestServer.ok(s.get("/api/v1/alerts?all=true", "dispatcher", "MAS"));
        assertThat(decided.toString()).contains("moving them now");
    }

    private JsonNode moveUpAlert(String org) {
        JsonNode alerts = TestServer.eventually(
                () -> TestServer.ok(s.get("/api/v1/alerts", "dispatcher", org)), l -> find(l) != null);
        return find(alerts);
    }

    private static JsonNode find(JsonNode list) {
        for (JsonNode a : list.get("alerts"))
            if (a.get("kind").asText().equals("move-up")
                    && a.get("status").asText().equals("OPEN")) return a;
        return null;
    }

    @SuppressWarnings("unused")
    private static final OrganisationId MAS = OrganisationId.of("MAS");
}
