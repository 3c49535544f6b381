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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.map.ZoneOutline;
import org.muster.sim.des.Estimate;
import org.muster.sim.des.IncidentRecord;
import org.muster.sim.des.ReplicatedSummary;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.Summary;
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

    private static final int CHART_WIDTH = 720;
    private static final int CHART_HEIGHT = 220;
    private static final int HIST_WIDTH = 340;
    private static final int HIST_HEIGHT = 150;
    private static final int MAP_WIDTH = 340;
    private static final int BINS = 24;
    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"
    };

    /**
     * What the report shows.
     *
     * @param runs the scenario's replications, in order
     * @param baseline the baseline's, when the scenario names one
     * @param zones the region's zones
     */
    public record Input(List<RunResult> runs, Optional<List<RunResult>> baseline, List<ZoneOutline> zones) {
        public Input {
            runs = Check.nonEmpty("runs", runs);
            baseline = Check.present("baseline", baseline).map(b -> Check.nonEmpty("baseline", b));
            zones = List.copyOf(zones);
        }
    }

    private final Input input;
    private final StringBuilder out = new StringBuilder(256 * 1024);

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
        series(TimeSeries.Measure.WAITING, "queue", "Calls waiting for a unit", "calls");
        series(TimeSeries.Measure.COVERAGE, "coverage", "Coverage: share of demand reachable within target", "share");
        maps();
        input.baseline().ifPresent(this::baseline);
        out.append(
                "<footer>Written by <code>./muster simulate</code>; the figures are in summary.json, incidents.csv and"
                        + " timeseries.csv beside this file (docs/simulator.md).</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 1100px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1.05em; margin: 1em 0 .3em; }
            table { border-collapse: collapse; margin: .5em 0; } td, th { padding: 2px 10px; border-bottom: 1px solid #eee; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
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
            footer { margin-top: 2em; color: #777; font-size: 12px; }
            """;

    // ---- parameters -------------------------------------------------------------------------------------

    private void parameters() {
        Scenario s = input.runs().getFirst().scenario();
        out.append("<section id=\"parameters\">\n<h2>Parameters</h2>\n<table>\n");
        // every component of the scenario, whatever it holds, so that a new key shows without a change here
        for (RecordComponent c : Scenario.class.getRecordComponents()) {
            row(c.getName(), String.valueOf(component(c, s)));
        }
        row("end", s.end().toString());
        row("replications", Integer.toString(input.runs().size()));
        row(
                "seeds",
                input.runs().stream()
                        .map(r -> Long.toString(r.scenario().seed()))
                        .collect(Collectors.joining(" ")));
        input.baseline().ifPresent(b -> row("baseline", b.getFirst().scenario().name()));
        out.append("</table>\n</section>\n");
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
        out.append("<section id=\"responses\">\n<h2>Time to first arrival against the targets</h2>\n")
                .append("<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#6b9bd1\"></i>calls")
                .append(input.runs().size() > 1 ? " (all replications)" : "")
                .append("</span>");
        if (base.isPresent()) out.append("<span>dashed outline: baseline</span>");
        out.append("<span><i class=\"swatch\" style=\"background:#e08900\"></i>target mean</span>")
                .append("<span><i class=\"swatch\" style=\"background:#c62828\"></i>target 90th centile</span></p>\n");
        for (ReplicatedSummary.OrganisationEstimates o : summary.organisations()) {
            out.append("<h3>").append(esc(o.organisation().value())).append("</h3>\n<div class=\"grid\">\n");
            for (ReplicatedSummary.PriorityEstimates p : o.priorities()) {
                List<Double> minutes = firstArrivals(input.runs(), o.organisation(), p.priority());
                Optional<List<Double>> baseMinutes =
                        input.baseline().map(b -> firstArrivals(b, o.organisation(), p.priority()));
                histogram(o.organisation(), p, minutes, baseMinutes);
            }
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    private static ReplicatedSummary summaryOf(List<RunResult> runs) {
        return ReplicatedSummary.of(runs.stream().map(RunResult::summary).toList());
    }

    private static List<Double> firstArrivals(List<RunResult> runs, OrganisationId org, Priority p) {
        List<Double> out = new ArrayList<>();
        for (RunResult r : runs) {
            for (IncidentRecord i : r.incidents()) {
                if (!i.organisation().equals(org) || i.priority() != p) continue;
                i.firstArrival()
                        .ifPresent(
                                a -> out.add(Duration.between(i.received(), a).toMillis() / 60_000.0));
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
        top = Math.max(top, baseline.map(b -> centile(b, 0.98)).orElse(0.0));
        double binWidth = niceStep(Math.max(top, 1) / BINS);
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
        out.append("</svg>\n<figcaption>")
                .append(minutes.size())
                .append(" arrivals. ")
                .append(caption(p));
        baseline.ifPresent(b -> out.append(" Baseline: ").append(b.size()).append(" arrivals."));
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

    /** The engine's figures for the group: mean and 90th centile, with their intervals over replications. */
    private static String caption(ReplicatedSummary.PriorityEstimates p) {
        StringBuilder c = new StringBuilder("Engine's figures: mean ");
        c.append(estimateMinutes(p.findFigure("meanSeconds")))
                .append(", 90th centile ")
                .append(estimateMinutes(p.findFigure("p90Seconds")));
        p.target().mean().ifPresent(t -> c.append("; target mean ").append(clock(t.toMillis() / 1000.0)));
        p.target().p90().ifPresent(t -> c.append(", 90th ").append(clock(t.toMillis() / 1000.0)));
        p.findFigure("withinTarget")
                .map(ReplicatedSummary.Figure::estimate)
                .flatMap(e -> e.mean().isPresent() ? Optional.of(e) : Optional.empty())
                .ifPresent(e -> c.append("; within target ")
                        .append(pct(e.mean().getAsDouble()))
                        .append(interval(e, x -> pct(x))));
        return esc(c.append('.').toString());
    }

    private static String estimateMinutes(Optional<ReplicatedSummary.Figure> f) {
        Optional<Estimate> e = f.map(ReplicatedSummary.Figure::estimate);
        if (e.isEmpty() || e.get().mean().isEmpty()) return "none";
        return clock(e.get().mean().getAsDouble()) + interval(e.get(), ReportHtml::clock);
    }

    private static String interval(Estimate e, java.util.function.DoubleFunction<String> format) {
        if (e.low().isEmpty()) return "";
        return " (95% " + format.apply(e.low().getAsDouble()) + "–"
                + format.apply(e.high().getAsDouble()) + ")";
    }

    private static String clock(double seconds) {
        long s = Math.round(Math.max(seconds, 0));
        return s / 60 + " min " + s % 60 + " s";
    }

    private static String pct(double share) {
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
        if (measure == TimeSeries.Measure.WAITING) top = niceStep(top / 4) * 4;
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
                    .append("\" text-anchor=\"middle\">")
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
                .append("</p>\n</section>\n");
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

    private void axes(int left, int topY, double plotW, double plotH) {
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

    // ---- maps ---------------------------------------------------------------------------------------------

    private void maps() {
        out.append("<section id=\"map\">\n<h2>Zones by breach</h2>\n<p class=\"legend\">")
                .append("<span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(0)))
                .append("\"></i>every target met</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(0.5)))
                .append("\"></i>breached in half the replications</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(1)))
                .append("\"></i>a target breached")
                .append(input.runs().size() > 1 ? " in every replication" : "")
                .append("</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.empty()))
                .append("\"></i>no target, or no call</span></p>\n");
        drawMaps(input.runs(), "");
        input.baseline().ifPresent(b -> {
            out.append("<h3>Baseline: ")
                    .append(esc(b.getFirst().scenario().name()))
                    .append("</h3>\n");
            drawMaps(b, " baseline");
        });
        out.append("</section>\n");
    }

    /** The region's smallest zones (those no other zone lies within), by organisation. */
    private Map<OrganisationId, List<ZoneOutline>> demandZones() {
        Set<ZoneId> parents = new HashSet<>();
        input.zones().forEach(z -> z.parent().ifPresent(parents::add));
        Map<OrganisationId, List<ZoneOutline>> out = new TreeMap<>();
        for (ZoneOutline z : input.zones()) {
            if (parents.contains(z.id())) continue;
            out.computeIfAbsent(z.organisation(), o -> new ArrayList<>()).add(z);
        }
        return out;
    }

    private void drawMaps(List<RunResult> runs, String css) {
        Map<ZoneId, OptionalDouble> breach = breachShares(runs);
        out.append("<div class=\"grid\">\n");
        for (var e : demandZones().entrySet()) {
            List<ZoneOutline> zones = e.getValue();
            double minLat = Double.MAX_VALUE,
                    maxLat = -Double.MAX_VALUE,
                    minLon = Double.MAX_VALUE,
                    maxLon = -Double.MAX_VALUE;
            for (ZoneOutline z : zones)
                for (var ring : z.rings())
                    for (var p : ring) {
                        minLat = Math.min(minLat, p.lat());
                        maxLat = Math.max(maxLat, p.lat());
                        minLon = Math.min(minLon, p.lon());
                        maxLon = Math.max(maxLon, p.lon());
                    }
            double squeeze = Math.cos(Math.toRadians((minLat + maxLat) / 2));
            double w = Math.max((maxLon - minLon) * squeeze, 1e-9);
            double h = Math.max(maxLat - minLat, 1e-9);
            double scale = (MAP_WIDTH - 10) / w;
            int height = (int) Math.ceil(h * scale) + 10;
            out.append("<figure><svg class=\"map")
                    .append(css)
                    .append("\" data-organisation=\"")
                    .append(esc(e.getKey().value()))
                    .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(MAP_WIDTH)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" viewBox=\"0 0 ")
                    .append(MAP_WIDTH)
                    .append(' ')
                    .append(height)
                    .append("\" role=\"img\">\n");
            for (ZoneOutline z : zones) {
                StringBuilder d = new StringBuilder();
                for (var ring : z.rings()) {
                    for (int i = 0; i < ring.size(); i++) {
                        var p = ring.get(i);
                        d.append(i == 0 ? "M" : "L")
                                .append(f1(5 + (p.lon() - minLon) * squeeze * scale))
                                .append(',')
                                .append(f1(5 + (maxLat - p.lat()) * scale));
                    }
                    d.append('Z');
                }
                OptionalDouble share = breach.getOrDefault(z.id(), OptionalDouble.empty());
                out.append("<path class=\"zone\" data-zone=\"")
                        .append(esc(z.id().value()))
                        .append("\" data-breach=\"")
                        .append(share.isPresent() ? f2(share.getAsDouble()) : "")
                        .append("\" fill=\"")
                        .append(breachColour(share))
                        .append("\" d=\"")
                        .append(d)
                        .append("\"><title>")
                        .append(esc(z.name() + " (" + z.id().value() + "): " + breachText(share, runs.size())))
                        .append("</title></path>\n");
            }
            out.append("</svg><figcaption>")
                    .append(esc(e.getKey().value()))
                    .append(": ")
                    .append(zones.size())
                    .append(" zones</figcaption></figure>\n");
        }
        out.append("</div>\n");
    }

    /**
     * Per zone, the share of replications in which any of its priorities with a target breached it (its mean
     * or 90th centile, counting calls still waiting); empty where no priority with a target had a call.
     */
    private static Map<ZoneId, OptionalDouble> breachShares(List<RunResult> runs) {
        Map<ZoneId, int[]> counts = new TreeMap<>();
        for (RunResult r : runs) {
            for (Summary.OrganisationFigures o : r.summary().organisations()) {
                for (Summary.ZoneFigures z : o.zones()) {
                    boolean measured = false;
                    boolean breached = false;
                    for (Summary.PriorityFigures p : z.priorities()) {
                        var t = p.response().target();
                        if (t.mean().isEmpty() && t.p90().isEmpty()) continue;
                        measured = true;
                        breached |= p.response().breachesMean() || p.response().breachesP90();
                    }
                    if (!measured) continue;
                    int[] c = counts.computeIfAbsent(z.zone(), k -> new int[2]);
                    c[0] += breached ? 1 : 0;
                    c[1]++;
                }
            }
        }
        Map<ZoneId, OptionalDouble> out = new TreeMap<>();
        counts.forEach((z, c) -> out.put(z, OptionalDouble.of((double) c[0] / c[1])));
        return out;
    }

    private static String breachText(OptionalDouble share, int replications) {
        if (share.isEmpty()) return "no call with a target";
        if (replications == 1) return share.getAsDouble() > 0 ? "a target breached" : "every target met";
        return "a target breached in " + pct(share.getAsDouble()) + " of the replications";
    }

    /** Green when every target is met, through amber, to red when breached in every replication. */
    private static String breachColour(OptionalDouble share) {
        if (share.isEmpty()) return "#cfcfcf";
        double s = share.getAsDouble();
        int[] green = {0x2e, 0x7d, 0x32};
        int[] amber = {0xf9, 0xa8, 0x25};
        int[] red = {0xc6, 0x28, 0x28};
        int[] from = s < 0.5 ? green : amber;
        int[] to = s < 0.5 ? amber : red;
        double f = s < 0.5 ? s * 2 : (s - 0.5) * 2;
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round(from[0] + (to[0] - from[0]) * f),
                Math.round(from[1] + (to[1] - from[1]) * f),
                Math.round(from[2] + (to[2] - from[2]) * f));
    }

    // ---- baseline -----------------------------------------------------------------------------------------

    private void baseline(List<RunResult> base) {
        ReplicatedSummary mine = summaryOf(input.runs());
        ReplicatedSummary theirs = summaryOf(base);
        out.append("<section id=\"baseline\">\n<h2>Beside the baseline: ")
                .append(esc(base.getFirst().scenario().name()))
                .append("</h2>\n<p>The baseline ran with the same seeds")
                .append(input.runs().size() > 1 ? " and replications" : "")
                .append(", so the differences come from the scenario, not from chance alone.</p>\n")
                .append("<table class=\"comparison\">\n<tr><th>organisation</th><th>priority</th><th>figure</th>")
                .append("<th>scenario</th><th>baseline</th><th>change</th></tr>\n");
        String[][] figures = {
            {"incidents", "calls"},
            {"meanSeconds", "mean response"},
            {"p90Seconds", "90th centile"},
            {"withinTarget", "within target"},
            {"queued", "queued"}
        };
        for (ReplicatedSummary.OrganisationEstimates o : mine.organisations()) {
            Optional<ReplicatedSummary.OrganisationEstimates> other = theirs.organisations().stream()
                    .filter(x -> x.organisation().equals(o.organisation()))
                    .findFirst();
            for (ReplicatedSummary.PriorityEstimates p : o.priorities()) {
                Optional<ReplicatedSummary.PriorityEstimates> q = other.flatMap(x -> x.priorities().stream()
                        .filter(y -> y.priority() == p.priority())
                        .findFirst());
                for (String[] f : figures) {
                    OptionalDouble a = meanOf(p.findFigure(f[0]));
                    OptionalDouble b = meanOf(q.flatMap(x -> x.findFigure(f[0])));
                    out.append("<tr class=\"compare\"><td>")
                            .append(esc(o.organisation().value()))
                            .append("</td><td>")
                            .append(p.priority().name())
                            .append("</td><td>")
                            .append(f[1])
                            .append("</td><td class=\"n\">")
                            .append(show(f[0], a))
                            .append("</td><td class=\"n\">")
                            .append(show(f[0], b))
                            .append("</td><td class=\"n\">")
                            .append(
                                    a.isPresent() && b.isPresent()
                                            ? change(f[0], a.getAsDouble() - b.getAsDouble())
                                            : "")
                            .append("</td></tr>\n");
                }
            }
        }
        out.append("</table>\n</section>\n");
    }

    private static OptionalDouble meanOf(Optional<ReplicatedSummary.Figure> f) {
        return f.map(x -> x.estimate().mean()).orElse(OptionalDouble.empty());
    }

    private static String show(String figure, OptionalDouble v) {
        if (v.isEmpty()) return "–";
        double x = v.getAsDouble();
        return switch (figure) {
            case "meanSeconds", "p90Seconds" -> esc(clock(x));
            case "withinTarget" -> pct(x);
            default -> f1(x);
        };
    }

    private static String change(String figure, double d) {
        String sign = d > 0 ? "+" : d < 0 ? "−" : "";
        double a = Math.abs(d);
        return sign
                + switch (figure) {
                    case "meanSeconds", "p90Seconds" -> esc(clock(a));
                    case "withinTarget" -> String.format(Locale.ROOT, "%.1f points", a * 100);
                    default -> f1(a);
                };
    }

    // ---- formats ------------------------------------------------------------------------------------------

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
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
