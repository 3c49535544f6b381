package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.eventually;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.store.StoreConfig;

/**
 * Capacity alerts in the running service, over PostgreSQL: a force's own supervisor takes its armed
 * vehicles off the road in one zone until the zone has none; the alert is raised into the log, addressed to
 * the force, listed and streamed to it and to nobody else, decided by its supervisor with a reason, and
 * resolved by Muster when the vehicles return.
 */
class CapacityAlertsIT {
    private static TestServer s;

    @BeforeAll
    static void start() {
        // its own server: the test changes safe minimums and takes units off the road
        s = TestServer.start(StoreConfig.Backend.POSTGRESQL);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static List<JsonNode> alertsAbout(JsonNode list, String key) {
        List<JsonNode> out = new ArrayList<>();
        list.get("alerts").forEach(a -> {
            if (a.get("key").asText().equals(key)) out.add(a);
        });
        return out;
    }

    /** The data lines of one stream, read from {@code after} until one is {@code until}. */
    private static CompletableFuture<List<String>> streamed(String token, long after, Predicate<String> until) {
        return CompletableFuture.supplyAsync(() -> {
            HttpRequest request = HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", Long.toString(after))
                    .build();
            List<String> out = new ArrayList<>();
            try {
                HttpResponse<Stream<String>> r = s.http().send(request, HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = r.body()) {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (!line.startsWith("data:")) continue;
                        out.add(line);
                        if (until.test(line)) return out;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    @Test
    void a_zone_without_its_armed_vehicles_raises_an_alert_for_its_force_alone_resolved_when_they_return()
            throws Exception {
        var state = s.node().engine().state();
        // a WSP zone with armed response vehicles in it
        List<Unit> arvs = state.units().values().stream()
                .filter(u -> u.organisation().value().equals("WSP")
                        && u.type() == UnitType.ARMED_RESPONSE_VEHICLE
                        && u.status() == UnitStatus.AVAILABLE
                        && u.position().isPresent())
                .toList();
        assertThat(arvs).as("WSP has armed response vehicles on the road").isNotEmpty();
        // the WSP zone holding the most of them
        java.util.Map<ZoneId, List<Unit>> byZone = new java.util.TreeMap<>();
        for (Unit u : arvs) {
            for (ZoneId z : s.node().rules().zones().zonesAt(u.position().get().point())) {
                if (state.getZone(z).organisation().value().equals("WSP"))
                    byZone.computeIfAbsent(z, k -> new ArrayList<>()).add(u);
            }
        }
        ZoneId zone = byZone.entrySet().stream()
                .max(java.util.Comparator.comparing((java.util.Map.Entry<ZoneId, List<Unit>> e) ->
                        e.getValue().size()))
                .orElseThrow()
                .getKey();
        List<Unit> inZone = byZone.get(zone);
        assertThat(inZone).as("a WSP zone with two armed vehicles or more").hasSizeGreaterThan(1);
        String key = "capacity:zone:" + zone.value();

        // only this zone's armed vehicles count: the force's supervisor sets the minimums
        for (UnitType type : UnitType.values()) {
            if (type.agency() != org.muster.domain.organisation.Agency.POLICE) continue;
            // one fewer than it has: green (the amber margin is 1) until they go
            int minimum = type == UnitType.ARMED_RESPONSE_VEHICLE ? inZone.size() - 1 : 0;
            ok(s.send(
                    "PUT",
                    "/api/v1/zones/" + zone.value() + "/safe-minimums/" + type,
                    TestServer.tokenOf("supervisor", "WSP"),
                    "{\"minimum\":" + minimum + ",\"reason\":\"the force's firearms commander's minimum\"}"));
        }
        // the zone green with its minimums: an alert the raiser made of the region's registration, before the
        // units were on the board, is resolved first (a loaded machine's raiser can be seconds behind)
        JsonNode quiet = eventually(
                () -> ok(s.get("/api/v1/alerts", "supervisor", "WSP")),
                l -> alertsAbout(l, key).isEmpty());
        assertThat(alertsAbout(quiet, key)).as(quiet.toString()).isEmpty();
        long before = s.node().engine().state().sequence();
        CompletableFuture<List<String>> wsp = streamed(
                TestServer.tokenOf("supervisor", "WSP"),
                before,
                line -> line.contains("\"key\":\"" + key + "\"") && line.contains("no-units"));

        // the walkout: WSP's own supervisor (not an all-organisation account) takes them off the road
        String units = inZone.stream().map(u -> "\"" + u.id().value() + "\"").collect(Collectors.joining(","));
        String selection = "{\"selection\":{\"units\":[" + units + "],\"organisation\":null,\"type\":null,"
                + "\"capability\":null,\"share\":1.0,\"seed\":1}}";
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                "{\"type\":\"WithdrawUnits\",\"reason\":\"armed officers withdrawn\",\"command\":" + selection + "}"));

        JsonNode listed = eventually(
                () -> ok(s.get("/api/v1/alerts", "supervisor", "WSP")),
                l -> !alertsAbout(l, key).isEmpty());
        List<JsonNode> raised = alertsAbout(listed, key);
        assertThat(raised).as(listed.toString()).hasSize(1);
        JsonNode alert = raised.getFirst();
        String id = alert.get("id").asText();
        assertThat(alert.get("kind").asText()).isEqualTo("capacity");
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("organisations").toString()).isEqualTo("[\"WSP\"]");
        assertThat(alert.get("summary").asText())
                .contains(zone.value())
                .contains("no armed response vehicles available")
                .contains("0 armed response vehicles available, safe minimum " + (inZone.size() - 1));
        assertThat(alert.get("evidence").get("state").asText()).isEqualTo("no-units");

        // on the force's stream; the capacity board agrees
        assertThat(wsp.get(20, TimeUnit.SECONDS)).last().asString().contains(id).contains(key);
        assertThat(ok(s.get("/api/v1/capacity", "supervisor", "WSP"))
                        .get("zones")
                        .toString())
                .contains("\"zone\":\"" + zone.value() + "\",\"organisation\":\"WSP\",\"colour\":\"NONE\"");

        // it is read alone as it is listed
        assertThat(ok(s.get("/api/v1/alerts/" + id, "viewer", "WSP"))).isEqualTo(alert);
        assertThat(s.get("/api/v1/alerts/" + id, "coordinator", "*").status()).isEqualTo(200);

        // another organisation neither lists it, nor reads it, nor streams it, nor may decide it
        assertThat(s.get("/api/v1/alerts?all=true", "supervisor", "MAS").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/alerts/" + id, "viewer", "MAS").status()).isEqualTo(404);
        long now = s.node().engine().state().sequence();
        CompletableFuture<List<String>> mas =
                streamed(TestServer.tokenOf("supervisor", "MAS"), before, line -> line.contains("STROKE"));
        var hospital = state.stations().values().stream()
                .filter(st -> st.organisation().value().equals("MAS"))
                .findFirst()
                .orElseThrow();
        ok(s.post(
                "/api/v1/incidents",
                "call-handler",
                "MAS",
                String.format(
                        Locale.ROOT,
                        "{\"organisation\":\"MAS\",\"type\":\"STROKE\",\"location\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        hospital.location().lat(),
                        hospital.location().lon())));
        assertThat(mas.get(20, TimeUnit.SECONDS))
                .as("MAS's stream after " + now)
                .noneMatch(l -> l.contains(id));
        assertThat(s.post("/api/v1/alerts/" + id + "/accept", "supervisor", "MAS", "{\"reason\":\"not ours\"}")
                        .status())
                .isEqualTo(404);

        // its own supervisor accepts it, and must say why
        assertThat(s.post("/api/v1/alerts/" + id + "/accept", "supervisor", "WSP", "{}")
                        .status())
                .isEqualTo(400);
        ok(s.post(
                "/api/v1/alerts/" + id + "/accept",
                "supervisor",
                "WSP",
                "{\"reason\":\"mutual aid requested from the neighbours\"}"));

        // the vehicles come back: Muster resolves the alert
        ok(s.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                "{\"type\":\"ReturnUnits\",\"reason\":\"officers back on duty\",\"command\":" + selection + "}"));
        JsonNode after = eventually(
                () -> ok(s.get("/api/v1/alerts?all=true", "supervisor", "WSP")),
                l -> alertsAbout(l, key).stream()
                        .allMatch(a -> a.get("status").asText().equals("RESOLVED")));
        List<JsonNode> all = alertsAbout(after, key);
        assertThat(all)
                .as(after.toString())
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("RESOLVED"));
        JsonNode resolved = all.stream()
                .filter(a -> a.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(resolved.get("decisionReason").asText()).isEqualTo("mutual aid requested from the neighbours");
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();
        assertThat(all.getLast().get("resolution").asText()).contains("green again");
        assertThat(ok(s.get("/api/v1/alerts", "supervisor", "WSP")).toString()).doesNotContain(key);
    }
}
