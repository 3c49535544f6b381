package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.eventually;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestClock;

/**
 * A wave of disorder on a police force's ground, in the running service: the force's own supervisor is asked to
 * raise its zone to elevated, and the ambulance service whose zone the calls lie in is asked, in an alert of its
 * own, to require police escorts there. Its own supervisor accepts it, and its crews then wait for an escort.
 * Before, the one alert went to the force alone and proposed escort-required on the police zone, which no escort
 * reads.
 */
class EscortWarningIT {

    @Test
    void disorder_on_police_ground_asks_the_ambulance_service_to_require_escorts_in_its_zone() {
        TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
        try (TestServer t = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE, Map.of(), clock.asClock())) {
            // an ordinary evening has one disorder call every ten hours in a zone: not two days of history yet,
            // so the surge is judged against this, as the demo's demand model is
            t.node()
                    .useSurgeBaseline((key, from, to) -> key.type().value().equals("PUBLIC_DISORDER")
                            ? OptionalDouble.of(Duration.between(from, to).toMinutes() / 600.0)
                            : OptionalDouble.empty());
            MusterState state = t.node().engine().state();
            GeoPoint town = state.stations().values().stream()
                    .filter(st -> st.organisation().value().equals("WSP"))
                    .map(st -> st.location())
                    .filter(p -> zoneOf(t, p, "MAS") != null && zoneOf(t, p, "WSP") != null)
                    .findFirst()
                    .orElseThrow();
            ZoneId policeZone = zoneOf(t, town, "WSP");
            ZoneId ambulanceZone = zoneOf(t, town, "MAS");

            for (int k = 0; k < 8; k++) {
                t.newIncident("WSP", "PUBLIC_DISORDER", GeoPoint.of(town.lat() + 0.0005 * k, town.lon()));
                clock.advance(Duration.ofMinutes(5));
            }
            clock.advance(Duration.ofMinutes(30)); // the hour's bin closes with the next call
            t.newIncident("WSP", "WELFARE_CONCERN", town);

            String escortKey = "surge:zone:" + policeZone.value() + ":PUBLIC_DISORDER:escorts:" + ambulanceZone.value();
            JsonNode escorts = alert(
                    eventually(
                            () -> ok(t.get("/api/v1/alerts", "supervisor", "MAS")), l -> alert(l, escortKey) != null),
                    escortKey);
            if (escorts == null) {
                throw new AssertionError(
                        "no " + escortKey + "\nMAS: " + ok(t.get("/api/v1/alerts", "supervisor", "MAS")) + "\nWSP: "
                                + ok(t.get("/api/v1/alerts", "supervisor", "WSP")));
            }
            assertThat(escorts.get("organisations").toString()).isEqualTo("[\"MAS\"]");
            assertThat(escorts.get("proposedZone").asText()).isEqualTo(ambulanceZone.value());
            assertThat(escorts.get("proposedLevel").asText()).isEqualTo("ESCORT_REQUIRED");
            assertThat(escorts.get("summary").asText())
                    .contains("public disorder")
                    .contains("in MAS's zone " + ambulanceZone.value() + ": crews sent there may need a police escort");
            assertThat(escorts.get("evidence").get("police_zone").asText()).isEqualTo(policeZone.value());

            // the force's own supervisor: its zone to elevated, and where escorts were proposed
            String policeKey = "surge:zone:" + policeZone.value() + ":PUBLIC_DISORDER";
            JsonNode police = alert(ok(t.get("/api/v1/alerts", "supervisor", "WSP")), policeKey);
            assertThat(police).as("the force's own surge alert").isNotNull();
            assertThat(police.get("proposedZone").asText()).isEqualTo(policeZone.value());
            assertThat(police.get("proposedLevel").asText()).isEqualTo("ELEVATED");
            assertThat(police.get("evidence").get("escorts_proposed_in").asText())
                    .contains(ambulanceZone.value());
            // neither reads the other's, and the force cannot decide the service's
            String escortId = escorts.get("id").asText();
            assertThat(t.get("/api/v1/alerts/" + escortId, "supervisor", "WSP").status())
                    .isEqualTo(404);
            assertThat(t.post("/api/v1/alerts/" + escortId + "/accept", "supervisor", "WSP", "{\"reason\":\"x\"}")
                            .status())
                    .isEqualTo(404);
            assertThat(t.get("/api/v1/alerts/" + police.get("id").asText(), "supervisor", "MAS")
                            .status())
                    .isEqualTo(404);

            // the service's own supervisor accepts: its zone now requires escorts, set by them
            ok(t.post(
                    "/api/v1/alerts/" + escortId + "/accept",
                    "supervisor",
                    "MAS",
                    "{\"reason\":\"crews to wait for police at the estate\"}"));
            var level = t.node().engine().state().getZone(ambulanceZone).level();
            assertThat(level.level()).isEqualTo(org.muster.domain.organisation.OperatingLevel.ESCORT_REQUIRED);
        }
    }

    /** The zone of an organisation of {@code code} at the point, or null. */
    private static ZoneId zoneOf(TestServer t, GeoPoint p, String code) {
        MusterState state = t.node().engine().state();
        for (ZoneId z : t.node().engine().rules().zones().zonesAt(p)) {
            var zone = state.findZone(z).orElse(null);
            if (zone != null && zone.organisation().value().equals(code)) return z;
        }
        return null;
    }

    private static JsonNode alert(JsonNode list, String key) {
        List<JsonNode> out = new ArrayList<>();
        list.get("alerts").forEach(a -> {
            if (a.get("key").asText().equals(key)) out.add(a);
        });
        return out.isEmpty() ? null : out.getFirst();
    }
}
