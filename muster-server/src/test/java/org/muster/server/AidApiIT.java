package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.TestClock;

/**
 * Mutual aid over HTTP: Westshire Police asks Eastshire Police for an armed response vehicle; the request
 * is seen by its parties and the coordinator only; the lent unit by its home and its host.
 */
class AidApiIT {
    private final TestServer s = SharedServer.get();

    @Test
    void request_offer_accept_deploy_release_with_visibility() {
        var state = s.node().engine().state();
        String arv = state.units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("ESP")))
                .filter(u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE)
                .filter(u -> state.findAidRequestHolding(u.id()).isEmpty())
                .findFirst()
                .orElseThrow()
                .id()
                .value();
        var station = state.stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("WSP")))
                .findFirst()
                .orElseThrow();
        String request = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"ARMED_RESPONSE_VEHICLE\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT8H\",\"reason\":\"armed officers handed in authorisations\","
                        + "\"priority\":\"URGENT\",\"addressees\":{\"organisations\":[\"ESP\"],\"region\":null,"
                        + "\"nationalCoordinator\":false}}",
                station.location().lat(),
                station.location().lon(),
                Instant.now().plusSeconds(3600));
        // an ambulance service fields no armed response vehicles: asking it is refused, naming whom to ask
        var misaddressed =
                s.post("/api/v1/aid/requests", "supervisor", "WSP", request.replace("[\"ESP\"]", "[\"ESP\",\"MAS\"]"));
        assertThat(misaddressed.status()).as(misaddressed.body()).isEqualTo(400);
        assertThat(misaddressed.body())
                .contains(
                        "\"field\":\"addressees.organisations\"",
                        "\"value\":\"MAS\"",
                        "POLICE",
                        "one of [ESP, ",
                        "NSP");
        var created = s.post("/api/v1/aid/requests", "supervisor", "WSP", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        String id = loc.substring(loc.lastIndexOf('/') + 1);

        // parties and the coordinator see it; a third service does not
        assertThat(s.get("/api/v1/aid/requests/" + id, "viewer", "ESP").status())
                .isEqualTo(200);
        assertThat(s.get("/api/v1/aid/requests/" + id, "coordinator", "*").status())
                .isEqualTo(200);
        assertThat(s.get("/api/v1/aid/requests/" + id, "supervisor", "MFRS").status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/aid/requests", "supervisor", "MFRS").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/aid/requests/" + id + "/suggestions", "supervisor", "WSP")
                        .status())
                .isEqualTo(200);

        // a force cannot offer what it does not have; ESP offers its own unit
        var wrong = s.post(
                "/api/v1/aid/requests/" + id + "/offers",
                "supervisor",
                "WSP",
                "{\"offerer\":\"ESP\",\"units\":[\"" + arv + "\"]}");
        assertThat(wrong.status()).isEqualTo(403);
        // someone acting for many organisations must say which answers; a force's supervisor answers for it
        var whose =
                s.post("/api/v1/aid/requests/" + id + "/offers", "coordinator", "*", "{\"units\":[\"" + arv + "\"]}");
        assertThat(whose.status()).isEqualTo(400);
        assertThat(whose.body()).contains("offerer", "is required: the organisation answering, one of [ESP, MAS");
        var empty = s.post("/api/v1/aid/requests/" + id + "/offers", "supervisor", "ESP", "{}");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(empty.body()).contains("units (missing): is required").doesNotContain("'[]'");
        var offer = s.post(
                "/api/v1/aid/requests/" + id + "/offers",
                "supervisor",
                "ESP",
                "{\"units\":[\"" + arv + "\"],\"note\":\"one ARV, crew of two\"}");
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        String offerId = Json.parse(
                        s.get("/api/v1/aid/requests/" + id, "supervisor", "WSP").body())
                .get("offers")
                .get(0)
                .get("id")
                .asText();
        var accepted =
                s.post("/api/v1/aid/requests/" + id + "/offers/" + offerId + "/accept", "supervisor", "WSP", null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        var deployed = s.post("/api/v1/aid/requests/" + id + "/deploy", "supervisor", "WSP", null);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        // with a unit out under it the request is still open: both parties list it, the coordinator's picture too
        assertThat(s.get("/api/v1/aid/requests", "supervisor", "WSP").body()).contains(id);
        assertThat(s.get("/api/v1/aid/requests", "supervisor", "ESP").body()).contains(id);
        assertThat(TestServer.ok(s.get("/api/v1/national", "coordinator", "*"))
                        .get("openRequests")
                        .toString())
                .contains("\"id\":\"" + id + "\"", "\"status\":\"DEPLOYED\"");

        // the lent unit: seen by host and home, not by others; the host acts on it
        assertThat(s.get("/api/v1/units/" + arv, "dispatcher", "WSP").status()).isEqualTo(200);
        assertThat(Json.parse(s.get("/api/v1/units/" + arv, "dispatcher", "ESP").body())
                        .get("lentTo")
                        .asText())
                .isEqualTo("WSP");
        assertThat(s.get("/api/v1/units/" + arv, "dispatcher", "MAS").status()).isEqualTo(404);
        assertThat(s.post(
                                "/api/v1/units/" + arv + "/position",
                                "dispatcher",
                                "ESP",
                                "{\"point\":{\"lat\":52.6,\"lon\":-1.2}}")
                        .status())
                .as("the home force does not act on a lent unit")
                .isEqualTo(403);

        var released = s.post("/api/v1/aid/requests/" + id + "/release", "supervisor", "WSP", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        // every unit home: no longer open, still in the whole list the dashboard reads
        assertThat(s.get("/api/v1/aid/requests", "supervisor", "WSP").body()).doesNotContain(id);
        assertThat(s.get("/api/v1/aid/requests?all=true", "supervisor", "WSP").body())
                .contains(id);
        var hours = Json.parse(s.get("/api/v1/aid/hours", "coordinator", "*").body());
        assertThat(hours.get("lines").toString()).contains(arv);
        assertThat(s.get("/api/v1/units/" + arv, "dispatcher", "WSP").status()).isEqualTo(404);
    }

    @Test
    void a_second_deploy_without_units_sends_the_rest_and_the_hours_report_officer_hours_with_travel() {
        TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
        try (TestServer t = TestServer.start(
                org.muster.store.StoreConfig.Backend.POSTGRESQL,
                Map.of("muster.targets.WSP.EMERGENCY", "mean 10m, p90 15m"),
                clock.asClock())) {
            List<String> arvs = espArvs(t, 2);
            assertThat(t.post("/api/v1/aid/requests", "supervisor", "WSP", armedWalkout(t, "R-HOURS", 2, clock))
                            .status())
                    .isEqualTo(201);
            var offer = t.post(
                    "/api/v1/aid/requests/R-HOURS/offers",
                    "supervisor",
                    "ESP",
                    "{\"id\":\"O-HOURS\",\"offerer\":\"ESP\",\"units\":[\"" + String.join("\",\"", arvs) + "\"]}");
            assertThat(offer.status()).as(offer.body()).isEqualTo(201);
            assertThat(t.post("/api/v1/aid/requests/R-HOURS/offers/O-HOURS/accept", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);

            // the first unit is ready; the second follows with an empty deploy, which sends what is left
            var first = t.post(
                    "/api/v1/aid/requests/R-HOURS/deploy",
                    "supervisor",
                    "WSP",
                    "{\"units\":[\"" + arvs.get(0) + "\"]}");
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            var rest = t.post("/api/v1/aid/requests/R-HOURS/deploy", "supervisor", "WSP", null);
            assertThat(rest.status()).as(rest.body()).isEqualTo(200);
            var again = t.post("/api/v1/aid/requests/R-HOURS/deploy", "supervisor", "WSP", null);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("has been deployed");
            for (String arv : arvs)
                assertThat(Json.parse(t.get("/api/v1/units/" + arv, "dispatcher", "WSP")
                                        .body())
                                .get("status")
                                .asText())
                        .as("a deployed unit drives to the rendezvous point")
                        .isEqualTo("EN_ROUTE");

            clock.advance(Duration.ofMinutes(20));
            for (String arv : arvs) {
                var arrived = t.post(
                        "/api/v1/units/" + arv + "/status", "dispatcher", "WSP", "{\"status\":\"AT_RENDEZVOUS\"}");
                assertThat(arrived.status()).as(arrived.body()).isEqualTo(200);
            }
            clock.advance(Duration.ofHours(3));
            assertThat(t.post("/api/v1/aid/requests/R-HOURS/release", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);

            var hours =
                    Json.parse(t.get("/api/v1/aid/hours", "supervisor", "ESP").body());
            assertThat(hours.get("lines")).hasSize(2);
            for (var line : hours.get("lines")) {
                double unitHours = line.get("hours").asDouble();
                double out = line.get("travelOutHours").asDouble();
                double home = line.get("travelHomeHours").asDouble();
                int crew = line.get("crew").asInt();
                assertThat(unitHours)
                        .as("from arrival to release, travel excluded")
                        .isEqualTo(3.0);
                assertThat(out).isCloseTo(20 / 60.0, within(1e-9));
                assertThat(line.get("travelHomeBasis").asText()).isEqualTo("ROAD");
                assertThat(home).isPositive();
                assertThat(crew).isGreaterThanOrEqualTo(2);
                assertThat(line.get("officerHours").asDouble())
                        .isCloseTo(crew * (out + unitHours + home), within(1e-9));
            }
            assertThat(hours.get("notes").toString()).contains("officer-hours");
            var one = Json.parse(t.get("/api/v1/aid/requests/R-HOURS/hours", "supervisor", "WSP")
                    .body());
            assertThat(one.get("requests")).singleElement().satisfies(r -> {
                assertThat(r.get("deployments").asInt()).isEqualTo(2);
                assertThat(r.get("hours").asDouble()).isEqualTo(6.0);
                assertThat(r.get("officerHours").asDouble()).isGreaterThan(6.0 * 2);
            });
            assertThat(t.get("/api/v1/aid/requests/R-HOURS/hours", "supervisor", "MFRS")
                            .status())
                    .as("not a party")
                    .isEqualTo(404);

            // response-time targets: the force's own where configured, none for a force without
            var wsp = Json.parse(t.get("/api/v1/kpis", "supervisor", "WSP").body());
            var wspEmergency = find(wsp.get("kpis"), "WSP", "EMERGENCY");
            assertThat(wspEmergency.get("stats").get("target").get("source").asText())
                    .isEqualTo("ORGANISATION");
            var esp = Json.parse(t.get("/api/v1/kpis", "supervisor", "ESP").body());
            assertThat(find(esp.get("kpis"), "ESP", "EMERGENCY")
                            .get("stats")
                            .get("target")
                            .get("source")
                            .asText())
                    .as("no national police target")
                    .isEqualTo("NONE");
            var zones =
                    Json.parse(t.get("/api/v1/kpis/zones", "supervisor", "WSP").body());
            assertThat(zones.get("zones")).isNotEmpty().allSatisfy(z -> {
                assertThat(z.get("organisation").asText()).isEqualTo("WSP");
                assertThat(z.get("stats").has("waiting")).isTrue();
                assertThat(z.get("stats").has("oldestWait")).isTrue();
            });
        }
    }

    @Test
    void units_kept_past_the_time_asked_for_are_an_alert_to_the_requester_and_the_lender_until_released()
            throws Exception {
        TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
        try (TestServer t = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE, Map.of(), clock.asClock())) {
            String arv = espArvs(t, 1).getFirst();
            assertThat(t.post("/api/v1/aid/requests", "supervisor", "WSP", armedWalkout(t, "R-LATE", 1, clock))
                            .status())
                    .isEqualTo(201);
            assertThat(t.post(
                                    "/api/v1/aid/requests/R-LATE/offers",
                                    "supervisor",
                                    "ESP",
                                    "{\"id\":\"O-LATE\",\"offerer\":\"ESP\",\"units\":[\"" + arv + "\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(t.post("/api/v1/aid/requests/R-LATE/offers/O-LATE/accept", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            assertThat(t.post("/api/v1/aid/requests/R-LATE/deploy", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            clock.advance(Duration.ofMinutes(20));
            assertThat(t.post("/api/v1/units/" + arv + "/status", "dispatcher", "WSP", "{\"status\":\"AT_RENDEZVOUS\"}")
                            .status())
                    .isEqualTo(200);

            // a day on, the car is still Westshire's: both forces' supervisors are told, nobody else
            clock.advance(Duration.ofHours(24));
            var wsp = awaitAlert(t, "WSP", "lending-overdue");
            assertThat(wsp.get("summary").asText())
                    .contains("still lent to Westshire Police (WSP) under R-LATE past the 8 h it asked for")
                    .contains("over by 16 h");
            assertThat(awaitAlert(t, "ESP", "lending-overdue").get("id").asText())
                    .isEqualTo(wsp.get("id").asText());
            assertThat(Json.parse(t.get("/api/v1/alerts", "supervisor", "NSP").body())
                            .get("alerts")
                            .toString())
                    .doesNotContain("lending-overdue");

            // released: the alert is resolved, saying why
            assertThat(t.post("/api/v1/aid/requests/R-LATE/release", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            String id = wsp.get("id").asText();
            String status = "";
            String resolution = "";
            for (int i = 0; i < 300 && !status.equals("RESOLVED"); i++) {
                Thread.sleep(100);
                for (var a : Json.parse(t.get("/api/v1/alerts?all=true", "supervisor", "ESP")
                                .body())
                        .get("alerts"))
                    if (a.get("id").asText().equals(id)) {
                        status = a.get("status").asText();
                        resolution = a.get("resolution").asText();
                    }
            }
            assertThat(status).isEqualTo("RESOLVED");
            assertThat(resolution).contains("every unit of R-LATE has been released");
        }
    }

    /** The first {@code n} of Eastshire's armed response vehicles, by id. */
    private static List<String> espArvs(TestServer t, int n) {
        List<String> arvs = t.node().engine().state().units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("ESP")))
                .filter(u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE)
                .map(u -> u.id().value())
                .sorted()
                .limit(n)
                .toList();
        assertThat(arvs).hasSize(n);
        return arvs;
    }

    /**
     * Westshire's request {@code id} to Eastshire for {@code count} armed response vehicles for 8 hours, at its
     * first station, to report within two hours.
     */
    private static String armedWalkout(TestServer t, String id, int count, TestClock clock) {
        var rendezvous = t.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("WSP")))
                .findFirst()
                .orElseThrow()
                .location();
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",\"requester\":\"WSP\",\"need\":{\"unitType\":\"ARMED_RESPONSE_VEHICLE\","
                        + "\"skill\":null,\"count\":%d,\"capabilities\":[]},"
                        + "\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\",\"duration\":\"PT8H\","
                        + "\"reason\":\"armed walkout\",\"priority\":\"URGENT\",\"addressees\":{\"organisations\":"
                        + "[\"ESP\"],\"region\":null,\"nationalCoordinator\":false}}",
                id,
                count,
                rendezvous.lat(),
                rendezvous.lon(),
                clock.instant().plusSeconds(7200));
    }

    /** The open alert of {@code kind} addressed to {@code org}'s supervisor, once the alert thread has raised it. */
    private static com.fasterxml.jackson.databind.JsonNode awaitAlert(TestServer t, String org, String kind)
            throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (var a : Json.parse(t.get("/api/v1/alerts?status=OPEN", "supervisor", org)
                            .body())
                    .get("alerts")) if (a.get("kind").asText().equals(kind)) return a;
            Thread.sleep(100);
        }
        throw new AssertionError("no open " + kind + " alert for " + org + " within 30 s");
    }

    private static com.fasterxml.jackson.databind.JsonNode find(
            com.fasterxml.jackson.databind.JsonNode kpis, String org, String priority) {
        for (var k : kpis)
            if (k.get("organisation").asText().equals(org)
                    && k.get("priority").asText().equals(priority)) return k;
        throw new AssertionError("no " + org + " " + priority + " in " + kpis);
    }

    @Test
    void an_unanswered_request_expires_after_its_report_by_time() throws Exception {
        Instant reportBy = Instant.now().plusSeconds(2);
        var esp = s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("ESP")))
                .findFirst()
                .orElseThrow()
                .location();
        String far = String.format(
                Locale.ROOT,
                "{\"requester\":\"ESP\",\"need\":{\"unitType\":\"DOG_UNIT\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":52.6,\"lon\":-1.2},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT2H\",\"reason\":\"search\",\"priority\":\"ROUTINE\","
                        + "\"addressees\":{\"organisations\":[\"WSP\"],\"region\":null,\"nationalCoordinator\":false}}",
                reportBy);
        var refused = s.post("/api/v1/aid/requests", "supervisor", "ESP", far);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(Json.parse(refused.body())
                        .get("violations")
                        .get(0)
                        .get("field")
                        .asText())
                .as("the refusal names the rendezvous, not some other field")
                .isEqualTo("rendezvous");
        // the suggestions for the same draft are refused by the same rule, not ranked by travel times to it
        var preview = s.get(
                "/api/v1/aid/suggestions?requester=ESP&unitType=DOG_UNIT&count=1&lat=52.6&lon=-1.2",
                "supervisor",
                "ESP");
        assertThat(preview.status()).as(preview.body()).isEqualTo(400);
        assertThat(Json.parse(preview.body())
                        .get("violations")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("rendezvous");
        String request = String.format(
                Locale.ROOT,
                "{\"requester\":\"ESP\",\"need\":{\"unitType\":\"DOG_UNIT\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT2H\",\"reason\":\"search\",\"priority\":\"ROUTINE\","
                        + "\"addressees\":{\"organisations\":[\"WSP\"],\"region\":null,\"nationalCoordinator\":false}}",
                esp.lat(),
                esp.lon(),
                reportBy);
        var created = s.post("/api/v1/aid/requests", "supervisor", "ESP", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        String status = "";
        for (int i = 0; i < 100 && !status.equals("EXPIRED"); i++) {
            Thread.sleep(100);
            status = Json.parse(s.get("/api/v1/aid/requests/" + id, "supervisor", "ESP")
                            .body())
                    .get("status")
                    .asText();
        }
        assertThat(status).isEqualTo("EXPIRED");
        assertThat(Instant.now()).isAfter(reportBy);
    }
}
