package org.muster.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.incident.IncidentStatus;
import picocli.CommandLine;

/**
 * {@code muster demo} as a newcomer runs it: the generated region on the embedded store, calls arriving,
 * simulated crews driving and closing them, and the printed users able to sign in.
 */
class DemoIT {
    @TempDir
    Path dir;

    /** Finished calls, archived or about to be. */
    private static java.util.List<org.muster.domain.incident.Incident> finishedCalls(
            org.muster.server.MusterNode node) {
        var state = node.engine().state();
        var all = new java.util.ArrayList<>(node.closedIncidents()
                .listClosed(
                        state.organisations().keySet(),
                        java.time.Instant.EPOCH,
                        java.time.Instant.parse("9999-01-01T00:00:00Z"),
                        org.muster.domain.incident.ClosedIncidents.MAX_LIMIT));
        state.incidents().values().stream()
                .filter(i -> !i.isOpen())
                .filter(i -> all.stream().noneMatch(x -> x.id().equals(i.id())))
                .forEach(all::add);
        return all;
    }

    private static java.util.List<org.muster.domain.incident.Incident> closedCalls(org.muster.server.MusterNode node) {
        return finishedCalls(node).stream()
                .filter(i -> i.status() == IncidentStatus.CLOSED)
                .toList();
    }

    @Test
    void the_demo_fills_and_drains_the_board_and_its_users_sign_in() throws Exception {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo)
                .parseArgs("--port", "0", "--speed", "120", "--dispatch-delay", "5", "--dir", dir.toString());
        try (DemoCommand.Running running = demo.start()) {
            var node = running.server().node();
            var engine = node.engine();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (closedCalls(node).size() >= 3) break;
                Thread.sleep(500);
            }
            var state = engine.state();
            assertThat(state.units()).hasSizeGreaterThan(100);
            // finished calls leave the state for the table of closed incidents once their figures are in
            assertThat(state.incidents().size() + finishedCalls(node).size())
                    .as("calls arrived")
                    .isGreaterThan(3);
            assertThat(closedCalls(node)).as("crews finished calls").hasSizeGreaterThanOrEqualTo(3);
            assertThat(running.sim().counters().positionsSent())
                    .as("crews drove")
                    .isPositive();

