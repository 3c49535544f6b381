package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;

/**
 * ARP's C1 clock in the running service: a dispatcher sends a paramedic's car and an ambulance to a cardiac
 * arrest; the car's arrival stops the C1 clock, so the supervisor's response board counts the call reached
 * then, and the ambulance arriving after it does not count it again. (Before, the clock waited for the
 * ambulance, the call's first requirement.)
 */
class FirstResponderClockIT {
    private static final OrganisationId MAS = OrganisationId.of("MAS");
    private final TestServer s = SharedServer.get();

    private Unit free(MusterState state, UnitType type) {
        return state.units().values().stream()
                .filter(u -> u.organisation().equals(MAS) && u.type() == type && u.status() == UnitStatus.AVAILABLE)
                .filter(u -> u.homeStation().isPresent())
                .min(Comparator.comparing((Unit u) -> u.id().value()))
                .orElseThrow();
    }

    /** How many C1 calls the MAS supervisor's board counts reached today. */
    private int c1Reached() {
        for (JsonNode k : ok(s.get("/api/v1/kpis", "supervisor", "MAS")).get("kpis"))
            if (k.get("organisation").asText().equals("MAS")
                    && k.get("priority").asText().equals("C1"))
                return k.get("stats").get("count").asInt();
        throw new AssertionError("no C1 figures on MAS's board");
    }

    private long responsesTo(String incident) {
        return s.node().responses().listResponses().stream()
                .filter(r -> r.incident().value().equals(incident))
                .count();
    }

    private void status(String unit, String status) {
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"" + status + "\"}"));
    }

    @Test
    void aCarReachingACardiacArrestStopsTheC1ClockAndTheAmbulanceBehindItDoesNotCountItAgain() {
        MusterState state = s.node().engine().state();
        Unit car = free(state, UnitType.RAPID_RESPONSE_CAR);
        Unit ambulance = free(state, UnitType.DOUBLE_CREWED_AMBULANCE);
        GeoPoint at =
                car.homeStation().flatMap(state::findStation).orElseThrow().location();
        String id = s.newIncident("MAS", "CARDIAC_ARREST", GeoPoint.of(at.lat() + 0.001, at.lon()));
        try {
            for (Unit u : new Unit[] {car, ambulance})
                ok(s.post(
                        "/api/v1/incidents/" + id + "/assignments",
                        "dispatcher",
                        "MAS",
                        "{\"unit\":\"" + u.id().value() + "\"}"));
            int before = c1Reached();

            status(car.id().value(), "EN_ROUTE");
            status(car.id().value(), "ON_SCENE");
            assertThat(c1Reached()).as("the car's arrival stops the clock").isGreaterThan(before);
            assertThat(responsesTo(id))
                    .as("reached when the car got there, the ambulance still on its way")
                    .isEqualTo(1);

            status(ambulance.id().value(), "EN_ROUTE");
            status(ambulance.id().value(), "ON_SCENE");
            assertThat(responsesTo(id)).as("one call, one response").isEqualTo(1);
        } finally {
            s.post("/api/v1/incidents/" + id + "/close", "dispatcher", "MAS", "{\"reason\":\"done\"}");
        }
    }
}
