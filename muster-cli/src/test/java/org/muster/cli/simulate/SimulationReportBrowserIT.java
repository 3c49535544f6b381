package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.Main;
import org.muster.engine.testing.RegionFixture;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneShape;

/**
 * {@code report.html} as a planner opens it: a scenario beside its baseline, two replications each, opened
 * from disk in Debian's Chromium with every request outside the file refused.
 */
class SimulationReportBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final String SCENARIO = """
            name: evening-surge
            region:
              generated:
                seed: 7
            start: 2026-11-20T18:00:00Z
            duration: 30m
            demand:
              scale: 3
            baseline: base.yml
            """;

    private static final String BASELINE = """
            name: evening-normal
            region:
              generated:
                seed: 7
            start: 2026-11-20T18:00:00Z
            duration: 30m
            """;

    @Test
    void theReportDrawsItsChartsAndMapAndShowsTheBaselineWithNothingFetched(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's Chromium at " + CHROMIUM);
        Path regions = sharedRegion(dir);
        Path scenario = Files.writeString(dir.resolve("surge.yml"), SCENARIO);
        Files.writeString(dir.resolve("base.yml"), BASELINE);
        Path out = dir.resolve("out");
        assertThat(Main.run(
                        "simulate",
                        scenario.toString(),
                        "--out",
                        out.toString(),
                        "--regions",
                        regions.toString(),
                        "--replications",
                        "2",
                        "--threads",
                        "2",
                        "--quiet"))
                .isZero();
        // the baseline's own files beside the scenario's
        assertThat(out.resolve("baseline/summary.json")).content().contains("\"scenario\": \"evening-normal\"");
        String html = Files.readString(out.resolve("report.html"));
        // self-contained: no script, stylesheet, font or image from anywhere
        assertThat(html).doesNotContain("<script", " src=", " href=", "@import", "url(", "https://");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");

        // what the files say should be drawn
        List<String> series = Files.readAllLines(out.resolve("timeseries.csv"));
        Set<String> waiting = new HashSet<>();
        Set<String> coverage = new HashSet<>();
        for (String row : series.subList(1, series.size())) {
            String[] c = row.split(",", -1);
            if (c[3].equals("waiting")) waiting.add(c[2]);
            else if (!c[5].isEmpty()) coverage.add(c[2] + " " + c[4]);
        }
        Set<String> groups = new HashSet<>();
        List<String> incidents = Files.readAllLines(out.resolve("incidents.csv"));
        for (String row : incidents.subList(1, incidents.size())) {
            String[] c = row.split(",", -1);
            groups.add(c[2] + " " + c[3]);
        }
        int demandZones = demandZones();

        try (Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            Page page = browser.newPage();
            List<String> problems = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error") || m.type().equals("warning")) problems.add(m.type() + ": " + m.text());
            });
            page.onPageError(e -> problems.add("page error: " + e));
            List<String> fetched = new ArrayList<>();
            page.route("**/*", route -> {
                String url = route.request().url();
                if (url.startsWith("file:")) {
                    route.resume();
                } else {
                    fetched.add(url);
                    route.abort();
                }
            });
            page.navigate(out.resolve("report.html").toUri().toString());

            assertThat(page.title()).isEqualTo("Muster simulation: evening-surge");
            // the run's parameters
            assertThat(page.locator("#parameters").innerText())
                    .contains("demandScale", "3.0", "replications", "evening-normal");
            // a response-time distribution per organisation and priority that had calls, each with bars
            assertThat(page.locator("figure.distribution").count()).isEqualTo(groups.size());
            assertThat(page.locator("figure.distribution rect.bar").count()).isPositive();
            assertThat(page.locator("figure[data-organisation=MAS][data-priority=C2] line.target-p90")
                            .count())
                    .isEqualTo(1);
            // queue and coverage over time: one line per organisation (and standard), the baseline's dashed
            assertThat(page.locator("svg[data-chart=queue] path.series:not(.baseline)")
                            .count())
                    .isEqualTo(waiting.size());
            assertThat(page.locator("svg[data-chart=queue] path.series.baseline")
                            .count())
                    .isEqualTo(waiting.size());
            assertThat(page.locator("svg[data-chart=coverage] path.series:not(.baseline)")
                            .count())
                    .isEqualTo(coverage.size());
            assertThat(page.locator("svg[data-chart=coverage] path.series.baseline")
                            .count())
                    .isPositive();
            // beneath it, summary.json's coverage in brief: a row per organisation and standard sampled
            assertThat(page.locator("#coverage table.coverage tr").count()).isEqualTo(1 + coverage.size());
            // and what each standard counts: a paramedic's car covers C1 calls, not C2 ones
            assertThat(page.locator("#coverage-counts").textContent())
                    .contains("C1 within 7 min: every ambulance unit")
                    .contains("C2 within 18 min: double crewed ambulance;");
            var line =
                    page.locator("svg[data-chart=coverage] path.series").first().boundingBox();
            assertThat(line.width)
                    .as("the coverage line is drawn across the chart")
                    .isGreaterThan(300);
            // the map: every demand zone of the region drawn, some coloured by what their calls met
            assertThat(page.locator("svg.map:not(.baseline) path.zone").count()).isEqualTo(demandZones);
            assertThat(page.locator("svg.map.baseline path.zone").count()).isEqualTo(demandZones);
            assertThat(page.locator("svg.map path.zone[data-breach='']").count())
                    .isLessThan(2 * demandZones);
            var zone = page.locator("svg.map path.zone").first().boundingBox();
            assertThat(zone.width * zone.height)
                    .as("a zone has an area on screen")
                    .isGreaterThan(4);
            // the baseline beside the scenario
            assertThat(page.locator("#baseline").innerText()).contains("evening-normal", "mean response");
            assertThat(page.locator("#baseline tr.compare").count()).isPositive();
            // the change in MAS's C2 calls, three times the baseline's, with its interval from the replications
            // paired by seed (Student's t, one degree of freedom), beneath it
            double[] more = new double[2];
            for (int k = 1; k <= 2; k++)
                more[k - 1] = count(incidents, k, "MAS", "C2")
                        - count(Files.readAllLines(out.resolve("baseline/incidents.csv")), k, "MAS", "C2");
            double mean = (more[0] + more[1]) / 2;
            double half = 12.706204736174696 * Math.abs(more[0] - more[1]) / 2;
            var calls = page.locator("#baseline tr.compare")
                    .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("C2"))
                    .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("calls"))
                    .locator("td")
                    .last();
            assertThat(calls.innerText()).contains(signed(mean));
            // (the same difference in both pairs has no interval to show)
            if (half > 0) assertThat(calls.innerText()).contains(signed(mean - half) + " to " + signed(mean + half));
            // greyed when the interval holds none: with two replications Student's t is wide
            assertThat(calls.getAttribute("class").contains("uncertain"))
                    .isEqualTo(mean - half <= 0 && mean + half >= 0);
            assertThat(page.locator("#baseline p").first().innerText()).contains("paired by seed");

            assertThat(problems).as("console errors").isEmpty();
            assertThat(fetched).as("requests outside the file").isEmpty();
        }
    }

    @Test
    void theCollapseCurveNamesWhereEachZoneFirstBreachesAndDrawsIt(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's Chromium at " + CHROMIUM);
        Path out = sweep(dir, BASELINE, "demand.scale=1..4:3");
        // each value's run in its own folder, the scale applied
        assertThat(out.resolve("demand.scale=1/summary.json")).exists();
        assertThat(out.resolve("demand.scale=4/report.html")).content().contains("<td>4.0</td>");
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(rows.getFirst())
                .isEqualTo(
                        "key,value,organisation,zone,breached,hours_to_breach,collapses_here,breached_without_shock");
        assertThat(out.resolve(org.muster.sim.des.SweepResult.WITHOUT_FOLDER))
                .as("the calls' scale is no shock to run without")
                .doesNotExist();
        assertThat(rows.size())
                .as("two values for each zone that breached")
                .isOdd()
                .isGreaterThan(2);
        double at1 = 0;
        double at4 = 0;
        int collapses = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            assertThat(c[0]).isEqualTo("demand.scale");
            if (c[1].equals("1")) at1 += Double.parseDouble(c[4]);
            if (c[1].equals("4")) at4 += Double.parseDouble(c[4]);
            if (c[6].equals("true")) {
                collapses++;
                assertThat(c[5]).as("a collapse says when").isNotEmpty();
            }
        }
        assertThat(at4).as("four times the calls breach more zones").isGreaterThan(at1);
        assertThat(collapses).isPositive();

        try (Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            Page page = browser.newPage();
            List<String> problems = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error") || m.type().equals("warning")) problems.add(m.type() + ": " + m.text());
            });
            page.onPageError(e -> problems.add("page error: " + e));
            page.navigate(out.resolve("report.html").toUri().toString());
            assertThat(page.title()).isEqualTo("Muster collapse curve: evening-normal over demand.scale");
            // the parameters are one value's run: the table says which, and the values swept
            assertThat(page.locator("#parameters tr", new Page.LocatorOptions().setHasText("swept"))
                            .innerText())
                    .contains("demand.scale at 1, 4", "the parameters above are the run at 1");
            assertThat(page.locator("#sweep tr.zone-curve").count()).isEqualTo((rows.size() - 1) / 2);
            assertThat(page.locator("#sweep td.collapse").count()).isEqualTo(collapses);
            assertThat(page.locator("svg[data-chart=sweep] path.series").count())
                    .isPositive();
            assertThat(page.locator("svg.map.sweep path.zone").count()).isEqualTo(demandZones());
            assertThat(page.locator(
                                    "svg.map.sweep path.zone[data-breach='4'], svg.map.sweep path.zone[data-breach='1']")
                            .count())
                    .as("zones coloured by the value they collapse at")
                    .isEqualTo(collapses);
            // each value's own report is a link away
            page.locator("#sweep th a").first().click();
            assertThat(page.title()).isEqualTo("Muster simulation: evening-normal");
            assertThat(problems).as("console errors").isEmpty();
        }
    }

    /**
     * A shock's sweep also runs the scenario without the shock: at four times the calls some zones breach
     * anyway, and they are told apart from the zones the withdrawal collapses, in sweep.csv, the table and the map.
     */
    @Test
    void aShocksSweepTellsTheZonesThatBreachWithoutTheShock(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's Chromium at " + CHROMIUM);
        Path out = sweepWalkout(dir, "withdrawal=0.2..0.8:0.6");
        assertThat(out.resolve(org.muster.sim.des.SweepResult.WITHOUT_FOLDER + "/summary.json"))
                .exists();
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        Map<String, List<String[]>> byZone = new java.util.TreeMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            byZone.computeIfAbsent(c[3], z -> new ArrayList<>()).add(c);
        }
        int anyway = 0;
        for (var zone : byZone.entrySet()) {
            String without = zone.getValue().getFirst()[7];
            assertThat(without)
                    .as("every row says how often the zone breached without the shock")
                    .isNotEmpty();
            if (Double.parseDouble(without) < 0.5) continue;
            anyway++;
            assertThat(zone.getValue())
                    .as(zone.getKey() + " breaches without the shock: the withdrawal does not collapse it")
                    .allMatch(c -> c[6].equals("false"));
        }
        assertThat(anyway)
                .as("at four times the calls, some zones breach without the walkout")
                .isPositive();

        try (Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            Page page = browser.newPage();
            List<String> problems = new ArrayList<>();
            page.onPageError(e -> problems.add("page error: " + e));
            page.navigate(out.resolve("report.html").toUri().toString());
            assertThat(page.locator("#sweep td.without").count()).isEqualTo(byZone.size());
            assertThat(page.locator(
                                    "#sweep tr.zone-curve",
                                    new Page.LocatorOptions().setHasText("breaches without the shock"))
                            .count())
                    .isEqualTo(anyway);
            assertThat(page.locator("#sweep p.legend").last().innerText()).contains("breaches without the shock");
            // the run without the shock is a link away
            page.locator("#sweep a", new Page.LocatorOptions().setHasText("without the shock"))
                    .first()
                    .click();
            assertThat(page.title()).isEqualTo("Muster simulation: evening-walkout");
            assertThat(problems).as("page errors").isEmpty();
        }
    }

    /** {@code withdrawal=0..}, as the issue writes it: a shock of size 0 is the scenario without it, run once. */
    @Test
    void aSweepFromZeroRunsItsZeroAsTheScenarioWithoutTheShock(@TempDir Path dir) throws Exception {
        Path out = sweepWalkout(dir, "withdrawal=0..0.6:0.6");
        assertThat(out.resolve("withdrawal=0/summary.json")).exists();
        assertThat(out.resolve(org.muster.sim.des.SweepResult.WITHOUT_FOLDER)).doesNotExist();
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(rows).hasSizeGreaterThan(1);
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            if (c[1].equals("0"))
                assertThat(c[7])
                        .as("at 0 the zone breached as often as without the shock")
                        .isEqualTo(c[4]);
        }
        assertThat(out.resolve("report.html"))
                .content()
                .contains("href=\"withdrawal=0/report.html\">without the shock")
                .as("the parameters are the scenario's, with its shock")
                .contains("share 0.6");
    }

    /**
     * Sweeps an evening at four times the calls with an ambulance withdrawal (some zones breach without it) by
     * {@code spec}, into {@code dir/sweep}.
     */
    private static Path sweepWalkout(Path dir, String spec) throws Exception {
        return sweep(dir, BASELINE.replace("evening-normal", "evening-walkout") + """
                        demand:
                          scale: 4
                        shocks:
                          - withdraw: {organisation: MAS, people: 0.3, at: 5m, for: 25m}
                        """, spec);
    }

    /** Runs {@code ./muster simulate} on {@code scenario} with {@code --sweep spec}, into {@code dir/sweep}. */
    private static Path sweep(Path dir, String scenario, String spec) throws Exception {
        Path regions = sharedRegion(dir);
        Path file = Files.writeString(dir.resolve("swept.yml"), scenario);
        Path out = dir.resolve("sweep");
        assertThat(Main.run(
                        "simulate",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--regions",
                        regions.toString(),
                        "--sweep",
                        spec,
                        "--quiet"))
                .isZero();
        return out;
    }

    /** Playwright, told not to download a browser of its own. */
    private static Playwright playwright() {
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Debian's Chromium, headless. */
    private static Browser chromium(Playwright playwright) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox")));
    }

    /** The region's zones that no other zone lies within: the ones the map draws. */
    private static int demandZones() {
        List<ZoneShape> zones = GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones();
        Set<Object> parents = new HashSet<>();
        zones.forEach(z -> z.parent().ifPresent(parents::add));
        return (int) zones.stream().filter(z -> !parents.contains(z.id())).count();
    }

    /**
     * A regions folder holding the tests' generated region (seed 7) and its imported roads, so that the
     * command neither generates nor imports it again.
     */
    private static Path sharedRegion(Path dir) throws Exception {
        RegionFixture.network();
        Path regions = Files.createDirectories(dir.resolve("regions"));
        Files.createSymbolicLink(
                regions.resolve("seed-7"), RegionFixture.region().directory());
        return regions;
    }

    /** Calls of the organisation and priority in replication {@code k} of an incidents.csv. */
    private static double count(List<String> incidents, int k, String organisation, String priority) {
        return incidents.subList(1, incidents.size()).stream()
                .map(row -> row.split(",", -1))
                .filter(c -> c[0].equals(Integer.toString(k)) && c[2].equals(organisation) && c[3].equals(priority))
                .count();
    }

    /** A change as the report writes a count's: "+12", "−3.5". */
    private static String signed(double d) {
        double a = Math.abs(d);
        String n = a == Math.rint(a)
                ? String.format(java.util.Locale.ROOT, "%.0f", a)
                : String.format(java.util.Locale.ROOT, "%.1f", a);
        return (d > 0 ? "+" : d < 0 ? "\u2212" : "") + n;
    }
}
