package org.muster.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.server.TestServer;
import org.muster.server.security.Passwords;
import org.muster.store.StoreConfig;

/**
 * A force supervisor's dashboard, in a real headless Chromium, as the force's armed vehicles go off the
 * road in one zone: the capacity board turns to "no units", the capacity alert appears addressed to the
 * force, is accepted with a reason, and shows as resolved once the vehicles are back. Screenshots go to
 * {@code target/screenshots}. Skipped, saying why, where {@code /usr/bin/chromium} is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapacityAlertBrowserIT {
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;

    private TestServer server;
    private Chromium chromium;
    private Browser browser;

    @BeforeAll
    void start() throws IOException {
        Chromium.assumeInstalled();
        Map<String, Object> more = new HashMap<>();
        more.put("muster.users[1].name", "wes");
        more.put("muster.users[1].password-hash", Passwords.hash(TestServer.PASSWORD));
        more.put("muster.users[1].roles[0]", "supervisor");
        more.put("muster.users[1].organisations[0]", "WSP");
        server = TestServer.start(StoreConfig.Backend.POSTGRESQL, more);
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    void stop() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @Test
    void the_board_turns_to_no_units_the_alert_appears_and_resolves_when_the_vehicles_return() {
        var state = server.node().engine().state();
        Map<ZoneId, List<Unit>> byZone = new TreeMap<>();
        for (Unit u : state.units().values()) {
            if (!u.organisation().value().equals("WSP")
                    || u.type() != UnitType.ARMED_RESPONSE_VEHICLE
                    || u.status() != UnitStatus.AVAILABLE
                    || u.position().isEmpty()) continue;
            for (ZoneId z :
                    server.node().rules().zones().zonesAt(u.position().get().point())) {
                if (state.getZone(z).organisation().value().equals("WSP"))
                    byZone.computeIfAbsent(z, k -> new ArrayList<>()).add(u);
            }
        }
        var most = byZone.entrySet().stream()
                .max(Comparator.comparing(
                        (Map.Entry<ZoneId, List<Unit>> e) -> e.getValue().size()))
                .orElseThrow();
        ZoneId zone = most.getKey();
        List<Unit> arvs = most.getValue();
        org.assertj.core.api.Assertions.assertThat(arvs).hasSizeGreaterThan(1);
        for (UnitType type : UnitType.values()) {
            if (type.agency() != Agency.POLICE) continue;
            ok(server.send(
                    "PUT",
                    "/api/v1/zones/" + zone.value() + "/safe-minimums/" + type,
                    TestServer.tokenOf("supervisor", "WSP"),
                    "{\"minimum\":" + (type == UnitType.ARMED_RESPONSE_VEHICLE ? arvs.size() - 1 : 0)
                            + ",\"reason\":\"firearms commander's minimum\"}"));
        }

        Page page = signIn("wes");
        page.keyboard().press("2");
        Locator card = page.getByTestId("capacity-zone-" + zone.value());
        assertThat(card).hasAttribute("data-colour", "GREEN");

        String units = arvs.stream().map(u -> "\"" + u.id().value() + "\"").collect(Collectors.joining(","));
        String selection = "{\"selection\":{\"units\":[" + units + "],\"organisation\":null,\"type\":null,"
                + "\"capability\":null,\"share\":1.0,\"seed\":1}}";
        ok(server.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                "{\"type\":\"WithdrawUnits\",\"reason\":\"armed officers withdrawn\",\"command\":" + selection + "}"));
        assertThat(card).hasAttribute("data-colour", "NONE");
        shot(page, "capacity-alert-1-board");

        page.keyboard().press("4");
        Locator alert = page.locator(
                "[data-testid^='alert-capacity:zone:'][data-status=OPEN]",
                new Page.LocatorOptions().setHasText(zone.value()));
        assertThat(alert).hasCount(1);
        assertThat(alert).containsText("no armed response vehicles available");
        assertThat(alert).containsText("For ");
        assertThat(alert).containsText("Capacity · no units");
        assertThat(alert.locator(".evidence")).not().containsText("no-units");
        shot(page, "capacity-alert-2-raised");

        String id = alert.getAttribute("data-testid").substring("alert-".length());
        // the figures of when it was raised, and beside them the zone's as they are now
        assertThat(page.getByTestId("alert-now-" + id))
                .hasText("Now it has no armed response vehicles available: 0 armed response vehicles available, safe"
                        + " minimum " + (arvs.size() - 1) + ".");
        // and the service's own alert, with where it stands now
        Locator service =
                page.locator("[data-testid^='alert-capacity:org:wsp'][data-status=OPEN] [data-testid^=alert-now-]");
        assertThat(service).containsText("Now it has zones with no units of a type they need: ");
        assertThat(service).containsText("none available in " + zone.value());
        // it proposes no change of level: accepting it records that it is being dealt with, and says so
        assertThat(page.getByTestId("accept-alert-" + id)).hasText("Acknowledge");
        page.getByTestId("accept-alert-" + id).click();
        // no reason, no decision
        assertThat(page.getByTestId("alert-" + id)).hasCount(1);
        page.getByTestId("alert-reason-" + id).fill("aid requested from the neighbouring forces");
        page.getByTestId("accept-alert-" + id).click();
        assertThat(page.getByTestId("alert-decided-" + id)).containsText("aid requested from the neighbouring forces");
        assertThat(page.getByTestId("alert-decided-" + id)).containsText("Acknowledged by ");

        ok(server.post(
                "/api/v1/commands",
                "supervisor",
                "WSP",
                "{\"type\":\"ReturnUnits\",\"reason\":\"officers back on duty\",\"command\":" + selection + "}"));
        assertThat(page.getByTestId("alert-resolution-" + id))
                .containsText("green again", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        assertThat(page.getByTestId("alert-" + id)).hasCount(0);
        page.keyboard().press("2");
        assertThat(card).hasAttribute("data-colour", "GREEN");
        page.keyboard().press("4");
        shot(page, "capacity-alert-3-resolved");
        page.context().close();
    }

    private static void ok(TestServer.Answer a) {
        org.assertj.core.api.Assertions.assertThat(a.status()).as(a.body()).isBetween(200, 299);
    }

    private Page signIn(String user) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 900))
                .newPage();
        page.onPageError(e -> System.out.println("page error: " + e));
        page.navigate(server.uri("/login").toString());
        page.fill("#username", user);
        page.fill("#password", TestServer.PASSWORD);
        page.click("#sign-in");
        assertThat(page.locator("body"))
                .hasAttribute("data-state", "ready", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        return page;
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
