package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.store.StoreConfig;

/**
 * A force's supervisor reads the zone board of a service configured with the Home Office's standard per kind
 * of place: the force's emergencies within 15 minutes, its rural district's within 20 ({@code
 * muster.zone-targets}). Each district is judged against its own; a bad zone target, or one for a zone the node
 * has no shape of, stops the start, naming it.
 */
class ZoneTargetsIT {

    @Test
    void theZoneBoardJudgesARuralDistrictAgainstItsOwnTarget() {
        try (TestServer s = TestServer.start(
                StoreConfig.Backend.SQLITE,
                Map.of(
                        "muster.targets.WSP.EMERGENCY", "15m",
                        "muster.zone-targets.WSP-03.EMERGENCY", "20m"))) {
            JsonNode board = ok(s.get("/api/v1/kpis/zones?window=DAY", "supervisor", "WSP"));
            assertThat(target(board, "WSP-03")).as("the rural district's own").isEqualTo("1200 s ZONE");
            assertThat(target(board, "WSP-01")).as("a town's: the force's").isEqualTo("900 s ORGANISATION");
        }
    }

    @Test
    void aBadZoneTargetStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> TestServer.start(
                        StoreConfig.Backend.SQLITE, Map.of("muster.zone-targets.WSP-03.EMERGENCY", "soon")))
                .hasStackTraceContaining("muster.zone-targets.WSP-03.EMERGENCY")
                .hasStackTraceContaining("soon");
    }

    @Test
    void aTargetForAZoneTheNodeHasNoShapeOfStopsTheStartNamingIt() {
        assertThatThrownBy(() -> TestServer.start(
                        StoreConfig.Backend.SQLITE,
                        Map.of(
                                "muster.zone-targets.WSP-03.EMERGENCY", "20m",
                                "muster.zone-targets.WSP-30.EMERGENCY", "20m")))
                .hasStackTraceContaining("muster.zone-targets.WSP-30='WSP-30': is not a zone of ")
                .hasStackTraceContaining("its zones are [")
                .hasStackTraceContaining("WSP-03")
                .hasStackTraceContaining("WSP-02");
    }

    /** The EMERGENCY target of {@code zone} on the board, as its 90th centile in seconds and whose it is. */
    private static String target(JsonNode board, String zone) {
        for (JsonNode z : board.get("zones")) {
            if (z.get("zone").asText().equals(zone)
                    && z.get("priority").asText().equals("EMERGENCY")) {
                JsonNode t = z.get("stats").get("target");
                return Math.round(t.get("p90").asDouble()) + " s "
                        + t.get("source").asText();
            }
        }
        throw new AssertionError("no EMERGENCY row for " + zone + " on the board: " + board);
    }
}
