package org.muster.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.ZoneId;
import org.muster.server.TestServer;
import org.muster.server.security.Passwords;
import org.muster.store.StoreConfig;

/**
 * The dashboard in a real headless Chromium (Debian's, driven by Playwright) against the server on a real
 * PostgreSQL with the generated region: sign in, the map, a call taken and dispatched in one keystroke with
 * its unit's status changing live, an escort paired with an ambulance once a zone needs one, mutual aid
 * asked for by one force, offered by another and accepted; every board in words, not codes; one warning per
 * unit; declines and clearances with a reason in the log. Muster runs on a clock like the demo's, two days
 * ahead of the browser's and four times as fast, so that anything read off the browser's clock shows. Each
 * main screen is saved under {@code target/screenshots}. Skipped, saying why, where {@code
 * /usr/bin/chromium} is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
    /** How fast Muster's clock runs here, as {@code ./muster demo}'s does. */
    private static final double CLOCK_RATE = 4;
    /**
     * Codes a person should never read on a board: any name with an underscore, and the one-word codes of
     * statuses, priorities, colours and levels. "NO UNITS AVAILABLE" is the board's own alarm, in capitals
     * on purpose, and is taken out first.
     */
    private static final Pattern CODE = Pattern.compile(
            "\\b([A-Z][A-Z0-9]*_[A-Z0-9_]+|C[1-4]|AVAILABLE|UNAVAILABLE|DISPATCHED|RETURNING|ARMED|ESCORT|GREEN|AMBER"
                    + "|RED|NONE|NORMAL|ELEVATED|DOWNGRADED|CLOSED|OPEN|WAITING|ASSIGNED|URGENT|IMMEDIATE|ROUTINE|PRIMARY"
                    + "|EMERGENCY|PRIORITY|SCHEDULED|RESOLUTION|OFFERED|ACCEPTED|FILLED)\\b");

    /** Dashboard users besides the harness's dispatcher "dana" (MAS): name, role, organisation. */
    private static final List<List<String>> USERS = List.of(
            List.of("sam", "supervisor", "MAS"),
            List.of("wes", "supervisor", "WSP"),
            List.of("eve", "supervisor", "ESP"),
            List.of("vic", "viewer", "MAS"),
            List.of("aud", "auditor", "*"));

    private TestServer server;
    private String staleUnit;
    private Chromium chromium;
    private Browser browser;

    @BeforeAll
    void start() throws IOException {
        Chromium.assumeInstalled();
        Map<String, Object> more = new HashMap<>();
        String hash = Passwords.hash(TestServer.PASSWORD);
        for (int i = 0; i < USERS.size(); i++) {
            String p = "muster.users[" + (i + 1) + "].";
            more.put(p + "name", USERS.get(i).get(0));
            more.put(p + "password-hash", hash);
            more.put(p + "roles[0]", USERS.get(i).get(1));
            more.put(p + "organisations[0]", USERS.get(i).get(2));
        }
        more.put("muster.clock-rate", String.valueOf(CLOCK_RATE));
        // a rural district's own target (the Home Office's 20 minutes in the country), its force having none
        more.put("muster.zone-targets.ESP-01.EMERGENCY", "20m");
        server = TestServer.start(StoreConfig.Backend.POSTGRESQL, more, new DemoClock(Duration.ofDays(2), CLOCK_RATE));
        // A MAS rapid response car (which the earlier tests' calls never need) reports its position once, away
        // from its station: by the time the later tests run, that fix is minutes old on Muster's clock, and
        // the recommendation flags it.
        staleUnit = server.node().engine().state().units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("MAS")))
                .filter(u -> u.type() == org.muster.domain.unit.UnitType.RAPID_RESPONSE_CAR)
                .map(u -> u.id().value())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        var moved = server.post(
                "/api/v1/units/" + staleUnit + "/position",
                "dispatcher",
                "MAS",
                String.format(
                        Locale.ROOT,
                        "{\"point\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        awayPoint().lat(),
                        awayPoint().lon()));
        org.assertj.core.api.Assertions.assertThat(moved.status())
                .as(moved.body())
                .isEqualTo(200);
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void signing_in_shows_the_map_with_roads_zones_and_units() {
        Page page = newPage();
        page.navigate(url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        page.fill("#username", "sam");
        page.fill("#password", "not the password");
        page.click("#sign-in");
        assertThat(page.locator(".error")).containsText("Wrong user name or password");
        shot(page, "01-sign-in");

        signIn(page, "sam");
        assertThat(page.getByTestId("user-name")).hasText("sam");
        assertThat(page.locator("body")).hasAttribute("data-roads", "drawn");
        // every unit of the board is drawn on the map with its callsign
        Locator rows = page.locator("#unit-board tbody tr");
        assertThat(rows.first()).isVisible();
        assertThat(page.locator("#map .unit-marker")).hasCount(rows.count());
        assertThat(page.locator("#map .unit-marker span", new Page.LocatorOptions().setHasText("MA-DCA01")))
                .hasCount(1);
        assertThat(page.locator(".leaflet-zones-pane canvas")).hasCount(1);
        assertThat(page.getByTestId("live-status")).hasAttribute("data-state", "live");
        page.keyboard().press("5");
        assertThat(page.getByTestId("zone-row-MAS-01")).containsText("Normal");
        page.keyboard().press("1");
        shot(page, "02-overview");
        page.context().close();
    }

    @Test
    @Order(2)
    void a_call_taken_and_dispatched_in_one_keystroke_shows_its_unit_move_on_live() {
        Page page = signIn(newPage(), "dana");
        GeoPoint at = masPoint(0);
        page.keyboard().press("n");
        assertThat(page.getByTestId("new-incident-dialog")).isVisible();
        page.selectOption("#ni-type", "CHEST_PAIN");
        page.fill("#ni-lat", coordinate(at.lat()));
        page.fill("#ni-lon", coordinate(at.lon()));
        page.fill("#ni-description", "man, 60s, chest pain at the bus station");
        page.getByTestId("ni-submit").click();

        Locator panel = page.getByTestId("incident-panel");
        assertThat(panel.getByTestId("incident-status")).hasText("Open");
        String id = panel.getByTestId("incident-id").textContent();
        assertThat(page.getByTestId("queue-item-" + id)).isVisible();
        Locator proposed = panel.getByTestId("proposed-unit").first();
        assertThat(proposed).containsText("by road");
        String unit = proposed.getAttribute("data-unit");

        page.keyboard().press("d");
        Locator assignment = panel.locator("[data-testid=assignment][data-unit=\"" + unit + "\"]");
        assertThat(assignment).hasAttribute("data-role", "PRIMARY");
        assertThat(assignment.getByTestId("assignment-status")).hasText("Dispatched");
        assertThat(panel.getByTestId("incident-status")).hasText("Assigned");
        Locator row = page.getByTestId("unit-row-" + unit);
        assertThat(row.getByTestId("unit-status")).hasText("Dispatched");

        // The crew's terminal reports en route, then on scene: the board follows through the event stream.
        crewReports(unit, "EN_ROUTE");
        assertThat(row.getByTestId("unit-status")).hasText("En route");
        assertThat(assignment.getByTestId("assignment-status")).hasText("En route");
        crewReports(unit, "ON_SCENE");
        assertThat(row.getByTestId("unit-status")).hasText("On scene");
        assertThat(page.locator("#map .unit-marker.status-ON_SCENE")).hasCount(1);
        shot(page, "03-incident-dispatched");

        // A call taken elsewhere appears in the queue without a reload.
        String other = newIncidentByApi("FALL", masPoint(1));
        assertThat(page.getByTestId("queue-item-" + other)).isVisible();
        page.keyboard().press("3");
        assertThat(page.getByTestId("kpi-MAS")).containsText("Category 2");
        // the ambulance service is judged against the national standard, and its calls not reached are shown
        assertThat(page.getByTestId("kpi-MAS")).hasAttribute("data-targets", "true");
        assertThat(page.getByTestId("kpi-MAS")).containsText("Not reached");
        shot(page, "04-response-times");
        page.keyboard().press("2");
        assertThat(page.getByTestId("capacity-zone-MAS-AREA")).isVisible();
        shot(page, "05-capacity");
        page.context().close();
    }

    @Test
    @Order(3)
    void a_zone_raised_to_escort_required_pairs_the_next_ambulance_with_an_escort() {
        Page page = signIn(newPage(), "sam");
        GeoPoint at = masPoint(2);
        ZoneId zone = masZoneAt(at);
        page.keyboard().press("5");
        page.getByTestId("change-level-" + zone.value()).click();
        assertThat(page.getByTestId("zone-level-dialog")).isVisible();
        page.selectOption("#zl-level", "ESCORT_REQUIRED");
        page.fill("#zl-reason", "crews attacked on the estate");
        page.getByTestId("zl-submit").click();
        Locator row = page.getByTestId("zone-row-" + zone.value());
        assertThat(row.getByTestId("zone-level")).hasText("Escort required");
        assertThat(row).containsText("crews attacked on the estate");
        shot(page, "06-zone-escort-required");

        try {
            page.getByTestId("new-incident").click();
            page.selectOption("#ni-type", "STROKE");
            page.fill("#ni-lat", coordinate(at.lat()));
            page.fill("#ni-lon", coordinate(at.lon()));
            page.getByTestId("ni-submit").click();
            Locator panel = page.getByTestId("incident-panel");
            assertThat(panel.getByTestId("fill-ESCORT")).isVisible();
            assertThat(panel.getByTestId("fill-PRIMARY")).isVisible();
            // the ambulance sent alone: the call stays in the queue, saying what it still waits for
            String call = panel.getByTestId("incident-id").textContent();
            panel.getByTestId("fill-PRIMARY")
                    .getByTestId("proposed-unit")
                    .first()
                    .locator("button")
                    .click();
            assertThat(page.getByTestId("queue-item-" + call).getByTestId("queue-needs"))
                    .hasText("still needs a police escort");
            shot(page, "07-escort-waited-for");
            page.getByTestId("dispatch-recommended").click();
            assertThat(panel.locator("[data-testid=assignment][data-role=ESCORT]"))
                    .hasCount(1);
            Locator primary = panel.locator("[data-testid=assignment][data-role=PRIMARY]");
            assertThat(primary).hasCount(1);
            assertThat(primary.getByTestId("assignment-status")).hasText("Dispatched");
            page.keyboard().press("1");
            shot(page, "07-escort-paired");
        } finally {
            var reset = server.send(
                    "PUT",
                    "/api/v1/zones/" + zone.value() + "/level",
                    TestServer.tokenOf("supervisor", "MAS"),
                    "{\"level\":\"NORMAL\",\"reason\":\"test over\"}");
            org.assertj.core.api.Assertions.assertThat(reset.status())
                    .as(reset.body())
                    .isEqualTo(200);
        }
        page.context().close();
    }

    @Test
    @Order(4)
    void mutual_aid_asked_by_one_force_is_offered_by_another_and_accepted() {
        Page west = signIn(newPage(), "wes");
        west.keyboard().press("6");
        west.keyboard().press("r");
        assertThat(west.getByTestId("aid-request-dialog")).isVisible();
        west.selectOption("#ar-unit-type", "POLICE_RESPONSE_CAR");
        west.fill("#ar-count", "2");
        west.getByTestId("ar-addressee-ESP").check();
        west.fill("#ar-reason", "disorder after the match; every car committed");
        west.getByTestId("ar-submit").click();
        Locator request = west.locator("[data-testid^=aid-request-]").first();
        assertThat(request.getByTestId("aid-status")).hasText("Open");
        String id = request.getAttribute("data-request");

        // Eastshire's supervisor, signed in elsewhere, offers two cars.
        Page east = signIn(newPage(), "eve");
        east.keyboard().press("6");
        east.getByTestId("offer-aid-" + id).click();
        assertThat(east.getByTestId("aid-offer-dialog")).isVisible();
        Locator units = east.locator("#ao-units input[type=checkbox]");
        units.nth(0).check();
        units.nth(1).check();
        east.fill("#ao-note", "two cars from Barover, 20 minutes out");
        east.getByTestId("ao-submit").click();
        assertThat(east.locator("[data-testid=aid-request-" + id + "] [data-testid^=aid-offer-]"))
                .hasCount(1);
        shot(east, "08-aid-offered");

        // Westshire sees the offer arrive live and accepts it.
        Locator accept = west.locator("[data-testid^=accept-offer-]");
        assertThat(accept).hasCount(1);
        accept.click();
        assertThat(west.locator("[data-testid=aid-request-" + id + "] [data-testid^=aid-offer-]"))
                .hasAttribute("data-status", "ACCEPTED");
        assertThat(west.getByTestId("aid-request-" + id).getByTestId("aid-status"))
                .hasText("Filled");
        // the offered cars by their callsigns, though they are Eastshire's and not on Westshire's unit board
        assertThat(west.locator("[data-testid=aid-request-" + id + "] [data-testid^=aid-offer-]"))
                .containsText("ES-");
        assertThat(west.locator("[data-testid=aid-request-" + id + "] [data-testid^=aid-offer-]"))
                .not()
                .containsText("ESP-U");
        shot(west, "09-aid-accepted");
        // the cars set off; the hours report counts them for cost recovery, officer-hours beside unit-hours
        west.getByTestId("deploy-aid-" + id).click();
        assertThat(west.getByTestId("aid-hours-table")).containsText("Officer-hours");
        assertThat(west.getByTestId("aid-hours-table").locator("tr[data-home=ESP][data-host=WSP]"))
                .containsText("Eastshire");
        east.context().close();
        west.context().close();
    }

    @Test
    @Order(5)
    void the_keyboard_drives_the_queue_and_the_help_lists_every_shortcut() {
        Page page = signIn(newPage(), "dana");
        page.keyboard().press("?");
        Locator help = page.getByTestId("help-dialog");
        assertThat(help).isVisible();
        assertThat(help).containsText("Dispatch the recommended units");
        assertThat(help).containsText("New incident");
        shot(page, "10-help");
        page.keyboard().press("Escape");
        assertThat(help).isHidden();

        page.keyboard().press("j");
        Locator selected = page.locator("#queue li.call[aria-selected=true]");
        assertThat(selected).hasCount(1);
        String first = selected.getAttribute("data-incident");
        page.keyboard().press("j");
        page.keyboard().press("k");
        assertThat(selected).hasAttribute("data-incident", first);
        assertThat(page.getByTestId("incident-id")).hasText(first);
        assertThat(page.getByTestId("recommendation")).isVisible();
        shot(page, "11-overview");

        page.keyboard().press("/");
        assertThat(page.getByTestId("unit-filter")).isFocused();
        page.keyboard().type("DCA01");
        assertThat(page.locator("#unit-board tbody tr")).hasCount(1);
        page.context().close();
    }

    @Test
    @Order(6)
    void a_dropped_stream_resumes_from_its_last_sequence_and_misses_nothing() {
        Page page = signIn(newPage(), "dana");
        String unit = server.node().engine().state().units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("MAS")))
                .filter(u -> u.status() == org.muster.domain.unit.UnitStatus.AVAILABLE)
                .map(u -> u.id().value())
                .sorted()
                .findFirst()
                .orElseThrow();
        Locator status = page.getByTestId("unit-row-" + unit).getByTestId("unit-status");
        assertThat(status).hasText("Available");
        page.evaluate("window.musterLive.disconnect()");
        assertThat(page.getByTestId("live-status")).hasAttribute("data-state", "down");
        long before = ((Number) page.evaluate("window.musterLive.lastSequence()")).longValue();

        // Changes made while the page is not listening.
        var off = server.post(
                "/api/v1/units/" + unit + "/status",
                "supervisor",
                "MAS",
                "{\"status\":\"UNAVAILABLE\",\"unavailableReason\":\"OUT_OF_SERVICE\"}");
        org.assertj.core.api.Assertions.assertThat(off.status()).as(off.body()).isEqualTo(200);
        String missed = newIncidentByApi("BREATHING_PROBLEMS", masPoint(3));
        page.waitForTimeout(1000);
        assertThat(status).hasText("Available");

        var resumed = page.waitForRequest(
                r -> r.url().contains("/api/v1/stream?after=" + before),
                () -> page.evaluate("window.musterLive.connect()"));
        org.assertj.core.api.Assertions.assertThat(resumed.url()).endsWith("after=" + before);
        assertThat(page.getByTestId("live-status")).hasAttribute("data-state", "live");
        assertThat(status).hasText("Unavailable");
        assertThat(page.getByTestId("queue-item-" + missed)).isVisible();
        page.context().close();
    }

    @Test
    @Order(7)
    void a_viewer_sees_the_boards_and_no_action() {
        Page page = signIn(newPage(), "vic");
        assertThat(page.getByTestId("who")).containsText("viewer");
        assertThat(page.getByTestId("new-incident")).isHidden();
        page.keyboard().press("n");
        assertThat(page.getByTestId("new-incident-dialog")).isHidden();
        page.keyboard().press("5");
        assertThat(page.getByTestId("zone-row-MAS-01")).isVisible();
        assertThat(page.locator("[data-testid^=change-level-]")).hasCount(0);
        page.keyboard().press("6");
        assertThat(page.getByTestId("request-aid")).isHidden();
        page.keyboard().press("j");
        assertThat(page.getByTestId("incident-id")).isVisible();
        assertThat(page.getByTestId("dispatch-recommended")).hasCount(0);
        // a unit's detail without the controls to change it, and nothing in their place
        page.keyboard().press("1");
        page.locator("#unit-board tbody tr").first().click();
        assertThat(page.getByTestId("unit-detail")).isVisible();
        assertThat(page.getByTestId("unit-status-set")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(
                        page.getByTestId("unit-detail").textContent())
                .doesNotContain("null");
        page.context().close();
    }

    @Test
    @Order(8)
    void an_alert_is_shown_with_its_evidence_and_accepting_it_makes_the_change() {
        // early warning raises alerts through the log; here one is raised the same way, by command
        var raised = server.post(
                "/api/v1/commands",
                "admin",
                "*",
                "{\"type\":\"RaiseAlert\",\"reason\":\"surge test\",\"command\":{\"id\":\"ALERT-T1\","
                        + "\"kind\":\"surge\",\"key\":\"MAS-02:BREATHING_PROBLEMS\","
                        + "\"summary\":\"Breathing problems in MAS-02: 14 calls in 2 h against 4 expected\","
                        + "\"evidence\":{\"observed\":\"14\",\"expected\":\"4.1\",\"p_value\":\"0.0003\"},"
                        + "\"proposedZone\":\"MAS-02\",\"proposedLevel\":\"ELEVATED\"}}");
        org.assertj.core.api.Assertions.assertThat(raised.status())
                .as(raised.body())
                .isEqualTo(200);

        Page page = signIn(newPage(), "sam");
        page.keyboard().press("4");
        Locator alert = page.getByTestId("alert-ALERT-T1");
        assertThat(alert).containsText("14 calls in 2 h");
        assertThat(alert.locator(".evidence")).containsText("0.0003");
        assertThat(alert).containsText("Elevated");
        shot(page, "12-alert");
        assertThat(page.getByTestId("accept-alert-ALERT-T1")).hasText("Accept");
        page.getByTestId("alert-reason-ALERT-T1").fill("confirmed with the clinical desk");
        page.getByTestId("accept-alert-ALERT-T1").click();
        assertThat(alert).hasCount(0);
        page.keyboard().press("5");
        assertThat(page.getByTestId("zone-row-MAS-02")).containsText("Elevated");
        var zone = server.get("/api/v1/zones/MAS-02", "viewer", "MAS");
        org.assertj.core.api.Assertions.assertThat(zone.body())
                .contains("ELEVATED")
                .contains("confirmed with the clinical desk");
        server.send(
                "PUT",
                "/api/v1/zones/MAS-02/level",
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"level\":\"NORMAL\",\"reason\":\"test over\"}");
        page.context().close();
    }

    @Test
    @Order(9)
    void every_board_speaks_in_words_not_codes() {
        var off = server.post(
                "/api/v1/units/" + lastAvailableMasUnit() + "/status",
                "supervisor",
                "MAS",
                "{\"status\":\"UNAVAILABLE\",\"unavailableReason\":\"OUT_OF_SERVICE\"}");
        org.assertj.core.api.Assertions.assertThat(off.status()).as(off.body()).isEqualTo(200);
        String call = newIncidentByApi("CHEST_PAIN", masPoint(3));
        Page page = signIn(newPage(), "sam");
        assertThat(page.getByTestId("unit-board")).containsText("out of service");
        page.getByTestId("queue-item-" + call).click();
        assertThat(page.getByTestId("recommendation")).isVisible();
        assertThat(page.getByTestId("incident-panel")
                        .locator(".incident-head .badge")
                        .first())
                .hasAttribute("title", "Category 2");
        assertInWords("queue", text(page.getByTestId("queue")));
        assertInWords("incident panel", text(page.getByTestId("incident-panel")));
        assertInWords("unit board", text(page.locator("#units-panel")));
        for (String tab : List.of("2", "3", "5", "6")) {
            page.keyboard().press(tab);
            Locator panel = page.locator(".right .tab-panel:not([hidden])");
            assertThat(panel).isVisible();
            page.waitForTimeout(300);
            assertInWords("board " + tab, text(panel));
        }
        page.keyboard().press("2");
        // the capacity board says what it counts and what each colour means
        assertThat(page.getByTestId("capacity-legend")).containsText("below the safe minimum");
        assertThat(page.getByTestId("capacity-legend")).containsText("NO UNITS AVAILABLE");
        assertThat(page.getByTestId("capacity-zone-MAS-AREA")).containsText("Available / safe minimum");
        org.assertj.core.api.Assertions.assertThat(overflowingBadges(page)).isEmpty();
        shot(page, "13-capacity-labelled");
        page.context().close();
    }

    @Test
    @Order(10)
    void the_queue_counts_down_to_the_demos_simulated_dispatcher_in_the_seconds_a_person_has_left() {
        String call = newIncidentByApi("FALL", masPoint(4));
        // as the demo's simulated control room would: it acts two minutes of Muster's time after the call
        server.node()
                .useAutoDispatch((incident, now) -> incident.id().value().equals(call)
                        ? java.util.Optional.of(incident.receivedAt().plus(Duration.ofMinutes(2)))
                        : java.util.Optional.empty());
        try {
            Page page = signIn(newPage(), "dana");
            Locator countdown = page.getByTestId("queue-item-" + call).getByTestId("queue-auto-dispatch");
            assertThat(countdown).containsText("auto-dispatch in");
            int first = secondsIn(countdown.textContent());
            // two minutes of Muster's time at four times real time: at most 30 seconds for the person
            org.assertj.core.api.Assertions.assertThat(first).isBetween(1, 30);
            page.waitForTimeout(2500);
            org.assertj.core.api.Assertions.assertThat(secondsIn(countdown.textContent()))
                    .as("it counts down in real seconds")
                    .isBetween(first - 4, first - 1);
            page.context().close();
        } finally {
            server.node().useAutoDispatch(org.muster.server.AutoDispatch.NONE);
        }
    }

    private static int secondsIn(String countdown) {
        var m = java.util.regex.Pattern.compile("in (\\d+) s").matcher(countdown);
        org.assertj.core.api.Assertions.assertThat(m.find()).as(countdown).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    @Order(10)
    void the_queue_header_counts_the_waiting_calls_the_user_sees() {
        Page page = signIn(newPage(), "dana");
        String mine = newIncidentByApi("FALL", masPoint(4));
        // another service's call waits too, but not for this user
        newIncidentByApi("WSP", "THEFT_REPORT", stationOf("WSP"));
        assertThat(page.getByTestId("queue-item-" + mine)).isVisible();
        Locator waitingRows = page.locator("#queue li.call[data-waiting]");
        for (int attempt = 0; ; attempt++) {
            int api = json(server.get("/api/v1/queue", "dispatcher", "MAS").body())
                    .get("waiting")
                    .size();
            String shown = page.getByTestId("queue-count").textContent();
            if (shown.equals(String.valueOf(api)) && waitingRows.count() == api) break;
            org.assertj.core.api.Assertions.assertThat(attempt)
                    .as("queue count %s, rows %d, API %d", shown, waitingRows.count(), api)
                    .isLessThan(20);
            page.waitForTimeout(500);
        }
        org.assertj.core.api.Assertions.assertThat(
                        Integer.parseInt(page.getByTestId("queue-count").textContent()))
                .isPositive();
        page.context().close();
    }

    @Test
    @Order(11)
    void a_stale_position_is_one_warning_per_unit_not_one_per_row() {
        // the fix must be older than the recommender's limit (5 minutes) on Muster's clock
        var fixedAt = server.node()
                .engine()
                .state()
                .getUnit(org.muster.domain.unit.UnitId.of(staleUnit))
                .position()
                .orElseThrow()
                .at();
        Duration left = Duration.between(server.node().clock().instant(), fixedAt.plus(Duration.ofSeconds(330)));
        if (!left.isNegative()) sleep(Duration.ofMillis((long) (left.toMillis() / CLOCK_RATE)));
        Page page = signIn(newPage(), "dana");
        // two requirements (an ambulance; a paramedic in a car or an ambulance): a unit may be ranked for both
        String call = newIncidentByApi("CARDIAC_ARREST", awayPoint());
        page.getByTestId("queue-item-" + call).click();
        Locator panel = page.getByTestId("incident-panel");
        assertThat(panel.getByTestId("recommendation")).isVisible();
        assertThat(panel.locator(".candidate[data-unit=\"" + staleUnit + "\"]").first())
                .isVisible();
        Locator warnings = panel.getByTestId("unit-warning");
        assertThat(warnings.and(page.locator("[data-unit=\"" + staleUnit + "\"]")))
                .hasCount(1);
        assertThat(warnings.and(page.locator("[data-unit=\"" + staleUnit + "\"]")))
                .containsText("old");
        List<String> units =
                warnings.all().stream().map(w -> w.getAttribute("data-unit")).toList();
        org.assertj.core.api.Assertions.assertThat(units).doesNotHaveDuplicates();
        for (Locator reason : panel.locator(".candidate .reason").all())
            org.assertj.core.api.Assertions.assertThat(reason.innerText()).doesNotContain("old");
        shot(page, "14-stale-warning");
        page.context().close();
    }

    @Test
    @Order(12)
    void times_follow_musters_clock_and_aid_is_asked_with_suggestions_and_declined_with_a_reason() {
        Page west = signIn(newPage(), "wes");
        // "ago" runs on Muster's clock: the browser's is two days behind and four times slower
        String id = newIncidentByApi(
                "WSP",
                "BURGLARY_IN_PROGRESS",
                GeoPoint.of(stationOf("WSP").lat() + 0.003, stationOf("WSP").lon() + 0.003));
        west.getByTestId("queue-item-" + id).click();
        west.waitForTimeout(6000);
        long ago = seconds(west.getByTestId("incident-received").innerText().replaceAll(".*\\((.*) ago\\).*", "$1"));
        org.assertj.core.api.Assertions.assertThat(ago)
                .as("seconds ago on Muster's clock")
                .isBetween(16L, 600L);
        org.assertj.core.api.Assertions.assertThat(overflowingBadges(west)).isEmpty();

        // a police force has no national response target: no target line, and it says so
        west.keyboard().press("3");
        assertThat(west.getByTestId("kpi-WSP")).hasAttribute("data-targets", "false");
        assertThat(west.getByTestId("kpi-WSP").getByTestId("no-target")).isVisible();

        // a request made with the form's own report-by time is accepted: it is an hour on Muster's clock
        west.keyboard().press("6");
        west.keyboard().press("r");
        assertThat(west.getByTestId("aid-request-dialog")).isVisible();
        west.selectOption("#ar-unit-type", "POLICE_RESPONSE_CAR");
        Locator suggestion = west.getByTestId("ar-suggestion-ESP");
        assertThat(suggestion).containsText("Eastshire");
        assertThat(suggestion).containsText("can spare");
        assertInWords("suggestions", text(west.getByTestId("ar-suggestions")));
        shot(west, "15-aid-suggestions");
        west.getByTestId("ar-ask-ESP").click();
        assertThat(west.getByTestId("ar-addressee-ESP")).isChecked();
        west.fill("#ar-reason", "the derby: every car committed");
        west.getByTestId("ar-submit").click();
        assertThat(west.getByTestId("aid-request-dialog")).isHidden();
        Locator request = west.locator("article.aid-request", new Page.LocatorOptions().setHasText("the derby"));
        assertThat(request.getByTestId("aid-status")).hasText("Open");
        String aid = request.getAttribute("data-request");
        var made = server.node().engine().state().getAidRequest(org.muster.domain.aid.AidRequestId.of(aid));
        org.assertj.core.api.Assertions.assertThat(made.reportBy())
                .isAfter(made.requestedAt().plus(Duration.ofMinutes(50)))
                .isBefore(made.requestedAt().plus(Duration.ofMinutes(70)));

        // Eastshire declines, and must say why; the reason is in the log
        Page east = signIn(newPage(), "eve");
        east.keyboard().press("6");
        east.getByTestId("decline-aid-" + aid).click();
        Locator dialog = east.getByTestId("reason-dialog");
        assertThat(dialog).isVisible();
        east.getByTestId("rd-submit").click();
        assertThat(east.getByTestId("rd-error")).containsText("reason");
        assertThat(dialog).isVisible();
        east.fill("#rd-reason", "our cars are at the county show all day");
        east.getByTestId("rd-submit").click();
        assertThat(dialog).isHidden();
        assertThat(west.getByTestId("aid-request-" + aid).getByTestId("aid-declines"))
                .containsText("our cars are at the county show all day");
        // Eastshire was the only force asked: Westshire sees at once that nobody will come, and that the
        // coordinator now has it to broker
        assertThat(west.getByTestId("aid-request-" + aid).getByTestId("aid-declined-by-all"))
                .containsText("referred to the national coordinator");
        org.assertj.core.api.Assertions.assertThat(auditEvents()).contains("our cars are at the county show all day");
        east.context().close();
        west.context().close();
    }

    @Test
    @Order(13)
    void tactical_clearance_asks_for_a_reason_which_goes_in_the_log() {
        GeoPoint at = masPoint(1);
        ZoneId zone = masZoneAt(at);
        GeoPoint rendezvous = stationOf("MAS");
        var closed = server.send(
                "PUT",
                "/api/v1/zones/" + zone.value() + "/level",
                TestServer.tokenOf("supervisor", "MAS"),
                String.format(
                        Locale.ROOT,
                        "{\"level\":\"CLOSED\",\"reason\":\"shots fired\",\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        rendezvous.lat(),
                        rendezvous.lon()));
        org.assertj.core.api.Assertions.assertThat(closed.status())
                .as(closed.body())
                .isEqualTo(200);
        try {
            String call = newIncidentByApi("STROKE", at);
            Page page = signIn(newPage(), "sam");
            page.getByTestId("queue-item-" + call).click();
            page.getByTestId("grant-clearance").click();
            Locator dialog = page.getByTestId("reason-dialog");
            assertThat(dialog).isVisible();
            page.getByTestId("rd-submit").click();
            assertThat(page.getByTestId("rd-error")).containsText("reason");
            page.fill("#rd-reason", "armed officers have secured the street");
            page.getByTestId("rd-submit").click();
            assertThat(dialog).isHidden();
            assertThat(page.getByTestId("grant-clearance")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(auditEvents())
                    .contains("armed officers have secured the street");
            page.context().close();
        } finally {
            server.send(
                    "PUT",
                    "/api/v1/zones/" + zone.value() + "/level",
                    TestServer.tokenOf("supervisor", "MAS"),
                    "{\"level\":\"NORMAL\",\"reason\":\"test over\"}");
        }
    }

    @Test
    @Order(14)
    void the_capacity_board_turns_red_and_the_alert_appears() {
        ZoneId area = ZoneId.of("MAS-AREA");
        var type = org.muster.domain.unit.UnitType.DOUBLE_CREWED_AMBULANCE;
        int before = server.node().engine().state().safeMinimum(area, type);
        Page page = signIn(newPage(), "sam");
        page.keyboard().press("2");
        Locator card = page.getByTestId("capacity-zone-MAS-AREA");
        assertThat(card).isVisible();
        assertThat(card).not().hasAttribute("data-colour", "RED");
        // a walkout: the service's safe minimum is now far above what it has on the road
        safeMinimum("MAS-AREA", "DOUBLE_CREWED_AMBULANCE", 99, "walkout: crews off the road");
        try {
            assertThat(card).hasAttribute("data-colour", "RED");
            assertThat(card.locator(".line[data-type=DOUBLE_CREWED_AMBULANCE]")).containsText("/ 99");
            assertThat(card).containsText("Red");
            page.keyboard().press("4");
            Locator alert = page.locator("#alerts .alert-item", new Page.LocatorOptions().setHasText("MAS-AREA"));
            assertThat(alert.first()).isVisible();
            assertThat(alert.first()).containsText("Capacity");
            assertInWords("alerts", text(page.locator("#alerts-panel")));
            shot(page, "16-capacity-red-alert");
            // the service's own colour is its worst zone's, and says so
            page.keyboard().press("2");
            Locator serviceColour = page.getByTestId("org-level-MAS").getByTestId("org-colour");
            assertThat(serviceColour).hasText("Red");
            assertThat(serviceColour).hasAttribute("title", "a zone below a safe minimum");
            // a sector that keeps a minimum of a type it has none of: the service has dozens of units free, so
            // its badge says a zone has none, not that the service has no units
            safeMinimum("MAS-02", "HAZARDOUS_AREA_RESPONSE_TEAM", 5, "exercise");
            assertThat(serviceColour).hasText("No units in a zone");
            // and the sector's own card names the type it is out of, beside the units it still has
            assertThat(page.getByTestId("capacity-zone-MAS-02").getByTestId("zone-colour"))
                    .hasText("No HART");
            assertThat(page.getByTestId("org-level-MAS")).hasAttribute("data-colour", "NONE");
        } finally {
            safeMinimum("MAS-AREA", "DOUBLE_CREWED_AMBULANCE", before, "test over");
            safeMinimum("MAS-02", "HAZARDOUS_AREA_RESPONSE_TEAM", 0, "test over");
        }
        page.context().close();
    }

    /** MAS's supervisor sets a zone's safe minimum of a unit type, through the API. */
    private void safeMinimum(String zone, String type, int minimum, String reason) {
        var set = server.send(
                "PUT",
                "/api/v1/zones/" + zone + "/safe-minimums/" + type,
                TestServer.tokenOf("supervisor", "MAS"),
                "{\"minimum\":" + minimum + ",\"reason\":\"" + reason + "\"}");
        org.assertj.core.api.Assertions.assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    @Test
    @Order(15)
    void a_call_far_from_a_road_is_taken_with_a_warning_naming_the_walk() {
        GeoPoint far = offRoadMasPoint();
        Page page = signIn(newPage(), "dana");
        page.keyboard().press("n");
        page.selectOption("#ni-type", "FALL");
        page.fill("#ni-lat", coordinate(far.lat()));
        page.fill("#ni-lon", coordinate(far.lon()));
        page.getByTestId("ni-submit").click();
        assertThat(page.getByTestId("toast-error")).containsText("Far from a road");
        Locator warning = page.getByTestId("incident-panel").getByTestId("incident-warning");
        assertThat(warning).isVisible();
        assertThat(warning)
                .containsText(
                        server.node().rules().locations().offRoadWarning(far).orElseThrow());
        shot(page, "17-off-road-call");
        page.context().close();
    }

    @Test
    @Order(16)
    void an_offer_below_the_donors_safe_minimum_is_made_with_a_warning() {
        Page west = signIn(newPage(), "wes");
        west.keyboard().press("6");
        west.keyboard().press("r");
        west.selectOption("#ar-unit-type", "POLICE_RESPONSE_CAR");
        west.fill("#ar-count", "40");
        west.getByTestId("ar-addressee-ESP").check();
        west.fill("#ar-reason", "city centre riot: every car we can get");
        west.getByTestId("ar-submit").click();
        Locator request = west.locator("article.aid-request", new Page.LocatorOptions().setHasText("city centre riot"));
        assertThat(request.getByTestId("aid-status")).hasText("Open");
        String id = request.getAttribute("data-request");
        try {
            // Eastshire offers every car it has free: more than it can spare
            Page east = signIn(newPage(), "eve");
            east.keyboard().press("6");
            east.getByTestId("offer-aid-" + id).click();
            Locator units = east.locator("#ao-units input[type=checkbox]");
            assertThat(units.first()).isVisible();
            for (Locator unit : units.all()) unit.check();
            east.getByTestId("ao-submit").click();
            assertThat(east.getByTestId("toast-error")).containsText("safe minimum");
            Locator warning = east.getByTestId("aid-request-" + id).getByTestId("offer-warning");
            assertThat(warning.first()).containsText("safe minimum");
            assertInWords("offer", text(east.getByTestId("aid-request-" + id)));
            shot(east, "18-offer-below-minimum");
            east.context().close();
        } finally {
            var cancelled = server.post(
                    "/api/v1/aid/requests/" + id + "/cancel", "supervisor", "WSP", "{\"reason\":\"test over\"}");
            org.assertj.core.api.Assertions.assertThat(cancelled.status())
                    .as(cancelled.body())
                    .isEqualTo(200);
        }
        west.context().close();
    }

    /** A point in a MAS zone that the road network calls far from any road, searched outwards from a station. */
    @Test
    @Order(17)
    void a_supervisor_declares_a_major_incident_files_methane_and_raises_the_reap_level_on_the_dashboard() {
        Page sam = signIn(newPage(), "sam");
        sam.keyboard().press("7");
        sam.getByTestId("declare-major").click();
        assertThat(sam.getByTestId("major-dialog")).isVisible();
        GeoPoint at = stationOf("MAS");
        sam.fill("#mj-name", "Stadium crush");
        sam.fill("#mj-lat", coordinate(at.lat() + 0.003));
        sam.fill("#mj-lon", coordinate(at.lon() + 0.003));
        sam.fill("#mj-radius", "3");
        sam.fill("#mj-reason", "crowd crush at the stadium");
        sam.getByTestId("mj-submit").click();
        Locator card = sam.locator("[data-testid^=major-MI-]").first();
        assertThat(card).containsText("Stadium crush");
        assertThat(card).hasAttribute("data-status", "DECLARED");

        card.locator("[data-testid^=file-methane-]").click();
        assertThat(sam.getByTestId("methane-dialog")).isVisible();
        sam.fill("#mt-majorIncident", "declared by MAS control");
        sam.fill("#mt-exactLocation", "north stand, gate 4");
        sam.fill("#mt-type", "crowd crush");
        sam.fill("#mt-hazards", "crowd still moving");
        sam.fill("#mt-access", "from the ring road only");
        sam.fill("#mt-casualties", "P1 2, P2 9");
        sam.fill("#mt-emergencyServices", "2 ambulances on scene, 6 more required");
        sam.getByTestId("mt-submit").click();
        assertThat(card.getByTestId("methane-MAS")).containsText("P1 2, P2 9");
        assertInWords("the major incident board", text(sam.locator("#major-panel")));
        shot(sam, "17-major-incident");

        // the capacity tab: the service's level beside its colour, raised by its supervisor with a reason
        sam.keyboard().press("2");
        assertThat(sam.getByTestId("org-level-MAS")).containsText("REAP 1");
        sam.getByTestId("set-level-MAS").click();
        assertThat(sam.getByTestId("reason-dialog")).isVisible();
        sam.selectOption("#rd-choice", "3");
        sam.fill("#rd-reason", "stadium crush during the walkout");
        sam.getByTestId("rd-submit").click();
        assertThat(sam.getByTestId("org-level-MAS")).containsText("REAP 3");
        assertThat(sam.getByTestId("org-level-MAS")).containsText("Category 4");
        assertInWords("the organisation levels", text(sam.getByTestId("organisation-levels")));
        shot(sam, "18-reap-level");
        sam.context().close();
    }

    private GeoPoint offRoadMasPoint() {
        GeoPoint home = stationOf("MAS");
        var state = server.node().engine().state();
        for (int ring = 1; ring < 40; ring++)
            for (int i = -ring; i <= ring; i++)
                for (int j : new int[] {-ring, ring}) {
                    for (GeoPoint p : List.of(
                            new GeoPoint(home.lat() + 0.003 * i, home.lon() + 0.003 * j),
                            new GeoPoint(home.lat() + 0.003 * j, home.lon() + 0.003 * i))) {
                        boolean mas = server.node().rules().zones().zonesAt(p).stream()
                                .anyMatch(z -> state.getZone(z).organisation().equals(OrganisationId.of("MAS")));
                        if (mas
                                && server.node()
                                        .rules()
                                        .locations()
                                        .offRoadWarning(p)
                                        .isPresent()) return p;
                    }
                }
        throw new AssertionError("no MAS point far from a road near " + home);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The audit log's last events, as an auditor reads them. */
    private String auditEvents() {
        long last = server.node().engine().state().sequence();
        var r = server.get("/api/v1/audit/events?after=" + Math.max(0, last - 50) + "&limit=100", "auditor", "*");
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The words of an element as written, not as styled (a heading in capitals is still words). */
    @Test
    @Order(18)
    void a_supervisor_projects_the_next_hours_and_sees_only_her_own_zones() {
        // without a demand model the panel says so and nothing runs
        Page page = signIn(newPage(), "sam");
        page.keyboard().press("3");
        page.selectOption("#projection-hours", "2");
        page.getByTestId("projection-run").click();
        assertThat(page.getByTestId("projection")).containsText("no demand model");
        // with the region's demand model, as ./muster demo gives the node one
        var node = server.node();
        var region = org.muster.engine.testing.RegionFixture.region();
        var roads = node.roads().orElseThrow();
        node.useProjector(new org.muster.sim.project.Projector(
                region,
                roads,
                org.muster.sim.demand.DemandModel.forRegion(
                        region,
                        org.muster.sim.demand.DemandProfile.busyEvening(),
                        node.engine().rules().catalogue(),
                        org.muster.sim.demand.DemandModel.RoadSnap.of(roads)),
                org.muster.sim.crew.CrewConfig.defaults(),
                org.muster.sim.control.DispatchDelay.of(org.muster.sim.live.LiveSimulation.DEFAULT_DISPATCH_DELAY),
                org.muster.sim.live.LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                (state, clock) -> org.muster.engine.writer.SingleWriter.fork(
                        state, node.engine().rules(), clock)));
        page.getByTestId("projection-run").click();
        Locator box = page.getByTestId("projection");
        assertThat(page.getByTestId("projection-caption"))
                .containsText(
                        "for 2 h",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                .setTimeout(120_000));
        for (Locator row : box.locator("tr[data-zone]").all()) {
            org.assertj.core.api.Assertions.assertThat(row.getAttribute("data-zone"))
                    .startsWith("MAS-");
            // the national 90th centiles (the API sends them in seconds; the panel once read every one as 0 min)
            org.assertj.core.api.Assertions.assertThat(
                            row.getByTestId("projection-target").textContent())
                    .isIn("15 min", "40 min", "120 min", "180 min");
        }
        assertInWords("projection", text(box));
        shot(page, "19-projection");
        // beside it, the service's calls of the last day as the file a simulator scenario replays: hers only
        com.microsoft.playwright.Download download =
                page.waitForDownload(() -> page.getByTestId("calls-csv").click());
        List<String> calls;
        try {
            calls = java.nio.file.Files.readAllLines(download.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("calls.csv");
        org.assertj.core.api.Assertions.assertThat(calls.getFirst()).isEqualTo("received,organisation,type,lat,lon");
        org.assertj.core.api.Assertions.assertThat(calls.subList(1, calls.size()))
                .as("the calls taken for MAS earlier today")
                .isNotEmpty()
                .allMatch(l -> l.split(",")[1].equals("MAS"));
        page.context().close();

        // a police force's supervisor: no national target for police and none set here, so nothing to judge
        // against, and the panel says why rather than that all is well
        Page west = signIn(newPage(), "wes");
        west.keyboard().press("3");
        west.selectOption("#projection-hours", "2");
        west.getByTestId("projection-run").click();
        assertThat(west.getByTestId("projection-none"))
                .containsText(
                        "Nothing to project against: WSP has no 90th-centile target",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                .setTimeout(120_000));
        west.context().close();
    }

    private static String text(Locator element) {
        return (String)
                element.evaluate("e => { const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const out = [];"
                        + " while (w.nextNode()) out.push(w.currentNode.textContent); return out.join(' '); }");
    }

    private static void assertInWords(String where, String text) {
        String alarmsRemoved = text.replace("NO UNITS AVAILABLE", "").replace("NO UNITS", "");
        var m = CODE.matcher(alarmsRemoved);
        org.assertj.core.api.Assertions.assertThat(m.find())
                .as("%s shows the code %s in: %s", where, m.hasMatch() ? m.group() : "", text)
                .isFalse();
    }

    /** Badges that spill out of their box or over their neighbours, described; none on a good board. */
    @SuppressWarnings("unchecked")
    private static List<String> overflowingBadges(Page page) {
        return (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('.badge, .no-units')]
                  .filter(b => b.offsetParent !== null && b.getClientRects().length)
                  .filter(b => {
                    const r = b.getBoundingClientRect();
                    const box = b.parentElement.getBoundingClientRect();
                    const outside = r.left < box.left - 1 || r.right > box.right + 1;
                    const overlaps = [...b.parentElement.children].filter(o => o !== b && o.getClientRects().length)
                      .some(o => { const q = o.getBoundingClientRect();
                        return q.width > 0 && q.left < r.right - 1 && r.left < q.right - 1 && q.top < r.bottom - 1 && r.top < q.bottom - 1; });
                    return outside || overlaps;
                  })
                  .map(b => `${b.textContent} in ${b.parentElement.className || b.parentElement.tagName}`)
                """);
    }

    /** "4:12" or "1:02:05" in seconds. */
    private static long seconds(String clock) {
        long total = 0;
        for (String part : clock.trim().split(":")) total = total * 60 + Long.parseLong(part);
        return total;
    }

    private String lastAvailableMasUnit() {
        return server.node().engine().state().units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("MAS")))
                .filter(u -> u.status() == org.muster.domain.unit.UnitStatus.AVAILABLE)
                .filter(u -> !u.id().value().equals(staleUnit))
                .map(u -> u.id().value())
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** Off to the other side of a MAS station from {@link #masPoint}: near roads, inside MAS's area. */
    private GeoPoint awayPoint() {
        GeoPoint p = stationOf("MAS");
        return new GeoPoint(p.lat() - 0.004, p.lon() - 0.004);
    }

    private GeoPoint stationOf(String organisation) {
        return server.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(organisation)))
                .filter(st -> st.kind() != org.muster.domain.organisation.StationKind.HOSPITAL)
                .sorted(Comparator.comparing(Station::id))
                .findFirst()
                .orElseThrow()
                .location();
    }

    /** Muster's clock as the demo runs it: ahead of the wall clock, and faster. */
    private static final class DemoClock extends Clock {
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private final double rate;

        DemoClock(Duration ahead, double rate) {
            this.start = Instant.now().plus(ahead);
            this.rate = rate;
        }

        @Override
        public Instant instant() {
            return start.plusNanos((long) ((System.nanoTime() - startNanos) * rate));
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

    @Test
    @Order(19)
    void a_supervisor_draws_an_area_to_avoid_sees_it_on_the_map_and_reopens_it_and_a_dispatcher_has_no_tool() {
        Page page = signIn(newPage(), "sam");
        Locator map = page.locator("#map");
        String before = map.getAttribute("data-closures");
        GeoPoint at = masPoint(5);
        double d = 0.003;
        List<GeoPoint> corners = List.of(
                GeoPoint.of(at.lat() - d, at.lon() - d),
                GeoPoint.of(at.lat() - d, at.lon() + d),
                GeoPoint.of(at.lat() + d, at.lon() + d),
                GeoPoint.of(at.lat() + d, at.lon() - d));

        page.getByTestId("draw-closure").click();
        Locator panel = page.getByTestId("closure-draw");
        assertThat(panel).isVisible();
        assertThat(page.getByTestId("closure-kind-area")).isChecked();
        for (GeoPoint corner : corners) clickOnMap(page, corner);
        assertThat(panel).hasAttribute("data-points", "4");
        assertThat(page.getByTestId("closure-hint")).containsText("4 so far");
        shot(page, "closure-1-drawn");
        page.getByTestId("closure-finish").click();
        assertThat(page.getByTestId("closure-dialog")).isVisible();
        page.fill("#rc-reason", "ford flooded after the storm");
        page.getByTestId("rc-submit").click();
        assertThat(page.getByTestId("closure-dialog")).isHidden();
        assertThat(panel).hasCount(0);
        assertThat(map).hasAttribute("data-closures", String.valueOf(Integer.parseInt(before) + 1));
        shot(page, "closure-2-in-force");

        // in force in the service, as drawn: an area of MAS with the four corners clicked
        var list = TestServer.ok(server.get("/api/v1/road-closures", "dispatcher", "MAS"));
        com.fasterxml.jackson.databind.JsonNode drawn = null;
        for (var c : list.get("closures"))
            if (c.get("reason").asText().equals("ford flooded after the storm")) drawn = c;
        org.assertj.core.api.Assertions.assertThat(drawn).as(list.toString()).isNotNull();
        org.assertj.core.api.Assertions.assertThat(drawn.get("kind").asText()).isEqualTo("AREA");
        org.assertj.core.api.Assertions.assertThat(drawn.get("organisation").asText())
                .isEqualTo("MAS");
        org.assertj.core.api.Assertions.assertThat(drawn.get("points")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            GeoPoint clicked = corners.get(i);
            GeoPoint stored = GeoPoint.of(
                    drawn.get("points").get(i).get("lat").asDouble(),
                    drawn.get("points").get(i).get("lon").asDouble());
            // a click lands within a pixel of the corner; at this zoom a pixel is well under 100 m
            org.assertj.core.api.Assertions.assertThat(stored.distanceMetersTo(clicked))
                    .isLessThan(100);
        }
        String id = drawn.get("id").asText();

        // a dispatcher sees it on the map but has no tool to draw or reopen closures
        Page dispatcher = signIn(newPage(), "dana");
        assertThat(dispatcher.locator("#map"))
                .hasAttribute("data-closures", String.valueOf(Integer.parseInt(before) + 1));
        assertThat(dispatcher.getByTestId("draw-closure")).hasCount(0);
        clickOnMap(dispatcher, GeoPoint.of(at.lat() + d / 2, at.lon() - d / 2));
        assertThat(dispatcher.getByTestId("reopen-closure-" + id)).hasCount(0);

        // the supervisor reopens it from its popup, with a reason
        clickOnMap(page, GeoPoint.of(at.lat() + d / 2, at.lon() - d / 2));
        page.getByTestId("reopen-closure-" + id).click();
        assertThat(page.getByTestId("reason-dialog")).isVisible();
        page.fill("#rd-reason", "water gone down");
        page.getByTestId("rd-submit").click();
        assertThat(map).hasAttribute("data-closures", before);
        org.assertj.core.api.Assertions.assertThat(server.get("/api/v1/road-closures/" + id, "dispatcher", "MAS")
                        .status())
                .isEqualTo(404);
    }

    @Test
    @Order(20)
    void a_zones_own_target_stands_beside_its_figures_on_the_response_board() {
        // Eastshire has no target of its own; its Barover district has one (muster.zone-targets.ESP-01)
        newIncidentByApi(
                "ESP",
                "BURGLARY_IN_PROGRESS",
                GeoPoint.of(stationOf("ESP").lat() + 0.002, stationOf("ESP").lon() + 0.002));
        Page east = signIn(newPage(), "eve");
        east.keyboard().press("3");
        Locator zones = east.getByTestId("kpi-zones");
        Locator barover = zones.locator("tr[data-zone=ESP-01][data-priority=EMERGENCY]");
        assertThat(barover).containsText("/ 20 min");
        assertThat(barover.getByTestId("zone-own-target")).hasText("(zone's own)");
        assertThat(zones.locator("tr").first()).containsText("90th centile / target");
        assertThat(east.getByTestId("kpi-ESP").getByTestId("no-target"))
                .containsText("Its zones with targets of their own are judged against them");
        // the force's area has no target: its figures stand alone
        Locator area = zones.locator("tr[data-zone=ESP-AREA][data-priority=EMERGENCY]");
        assertThat(area).isVisible();
        assertThat(area).not().containsText("/");
        shot(east, "20-zone-own-target");

        // Winddon has no station of its own: its capacity card says whose colour it wears, as the Zones tab does
        east.keyboard().press("2");
        assertThat(east.getByTestId("capacity-zone-ESP-03").getByTestId("capacity-covered-from"))
                .containsText("Covered from Barover District");
        east.context().close();
    }

    @Test
    @Order(21)
    void the_auditor_checks_the_chain_and_sees_the_boards_as_they_stood() {
        // a viewer has no audit tab; the auditor has one
        Page viewer = signIn(newPage(), "vic");
        assertThat(viewer.getByTestId("tab-audit")).isHidden();
        viewer.keyboard().press("8");
        assertThat(viewer.locator("#audit-panel")).isHidden();
        viewer.context().close();

        Instant before = server.node().clock().instant();
        Page page = signIn(newPage(), "aud");
        assertThat(page.getByTestId("tab-audit")).isVisible();
        page.keyboard().press("8");
        page.getByTestId("audit-verify").click();
        assertThat(page.getByTestId("audit-intact")).hasAttribute("data-intact", "true");
        assertThat(page.getByTestId("audit-intact")).containsText("Intact: events 1 to ");
        // nothing beneath it but findings, if any: the verdict once ended in the word "null"
        org.assertj.core.api.Assertions.assertThat(
                        page.locator("#audit-verdict").textContent())
                .doesNotContain("null");

        // the boards a minute before signing in, rebuilt from the log
        String local = (String) page.evaluate(
                "iso => { const d = new Date(iso); const p = n => String(n).padStart(2, '0');"
                        + " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:"
                        + "${p(d.getMinutes())}`; }",
                before.minusSeconds(60).toString());
        page.fill("#audit-at", local);
        page.getByTestId("audit-show").click();
        assertThat(page.getByTestId("audit-at-summary")).containsText("open calls");
        assertThat(page.getByTestId("audit-zones").locator("tr[data-zone=MAS-01]"))
                .isVisible();
        assertThat(page.locator("#audit-history")).containsText("Public warnings in force then");
        assertThat(page.locator("#audit-history")).containsText("Roads closed then");

        // and who did what, newest first
        page.getByTestId("audit-events-load").click();
        assertThat(page.getByTestId("audit-event-rows")
                        .locator("tr[data-sequence]")
                        .first())
                .isVisible();
        assertInWords("audit", text(page.locator("#audit-panel")));
        shot(page, "21-audit");
        page.context().close();
    }

    @Test
    @Order(22)
    void a_supervisor_warns_the_public_updates_and_cancels_it_and_every_control_room_sees_it() {
        String wsp01 = server.node().engine().state().zones().values().stream()
                .filter(z -> z.organisation().equals(OrganisationId.of("WSP"))
                        && z.parent().isPresent())
                .map(z -> z.id().value())
                .sorted()
                .findFirst()
                .orElseThrow();
        Page page = signIn(newPage(), "wes");
        Locator map = page.locator("#map");
        assertThat(map).hasAttribute("data-public-alerts", "0");
        page.keyboard().press("5");
        assertThat(page.getByTestId("public-alerts")).containsText("No public warning in force.");
        // her own zones come first on the board, the neighbours' after
        assertThat(page.locator("#zones-board tbody tr").first())
                .hasAttribute("data-zone", java.util.regex.Pattern.compile("^WSP-"));
        page.getByTestId("warn-public").click();
        assertThat(page.getByTestId("public-alert-dialog")).isVisible();
        page.fill("#pa-headline", "Disorder in the town centre: avoid the area");
        page.fill("#pa-description", "Groups are gathering near the market square.");
        page.fill("#pa-area", "The town centre, around the market square");
        page.fill("#pa-reason", "disorder reported by several callers");
        // no zone ticked: said in the form, and nothing is published
        page.getByTestId("pa-submit").click();
        assertThat(page.getByTestId("pa-error")).containsText("Tick the zones");
        org.assertj.core.api.Assertions.assertThat(TestServer.ok(server.get("/api/v1/cap/alerts", "dispatcher", "WSP"))
                        .get("alerts"))
                .isEmpty();
        // only Westshire's zones are offered
        assertThat(page.getByTestId("pa-zones").locator("input[value^=MAS]")).hasCount(0);
        page.getByTestId("pa-zone-" + wsp01).check();
        page.getByTestId("pa-submit").click();
        assertThat(page.getByTestId("public-alert-dialog")).isHidden();
        Locator warning = page.locator("[data-testid^=public-alert-PA-]");
        assertThat(warning).hasCount(1);
        assertThat(warning.getByTestId("public-alert-headline")).hasText("Disorder in the town centre: avoid the area");
        assertThat(warning.getByTestId("public-alert-advice")).hasText("Avoid the area");
        assertThat(map).hasAttribute("data-public-alerts", "1");
        shot(page, "22-public-warning");
        String id = warning.getAttribute("data-testid").substring("public-alert-".length());

        // published: the CAP message anyone may read, for the zone ticked
        var message = server.send("GET", "/api/v1/cap/alerts/" + id, null, null);
        org.assertj.core.api.Assertions.assertThat(message.body())
                .contains(
                        "<headline>Disorder in the town centre: avoid the area</headline>",
                        "<responseType>Avoid</responseType>",
                        wsp01);

        // another service's dispatcher sees what the public was told, on the map and the board, and may not change it
        Page dispatcher = signIn(newPage(), "dana");
        assertThat(dispatcher.locator("#map")).hasAttribute("data-public-alerts", "1");
        dispatcher.keyboard().press("5");
        assertThat(dispatcher.getByTestId("public-alert-" + id)).containsText("Westshire");
        assertThat(dispatcher.getByTestId("warn-public")).isHidden();
        assertThat(dispatcher.getByTestId("update-public-alert-" + id)).hasCount(0);
        assertThat(dispatcher.getByTestId("cancel-public-alert-" + id)).hasCount(0);

        // the supervisor updates it: a second version, which the dispatcher's board shows live
        page.getByTestId("update-public-alert-" + id).click();
        assertThat(page.locator("#pa-headline")).hasValue("Disorder in the town centre: avoid the area");
        assertThat(page.getByTestId("pa-zone-" + wsp01)).isChecked();
        page.fill("#pa-headline", "Disorder spreading: stay indoors");
        page.selectOption("#pa-advice", "STAY_INDOORS");
        // and narrows it to the streets around the market, drawn on the map: the form steps aside meanwhile
        GeoPoint market = server.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of("WSP")))
                .min(Comparator.comparing(Station::id))
                .orElseThrow()
                .location();
        double d = 0.004;
        page.getByTestId("pa-draw").click();
        assertThat(page.getByTestId("public-alert-dialog")).isHidden();
        Locator drawing = page.getByTestId("warning-area-draw");
        assertThat(drawing).isVisible();
        for (GeoPoint corner : List.of(
                GeoPoint.of(market.lat() - d, market.lon() - d),
                GeoPoint.of(market.lat() - d, market.lon() + d),
                GeoPoint.of(market.lat() + d, market.lon() + d),
                GeoPoint.of(market.lat() + d, market.lon() - d))) clickOnMap(page, corner);
        assertThat(drawing).hasAttribute("data-points", "4");
        page.getByTestId("warning-area-finish").click();
        assertThat(drawing).hasCount(0);
        assertThat(page.getByTestId("public-alert-dialog")).isVisible();
        assertThat(page.getByTestId("pa-drawn")).hasText("An area drawn on the map, 4 corners.");
        page.getByTestId("pa-submit").click();
        assertThat(page.getByTestId("public-alert-dialog")).isHidden();
        assertThat(dispatcher.getByTestId("public-alert-" + id)).hasAttribute("data-version", "2");
        assertThat(dispatcher.getByTestId("public-alert-" + id).getByTestId("public-alert-headline"))
                .hasText("Disorder spreading: stay indoors");
        assertThat(dispatcher.getByTestId("public-alert-" + id)).containsText("an area drawn on the map");
        // the CAP message carries the drawing as a closed ring of five points, the first again last
        String update =
                server.send("GET", "/api/v1/cap/alerts/" + id, null, null).body();
        org.assertj.core.api.Assertions.assertThat(update).contains("<msgType>Update</msgType>", "<polygon>", wsp01);
        String ring = update.substring(update.indexOf("<polygon>") + 9, update.indexOf("</polygon>"));
        String[] points = ring.split(" ");
        org.assertj.core.api.Assertions.assertThat(points).hasSize(5);
        org.assertj.core.api.Assertions.assertThat(points[4]).isEqualTo(points[0]);
        shot(page, "22-public-warning-drawn");

        // and cancels it with a reason: gone from every board and map
        page.getByTestId("cancel-public-alert-" + id).click();
        page.fill("#rd-reason", "crowd dispersed");
        page.getByTestId("rd-submit").click();
        assertThat(page.getByTestId("public-alerts")).containsText("No public warning in force.");
        assertThat(map).hasAttribute("data-public-alerts", "0");
        assertThat(dispatcher.locator("#map")).hasAttribute("data-public-alerts", "0");
        org.assertj.core.api.Assertions.assertThat(server.send("GET", "/api/v1/cap/alerts/" + id, null, null)
                        .body())
                .contains("<msgType>Cancel</msgType>");
        assertInWords("zones", text(page.locator("#zones-panel")));
        dispatcher.context().close();
        page.context().close();
    }

    @Test
    @Order(23)
    void the_capacity_tab_shows_each_standards_coverage_counting_only_the_units_that_answer_its_calls() {
        var state = server.node().engine().state();
        java.util.function.Function<java.util.Set<org.muster.domain.unit.UnitType>, Long> free =
                types -> state.units().values().stream()
                        .filter(u -> u.workingFor().equals(OrganisationId.of("MAS")))
                        .filter(u -> u.status() == org.muster.domain.unit.UnitStatus.AVAILABLE)
                        .filter(u -> u.position().isPresent() && types.contains(u.type()))
                        .count();
        long ambulances = free.apply(java.util.Set.of(org.muster.domain.unit.UnitType.DOUBLE_CREWED_AMBULANCE));
        long responders = free.apply(java.util.Set.of(
                org.muster.domain.unit.UnitType.DOUBLE_CREWED_AMBULANCE,
                org.muster.domain.unit.UnitType.RAPID_RESPONSE_CAR,
                org.muster.domain.unit.UnitType.HAZARDOUS_AREA_RESPONSE_TEAM));
        org.assertj.core.api.Assertions.assertThat(responders).isGreaterThan(ambulances);

        // the ambulance service's supervisor: her service's two standards, and no one else's
        Page page = signIn(newPage(), "sam");
        page.keyboard().press("2");
        Locator board = page.getByTestId("coverage-board");
        Locator c1 = board.getByTestId("coverage-row-MAS-C1");
        Locator c2 = board.getByTestId("coverage-row-MAS-C2");
        assertThat(c1).containsText("Category 1 within 7 min");
        assertThat(c2).containsText("Category 2 within 18 min");
        // a category 2 call asks for an ambulance first, so only ambulances cover it; a paramedic's car stops
        // a category 1 call's clock, so it covers those
        assertThat(c2.getByTestId("coverage-types")).hasText("Double-crewed ambulance");
        assertThat(c1.getByTestId("coverage-types")).containsText("rapid response car");
        assertThat(c2.getByTestId("coverage-units")).hasText(String.valueOf(ambulances));
        assertThat(c1.getByTestId("coverage-units")).hasText(String.valueOf(responders));
        assertThat(board.locator("tbody tr")).hasCount(2);
        // the shares are the service's own figure over its area, as the API gives it
        com.fasterxml.jackson.databind.JsonNode layers = TestServer.ok(
                        server.get("/api/v1/coverage", "supervisor", "MAS"))
                .get("layers");
        for (com.fasterxml.jackson.databind.JsonNode l : layers) {
            if (l.get("layer").hasNonNull("unitType")) continue;
            com.fasterxml.jackson.databind.JsonNode area = l.get("area");
            long once = Math.round(100
                    * area.get("coveredOnce").asDouble()
                    / area.get("demand").asDouble());
            String category = l.get("layer").get("standard").get("category").asText();
            assertThat(board.getByTestId("coverage-row-MAS-" + category).getByTestId("coverage-once"))
                    .hasText(once + " %");
        }
        assertThat(c2.getByTestId("coverage-least")).containsText("%");
        assertInWords("coverage", text(board));
        shot(page, "23-coverage");
        page.context().close();

        // a force's supervisor sees her force's emergency cover, not the ambulance service's
        Page wes = signIn(newPage(), "wes");
        wes.keyboard().press("2");
        Locator wsp = wes.getByTestId("coverage-board");
        assertThat(wsp.getByTestId("coverage-row-WSP-EMERGENCY")).containsText("Emergency within 15 min");
        assertThat(wsp.locator("tbody tr")).hasCount(1);
        wes.context().close();

        // the coordinator: every organisation's, each under its name
        Page aud = signIn(newPage(), "aud");
        aud.keyboard().press("2");
        Locator all = aud.getByTestId("coverage-board");
        assertThat(all.locator("tr.group")).not().hasCount(0);
        assertThat(all.locator("tr.group").first()).containsText(" ");
        aud.context().close();
    }

    @Test
    @Order(24)
    void a_dispatcher_moves_the_escort_it_tasked_and_is_offered_only_the_statuses_each_unit_can_take() {
        // an ambulance call in a zone its crews enter only with a police escort: the recommendation pairs one
        GeoPoint at = masPoint(2);
        ZoneId zone = masZoneAt(at);
        String call;
        try {
            org.assertj.core.api.Assertions.assertThat(server.send(
                                    "PUT",
                                    "/api/v1/zones/" + zone.value() + "/level",
                                    TestServer.tokenOf("supervisor", "MAS"),
                                    "{\"level\":\"ESCORT_REQUIRED\",\"reason\":\"crews attacked on the estate\"}")
                            .status())
                    .isEqualTo(200);
            call = newIncidentByApi("STROKE", at);
            TestServer.ok(
                    server.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "MAS", null));
        } finally {
            server.send(
                    "PUT",
                    "/api/v1/zones/" + zone.value() + "/level",
                    TestServer.tokenOf("supervisor", "MAS"),
                    "{\"level\":\"NORMAL\",\"reason\":\"test over\"}");
        }
        var incident = server.node().engine().state().getIncident(org.muster.domain.incident.IncidentId.of(call));
        java.util.function.Function<org.muster.domain.incident.AssignmentRole, String> unitIn =
                role -> incident.assignments().stream()
                        .filter(a -> a.role() == role)
                        .findFirst()
                        .orElseThrow()
                        .unit()
                        .value();
        String escort = unitIn.apply(org.muster.domain.incident.AssignmentRole.ESCORT);
        String ambulance = unitIn.apply(org.muster.domain.incident.AssignmentRole.PRIMARY);

        Page page = signIn(newPage(), "dana");
        // the police car on her call is hers to move while it works it, as her own crews are
        Locator row = page.getByTestId("unit-row-" + escort);
        row.click();
        Locator options = page.locator("[data-testid=unit-status-select] option");
        assertThat(options).hasText(new String[] {"En route", "On scene", "Available", "Unavailable"});
        page.selectOption("[data-testid=unit-status-select]", "EN_ROUTE");
        page.getByTestId("unit-status-set").click();
        assertThat(row.getByTestId("unit-status")).hasText("En route");
        page.selectOption("[data-testid=unit-status-select]", "ON_SCENE");
        page.getByTestId("unit-status-set").click();
        assertThat(row.getByTestId("unit-status")).hasText("On scene");
        // a police car conveys no patient: on scene it is offered no transporting, nor at hospital
        assertThat(options).hasText(new String[] {"Returning", "Available"});
        shot(page, "24-escort-status");

        // an ambulance on scene is
        crewReports(ambulance, "EN_ROUTE");
        crewReports(ambulance, "ON_SCENE");
        Locator ambulanceRow = page.getByTestId("unit-row-" + ambulance);
        assertThat(ambulanceRow.getByTestId("unit-status")).hasText("On scene");
        ambulanceRow.click();
        assertThat(options).hasText(new String[] {"Transporting", "Returning", "Available"});
        page.context().close();

        // a viewer is offered nothing to set
        Page vic = signIn(newPage(), "vic");
        vic.getByTestId("unit-row-" + ambulance).click();
        assertThat(vic.locator("#unit-detail")).isVisible();
        assertThat(vic.getByTestId("unit-status-select")).hasCount(0);
        vic.context().close();
    }

    /** Clicks the map where {@code p} is drawn now. */
    private static void clickOnMap(Page page, GeoPoint p) {
        @SuppressWarnings("unchecked")
        Map<String, Object> pixel = (Map<String, Object>) page.evaluate(
                "([lat, lon]) => { const q = window.musterMap.toPixel(lat, lon); return {x: q.x, y: q.y}; }",
                List.of(p.lat(), p.lon()));
        var box = page.locator("#map").boundingBox();
        page.mouse()
                .click(
                        box.x + ((Number) pixel.get("x")).doubleValue(),
                        box.y + ((Number) pixel.get("y")).doubleValue());
    }

    private Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 900));
        Page page = context.newPage();
        // what the page itself complains of, for a failure's report
        page.onPageError(e -> System.out.println("page error: " + e));
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning"))
                System.out.println("console " + m.type() + ": " + m.text());
        });
        return page;
    }

    private Page signIn(Page page, String user) {
        page.navigate(url("/login"));
        page.fill("#username", user);
        page.fill("#password", TestServer.PASSWORD);
        page.click("#sign-in");
        assertThat(page.locator("body"))
                .hasAttribute(
                        "data-state",
                        "ready",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                .setTimeout(30_000));
        return page;
    }

    private String url(String path) {
        return server.uri(path).toString();
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    private void crewReports(String unit, String status) {
        var r = server.post(
                "/api/v1/units/" + unit + "/status", "dispatcher", "MAS", "{\"status\":\"" + status + "\"}");
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private String newIncidentByApi(String type, GeoPoint at) {
        return newIncidentByApi("MAS", type, at);
    }

    /** A call taken for {@code organisation} by its call handler over the API; its id. */
    private String newIncidentByApi(String organisation, String type, GeoPoint at) {
        var r = server.post(
                "/api/v1/incidents",
                "call-handler",
                organisation,
                String.format(
                        Locale.ROOT,
                        "{\"organisation\":\"%s\",\"type\":\"%s\",\"location\":{\"lat\":%.6f,\"lon\":%.6f}}",
                        organisation,
                        type,
                        at.lat(),
                        at.lon()));
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(201);
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A MAS station's location, nudged: inside a MAS zone and near roads. */
    private GeoPoint masPoint(int i) {
        List<Station> stations = server.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of("MAS")))
                .sorted(Comparator.comparing(Station::id))
                .toList();
        GeoPoint p = stations.get(i % stations.size()).location();
        return new GeoPoint(p.lat() + 0.004, p.lon() + 0.004);
    }

    private ZoneId masZoneAt(GeoPoint p) {
        var state = server.node().engine().state();
        return server.node().rules().zones().zonesAt(p).stream()
                .filter(z -> state.getZone(z).organisation().equals(OrganisationId.of("MAS")))
                .filter(z -> state.getZone(z).parent().isPresent())
                .findFirst()
                .orElseThrow();
    }

    private static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.6f", degrees);
    }
}
