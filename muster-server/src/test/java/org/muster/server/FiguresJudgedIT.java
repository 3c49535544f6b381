package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.eventually;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.engine.testing.TestClock;
import org.muster.store.StoreConfig;

/**
 * How the ambulance service's own supervisor sees its figures judged, in the running service: while its escalation
 * level has suspended its targets (REAP 3), {@code GET /kpis} and {@code /kpis/zones} still give the figures but
 * flag no breach, saying the targets are suspended, as {@code board} and the dashboard say it; and its city zone,
 * which must reach its category 2 calls within 5 minutes of its own ({@code muster.zone-targets}), is judged by
 * those 5 minutes on the coverage board as on the response board.
 */
class FiguresJudgedIT {
    private static final String CITY = "MAS-02";
    private static final TestClock CLOCK = TestClock.at("2026-11-22T18:00:00Z");
    private static TestServer s;

    @BeforeAll
    static void start() {
        s = TestServer.start(
                StoreConfig.Backend.SQLITE, Map.of("muster.zone-targets." + CITY + ".C2", "mean 5m"), CLOCK.asClock());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** The MAS supervisor's C2 line of {@code /kpis}. */
    private static JsonNode c2() {
        for (JsonNode k : ok(s.get("/api/v1/kpis", "supervisor", "MAS")).get("kpis"))
            if (k.get("priority").asText().equals("C2")) return k;
        throw new AssertionError("no C2 line on MAS's response board");
    }

    /** The MAS supervisor's {@code /kpis/zones} rows with a call. */
    private static List<JsonNode> zoneRowsWithCalls() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode z : ok(s.get("/api/v1/kpis/zones", "supervisor", "MAS")).get("zones"))
            if (z.get("stats").get("count").asInt()
                            + z.get("stats").get("waiting").asInt()
                    > 0) out.add(z);
        return out;
    }

    private static boolean breach(JsonNode stats) {
        return stats.get("breachesMean").asBoolean()
                || stats.get("breachesP90").asBoolean()
                || stats.get("waitingOverTarget").asInt() > 0;
    }

    private static void level(int level, String reason) {
        ok(s.post(
                "/api/v1/organisations/MAS/escalation",
                "supervisor",
                "MAS",
                "{\"level\":" + level + ",\"reason\":\"" + reason + "\"}"));
    }

    @Test
    void whileTheEscalationLevelHasSuspendedTheTargetsTheResponseBoardsFlagNoBreach() {
        GeoPoint station = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().value().equals("MAS"))
                .map(st -> st.location())
                .findFirst()
                .orElseThrow();
        // a stroke nobody has reached after 45 minutes: C2's mean is 18, its 90th centile 40
        s.newIncident("MAS", "STROKE", GeoPoint.of(station.lat() + 0.002, station.lon()));
        CLOCK.advance(Duration.ofMinutes(45));
        JsonNode before = c2();
        assertThat(before.get("targetsSuspended").asBoolean()).isFalse();
        assertThat(breach(before.get("stats"))).as("judged: " + before).isTrue();
        assertThat(zoneRowsWithCalls())
                .anySatisfy(z -> assertThat(breach(z.get("stats"))).isTrue());

        level(3, "REAP 3: severe pressure");
        try {
            JsonNode suspended = c2();
            assertThat(suspended.get("targetsSuspended").asBoolean()).isTrue();
            JsonNode stats = suspended.get("stats");
            assertThat(breach(stats))
                    .as("no breach is flagged while the targets are suspended: " + suspended)
                    .isFalse();
            assertThat(stats.get("targetsSuspended").asBoolean()).isTrue();
            assertThat(stats.get("waiting").asInt())
                    .as("the figures still count")
                    .isEqualTo(before.get("stats").get("waiting").asInt());
            assertThat(stats.get("meanWithWaiting"))
                    .isEqualTo(before.get("stats").get("meanWithWaiting"));
            assertThat(stats.get("target")).isEqualTo(before.get("stats").get("target"));
            assertThat(zoneRowsWithCalls())
                    .as("nor on the zones' board")
                    .isNotEmpty()
                    .allSatisfy(z -> {
                        assertThat(breach(z.get("stats"))).as(z.toString()).isFalse();
                        assertThat(z.get("stats").get("targetsSuspended").asBoolean())
                                .isTrue();
                    });
            // another service's supervisor: its own targets stand
            for (JsonNode k : ok(s.get("/api/v1/kpis", "supervisor", "WSP")).get("kpis"))
                assertThat(k.get("targetsSuspended").asBoolean()).isFalse();
        } finally {
            level(1, "REAP 1: pressure over");
        }
        assertThat(breach(c2().get("stats"))).as("reinstated, judged again").isTrue();
    }

    @Test
    void theCoverageBoardJudgesAZoneWithATargetOfItsOwnByIt() {
        JsonNode layer = eventually(
                () -> c2Coverage(), l -> l != null && l.get("availableUnits").asInt() > 0);
        assertThat(layer).as("MAS's C2 coverage").isNotNull();
        JsonNode city = layer.get("byZone").get(CITY);
        JsonNode area = layer.get("area");
        double cityShare =
                city.get("coveredOnce").asDouble() / city.get("demand").asDouble();
        double areaShare =
                area.get("coveredOnce").asDouble() / area.get("demand").asDouble();
        assertThat(cityShare)
                .as("within 5 minutes the city is reached less than the service's area within 18: " + city + " against "
                        + area)
                .isLessThan(areaShare);
        assertThat(layer.get("layer").get("standard").get("target").asDouble())
                .as("the organisation's figure: the national 18 minutes")
                .isEqualTo(1080.0);
        assertThat(layer.get("zoneTargets").get(CITY).asDouble())
                .as("the city zone is judged within its own 5 minutes")
                .isEqualTo(300.0);
        assertThat(layer.get("zoneTargets").size()).isEqualTo(1);
    }

    private static JsonNode c2Coverage() {
        for (JsonNode l : ok(s.get("/api/v1/coverage", "supervisor", "MAS")).get("layers"))
            if (l.get("layer").get("organisation").asText().equals("MAS")
                    && l.get("layer").get("standard").get("category").asText().equals("C2")
                    && (l.get("layer").get("unitType") == null
                            || l.get("layer").get("unitType").isNull())) return l;
        return null;
    }
}
