package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.store.StoreConfig;

/**
 * The service's dispatch policy is configured ({@code muster.dispatch.*}) and the running service
 * recommends by it, as a scenario's {@code policies} makes a simulated control room do: with every rapid
 * response car held for C1, MAS's dispatcher is offered ambulances only for a fall where a car stands, and
 * still a car for a cardiac arrest there; with none held (the default), the fall is offered the car too. A
 * rule that does not exist stops the start, naming the setting, the value and the rules there are.
 */
class DispatchPolicyIT {
    private static final OrganisationId MAS = OrganisationId.of("MAS");

    @Test
    void carsHeldForC1AreOfferedToALessUrgentCallOnlyWhereTheServiceHoldsNone() {
        try (TestServer held =
                TestServer.start(StoreConfig.Backend.SQLITE, Map.of("muster.dispatch.cars-held", "1000"))) {
            GeoPoint car = aFreeCarsStation(held);
            assertThat(typesOffered(held, "FALL_NON_INJURY", car))
                    .as("every free car held for C1: the fall is offered ambulances")
                    .isNotEmpty()
                    .doesNotContain("RAPID_RESPONSE_CAR");
            assertThat(typesOffered(held, "CARDIAC_ARREST", car)).contains("RAPID_RESPONSE_CAR");
        }
        TestServer open = SharedServer.get();
        assertThat(typesOffered(open, "FALL_NON_INJURY", aFreeCarsStation(open)))
                .as("the default holds no car")
                .contains("RAPID_RESPONSE_CAR");
    }

    @Test
    void aRuleThatDoesNotExistStopsTheStartAndSaysWhichThereAre() {
        assertThatThrownBy(
                        () -> TestServer.start(StoreConfig.Backend.SQLITE, Map.of("muster.dispatch.rule", "fastest")))
                .hasStackTraceContaining("muster.dispatch.rule")
                .hasStackTraceContaining("fastest")
                .hasStackTraceContaining("must be nearest or same-zone");
        assertThatThrownBy(
                        () -> TestServer.start(StoreConfig.Backend.SQLITE, Map.of("muster.dispatch.cars-held", "-1")))
                .hasStackTraceContaining("muster.dispatch.cars-held")
                .hasStackTraceContaining("must be 0 to 1000");
    }

    private static GeoPoint aFreeCarsStation(TestServer s) {
        MusterState state = s.node().engine().state();
        Unit car = state.units().values().stream()
                .filter(u -> u.organisation().equals(MAS)
                        && u.type() == UnitType.RAPID_RESPONSE_CAR
                        && u.status() == UnitStatus.AVAILABLE
                        && u.homeStation().isPresent())
                .min(Comparator.comparing((Unit u) -> u.id().value()))
                .orElseThrow();
        GeoPoint at =
                car.homeStation().flatMap(state::findStation).orElseThrow().location();
        return GeoPoint.of(at.lat() + 0.001, at.lon());
    }

    /** The types of every unit MAS's dispatcher is offered for a new call of this type here. */
    private static List<String> typesOffered(TestServer s, String type, GeoPoint at) {
        String id = s.newIncident("MAS", type, at);
        JsonNode rec = ok(s.get("/api/v1/incidents/" + id + "/recommendation?all=true", "dispatcher", "MAS"));
        MusterState state = s.node().engine().state();
        List<String> types = new ArrayList<>();
        rec.get("fills")
                .forEach(fill -> fill.findValues("unit")
                        .forEach(unit -> state.units().values().stream()
                                .filter(u -> u.id().value().equals(unit.asText()))
                                .forEach(u -> types.add(u.type().name()))));
        ok(s.post("/api/v1/incidents/" + id + "/cancel", "dispatcher", "MAS", "{\"reason\":\"test\"}"));
        return types;
    }
}
