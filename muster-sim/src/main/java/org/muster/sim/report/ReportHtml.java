package org.muster.sim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.Response;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageStandard;
import org.muster.engine.performance.ResponseTargets;
import org.muster.geo.map.ZoneOutline;
import org.muster.sim.des.Estimate;
import org.muster.sim.des.ReplicatedOperations;
import org.muster.sim.des.ReplicatedSummary;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.SweepResult;
import org.muster.sim.des.TimeSeries;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG; no script, font or anything fetched) with
 * the run's parameters, the response-time distributions against their targets, the calls waiting and the
 * coverage over time, a map of each organisation's zones coloured by breach, and, when the scenario names a
 * baseline, the baseline's figures beside the scenario's. Written in a fixed order with fixed number formats,
 * so the same runs give the same bytes.
 */
public final class ReportHtml {
    public static final String FILE = "report.html";

    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 220;
    private static final int HIST_WIDTH = 340;
    private static final int HIST_HEIGHT = 150;
    static final int MAP_WIDTH = 340;
    private static final int BINS = 24;
    static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"
    };

    /**
     * What the report shows.
     *
     * @param runs the scenario's replications, in order
     * @param baseline the baseline's, when the scenario names one
     * @param zones the region's zones
     */
    public record Input(
            List<RunResult> runs,
            Optional<List<RunResult>> baseline,
            List<ZoneOutline> zones,
            Optional<ScenarioText> file) {
        public Input {
            runs = Check.nonEmpty("runs", runs);
            baseline = Check.present("baseline", baseline).map(b -> Check.nonEmpty("baseline", b));
            zones = List.copyOf(zones);
            Check.present("file", file);
        }

        /** Runs with no scenario file to show (built in code, not read from one). */
        public Input(List<RunResult> runs, Optional<List<RunResult>> baseline, List<ZoneOutline> zones) {
            this(runs, baseline, zones, Optional.empty());
        }
    }

    /**
     * The scenario file as its author wrote it, comments and all, shown under the parameters so that a report
     * read months later says what was run in the planner's own words.
     *
     * @param name the file's name (not its path, so that the report does not depend on where it was run)
     * @param text its contents
     */
    public record ScenarioText(String name, String text) {
        public ScenarioText {
            Check.text("name", name);
            Check.present("text", text);
        }
    }

    final Input input;
    final StringBuilder out = new StringBuilder(256 * 1024);

    private ReportHtml(Input input) {
        this.input = input;
    }

    /** Writes {@code report.html} into {@code dir}; returns its path. */
    public static Path write(Input input, Path dir) {
        Check.present("input", input);
        Check.present("dir", dir);
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(FILE), html(input), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    /** The page. */
    public static String html(Input input) {
        Check.present("input", input);
        return new ReportHtml(input).page();
    }

    private String page() {
        Scenario s = input.runs().getFirst().scenario();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Muster simulation: ")
                .append(esc(s.name()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>Simulation: ")
                .append(esc(s.name()))
                .append("</h1>\n");
        parameters();
        distributions();
        kinds();
        operations();
        series(TimeSeries.Measure.WAITING, "queue", "Calls waiting for a unit", "calls");
        series(TimeSeries.Measure.COVERAGE, "coverage", "Coverage: share of demand reachable within target", "share");
        new ZoneMaps(out, input.zones()).section(input.runs(), input.baseline());
        input.baseline().ifPresent(this::baseline);
        out.append(
                "<footer>Written by <code>./muster simulate</code>; the figures are in summary.json, incidents.csv and"
                        + " timeseries.csv beside this file (docs/simulator.md).</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 1100px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1.05em; margin: 1em 0 .3em; }
            table { border-collapse: collapse; margin: .5em 0; } td, th { padding: 2px 10px; border-bottom: 1px solid #eee; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            table.kinds { font-size: 12.5px; display: block; overflow-x: auto; max-width: 100%; } table.kinds td, table.kinds th { padding: 2px 5px; } table.kinds td.n { white-space: nowrap; } .ci { color: #888; font-size: 11px; }
            .grid { display: flex; flex-wrap: wrap; gap: 12px; }
            figure { margin: 0; } figcaption { font-size: 12px; color: #444; max-width: 360px; }
            svg { background: #fafafa; border: 1px solid #e5e5e5; }
            svg text { font: 10px system-ui, sans-serif; fill: #444; }
            .bar { fill: #6b9bd1; } .bar.baseline { fill: none; stroke: #555; stroke-dasharray: 3 2; }
            .target-mean { stroke: #e08900; stroke-width: 1.5; stroke-dasharray: 4 3; }
            .target-p90 { stroke: #c62828; stroke-width: 1.5; }
            .series { fill: none; stroke-width: 1.6; } .series.baseline { stroke-dasharray: 5 3; stroke-width: 1.2; }
            .axis { stroke: #999; stroke-width: 1; }
            .zone { stroke: #fff; stroke-width: .8; fill-rule: evenodd; }
            .legend span { display: inline-block; margin-right: 1em; font-size: 12px; }
            .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
            td.uncertain { color: #999; }
            details#scenario-file pre { background: #fafafa; border: 1px solid #e5e5e5; padding: .6em; font-size: 12px; overflow: auto; max-height: 480px; }
            footer { margin-top: 2em; color: #777; font-size: 12px; }
            """;

    // ---- parameters -------------------------------------------------------------------------------------

    void parameters() {
        parameters(Map.of());
    }

    /** The parameters, with {@code more} rows after the scenario's own (a sweep's values). */
    void parameters(Map<String, String> more) {
        Scenario s = input.runs().getFirst().scenario();
        out.append("<section id=\"parameters\">\n<h2>Parameters</h2>\n<ul id=\"scenario-words\">\n");
        Map<org.muster.domain.organisation.ZoneId, String> names = new java.util.HashMap<>();
        input.zones().forEach(z -> names.put(z.id(), z.name()));
        List<String> sentences = new ArrayList<>(ScenarioWords.of(s, names));
        input.baseline()
                .ifPresent(b -> sentences.add("Beside it, on the same seeds, the baseline: "
                        + b.getFirst().scenario().name() + "."));
        for (String sentence : sentences)
            out.append("<li>").append(esc(sentence)).append("</li>\n");
        out.append("</ul>\n<p>Every parameter as the simulator holds it:</p>\n<table>\n");
        // every component of the scenario, whatever it holds, so that a new key shows without a change here
        for (RecordComponent c : Scenario.class.getRecordComponents()) {
            String words = ParameterWords.of(component(c, s));
            if (c.getName().equals("replay") && resampled(s))
                words += "; resampled: each recorded call counts demandScale times the factors of the surges over it,"
                        + " the copies at its place within half an hour after it (docs/simulator.md)";
            row(c.getName(), words);
        }
        row("end", s.end().toString());
        row("replications", Integer.toString(input.runs().size()));
        row(
                "seeds",
                input.runs().stream()
                        .map(r -> Long.toString(r.scenario().seed()))
                        .collect(Collectors.joining(" ")));
        input.baseline().ifPresent(b -> row("baseline", b.getFirst().scenario().name()));
        new TreeMap<>(more).forEach(this::row);
        out.append("</table>\n");
        input.file()
                .ifPresent(
                        f -> out.append("<details id=\"scenario-file\"><summary>The scenario file as written, <code>")
                                .append(esc(f.name()))
                                .append("</code></summary>\n<pre>")
                                .append(esc(f.text()))
                                .append("</pre>\n</details>\n"));
        out.append("</section>\n");
    }

    /** A replay the scale or a surge resamples, so that its calls are not each once as recorded. */
    private static boolean resampled(Scenario s) {
        return !s.replay().isEmpty()
                && (s.demandScale() != 1
                        || s.plan().shocks().stream().anyMatch(x -> x instanceof org.muster.sim.des.Shock.Surge));
    }

    private static Object component(RecordComponent c, Scenario s) {
        try {
            return c.getAccessor().invoke(s);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read the scenario's " + c.getName(), e);
        }
    }

    private void row(String name, String value) {
        out.append("<tr><th>")
                .append(esc(name))
                .append("</th><td>")
                .append(esc(value))
                .append("</td></tr>\n");
    }

    // ---- response-time distributions ----------------------------------------------------------------------

    private void distributions() {
        ReplicatedSummary summary = summaryOf(input.runs());
        Optional<ReplicatedSummary> base = input.baseline().map(ReportHtml::summaryOf);
        out.append("<section id=\"responses\">\n<h2>Response times against the targets</h2>\n")
                .append("<p>The engine's responses: from the call to the arrival that stops the clock, as the live")
                .append(" board counts them; calls still waiting at the end are not drawn (the caption counts them)."
                        + " Each bar counts the responses in its minutes, the tallest's count on the left.</p>\n")
                .append("<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#6b9bd1\"></i>responses")
                .append(input.runs().size() > 1 ? " (all replications)" : "")
                .append("</span>");
        if (base.isPresent()) out.append("<span>dashed outline: baseline</span>");
        out.append("<span><i class=\"swatch\" style=\"background:#e08900\"></i>target mean</span>")
                .append("<span><i class=\"swatch\" style=\"background:#c62828\"></i>target 90th centile</span></p>\n");
        for (ReplicatedSummary.OrganisationEstimates o : summary.organisations()) {
            out.append("<h3>").append(esc(o.organisation().value())).append("</h3>\n<div class=\"grid\">\n");
            for (ReplicatedSummary.PriorityEstimates p : o.priorities()) {
                List<Double> minutes = responseMinutes(input.runs(), o.organisation(), p.priority());
                Optional<List<Double>> baseMinutes =
                        input.baseline().map(b -> responseMinutes(b, o.organisation(), p.priority()));
                histogram(o.organisation(), p, minutes, baseMinutes);
            }
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    // ---- kinds of call -----------------------------------------------------------------------------------

    /**
     * Per organisation, each kind of call's figures: the question a planner asks of a surge or a stand-down
     * ("how long were firearms calls left waiting?"). An organisation with a kind of call left waiting at the
     * end past its target (or, without one, past an hour) is shown open, with the longest such wait named.
     */
    private void kinds() {
        ReplicatedSummary summary = summaryOf(input.runs());
        Optional<ReplicatedSummary> base = input.baseline().map(ReportHtml::summaryOf);
        out.append("<section id=\"kinds\">\n<h2>By kind of call</h2>\n")
                .append("<p>Each kind of call's responses as the engine counts them, with the calls of that kind")
                .append(" still waiting for a unit at the end and the longest of their waits so far")
                .append(input.runs().size() > 1 ? " (means over the replications; 95% intervals below them)" : "")
                .append(base.isPresent() ? "; the baseline's mean and calls waiting at the end beside them" : "")
                .append(". Not judged: calls in a zone downgraded when they came in (its targets suspended) and")
                .append(
                        " calls closed before the unit that stops the clock came (hover over a count for which).</p>\n");
        for (ReplicatedSummary.OrganisationEstimates o : summary.organisations()) {
            if (o.types().isEmpty()) continue;
            Optional<ReplicatedSummary.TypeEstimates> worst = o.types().stream()
                    .filter(ReportHtml::leftWaiting)
                    .max(Comparator.comparingDouble(ReportHtml::longestWaiting));
            out.append("<details")
                    .append(worst.isPresent() ? " open" : "")
                    .append("><summary><b>")
                    .append(esc(o.organisation().value()))
                    .append("</b>: ")
                    .append(o.types().size())
                    .append(o.types().size() == 1 ? " kind of call" : " kinds of call");
            worst.ifPresent(t -> out.append("; left waiting longest: ")
                    .append(esc(t.kind().type().value()))
                    .append(", ")
                    .append(clock(longestWaiting(t)))
                    .append(" at the end"));
            out.append("</summary>\n<table class=\"kinds\">\n<tr><th>kind</th><th>priority</th><th>calls</th>")
                    .append("<th>reached</th><th>mean of those reached</th><th>90th centile</th><th>within target</th>")
                    .append("<th>waiting at the end</th><th>longest waiting</th>")
                    .append("<th title=\"in a zone downgraded when they came in (targets suspended), or closed before")
                    .append(" the unit that stops the clock came\">not judged</th>")
                    .append(
                            base.isPresent()
                                    ? "<th>baseline mean of those reached</th><th>baseline waiting at the end</th>"
                                    : "")
                    .append("</tr>\n");
            for (ReplicatedSummary.TypeEstimates t : o.types()) {
                out.append("<tr><td>")
                        .append(esc(t.kind().type().value()))
                        .append("</td><td>")
                        .append(t.kind().priority().name());
                cell(t.findFigure("incidents"), ReportHtml::count, false);
                cell(t.findFigure("responses"), ReportHtml::count, false);
                cell(t.findFigure("meanSeconds"), ReportHtml::clock, true);
                cell(t.findFigure("p90Seconds"), ReportHtml::clock, true);
                cell(
                        t.findFigure("withinTarget"),
                        ReportHtml::pct,
                        true,
                        t.target().limit().isPresent() ? "none" : "no target");
                cell(t.findFigure("waitingAtEnd"), ReportHtml::count, false);
                boolean waiting = meanOf(t.findFigure("waitingAtEnd")).orElse(0) > 0;
                if (waiting) cell(t.findFigure("longestWaitingSeconds"), ReportHtml::clock, true);
                else out.append("<td class=\"n\">none</td>");
                String apart = unjudgedWords(t);
                out.append("<td class=\"n\" title=\"")
                        .append(esc(apart.isEmpty() ? "none" : apart.substring(2)))
                        .append("\">")
                        .append(count(meanOf(t.findFigure("reachedInDowngradedZone"))
                                        .orElse(0)
                                + meanOf(t.findFigure("waitingInDowngradedZone"))
                                        .orElse(0)
                                + meanOf(t.findFigure("closedUnreached")).orElse(0)))
                        .append("</td>");
                if (base.isPresent()) {
                    Optional<ReplicatedSummary.TypeEstimates> same = base.get().organisations().stream()
                            .filter(x -> x.organisation().equals(o.organisation()))
                            .flatMap(x -> x.types().stream())
                            .filter(x -> x.kind().equals(t.kind()))
                            .findFirst();
                    cell(same.flatMap(x -> x.findFigure("meanSeconds")), ReportHtml::clock, false);
                    cell(same.flatMap(x -> x.findFigure("waitingAtEnd")), ReportHtml::count, false);
                }
                out.append("</tr>\n");
            }
            out.append("</table>\n</details>\n");
        }
        out.append("</section>\n");
    }

    /**
     * The operations figures a planner reads beside the response times, {@code {name in summary.json, label}}:
     * the mutual aid asked and answered, and the calls the zones' levels rerouted and the dispatches they escorted. The
     * operations section and the baseline's comparison show the same ones.
     */
    private static final String[][] OPERATIONS = {
        {"aidAsked", "aid asked"},
        {"aidFilled", "aid filled"},
        {"aidPartlyFilled", "aid partly filled"},
        {"aidDeclined", "aid declined"},
        {"aidDeclinesGiven", "declines given"},
        {"officerHoursBorrowed", "officer-hours borrowed"},
        {"officerHoursLent", "officer-hours lent"},
        {"reroutedCalls", "rerouted calls"},
        {"escortedDispatches", "escorted dispatches"},
        {"standingOffHours", "crew-hours standing off for escorts"}
    };

    /**
     * Per organisation, what the shocks and policies made its control room do: the planner's "how much did
     * mutual aid buy back?" and "how many calls needed an escort?", without a baseline to read them beside. Only
     * the figures some organisation has are shown; each organisation's units' share of their time on the road
     * spent on calls is shown for all.
     */
    private void operations() {
        ReplicatedSummary summary = summaryOf(input.runs());
        List<String[]> shown = new ArrayList<>();
        for (String[] f : OPERATIONS)
            if (summary.operations().stream()
                    .anyMatch(o -> meanOf(o.findFigure(f[0])).orElse(0) > 0)) shown.add(f);
        out.append("<section id=\"operations\">\n<h2>Mutual aid, escorts and rerouted calls</h2>\n<p>")
                .append("What the shocks and policies made each control room do, counted from the engine's events")
                .append(input.runs().size() > 1 ? " (means over the replications; 95% intervals below them)" : "")
                .append(", and the share of its units' time on the road spent on calls.");
        if (shown.isEmpty()) out.append(" No aid was asked for, and no call was rerouted or escorted.");
        out.append("</p>\n<table class=\"kinds operations\">\n<tr><th>organisation</th>");
        for (String[] f : shown) out.append("<th>").append(f[1]).append("</th>");
        out.append("<th>units' time on calls</th></tr>\n");
        for (ReplicatedOperations o : summary.operations()) {
            out.append("<tr data-organisation=\"")
                    .append(esc(o.organisation().value()))
                    .append("\"><td>")
                    .append(esc(o.organisation().value()))
                    .append("</td>");
            for (String[] f : shown) operationCell(o.findFigure(f[0]));
            out.append("<td class=\"n\">").append(onCalls(o)).append("</td></tr>\n");
            // the zones the levels sent dispatches into, under their organisation
            for (ReplicatedOperations.Zone z : o.zones()) {
                if (z.figures().stream().allMatch(x -> x.estimate().mean().orElse(0) == 0)) continue;
                out.append("<tr class=\"zone\"><td>&nbsp;&nbsp;")
                        .append(esc(z.zone().value()))
                        .append("</td>");
                for (String[] f : shown) {
                    Optional<ReplicatedSummary.Figure> zf = z.findFigure(f[0]);
                    if (zf.isPresent()) operationCell(zf);
                    else out.append("<td></td>");
                }
                out.append("<td></td></tr>\n");
            }
        }
        out.append("</table>\n</section>\n");
    }

    /** A count with its interval, but a plain 0 where every replication had none. */
    private void operationCell(Optional<ReplicatedSummary.Figure> f) {
        cell(f, ReportHtml::count, meanOf(f).orElse(0) > 0);
    }

    /** The share of the organisation's units' time on the road (not off it) that they spent on calls. */
    private static String onCalls(ReplicatedOperations o) {
        double onRoad = 0;
        double free = 0;
        for (ReplicatedSummary.Figure f : o.unitSeconds()) {
            double seconds = f.estimate().mean().orElse(0);
            if (f.name().equals(UnitStatus.UNAVAILABLE.name())) continue;
            onRoad += seconds;
            if (f.name().equals(UnitStatus.AVAILABLE.name())) free += seconds;
        }
        return onRoad == 0 ? "no units" : pct((onRoad - free) / onRoad);
    }

    /** Calls of the kind were still waiting at the end past its target's limit, or past an hour without one. */
    private static boolean leftWaiting(ReplicatedSummary.TypeEstimates t) {
        Duration limit = t.target().limit().orElse(Duration.ofHours(1));
        return longestWaiting(t) > limit.toSeconds();
    }

    private static double longestWaiting(ReplicatedSummary.TypeEstimates t) {
        return meanOf(t.findFigure("longestWaitingSeconds")).orElse(0);
    }

    /** A table cell: the figure's mean, and its interval below when asked for and there is one. */
    private void cell(Optional<ReplicatedSummary.Figure> f, DoubleFunction<String> format, boolean withInterval) {
        cell(f, format, withInterval, "none");
    }

    /** As {@link #cell(Optional, DoubleFunction, boolean)}, saying {@code absent} where the figure has no value. */
    private void cell(
            Optional<ReplicatedSummary.Figure> f, DoubleFunction<String> format, boolean withInterval, String absent) {
        Optional<Estimate> e =
                f.map(ReplicatedSummary.Figure::estimate).filter(x -> x.mean().isPresent());
        out.append("<td class=\"n\">");
        if (e.isEmpty()) {
            out.append(esc(absent)).append("</td>");
            return;
        }
        out.append(esc(format.apply(e.get().mean().getAsDouble())));
        if (withInterval && e.get().low().isPresent())
            out.append("<br><span class=\"ci\">")
                    .append(esc(format.apply(e.get().low().getAsDouble())))
                    .append("–")
                    .append(esc(format.apply(e.get().high().getAsDouble())))
                    .append("</span>");
        out.append("</td>");
    }

    private static ReplicatedSummary summaryOf(List<RunResult> runs) {
        return ReplicatedSummary.of(runs.stream().map(RunResult::summary).toList());
    }

    /**
     * The engine's response times of the group, in minutes, every replication's: those its targets judge, as
     * {@code summary.json}'s responses (a downgraded zone's are counted apart in the caption).
     */
    private static List<Double> responseMinutes(List<RunResult> runs, OrganisationId org, Priority p) {
        List<Double> out = new ArrayList<>();
        for (RunResult r : runs) {
            for (Response response : r.responses()) {
                if (!response.organisation().equals(org) || response.priority() != p || response.targetsSuspended())
                    continue;
                out.add(response.time().toMillis() / 60_000.0);
            }
        }
        return out;
    }

    private void histogram(
            OrganisationId org,
            ReplicatedSummary.PriorityEstimates p,
            List<Double> minutes,
            Optional<List<Double>> baseline) {
        double targetMean = p.target().mean().map(d -> d.toMillis() / 60_000.0).orElse(0.0);
        double targetP90 = p.target().p90().map(d -> d.toMillis() / 60_000.0).orElse(0.0);
        double top = Math.max(Math.max(targetMean, targetP90) * 1.5, centile(minutes, 0.98));
        // a baseline many times slower would squeeze the scenario into one bar: its tail goes to the last bar
        double theirs = baseline.map(b -> centile(b, 0.98)).orElse(0.0);
        if (theirs <= 4 * top) top = Math.max(top, theirs);
        double binWidth = niceStep(Math.max(top, 1) / BINS);
        double axisEnd = binWidth * BINS;
        boolean beyond = minutes.stream().anyMatch(m -> m >= axisEnd)
                || baseline.map(b -> b.stream().anyMatch(m -> m >= axisEnd)).orElse(false);
        int[] counts = bins(minutes, binWidth);
        Optional<int[]> baseCounts = baseline.map(b -> bins(b, binWidth));
        int most = 1;
        for (int c : counts) most = Math.max(most, c);
        if (baseCounts.isPresent()) for (int c : baseCounts.get()) most = Math.max(most, c);
        int left = 30;
        int bottom = 20;
        double plotW = HIST_WIDTH - left - 8;
        double plotH = HIST_HEIGHT - bottom - 8;
        double xScale = plotW / (binWidth * BINS);
        out.append("<figure class=\"distribution\" data-organisation=\"")
                .append(esc(org.value()))
                .append("\" data-priority=\"")
                .append(p.priority().name())
                .append("\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(HIST_WIDTH)
                .append("\" height=\"")
                .append(HIST_HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(HIST_WIDTH)
                .append(' ')
                .append(HIST_HEIGHT)
                .append("\" role=\"img\">\n");
        for (int b = 0; b < BINS; b++) {
            if (counts[b] == 0) continue;
            double h = plotH * counts[b] / most;
            out.append("<rect class=\"bar\" x=\"")
                    .append(f1(left + b * binWidth * xScale))
                    .append("\" y=\"")
                    .append(f1(8 + plotH - h))
                    .append("\" width=\"")
                    .append(f1(Math.max(binWidth * xScale - 1, 0.5)))
                    .append("\" height=\"")
                    .append(f1(h))
                    .append("\"><title>")
                    .append(f1(b * binWidth))
                    .append('–')
                    .append(f1((b + 1) * binWidth))
                    .append(" min: ")
                    .append(counts[b])
                    .append("</title></rect>\n");
        }
        int highest = most;
        baseCounts.ifPresent(bc -> {
            StringBuilder d = new StringBuilder();
            for (int b = 0; b < BINS; b++) {
                double h = plotH * bc[b] / highest;
                d.append(b == 0 ? "M" : "L")
                        .append(f1(left + b * binWidth * xScale))
                        .append(',')
                        .append(f1(8 + plotH - h))
                        .append('H')
                        .append(f1(left + (b + 1) * binWidth * xScale));
            }
            out.append("<path class=\"bar baseline\" d=\"").append(d).append("\"/>\n");
        });
        axes(left, 8, plotW, plotH);
        // the count axis: the tallest bar's count at its top, 0 at the foot
        out.append("<text class=\"count-axis\" x=\"")
                .append(left - 3)
                .append("\" y=\"")
                .append(f1(8 + 4))
                .append("\" text-anchor=\"end\">")
                .append(most)
                .append("</text>\n<text x=\"")
                .append(left - 3)
                .append("\" y=\"")
                .append(f1(8 + plotH))
                .append("\" text-anchor=\"end\">0</text>\n");
        for (int t = 0; t <= 4; t++) {
            double v = binWidth * BINS * t / 4;
            out.append("<text x=\"")
                    .append(f1(left + v * xScale))
                    .append("\" y=\"")
                    .append(HIST_HEIGHT - 6)
                    .append("\" text-anchor=\"middle\">")
                    .append(f0(v))
                    .append("</text>\n");
        }
        out.append("<text x=\"")
                .append(HIST_WIDTH - 8)
                .append("\" y=\"18\" text-anchor=\"end\">")
                .append(esc(org.value()))
                .append(' ')
                .append(p.priority().name())
                .append(", minutes</text>\n");
        targetLine("target-mean", targetMean, left, xScale, plotH, binWidth);
        targetLine("target-p90", targetP90, left, xScale, plotH, binWidth);
        int runs = input.runs().size();
        out.append("</svg>\n<figcaption>")
                .append(minutes.size())
                .append(minutes.size() == 1 ? " response" : " responses")
                .append(
                        runs > 1
                                ? " over the " + runs + " runs (" + f1((double) minutes.size() / runs) + " a run)"
                                : "")
                .append(waitingAtEnd(p))
                .append(esc(unjudgedWords(p)))
                .append(". ")
                .append(caption(p));
        baseline.ifPresent(b -> out.append(" Baseline: ")
                .append(b.size())
                .append(b.size() == 1 ? " response" : " responses")
                .append(runs > 1 ? " over its " + runs + " runs." : "."));
        if (beyond)
            out.append(" The last bar holds every response of ")
                    .append(f0(axisEnd - binWidth))
                    .append(" min or more.");
        out.append("</figcaption>\n</figure>\n");
    }

    private void targetLine(String css, double minutes, int left, double xScale, double plotH, double binWidth) {
        if (minutes <= 0 || minutes > binWidth * BINS) return;
        double x = left + minutes * xScale;
        out.append("<line class=\"")
                .append(css)
                .append("\" x1=\"")
                .append(f1(x))
                .append("\" x2=\"")
                .append(f1(x))
                .append("\" y1=\"8\" y2=\"")
                .append(f1(8 + plotH))
                .append("\"/>\n");
    }

    private static String waitingAtEnd(ReplicatedSummary.PriorityEstimates p) {
        return p.findFigure("waitingAtEnd").map(f -> waitingWords(f.estimate())).orElse("");
    }

    /**
     * The calls still waiting at the end, as the caption gives them: a count for one run ("3 still waiting"),
     * the mean of several runs with how many ("1.5 still waiting at the end (mean of 2 runs)"); nothing when none.
     */
    static String waitingWords(Estimate waiting) {
        OptionalDouble w = waiting.mean();
        if (w.isEmpty() || w.getAsDouble() == 0) return "";
        if (waiting.n() == 1) return ", " + f0(w.getAsDouble()) + " still waiting at the end";
        return ", " + f1(w.getAsDouble()) + " still waiting at the end (mean of " + waiting.n() + " runs)";
    }

    /**
     * The group's calls its targets do not judge, so that every call is counted somewhere: "; 4 in a downgraded
     * zone (targets suspended: 4 reached, none waiting); 2 closed before the unit that stops the clock came" (means
     * over the runs); nothing when there are none.
     */
    static String unjudgedWords(ReplicatedSummary.Figures g) {
        double reached = meanOf(g.findFigure("reachedInDowngradedZone")).orElse(0);
        double waiting = meanOf(g.findFigure("waitingInDowngradedZone")).orElse(0);
        double closed = meanOf(g.findFigure("closedUnreached")).orElse(0);
        StringBuilder w = new StringBuilder();
        if (reached + waiting > 0)
            w.append("; ")
                    .append(count(reached + waiting))
                    .append(" in a downgraded zone (targets suspended: ")
                    .append(count(reached))
                    .append(" reached, ")
                    .append(waiting > 0 ? count(waiting) : "none")
                    .append(" still waiting)");
        if (closed > 0)
            w.append("; ").append(count(closed)).append(" closed before the unit that stops the clock came");
        return w.toString();
    }

    /** "; target mean 7 min 0 s, 90th centile 15 min 0 s", or only the part a target has; nothing for none. */
    static String targetWords(ResponseTargets.Target target) {
        List<String> parts = new ArrayList<>();
        target.mean().ifPresent(t -> parts.add("mean " + clock(t.toMillis() / 1000.0)));
        target.p90().ifPresent(t -> parts.add("90th centile " + clock(t.toMillis() / 1000.0)));
        return parts.isEmpty() ? "" : "; target " + String.join(", ", parts);
    }

    /** The engine's figures for the group: mean and 90th centile, with their intervals over replications. */
    private static String caption(ReplicatedSummary.PriorityEstimates p) {
        StringBuilder c = new StringBuilder("Engine's figures: mean ");
        c.append(estimateMinutes(p.findFigure("meanSeconds")))
                .append(", 90th centile ")
                .append(estimateMinutes(p.findFigure("p90Seconds")));
        if (meanOf(p.findFigure("waitingAtEnd")).orElse(0) > 0)
            c.append("; with the calls still waiting counted at their wait so far, as the board judges a breach: mean ")
                    .append(estimateMinutes(p.findFigure("meanWithWaitingSeconds")))
                    .append(", 90th centile ")
                    .append(estimateMinutes(p.findFigure("p90WithWaitingSeconds")));
        c.append(targetWords(p.target()));
        p.findFigure("withinTarget")
                .map(ReplicatedSummary.Figure::estimate)
                .flatMap(e -> e.mean().isPresent() ? Optional.of(e) : Optional.empty())
                .ifPresent(e -> c.append("; reached within ")
                        .append(p.target()
                                .limit()
                                .map(l -> clock(l.toMillis() / 1000.0))
                                .orElseThrow())
                        .append(" ")
                        .append(pct(e.mean().getAsDouble()))
                        .append(interval(e, ReportHtml::pct)));
        return esc(c.append('.').toString());
    }

    private static String estimateMinutes(Optional<ReplicatedSummary.Figure> f) {
        Optional<Estimate> e = f.map(ReplicatedSummary.Figure::estimate);
        if (e.isEmpty() || e.get().mean().isEmpty()) return "none";
        return clock(e.get().mean().getAsDouble()) + interval(e.get(), ReportHtml::clock);
    }

    private static String interval(Estimate e, DoubleFunction<String> format) {
        if (e.low().isEmpty()) return "";
        return " (95% " + format.apply(e.low().getAsDouble()) + "–"
                + format.apply(e.high().getAsDouble()) + ")";
    }

    /** A time as minutes and seconds, or as hours and minutes from an hour up (a wait left for the night). */
    /** A time as the report writes it: "13 s", "4 min 2 s", "1 h 6 min"; under a minute in seconds alone. */
    static String clock(double seconds) {
        long s = Math.round(Math.max(seconds, 0));
        if (s >= 3600) {
            long minutes = Math.round(s / 60.0);
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static int[] bins(List<Double> values, double width) {
        int[] counts = new int[BINS];
        for (double v : values) counts[(int) Math.min(BINS - 1, Math.floor(v / width))]++;
        return counts;
    }

    private static double centile(List<Double> values, double q) {
        if (values.isEmpty()) return 0;
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    /**
     * The top of the queue's axis, above {@code most}, in four steps of whole calls: a short queue's axis once
     * read 0, 1, 1, 2, 2 (steps of half a call, rounded).
     */
    static double waitingTop(double most) {
        return Math.max(1, niceStep(most / 4)) * 4;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}: bins and ticks that read easily. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * power >= raw) return m * power;
        return 10 * power;
    }

    // ---- time series --------------------------------------------------------------------------------------

    /** The series' mean over replications at each sample time, per organisation (and category). */
    private static Map<String, TreeMap<Instant, Double>> meanSeries(List<RunResult> runs, TimeSeries.Measure m) {
        Map<String, TreeMap<Instant, double[]>> sums = new TreeMap<>();
        for (RunResult r : runs) {
            for (TimeSeries.Sample s : r.series().samples()) {
                if (s.measure() != m || s.value().isEmpty()) continue;
                String key = s.organisation().value()
                        + s.category().map(c -> " " + c.name()).orElse("");
                double[] acc =
                        sums.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(s.time(), t -> new double[2]);
                acc[0] += s.value().getAsDouble();
                acc[1]++;
            }
        }
        Map<String, TreeMap<Instant, Double>> out = new TreeMap<>();
        sums.forEach((k, v) -> {
            TreeMap<Instant, Double> means = new TreeMap<>();
            v.forEach((t, acc) -> means.put(t, acc[0] / acc[1]));
            out.put(k, means);
        });
        return out;
    }

    private void series(TimeSeries.Measure measure, String id, String title, String unit) {
        Map<String, TreeMap<Instant, Double>> mine = meanSeries(input.runs(), measure);
        Optional<Map<String, TreeMap<Instant, Double>>> base = input.baseline().map(b -> meanSeries(b, measure));
        Scenario s = input.runs().getFirst().scenario();
        // coverage is a share (its axis ends at 100 %); the queue's axis ends above its most
        double top = 1;
        for (var one : mine.values()) for (double v : one.values()) top = Math.max(top, v);
        if (base.isPresent()) for (var one : base.get().values()) for (double v : one.values()) top = Math.max(top, v);
        if (measure == TimeSeries.Measure.WAITING) top = waitingTop(top);
        int left = 40;
        int bottom = 22;
        double plotW = CHART_WIDTH - left - 10;
        double plotH = CHART_HEIGHT - bottom - 10;
        double length = Math.max(1, s.duration().toMillis());
        out.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(esc(title))
                .append("</h2>\n<p class=\"legend\">");
        List<String> keys = new ArrayList<>(mine.keySet());
        base.ifPresent(
                b -> b.keySet().stream().filter(k -> !mine.containsKey(k)).forEach(keys::add));
        for (int i = 0; i < keys.size(); i++) {
            out.append("<span><i class=\"swatch\" style=\"background:")
                    .append(PALETTE[i % PALETTE.length])
                    .append("\"></i>")
                    .append(esc(keys.get(i)))
                    .append("</span>");
        }
        if (base.isPresent()) out.append("<span>dashed: baseline</span>");
        if (input.runs().size() > 1) out.append("<span>mean over the replications</span>");
        out.append("</p>\n<svg class=\"chart\" data-chart=\"")
                .append(id)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(CHART_WIDTH)
                .append("\" height=\"")
                .append(CHART_HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(CHART_WIDTH)
                .append(' ')
                .append(CHART_HEIGHT)
                .append("\" role=\"img\">\n");
        axes(left, 10, plotW, plotH);
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            out.append("<text x=\"")
                    .append(left - 4)
                    .append("\" y=\"")
                    .append(f1(10 + plotH - plotH * t / 4 + 3))
                    .append("\" text-anchor=\"end\">")
                    .append(measure == TimeSeries.Measure.COVERAGE ? f0(v * 100) + "%" : f0(v))
                    .append("</text>\n");
            Instant at = s.start().plusMillis((long) (length * t / 4));
            out.append("<text x=\"")
                    .append(f1(left + plotW * t / 4))
                    .append("\" y=\"")
                    .append(CHART_HEIGHT - 6)
                    .append("\" text-anchor=\"")
                    .append(t == 0 ? "start" : t == 4 ? "end" : "middle")
                    .append("\">")
                    .append(at.toString().substring(5, 16).replace('T', ' '))
                    .append("</text>\n");
        }
        double finalTop = top;
        for (int i = 0; i < keys.size(); i++) {
            String colour = PALETTE[i % PALETTE.length];
            String key = keys.get(i);
            if (mine.containsKey(key))
                line(mine.get(key), key, colour, "series", s.start(), length, left, plotW, plotH, finalTop);
            if (base.isPresent() && base.get().containsKey(key))
                line(
                        base.get().get(key),
                        key,
                        colour,
                        "series baseline",
                        s.start(),
                        length,
                        left,
                        plotW,
                        plotH,
                        finalTop);
        }
        out.append("</svg>\n<p class=\"unit\">")
                .append(esc(
                        unit.equals("share")
                                ? "Coverage as the live service computes it (CoverageTracker), sampled every "
                                        + TimeSeries.INTERVAL.toMinutes() + " simulated minutes."
                                : "Calls waiting past the control room's handling time, sampled every "
                                        + TimeSeries.INTERVAL.toMinutes() + " simulated minutes."))
                .append("</p>\n");
        if (measure == TimeSeries.Measure.COVERAGE) coverageTable();
        out.append("</section>\n");
    }

    /** summary.json's coverage in brief: each organisation's and standard's mean, lowest, and when. */
    private void coverageTable() {
        List<ReplicatedSummary.CoverageEstimates> coverage =
                summaryOf(input.runs()).coverage();
        if (coverage.isEmpty()) return;
        boolean one = input.runs().size() == 1;
        out.append("<table class=\"kinds coverage\">\n<tr><th>organisation</th><th>standard</th>")
                .append("<th>mean</th><th>lowest</th><th>")
                .append(one ? "lowest at" : "lowest, hours in")
                .append("</th></tr>\n");
        for (ReplicatedSummary.CoverageEstimates c : coverage) {
            out.append("<tr><td>")
                    .append(esc(c.organisation().value()))
                    .append("</td><td>")
                    .append(c.category().name())
                    .append("</td>");
            cell(c.findFigure("meanShare"), ReportHtml::pct, true);
            cell(c.findFigure("lowestShare"), ReportHtml::pct, true);
            if (one)
                out.append("<td class=\"n\">")
                        .append(input.runs().getFirst().summary().coverage().stream()
                                .filter(x -> x.organisation().equals(c.organisation()) && x.category() == c.category())
                                .findFirst()
                                .map(x ->
                                        x.lowestAt().toString().substring(5, 16).replace('T', ' '))
                                .orElse("none"))
                        .append("</td>");
            else cell(c.findFigure("lowestAfterHours"), ReportHtml::f1, true);
            out.append("</tr>\n");
        }
        out.append("</table>\n<p class=\"unit\" id=\"coverage-counts\">");
        // the run's coverage is the live service's, CoverageConfig.of the run's catalogue: the default one, as a
        // scenario
        // file cannot name another
        List<String> standards = new ArrayList<>();
        for (CoverageStandard s : CoverageConfig.DEFAULTS.standards()) {
            String types = s.unitTypes().equals(CoverageStandard.typesOf(s.agency()))
                    ? "every " + s.agency().name().toLowerCase(Locale.ROOT) + " unit"
                    : s.unitTypes().stream()
                            .map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                            .collect(Collectors.joining(", "));
            standards.add(s.category() + " within " + s.target().toMinutes() + " min: " + types);
        }
        out.append("Each standard counts the free units whose arrival could stop its calls' clock (")
                .append(esc(String.join("; ", standards)))
                .append(").</p>\n");
    }

    private void line(
            TreeMap<Instant, Double> points,
            String key,
            String colour,
            String css,
            Instant start,
            double length,
            int left,
            double plotW,
            double plotH,
            double top) {
        StringBuilder d = new StringBuilder();
        for (var p : points.entrySet()) {
            double x = left + plotW * Duration.between(start, p.getKey()).toMillis() / length;
            double y = 10 + plotH - plotH * p.getValue() / top;
            d.append(d.isEmpty() ? "M" : "L").append(f1(x)).append(',').append(f1(y));
        }
        out.append("<path class=\"")
                .append(css)
                .append("\" data-series=\"")
                .append(esc(key))
                .append("\" stroke=\"")
                .append(colour)
                .append("\" d=\"")
                .append(d)
                .append("\"><title>")
                .append(esc(key))
                .append("</title></path>\n");
    }

    void axes(int left, int topY, double plotW, double plotH) {
        out.append("<line class=\"axis\" x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(f1(topY + plotH))
                .append("\" x2=\"")
                .append(f1(left + plotW))
                .append("\" y2=\"")
                .append(f1(topY + plotH))
                .append("\"/>\n<line class=\"axis\" x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(topY)
                .append("\" x2=\"")
                .append(left)
                .append("\" y2=\"")
                .append(f1(topY + plotH))
                .append("\"/>\n");
    }

    // ---- maps: ZoneMaps ----------------------------------------------------------------------------------

    // ---- baseline -----------------------------------------------------------------------------------------

    private void baseline(List<RunResult> base) {
        ReplicatedSummary mine = summaryOf(input.runs());
        ReplicatedSummary theirs = summaryOf(base);
        // each replication on its own, to pair the scenario's with the baseline's of the same seed
        List<ReplicatedSummary> mineEach = input.runs().stream()
                .map(r -> ReplicatedSummary.of(List.of(r.summary())))
                .toList();
        List<ReplicatedSummary> theirsEach = base.stream()
                .map(r -> ReplicatedSummary.of(List.of(r.summary())))
                .toList();
        boolean paired = mineEach.size() > 1 && mineEach.size() == theirsEach.size();
        out.append("<section id=\"baseline\">\n<h2>Beside the baseline: ")
                .append(esc(base.getFirst().scenario().name()))
                .append("</h2>\n<p>The baseline ran with the same seeds")
                .append(input.runs().size() > 1 ? " and replications" : "")
                .append(", so the differences come from the scenario, not from chance alone.")
                .append(
                        paired
                                ? " Under each change, its 95% interval from the replications paired by seed; a"
                                        + " change whose interval holds none is greyed: these replications cannot"
                                        + " tell it from chance."
                                : "")
                .append("</p>\n")
                .append("<table class=\"comparison\">\n<tr><th>organisation</th><th>priority</th><th>figure</th>")
                .append("<th>scenario</th><th>baseline</th><th>change</th></tr>\n");
        // the times with the calls still waiting at the end counted at their wait so far, as the board judges a
        // breach: a scenario that leaves calls waiting all day must not read quicker than one that reaches them
        String[][] figures = {
            {"incidents", "calls"},
            {"meanWithWaitingSeconds", "mean response, those still waiting counted"},
            {"p90WithWaitingSeconds", "90th centile, those still waiting counted"},
            {"withinTarget", "within target"},
            {"waitingAtEnd", "still waiting at the end"},
            {"reachedInDowngradedZone", "reached in a downgraded zone (not judged)"},
            {"waitingInDowngradedZone", "waiting in a downgraded zone at the end (not judged)"},
            {"closedUnreached", "closed before the unit that stops the clock came"},
            {"queued", "queued"}
        };
        for (ReplicatedSummary.OrganisationEstimates o : mine.organisations()) {
            for (ReplicatedSummary.PriorityEstimates p : o.priorities()) {
                for (String[] f : figures) {
                    java.util.function.Function<ReplicatedSummary, OptionalDouble> value =
                            x -> priorityFigure(x, o.organisation(), p.priority(), f[0]);
                    OptionalDouble a = value.apply(mine);
                    OptionalDouble b = value.apply(theirs);
                    if (a.isEmpty() && b.isEmpty()) continue; // no target, or no response, on either side
                    if (UNJUDGED_ROWS.contains(f[0]) && a.orElse(0) == 0 && b.orElse(0) == 0) continue;
                    compareRow(
                            o.organisation(),
                            p.priority().name(),
                            f,
                            a,
                            b,
                            paired ? pairedChange(mineEach, theirsEach, value) : Optional.empty());
                }
            }
            // what the shocks and policies made the engine do, beside the baseline's: the rows either side has
            for (String[] f : OPERATIONS) {
                // an organisation a run has no figures for did nothing there
                java.util.function.Function<ReplicatedSummary, OptionalDouble> value = x ->
                        OptionalDouble.of(operation(x, o.organisation(), f[0]).orElse(0));
                OptionalDouble a = value.apply(mine);
                OptionalDouble b = value.apply(theirs);
                if (a.getAsDouble() == 0 && b.getAsDouble() == 0) continue;
                compareRow(
                        o.organisation(),
                        "",
                        f,
                        a,
                        b,
                        paired ? pairedChange(mineEach, theirsEach, value) : Optional.empty());
            }
        }
        out.append("</table>\n</section>\n");
    }

    /** Rows of the comparison shown only where either side has some. */
    private static final java.util.Set<String> UNJUDGED_ROWS =
            java.util.Set.of("waitingAtEnd", "reachedInDowngradedZone", "waitingInDowngradedZone", "closedUnreached");

    /** The group's figure of that name: its mean over the summary's replications. */
    private static OptionalDouble priorityFigure(
            ReplicatedSummary summary, OrganisationId org, Priority priority, String figure) {
        return summary.organisations().stream()
                .filter(x -> x.organisation().equals(org))
                .flatMap(x -> x.priorities().stream())
                .filter(y -> y.priority() == priority)
                .findFirst()
                .map(y -> meanOf(y.findFigure(figure)))
                .orElse(OptionalDouble.empty());
    }

    /**
     * The change from the baseline estimated from the replications paired by seed: each replication's figure less
     * the baseline's of the same seed, where both have one. The pairs share their random draws wherever the
     * scenario does not change them, so this interval is narrower than the two estimates' side by side.
     */
    private static Optional<Estimate> pairedChange(
            List<ReplicatedSummary> mine,
            List<ReplicatedSummary> theirs,
            java.util.function.Function<ReplicatedSummary, OptionalDouble> value) {
        List<Double> differences = new ArrayList<>();
        for (int k = 0; k < mine.size(); k++) {
            OptionalDouble a = value.apply(mine.get(k));
            OptionalDouble b = value.apply(theirs.get(k));
            if (a.isPresent() && b.isPresent()) differences.add(a.getAsDouble() - b.getAsDouble());
        }
        Estimate e = Estimate.of(differences);
        return e.low().isPresent() ? Optional.of(e) : Optional.empty();
    }

    /**
     * One row of the comparison: the figure ({@code {name, label}}) in the scenario and the baseline, and the
     * change, with its paired interval beneath where the replications give one.
     */
    private void compareRow(
            OrganisationId org,
            String priority,
            String[] figure,
            OptionalDouble a,
            OptionalDouble b,
            Optional<Estimate> paired) {
        boolean uncertain = paired.isPresent()
                && paired.get().low().getAsDouble() <= 0
                && paired.get().high().getAsDouble() >= 0;
        out.append("<tr class=\"compare\"><td>")
                .append(esc(org.value()))
                .append("</td><td>")
                .append(priority)
                .append("</td><td>")
                .append(figure[1])
                .append("</td><td class=\"n\">")
                .append(show(figure[0], a))
                .append("</td><td class=\"n\">")
                .append(show(figure[0], b))
                .append(uncertain ? "</td><td class=\"n uncertain\">" : "</td><td class=\"n\">")
                .append(a.isPresent() && b.isPresent() ? change(figure[0], a.getAsDouble() - b.getAsDouble()) : "");
        // the same in every pair (the calls, where the scenario leaves them alone): no interval to show
        paired.filter(e -> e.low().getAsDouble() != e.high().getAsDouble())
                .ifPresent(e -> out.append("<br><span class=\"ci\">")
                        .append(change(figure[0], e.low().getAsDouble()))
                        .append(" to ")
                        .append(change(figure[0], e.high().getAsDouble()))
                        .append("</span>"));
        out.append("</td></tr>\n");
    }

    private static OptionalDouble operation(ReplicatedSummary summary, OrganisationId org, String figure) {
        return summary.operations().stream()
                .filter(o -> o.organisation().equals(org))
                .findFirst()
                .map(o -> meanOf(o.findFigure(figure)))
                .orElse(OptionalDouble.empty());
    }

    private static OptionalDouble meanOf(Optional<ReplicatedSummary.Figure> f) {
        return f.map(x -> x.estimate().mean()).orElse(OptionalDouble.empty());
    }

    private static String show(String figure, OptionalDouble v) {
        if (v.isEmpty()) return "–";
        double x = v.getAsDouble();
        return switch (figure) {
            case "meanSeconds", "p90Seconds", "meanWithWaitingSeconds", "p90WithWaitingSeconds" -> esc(clock(x));
            case "withinTarget" -> pct(x);
            default -> count(x);
        };
    }

    /** A count, or a mean of counts over replications: "65" where it is whole, "1.5" where it is not. */
    static String count(double x) {
        return x == Math.rint(x) ? f0(x) : f1(x);
    }

    static String change(String figure, double d) {
        double a = Math.abs(d);
        // signed as shown: a change that rounds to nothing is "0 min 0 s", not "−0 min 0 s"
        boolean shownAsZero = switch (figure) {
            case "meanSeconds", "p90Seconds", "meanWithWaitingSeconds", "p90WithWaitingSeconds" -> Math.round(a) == 0;
            case "withinTarget" -> Math.round(a * 1000) == 0;
            default -> Math.round(a * 10) == 0;
        };
        String sign = shownAsZero ? "" : d > 0 ? "+" : "−";
        return sign
                + switch (figure) {
                    case "meanSeconds", "p90Seconds", "meanWithWaitingSeconds", "p90WithWaitingSeconds" ->
                        esc(clock(a));
                    case "withinTarget" -> String.format(Locale.ROOT, "%.1f points", a * 100);
                    default -> count(a);
                };
    }

    /** The sweep's page: for each zone, the value of the key at which it first breaches its targets, and when. */
    public static String sweepHtml(SweepResult sweep, List<ZoneOutline> zones, List<String> pointReports) {
        return sweepHtml(sweep, zones, pointReports, Optional.empty());
    }

    /** The sweep's page, with the scenario file as written under its parameters. */
    public static String sweepHtml(
            SweepResult sweep, List<ZoneOutline> zones, List<String> pointReports, Optional<ScenarioText> file) {
        Check.present("sweep", sweep);
        Check.present("zones", zones);
        Check.present("pointReports", pointReports);
        Check.present("file", file);
        // the parameters are the first value's with the shock: a sweep from 0 runs its first without it
        SweepResult.Point first = sweep.points().stream()
                .filter(p -> sweep.without().filter(w -> w == p).isEmpty())
                .findFirst()
                .orElse(sweep.points().getFirst());
        ReportHtml r = new ReportHtml(new Input(first.runs(), Optional.empty(), zones, file));
        return new CollapseCurveHtml(r).page(sweep, pointReports);
    }

    /** Writes the sweep's {@code report.html} into {@code dir}; returns its path. */
    public static Path writeSweep(
            SweepResult sweep,
            List<ZoneOutline> zones,
            List<String> pointReports,
            Optional<ScenarioText> file,
            Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(
                    dir.resolve(FILE), sweepHtml(sweep, zones, pointReports, file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    // ---- formats ------------------------------------------------------------------------------------------

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
