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
        // nor sets its status: refused, saying which unit, for whom the caller acts, and who directs it now
        var home = s.post(
                "/api/v1/units/" + arv + "/status",
                "dispatcher",
                "ESP",
                "{\"status\":\"UNAVAILABLE\",\"unavailableReason\":\"OUT_OF_SERVICE\"}");
        assertThat(home.status()).as(home.body()).isEqualTo(403);
        assertThat(home.body()).contains("unit " + arv, "acting for ESP", "is lent to WSP by ESP", "WSP directs it");
        assertThat(TestServer.ok(s.get("/api/v1/units", "dispatcher", "ESP"))
                        .path("nextStatuses")
                        .has(arv))
                .as("the home is offered no status for it")
                .isFalse();
        assertThat(TestServer.ok(s.get("/api/v1/units", "dispatcher", "WSP"))
                        .path("nextStatuses")
                        .has(arv))
                .as("its host is")
                .isTrue();

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

    @Test
    void a_request_every_force_asked_declines_is_told_to_the_requester_and_the_coordinator_and_expires_saying_why()
            throws Exception {
        TestClock clock = TestClock.at("2026-11-20T22:00:00Z");
        try (TestServer t = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE, Map.of(), clock.asClock())) {
            String ask = armedRequest(t, "R-FIREARMS", 2, clock, Duration.ofMinutes(32), "ESP", "NSP");
            assertThat(t.post("/api/v1/aid/requests", "supervisor", "WSP", ask).status())
                    .isEqualTo(201);
            clock.advance(Duration.ofMinutes(12));
            var esp = t.post(
                    "/api/v1/aid/requests/R-FIREARMS/declines",
                    "supervisor",
                    "ESP",
                    "{\"reason\":\"our own AFOs are committed to a siege\"}");
            assertThat(esp.status()).as(esp.body()).isEqualTo(200);
            assertThat(Json.parse(t.get("/api/v1/alerts?status=OPEN", "supervisor", "WSP")
                                    .body())
                            .get("alerts")
                            .toString())
                    .as("one force still to answer: nothing to tell yet")
                    .doesNotContain("aid-refused");
            clock.advance(Duration.ofMinutes(1));
            var nsp = t.post(
                    "/api/v1/aid/requests/R-FIREARMS/declines",
                    "supervisor",
                    "NSP",
                    "{\"reason\":\"below our safe minimum of armed cars\"}");
            assertThat(nsp.status()).as(nsp.body()).isEqualTo(200);

            // the last refusal: Westshire's supervisor is told at once, with who declined and why
            var alert = awaitAlert(t, "WSP", "aid-refused");
            assertThat(alert.get("summary").asText())
                    .contains("R-FIREARMS")
                    .contains("ESP (our own AFOs are committed to a siege)")
                    .contains("NSP (below our safe minimum of armed cars)")
                    .contains("national coordinator");
            assertThat(awaitAlert(t, "*", "coordinator", "aid-refused")
                            .get("id")
                            .asText())
                    .as("the coordinator is told too")
                    .isEqualTo(alert.get("id").asText());
            assertThat(Json.parse(t.get("/api/v1/alerts", "supervisor", "MFRS").body())
                            .get("alerts")
                            .toString())
                    .doesNotContain("aid-refused");

            // it stays open until its report-by time, in the requester's list and the coordinator's picture
            var list = Json.parse(
                    t.get("/api/v1/aid/requests", "supervisor", "WSP").body());
            assertThat(list.get("requests").toString()).contains("R-FIREARMS");
            assertThat(list.get("declinedByAllAsked").toString()).contains("R-FIREARMS");
            var national = TestServer.ok(t.get("/api/v1/national", "coordinator", "*"));
            var line = stream(national.get("openRequests"))
                    .filter(r -> r.get("id").asText().equals("R-FIREARMS"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line.get("declinedByAllAsked").asBoolean()).isTrue();
            assertThat(line.get("answers").asText()).contains("declined by ESP (our own AFOs");

            // past its report-by time Muster expires it, and the log says what happened, not "nobody answered"
            clock.advance(Duration.ofMinutes(25));
            var expired = TestServer.eventually(
                    () -> Json.parse(t.get("/api/v1/aid/requests/R-FIREARMS", "supervisor", "WSP")
                            .body()),
                    r -> r.get("status").asText().equals("EXPIRED"));
            assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
            String reason = t.node().log().listRange(0, t.node().log().lastSequence()).stream()
                    .filter(e -> e.event() instanceof org.muster.domain.event.Event.AidRequestStatusChanged c
                            && c.request().value().equals("R-FIREARMS")
                            && c.to() == org.muster.domain.aid.AidRequestStatus.EXPIRED)
                    .findFirst()
                    .orElseThrow()
                    .reason();
            assertThat(reason)
                    .contains("declined by ESP (our own AFOs are committed to a siege), NSP (below our safe minimum")
                    .doesNotContain("nobody answered");
            // the alert ends with the request, saying how
            var resolved = TestServer.eventually(
                    () -> alertById(t, "WSP", alert.get("id").asText()),
                    a -> a.get("status").asText().equals("RESOLVED"));
            assertThat(resolved.get("resolution").asText()).contains("R-FIREARMS is EXPIRED", "declined by ESP");
        }
    }

    @Test
    void a_request_declined_by_every_force_asked_is_referred_to_the_coordinator_who_may_broker_it() throws Exception {
        TestClock clock = TestClock.at("2026-11-20T22:00:00Z");
        try (TestServer t = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE, Map.of(), clock.asClock())) {
            String nspArv = t.units(
                            "NSP",
                            u -> u.type() == UnitType.ARMED_RESPONSE_VEHICLE && u.status() == UnitStatus.AVAILABLE)
                    .getFirst()
                    .id()
                    .value();
            String ask = armedRequest(t, "R-BROKER", 1, clock, Duration.ofHours(1), "ESP");
            assertThat(t.post("/api/v1/aid/requests", "supervisor", "WSP", ask).status())
                    .isEqualTo(201);
            String brokered = "{\"id\":\"O-NSP\",\"offerer\":\"NSP\",\"units\":[\"" + nspArv + "\"],"
                    + "\"note\":\"brokered by the coordinator\"}";
            var tooSoon = t.post("/api/v1/aid/requests/R-BROKER/offers", "coordinator", "*", brokered);
            assertThat(tooSoon.status())
                    .as("Northshire was not asked, and Eastshire has not answered")
                    .isEqualTo(400);
            assertThat(t.post(
                                    "/api/v1/aid/requests/R-BROKER/declines",
                                    "supervisor",
                                    "ESP",
                                    "{\"reason\":\"none spare\"}")
                            .status())
                    .isEqualTo(200);
            var alert = awaitAlert(t, "WSP", "aid-refused");
            assertThat(alert.get("summary").asText()).contains("ESP (none spare)");

            // everyone asked has declined: the coordinator brokers Northshire's car
            var offer = t.post("/api/v1/aid/requests/R-BROKER/offers", "coordinator", "*", brokered);
            assertThat(offer.status()).as(offer.body()).isEqualTo(201);
            var resolved = TestServer.eventually(
                    () -> alertById(t, "WSP", alert.get("id").asText()),
                    a -> a.get("status").asText().equals("RESOLVED"));
            assertThat(resolved.get("resolution").asText()).contains("NSP offered units under R-BROKER");
            assertThat(t.post("/api/v1/aid/requests/R-BROKER/offers/O-NSP/accept", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            assertThat(t.get("/api/v1/aid/requests/R-BROKER", "supervisor", "NSP")
                            .status())
                    .as("a party now")
                    .isEqualTo(200);
        }
    }

    @Test
    void a_held_unit_sent_to_a_call_at_home_leaves_the_offer_and_a_deploy_sends_the_units_that_can_go() {
        TestClock clock = TestClock.at("2026-11-20T22:00:00Z");
        try (TestServer t = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE, Map.of(), clock.asClock())) {
            List<String> arvs = t
                    .units("ESP", u -> u.type() == UnitType.POLICE_RESPONSE_CAR && u.status() == UnitStatus.AVAILABLE)
                    .stream()
                    .limit(3)
                    .map(u -> u.id().value())
                    .toList();
            assertThat(arvs).hasSize(3);
            assertThat(t.post(
                                    "/api/v1/aid/requests",
                                    "supervisor",
                                    "WSP",
                                    aidRequest(
                                            t, "R-HELD", "POLICE_RESPONSE_CAR", 3, clock, Duration.ofHours(1), "ESP"))
                            .status())
                    .isEqualTo(201);
            var offered = t.post(
                    "/api/v1/aid/requests/R-HELD/offers",
                    "supervisor",
                    "ESP",
                    "{\"id\":\"O-HELD\",\"units\":[\"" + String.join("\",\"", arvs) + "\"]}");
            assertThat(offered.status()).as(offered.body()).isEqualTo(201);
            var espStation = t.node().engine().state().stations().values().stream()
                    .filter(x -> x.organisation().equals(OrganisationId.of("ESP")))
                    .findFirst()
                    .orElseThrow()
                    .location();
            String call = t.newIncident("ESP", "WELFARE_CONCERN", espStation);

            // Eastshire's dispatcher sends an offered car to a call at home: it goes, and leaves the offer, saying so
            var first = t.post(
                    "/api/v1/incidents/" + call + "/assignments",
                    "dispatcher",
                    "ESP",
                    "{\"unit\":\"" + arvs.get(0) + "\"}");
            assertThat(first.status()).as(first.body()).isBetween(200, 201);
            assertThat(first.body())
                    .as("the dispatcher is told")
                    .contains("taken out of ESP's offer O-HELD to WSP under mutual aid request R-HELD");
            var offer = Json.parse(t.get("/api/v1/aid/requests/R-HELD", "supervisor", "WSP")
                            .body())
                    .get("offers")
                    .get(0);
            assertThat(offer.get("units").toString())
                    .doesNotContain(arvs.get(0))
                    .contains(arvs.get(1), arvs.get(2));
            assertThat(offer.get("warnings").toString()).contains("taken out of this offer");

            // Westshire accepts what is still offered; then a second car is sent to the call before it is lent
            assertThat(t.post("/api/v1/aid/requests/R-HELD/offers/O-HELD/accept", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            var second = t.post(
                    "/api/v1/incidents/" + call + "/assignments",
                    "dispatcher",
                    "ESP",
                    "{\"unit\":\"" + arvs.get(1) + "\"}");
            assertThat(second.status()).as(second.body()).isBetween(200, 201);
            assertThat(second.body()).contains("it stays accepted, and goes to WSP once stood down");

            // the deploy sends the car that can go and names the one that cannot, rather than refusing both
            var deployed = t.post("/api/v1/aid/requests/R-HELD/deploy", "supervisor", "WSP", null);
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
            assertThat(deployed.body()).contains("at incident " + call, "deploy it once it is stood down");
            var state = t.node().engine().state();
            assertThat(state.getUnit(org.muster.domain.unit.UnitId.of(arvs.get(2)))
                            .lentTo())
                    .hasValue(OrganisationId.of("WSP"));
            assertThat(state.getUnit(org.muster.domain.unit.UnitId.of(arvs.get(1)))
                            .lentTo())
                    .isEmpty();

            // stood down, it follows with the next deploy
            assertThat(t.send(
                                    "DELETE",
                                    "/api/v1/incidents/" + call + "/assignments/" + arvs.get(1),
                                    TestServer.tokenOf("dispatcher", "ESP"),
                                    null)
                            .status())
                    .isEqualTo(200);
            var rest = t.post("/api/v1/aid/requests/R-HELD/deploy", "supervisor", "WSP", null);
            assertThat(rest.status()).as(rest.body()).isEqualTo(200);
            assertThat(t.node()
                            .engine()
                            .state()
                            .getUnit(org.muster.domain.unit.UnitId.of(arvs.get(1)))
                            .lentTo())
                    .hasValue(OrganisationId.of("WSP"));
        }
    }

    @Test
    void a_unit_released_before_it_reached_the_rendezvous_point_is_charged_only_the_time_it_was_away() {
        TestClock clock = TestClock.at("2026-11-20T22:00:00Z");
        try (TestServer t = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE, Map.of(), clock.asClock())) {
            String arv = espArvs(t, 1).getFirst();
            assertThat(t.post("/api/v1/aid/requests", "supervisor", "WSP", armedWalkout(t, "R-BACK", 1, clock))
                            .status())
                    .isEqualTo(201);
            assertThat(t.post(
                                    "/api/v1/aid/requests/R-BACK/offers",
                                    "supervisor",
                                    "ESP",
                                    "{\"id\":\"O-BACK\",\"units\":[\"" + arv + "\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(t.post("/api/v1/aid/requests/R-BACK/offers/O-BACK/accept", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            assertThat(t.post("/api/v1/aid/requests/R-BACK/deploy", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);
            // sent in error: turned back a second later, long before it could reach the rendezvous point
            clock.advance(Duration.ofSeconds(1));
            assertThat(t.post("/api/v1/aid/requests/R-BACK/release", "supervisor", "WSP", null)
                            .status())
                    .isEqualTo(200);

            var line = Json.parse(t.get("/api/v1/aid/requests/R-BACK/hours", "supervisor", "ESP")
                            .body())
                    .get("lines")
                    .get(0);
            assertThat(line.get("hours").asDouble()).as("never at the host").isZero();
            assertThat(line.get("travelHomeBasis").asText()).isEqualTo("TURNED_BACK");
            assertThat(line.get("travelHomeHours").asDouble())
                    .as("home the way it had come: one second")
                    .isCloseTo(1 / 3600.0, within(1e-9));
            assertThat(line.get("officerHours").asDouble())
                    .as("its crew away two seconds, not a road journey from the rendezvous point")
                    .isCloseTo(line.get("crew").asInt() * 2 / 3600.0, within(1e-9));
        }
    }

    private static java.util.stream.Stream<com.fasterxml.jackson.databind.JsonNode> stream(
            com.fasterxml.jackson.databind.JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    /** The alert {@code id} as the organisation's supervisor sees it (any status). */
    private static com.fasterxml.jackson.databind.JsonNode alertById(TestServer t, String org, String id) {
        return stream(Json.parse(t.get("/api/v1/alerts?all=true", "supervisor", org)
                                .body())
                        .get("alerts"))
                .filter(a -> a.get("id").asText().equals(id))
                .findFirst()
                .orElseGet(() -> Json.parse("{\"status\":\"\"}"));
    }

    /**
     * Westshire's request {@code id} for {@code count} armed response vehicles for 8 hours, at its first station,
     * to report within {@code within}, sent to {@code addressees}.
     */
    private static String armedRequest(
            TestServer t, String id, int count, TestClock clock, Duration within, String... addressees) {
        return aidRequest(t, id, "ARMED_RESPONSE_VEHICLE", count, clock, within, addressees);
    }

    /** The same for {@code count} units of {@code type}. */
    private static String aidRequest(
            TestServer t, String id, String type, int count, TestClock clock, Duration within, String... addressees) {
        var rendezvous = t.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("WSP")))
                .findFirst()
                .orElseThrow()
                .location();
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",\"requester\":\"WSP\",\"need\":{\"unitType\":\"%s\","
                        + "\"skill\":null,\"count\":%d,\"capabilities\":[]},"
                        + "\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\",\"duration\":\"PT8H\","
                        + "\"reason\":\"firearms stand-down\",\"priority\":\"IMMEDIATE\",\"addressees\":"
                        + "{\"organisations\":[\"%s\"],\"region\":null,\"nationalCoordinator\":false}}",
                id,
                type,
                count,
                rendezvous.lat(),
                rendezvous.lon(),
                clock.instant().plus(within),
                String.join("\",\"", addressees));
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
        return awaitAlert(t, org, "supervisor", kind);
    }

    /** The open alert of {@code kind} as {@code org}'s {@code role} sees it, once the alert thread has raised it. */
    private static com.fasterxml.jackson.databind.JsonNode awaitAlert(
            TestServer t, String org, String role, String kind) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (var a : Json.parse(
                            t.get("/api/v1/alerts?status=OPEN", role, org).body())
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
