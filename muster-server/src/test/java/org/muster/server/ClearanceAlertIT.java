package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.server.TestServer.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.server.web.Chromium;
import org.muster.store.StoreConfig;

/**
 * Crews waiting at a closed zone's rendezvous point for tactical clearance, in the running service: the
 * ambulance service closes a zone over a firearms incident, a call comes in there and its crew drives to the
 * rendezvous point and waits. The call has its crew, so it has left the queue, and the crew's status has no time
 * limit; past a quarter hour a {@code clearance-wait} alert names the call, addressed to the ambulance service,
 * whose supervisor grants clearance, and to the police force whose ground it is. Each sees it as its own
 * supervisor; another force's supervisor neither lists nor reads it. Clearance granted, Muster resolves it. On
 * the dispatcher's dashboard (headless Chromium; skipped, saying why, without it) such a call is listed under
 * "Awaiting clearance" and marked so, until it is cleared.
 */
class ClearanceAlertIT {
    /** Muster's clock: the wall clock, moved on by hand so a quarter hour passes in a moment. */
    private static final HandClock CLOCK = new HandClock();

    private static TestServer s;

    @BeforeAll
    static void start() {
        // its own server, on its own clock
        s = TestServer.start(StoreConfig.Backend.POSTGRESQL, Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void crews_waiting_for_clearance_past_a_quarter_hour_are_told_to_the_service_and_the_police_on_whose_ground() {
        var state = s.node().engine().state();
        // a sub-zone of the ambulance service with one of its stations in it, a point by that station, and the
        // police force whose ground the point is on
        Zone zone = zones().getFirst();
        GeoPoint at = stationPoint(zone.id()).orElseThrow();
        String force = forceAt(at).orElseThrow();
        String otherForce = List.of("WSP", "ESP", "NSP").stream()
                .filter(f -> !f.equals(force)
                        && !s.node().rules().zones().zonesAt(at).stream()
                                .anyMatch(z ->
                                        state.getZone(z).organisation().value().equals(f)))
                .findFirst()
                .orElseThrow();

        ok(s.send(
                "PUT",
                "/api/v1/zones/" + zone.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"CLOSED\",\"reason\":\"firearms incident on the estate\",\"rendezvous\":{\"lat\":"
                        + at.lat() + ",\"lon\":" + at.lon() + "}}"));
        String call = s.newIncident("MAS", "FALL", at);
        ok(s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null));
        String unit = s.node()
                .engine()
                .state()
                .getIncident(IncidentId.of(call))
                .assignments()
                .getFirst()
                .unit()
                .value();
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}"));
        ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"AT_RENDEZVOUS\"}"));
        // the call has its crew: it is not among the calls waiting for units
        assertThat(ok(s.get("/api/v1/queue", "dispatcher", "MAS")).toString()).doesNotContain(call);

        String key = "clearance-wait:" + zone.id().value();
        CLOCK.advance(Duration.ofMinutes(16));
        List<JsonNode> raised =
                waitFor(() -> alertsAbout(ok(s.get("/api/v1/alerts", "supervisor", "MAS")), key), l -> !l.isEmpty());
        assertThat(raised).as("a clearance-wait alert for " + zone.id()).hasSize(1);
        JsonNode alert = raised.getFirst();
        String id = alert.get("id").asText();
        assertThat(alert.get("kind").asText()).isEqualTo("clearance-wait");
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        // to the service whose crew waits and whose supervisor grants clearance, and the force whose ground it is
        List<String> to = new ArrayList<>();
        alert.get("organisations").forEach(o -> to.add(o.asText()));
        assertThat(to).containsExactlyInAnyOrder(force, "MAS");
        assertThat(alert.get("summary").asText())
                .containsPattern(java.util.regex.Pattern.quote(call) + " \\(1[67] min\\)")
                .contains(zone.id().value(), "rendezvous point", "tactical clearance")
                .contains("Clearance is MAS's to give", "ask " + force);
        JsonNode evidence = alert.get("evidence");
        assertThat(evidence.get("incidents").asText()).isEqualTo(call);
        assertThat(evidence.get("clearance_by").asText()).isEqualTo("MAS");
        assertThat(evidence.get("police").asText()).isEqualTo(force);

        // the force's own supervisor lists and reads it
        assertThat(alertsAbout(ok(s.get("/api/v1/alerts", "supervisor", force)), key))
                .extracting(a -> a.get("id").asText())
                .containsExactly(id);
        assertThat(ok(s.get("/api/v1/alerts/" + id, "supervisor", force))
                        .get("kind")
                        .asText())
                .isEqualTo("clearance-wait");
        // another force's supervisor, and another service's, neither list nor read it, nor decide it
        assertThat(s.get("/api/v1/alerts?all=true", "supervisor", otherForce).body())
                .doesNotContain(id);
        assertThat(s.get("/api/v1/alerts/" + id, "supervisor", otherForce).status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/alerts/" + id, "supervisor", "MFRS").status()).isEqualTo(404);
        assertThat(s.post("/api/v1/alerts/" + id + "/accept", "supervisor", otherForce, "{\"reason\":\"seen\"}")
                        .status())
                .isEqualTo(404);
        // the force's supervisor acknowledges it: officers are clearing the scene
        ok(s.post(
                "/api/v1/alerts/" + id + "/accept",
                "supervisor",
                force,
                "{\"reason\":\"armed officers clearing the estate\"}"));

        // the ambulance service's supervisor grants clearance: none waits, and Muster resolves the alert
        ok(s.post(
                "/api/v1/incidents/" + call + "/clearance",
                "supervisor",
                "MAS",
                "{\"reason\":\"police say the scene is safe\"}"));
        JsonNode resolved = waitFor(
                () -> ok(s.get("/api/v1/alerts/" + id, "supervisor", "MAS")),
                a -> a.get("status").asText().equals("RESOLVED"));
        assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolution").asText()).contains(zone.id().value(), "rendezvous point");
    }

    @Test
    void the_dispatchers_queue_shows_a_call_whose_crew_waits_for_clearance_as_awaiting_clearance() {
        Chromium.assumeInstalled();
        Zone zone = zones().getLast();
        GeoPoint at = stationPoint(zone.id()).orElseThrow();
        ok(s.send(
                "PUT",
                "/api/v1/zones/" + zone.id().value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"CLOSED\",\"reason\":\"gas leak\",\"rendezvous\":{\"lat\":" + at.lat() + ",\"lon\":"
                        + at.lon() + "}}"));
        try (Chromium chromium = Chromium.launch()) {
            String call = s.newIncident("MAS", "FALL", at);
            ok(s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null));
            String unit = s.node()
                    .engine()
                    .state()
                    .getIncident(IncidentId.of(call))
                    .assignments()
                    .getFirst()
                    .unit()
                    .value();
            ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"EN_ROUTE\"}"));
            ok(s.post("/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"AT_RENDEZVOUS\"}"));

            // the ambulance service's dispatcher: the call is under its own heading, marked, not lost among the rest
            Page page = chromium.browser()
                    .newContext(new Browser.NewContextOptions().setViewportSize(1600, 900))
                    .newPage();
            page.navigate(s.uri("/login").toString());
            page.fill("#username", "dana");
            page.fill("#password", TestServer.PASSWORD);
            page.click("#sign-in");
            PlaywrightAssertions.assertThat(page.locator("body"))
                    .hasAttribute(
                            "data-state", "ready", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            Locator item = page.getByTestId("queue-item-" + call);
            PlaywrightAssertions.assertThat(item.getByTestId("queue-awaiting-clearance"))
                    .hasText("AWAITING CLEARANCE");
            PlaywrightAssertions.assertThat(page.getByTestId("queue-awaiting-title"))
                    .containsText("Awaiting clearance (");
            PlaywrightAssertions.assertThat(item.locator(".waiting"))
                    .hasAttribute("aria-label", "at the rendezvous point for");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("queue-awaiting-clearance.png")));

            // cleared: the call is one of the active ones again
            ok(s.post(
                    "/api/v1/incidents/" + call + "/clearance",
                    "supervisor",
                    "MAS",
                    "{\"reason\":\"gas board says it is safe\"}"));
            PlaywrightAssertions.assertThat(item).hasCount(1);
            PlaywrightAssertions.assertThat(item.getByTestId("queue-awaiting-clearance"))
                    .hasCount(0);
        } finally {
            ok(s.send(
                    "PUT",
                    "/api/v1/zones/" + zone.id().value() + "/level",
                    TestServer.tokenOf("supervisor", "MAS"),
                    "{\"level\":\"NORMAL\",\"reason\":\"test over\"}"));
        }
    }

    /**
     * The ambulance service's sub-zones with one of its stations in them, a point by which lies on one police
     * force's ground, by id: each test closes its own.
     */
    private static List<Zone> zones() {
        List<Zone> out = s.node().engine().state().zones().values().stream()
                .filter(z -> z.organisation().equals(OrganisationId.of("MAS"))
                        && z.parent().isPresent())
                .sorted(Comparator.comparing(z -> z.id().value()))
                .filter(z ->
                        stationPoint(z.id()).flatMap(ClearanceAlertIT::forceAt).isPresent())
                .toList();
        assertThat(out)
                .as("ambulance sub-zones with a station on one force's ground")
                .hasSizeGreaterThan(1);
        return out;
    }

    /** A point just by one of the zone's organisation's stations (not a hospital) that lies in the zone. */
    private static Optional<GeoPoint> stationPoint(ZoneId zone) {
        var state = s.node().engine().state();
        var organisation = state.getZone(zone).organisation();
        return state.stations().values().stream()
                .filter(st -> st.organisation().equals(organisation) && st.kind() != StationKind.HOSPITAL)
                .sorted(Comparator.comparing(st -> st.id().value()))
                .map(st ->
                        new GeoPoint(st.location().lat() + 0.003, st.location().lon() + 0.003))
                .filter(p -> s.node().rules().zones().zonesAt(p).contains(zone))
                .findFirst();
    }

    /** The one police force whose zones hold the point. */
    private static Optional<String> forceAt(GeoPoint p) {
        var state = s.node().engine().state();
        List<String> forces = s.node().rules().zones().zonesAt(p).stream()
                .map(z -> state.getZone(z).organisation())
                .filter(o -> state.getOrganisation(o).agency() == Agency.POLICE)
                .map(OrganisationId::value)
                .distinct()
                .toList();
        return forces.size() == 1 ? Optional.of(forces.getFirst()) : Optional.empty();
    }

    private static List<JsonNode> alertsAbout(JsonNode list, String key) {
        List<JsonNode> out = new ArrayList<>();
        list.get("alerts").forEach(a -> {
            if (a.get("key").asText().equals(key)) out.add(a);
        });
        return out;
    }

    /**
     * Reads until {@code done} holds or 30 s pass: the alert watch looks again every 10 s of real time, and
     * two shared cores can be slow to.
     */
    private static <T> T waitFor(Supplier<T> read, Predicate<T> done) {
        Instant end = Instant.now().plusSeconds(30);
        T last = read.get();
        while (!done.test(last) && Instant.now().isBefore(end)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.get();
        }
        return last;
    }

    /** The wall clock, plus whatever the test has moved it on by. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            ahead.accumulateAndGet(d, Duration::plus);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