            // a dispatcher and a supervisor per organisation, and the coordinator; the ambulance dispatcher
            // signs in and is who the demo says
            assertThat(running.users())
                    .extracting(DemoCommand.DemoUser::name)
                    .contains(
                            "mas-dispatcher",
                            "mas-supervisor",
                            "wsp-dispatcher",
                            "wsp-supervisor",
                            "esp-supervisor",
                            "mfrs-dispatcher",
                            "mas-call-handler",
                            "wsp-call-handler",
                            "coordinator");
            // every role the README lists can be tried: one who only looks on, of one organisation
            assertThat(running.users())
                    .filteredOn(u -> u.role().equals("viewer"))
                    .singleElement()
                    .satisfies(u -> assertThat(u.organisation()).isNotEqualTo("*"));
            assertThat(running.users())
                    .noneMatch(u ->
                            u.role().equals("supervisor") && u.organisation().equals("*"));
            String base = "http://localhost:" + running.server().port();
            HttpClient browser = signIn(running, base, "mas-dispatcher");
            var me = browser.send(
                    HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/me"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.body())
                    .contains("\"mas-dispatcher\"")
                    .contains("DISPATCHER")
                    .contains("MAS");

            // the queue counts down to the simulated dispatcher: 5 real seconds at 120x is 10 simulated
            // minutes after the call, at its next round (every 10 s); a life-threatening call waits a control
            // room's simulated minute instead
            com.fasterxml.jackson.databind.JsonNode entry = null;
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (entry == null && System.nanoTime() < until) {
                var queue = json(browser, base + "/api/v1/queue");
                for (var w : queue.path("waiting")) {
                    if (w.hasNonNull("autoDispatchAt")) {
                        entry = w;
                        var incident = node.getIncident(org.muster.domain.incident.IncidentId.of(
                                w.path("incident").asText()));
                        java.time.Instant at =
                                java.time.Instant.parse(w.path("autoDispatchAt").asText());
                        // due ten simulated minutes after the call (5 real seconds at 120 times), one for a C1
                        // or an emergency, five for a C2 or a priority call; or, when the call is already
                        // overdue (no unit free at its round, or a round running late on a busy machine), at the
                        // next round from the queue's now
                        java.time.Instant due = incident.receivedAt()
                                .plus(
                                        switch (incident.priority().urgency()) {
                                            case 1 -> Duration.ofMinutes(1);
                                            case 2 -> Duration.ofMinutes(5);
                                            default -> Duration.ofMinutes(10);
                                        });
                        java.time.Instant now =
                                java.time.Instant.parse(queue.path("now").asText());
                        java.time.Instant from = due.isAfter(now) ? due : now;
                        assertThat(at).isAfterOrEqualTo(from).isBeforeOrEqualTo(from.plusSeconds(10));
                        assertThat(w.path("organisation").asText()).isEqualTo("MAS");
                        break;
                    }
                }
                if (entry == null) Thread.sleep(250);
            }
            assertThat(entry).as("a waiting call with its auto-dispatch time").isNotNull();

            // "at this rate": the next hour projected from the live state, the dispatcher's zones only
            long sequence = engine.state().sequence();
            var projection = browser.send(
                    HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/projection?hours=1&replications=2"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(projection.statusCode()).as(projection.body()).isEqualTo(200);
            var outlook = new com.fasterxml.jackson.databind.ObjectMapper().readTree(projection.body());
            assertThat(outlook.path("replications").asInt()).isEqualTo(2);
            assertThat(outlook.path("trend").asDouble()).isBetween(0.5, 3.0);
            assertThat(outlook.path("zones")).isNotEmpty();
            for (var z : outlook.path("zones")) {
                assertThat(z.path("organisation").asText()).isEqualTo("MAS");
                assertThat(z.path("breaching").asInt()).isBetween(0, 2);
            }
            assertThat(node.log().listRange(sequence, Long.MAX_VALUE))
                    .as("the projection logged nothing: it ran on forks")
                    .noneMatch(e -> e.event() instanceof org.muster.domain.event.Event.IncidentCreated c
                            && c.incident().id().value().startsWith("PROJ-"));
            var bad = browser.send(
                    HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/projection?hours=30"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("hours").contains("0.25 to 24");

            // the same projection from the command line, reading the demo's store as it runs
            java.io.PrintStream out = System.out;
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = org.muster.cli.Main.run(
                        "project", "--dir", dir.toString(), "--hours", "1", "--replications", "1", "--json");
            } finally {
                System.setOut(out);
            }
            assertThat(code).isZero();
            var fromCli = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(printed.toString(StandardCharsets.UTF_8));
            assertThat(fromCli.path("replications").asInt()).isEqualTo(1);
            java.util.Set<String> organisations = new java.util.TreeSet<>();
            fromCli.path("zones")
                    .forEach(z -> organisations.add(z.path("organisation").asText()));
            assertThat(organisations)
                    .as("the command line reads every organisation's zones, the forces' under the demo's targets")
                    .contains("MAS", "WSP", "ESP", "NSP");
            assertThat(org.muster.cli.Main.run("project", "--dir", dir.toString(), "--hours", "30"))
                    .isEqualTo(2);

            // a force's supervisor sees the force's figures judged against its own targets, and its zones
            // projected
            HttpClient wsp = signIn(running, base, "wsp-supervisor");
            var kpis = json(wsp, base + "/api/v1/kpis");
            java.util.Map<String, String> wspTargets = new java.util.TreeMap<>();
            for (var k : kpis.path("kpis")) {
                var target = k.path("stats").path("target");
                if (k.path("organisation").asText().equals("WSP") && target.hasNonNull("p90"))
                    wspTargets.put(
                            k.path("priority").asText(),
                            target.path("p90").asLong() + " "
                                    + target.path("source").asText());
            }
            // Westshire's districts each have a town: the Home Office's 15 minutes (PoliceTargets)
            assertThat(wspTargets)
                    .containsExactly(
                            java.util.Map.entry("EMERGENCY", "900 ORGANISATION"),
                            java.util.Map.entry("PRIORITY", "3600 ORGANISATION"));
            var forceOutlook = json(wsp, base + "/api/v1/projection?hours=1&replications=1");
            assertThat(forceOutlook.path("zones")).isNotEmpty();
            for (var z : forceOutlook.path("zones"))
                assertThat(z.path("organisation").asText()).isEqualTo("WSP");
        }
    }

    /** The JSON {@code browser} is answered at {@code url}. */
    private static com.fasterxml.jackson.databind.JsonNode json(HttpClient browser, String url) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(browser.send(
                                HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    /** A browser signed in as the demo's user {@code name}. */
    private static HttpClient signIn(DemoCommand.Running running, String base, String name) throws Exception {
        int i = running.users()
                .indexOf(running.users().stream()
                        .filter(u -> u.name().equals(name))
                        .findFirst()
                        .orElseThrow());
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var page = browser.send(
                HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        var login = browser.send(
                HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + name + "&password="
                                + URLEncoder.encode(running.passwords().get(i), StandardCharsets.UTF_8)
                                + "&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return browser;
    }
}
