package org.muster.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;

/**
 * A force's dispatcher hands a call over to the ambulance service's own Muster from the dashboard, in a real
 * headless Chromium: the two services of {@link HandoverIT} (the shared one and its peer {@code ambulance}), the
 * browser signed in to the force's service with its dispatcher's API token. The receiving agency's types are
 * offered, the acknowledgement and the ambulance service's later statuses appear on the call's timeline live,
 * and a peer that does not answer leaves the dialog open saying so, the call still the force's. Skipped, saying
 * why, where {@code /usr/bin/chromium} or NENA's schema is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoverBrowserIT {
    private static final Path SCREENSHOTS = org.muster.server.web.Chromium.SCREENSHOTS;

    private final TestServer force = SharedServer.get();
    private org.muster.server.web.Chromium chromium;
    private Browser browser;

    @BeforeAll
    void start() {
        org.muster.server.web.Chromium.assumeInstalled();
        org.muster.interop.testing.SharedSchemas.eido();
        chromium = org.muster.server.web.Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    void stop() {
        if (chromium != null) chromium.close();
    }

    @Test
    void a_dispatcher_hands_a_call_over_and_sees_what_the_other_control_room_does_with_it() {
        TestServer ambulance = SharedServer.peer();
        String call = force.newIncident("WSP", "STABBING", HandoverIT.point(force, "WSP"));
        Page page = dispatcherOf("WSP");
        page.getByTestId("queue-item-" + call).click();
        assertThat(page.getByTestId("incident-id")).hasText(call);

        page.getByTestId("hand-over").click();
        assertThat(page.getByTestId("handover-dialog")).isVisible();
        // the peers' organisations, by name: the ambulance service (and Eastshire) via "ambulance", fire via "nowhere"
        assertThat(page.getByTestId("ho-to").locator("option"))
                .containsText(new String[] {"(ambulance)", "(ambulance)", "(nowhere)"});
        page.getByTestId("ho-to").selectOption("ambulance|MAS");
        // a police stabbing is not an ambulance type: the ambulance service's own are offered, not "the same",
        // and nothing is chosen for the dispatcher
        assertThat(page.getByTestId("ho-type").locator("option[value='']")).hasText("Choose their type");
        assertThat(page.getByTestId("ho-type")).hasValue("");
        page.getByTestId("ho-type").selectOption("STABBING_CASUALTY");
        page.getByTestId("ho-submit").click();
        assertThat(page.getByTestId("handover-dialog")).isHidden();

        Locator timeline = page.getByTestId("timeline");
        assertThat(timeline).containsText("handed over to MAS as ");
        String copy = force.node().getIncident(IncidentId.of(call)).timeline().stream()
                .map(t -> t.what())
                .filter(w -> w.startsWith("handed over to MAS as "))
                .findFirst()
                .orElseThrow()
                .replaceFirst("handed over to MAS as (\\S+) .*", "$1");
        org.assertj.core.api.Assertions.assertThat(
                        ambulance.node().getIncident(IncidentId.of(copy)).type().value())
                .isEqualTo("STABBING_CASUALTY");

        // the ambulance service dispatches its copy: the force's dispatcher sees it on the call's timeline, live
        var dispatched =
                ambulance.post("/api/v1/incidents/" + copy + "/dispatch-recommended", "dispatcher", "MAS", null);
        org.assertj.core.api.Assertions.assertThat(dispatched.status())
                .as(dispatched.body())
                .isEqualTo(200);
        assertThat(timeline)
                .containsText(
                        "MAS " + copy + " assigned at ",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                .setTimeout(30_000));
        // times are shown as times of day on Muster's clock, not as instants
        assertThat(timeline).not().containsText("Z (as MAS reported)");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("handover-1-acknowledged.png")));

        // the fire service's peer does not answer: the dialog says so and stays open; the call is still the force's
        page.getByTestId("hand-over").click();
        page.getByTestId("ho-to").selectOption("nowhere|MFRS");
        page.getByTestId("ho-type").selectOption("BUILDING_FIRE");
        page.getByTestId("ho-submit").click();
        assertThat(page.getByTestId("ho-error"))
                .containsText(
                        "failed",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                .setTimeout(45_000));
        assertThat(page.getByTestId("ho-error")).containsText("the incident stays with WSP");
        assertThat(page.getByTestId("handover-dialog")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("handover-2-unanswered.png")));
        org.assertj.core.api.Assertions.assertThat(
                        force.node().getIncident(IncidentId.of(call)).organisation())
                .isEqualTo(OrganisationId.of("WSP"));
        page.context().close();

        // a viewer has no hand-over button, and a service with no peers shows none (DashboardIT's server has none)
        Page viewer = tokenPage(TestServer.tokenOf("viewer", "WSP"));
        viewer.getByTestId("queue-item-" + call).click();
        assertThat(viewer.getByTestId("incident-id")).hasText(call);
        assertThat(viewer.getByTestId("hand-over")).hasCount(0);
        viewer.context().close();
    }

    /** The dashboard as the organisation's dispatcher, signed in by the dispatcher's API token. */
    private Page dispatcherOf(String organisation) {
        return tokenPage(TestServer.tokenOf("dispatcher", organisation));
    }

    private Page tokenPage(String token) {
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1600, 900)
                        .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + token)))
                .newPage();
        page.navigate(force.uri("/").toString());
        assertThat(page.locator("body")).hasAttribute("data-state", "ready");
        return page;
    }
}
