package org.muster.sim.report;

import static org.muster.sim.report.ReportHtml.CHART_HEIGHT;
import static org.muster.sim.report.ReportHtml.CHART_WIDTH;
import static org.muster.sim.report.ReportHtml.CSS;
import static org.muster.sim.report.ReportHtml.PALETTE;
import static org.muster.sim.report.ReportHtml.esc;
import static org.muster.sim.report.ReportHtml.f1;
import static org.muster.sim.report.ZoneMaps.breachColour;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.Summary;
import org.muster.sim.des.SweepResult;

/**
 * The collapse curve's {@code report.html}: the parameters, a chart of the zones collapsed by each value of
 * the key, every zone by value, and a map of the zones by the value at which they collapse. Written into a
 * {@link ReportHtml}'s buffer, with its parameters and maps.
 */
final class CollapseCurveHtml {
    private final ReportHtml base;
    private final StringBuilder out;
    private final ZoneMaps maps;

    CollapseCurveHtml(ReportHtml base) {
        this.base = base;
        this.out = base.out;
        this.maps = new ZoneMaps(base.out, base.input.zones());
    }

    /** The value of the key swept whose runs the parameters table shows (the first with the shock). */
    private String valueShown(List<SweepResult.Point> points) {
        RunResult shown = base.input.runs().getFirst();
        return points.stream()
                .filter(p -> p.runs().getFirst() == shown)
                .findFirst()
                .map(p -> p.value().toPlainString())
                .orElse("the first value");
    }

    /** A zone that breaches without the shock: not a step of the red-to-amber scale of the shock's sizes. */
    static final String WITHOUT_COLOUR = "#7b3294";

    /** The page, into the report's buffer. */
    String page(SweepResult sweep, List<String> pointReports) {
        Scenario s = base.input.runs().getFirst().scenario();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Muster collapse curve: ")
                .append(esc(s.name()))
                .append(" over ")
                .append(esc(sweep.key()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("td.cell { text-align: center; min-width: 3.2em; } td.collapse { outline: 2px solid #222; }\n")
                .append("</style>\n</head>\n<body>\n<h1>Collapse curve: ")
                .append(esc(s.name()))
                .append(" over ")
                .append(esc(sweep.key()))
                .append("</h1>\n");
        List<SweepResult.Point> points = sweep.points();
        // the table's plan holds one value of the key swept: say which, and what the others are
        base.parameters(Map.of(
                "swept",
                sweep.key() + " at "
                        + points.stream()
                                .map(p -> p.value().toPlainString())
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "; the parameters above are the run at " + valueShown(points)
                        + ", and each value's run has a report of its own (the table's column headings)"));
        out.append("<section id=\"sweep\">\n<h2>When each zone breaches its targets</h2>\n<p>")
                .append(esc(sweep.key()))
                .append(" from ")
                .append(points.getFirst().value().toPlainString())
                .append(" to ")
                .append(points.getLast().value().toPlainString())
                .append(" in ")
                .append(points.size())
                .append(" steps. A zone collapses at the value from which it breached a target in at least half")
                .append(" the replications at that value and every larger one (outlined): a breach the larger values")
                .append(" do not repeat is noise. Each cell is the share of replications in which it breached,")
                .append(" and the mean hours into the run it first did. A breach is judged as the live board judges")
                .append(" it, on the calls so far at each moment: early in a run a few calls decide a 90th centile,")
                .append(" so a zone may breach for an hour and end the run within its targets (a run's report and")
                .append(" summary judge the whole run at its end).");
        if (sweep.without().isPresent()) {
            // the run at 0, when the sweep has one, is the run without the shock
            int at = -1;
            for (int i = 0; i < points.size(); i++)
                if (points.get(i) == sweep.without().get()) at = i;
            String report = at >= 0 && at < pointReports.size()
                    ? pointReports.get(at)
                    : SweepResult.WITHOUT_FOLDER + "/" + ReportHtml.FILE;
            out.append(" The scenario also ran <a href=\"")
                    .append(esc(report))
                    .append("\">without the shock</a>, on the same seeds: a zone that breached in at least half of")
                    .append(
                            " those runs breaches whatever the shock's size, and the shock is not said to collapse it.");
        }
        out.append("</p>\n");
        chart(sweep);
        Map<ZoneId, String> names = new HashMap<>();
        base.input.zones().forEach(z -> names.put(z.id(), z.name()));
        out.append("<table class=\"sweep\">\n<tr><th>organisation</th><th>zone</th><th>collapses at</th>");
        if (sweep.without().isPresent()) out.append("<th>without the shock</th>");
        for (int i = 0; i < points.size(); i++) {
            out.append("<th>");
            String label = points.get(i).value().toPlainString();
            if (i < pointReports.size())
                out.append("<a href=\"")
                        .append(esc(pointReports.get(i)))
                        .append("\">")
                        .append(label)
                        .append("</a>");
            else out.append(label);
            out.append("</th>");
        }
        out.append("</tr>\n");
        for (SweepResult.ZoneCurve z : sweep.zones()) {
            out.append("<tr class=\"zone-curve\" data-zone=\"")
                    .append(esc(z.zone().value()))
                    .append("\"><td>")
                    .append(esc(z.organisation().value()))
                    .append("</td><td>")
                    .append(esc(z.zone().value()))
                    .append(names.containsKey(z.zone()) ? " " + esc(names.get(z.zone())) : "")
                    .append("</td><td>")
                    .append(z.collapsesAt()
                            .map(BigDecimal::toPlainString)
                            .orElse(z.breachesWithout() ? "breaches without the shock" : "never"))
                    .append("</td>");
            if (sweep.without().isPresent()) {
                double share = z.breachedWithout().orElse(0);
                out.append("<td class=\"cell without\" style=\"background:")
                        .append(breachColour(OptionalDouble.of(share)))
                        .append(share >= 0.5 ? ";color:#fff" : "")
                        .append("\">")
                        .append(Math.round(share * 100))
                        .append(" %</td>");
            }
            for (int i = 0; i < points.size(); i++) {
                double share = z.breached().get(i);
                out.append("<td class=\"cell")
                        .append(z.collapseIndex().orElse(-1) == i ? " collapse" : "")
                        .append("\" style=\"background:")
                        .append(breachColour(OptionalDouble.of(share)))
                        .append(share >= 0.5 ? ";color:#fff" : "")
                        .append("\">")
                        .append(
                                z.hoursToBreach().get(i).isPresent()
                                        ? f1(z.hoursToBreach().get(i).getAsDouble()) + " h"
                                        : "–")
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
        Map<ZoneId, SweepResult.ZoneCurve> byZone = new TreeMap<>();
        sweep.zones().forEach(z -> byZone.put(z.zone(), z));
        Set<OrganisationId> measured = new HashSet<>();
        for (SweepResult.Point p : points)
            for (RunResult run : p.runs())
                for (Summary.OrganisationFigures o : run.summary().organisations())
                    for (Summary.PriorityFigures f : o.priorities())
                        if (f.response().target().mean().isPresent()
                                || f.response().target().p90().isPresent()) measured.add(o.organisation());
        // the run without the shock, when it is the first value, collapses nothing: the scale starts after it
        int first = sweep.without().filter(w -> w == points.getFirst()).isPresent() && points.size() > 1 ? 1 : 0;
        out.append("<h3>Zones by the value at which they collapse</h3>\n<p class=\"legend\">")
                .append("<span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(1)))
                .append("\"></i>at ")
                .append(points.get(first).value().toPlainString())
                .append("</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(0.5)))
                .append("\"></i>at ")
                .append(points.getLast().value().toPlainString())
                .append("</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(0)))
                .append("\"></i>never</span>");
        if (sweep.without().isPresent())
            out.append("<span><i class=\"swatch\" style=\"background:")
                    .append(WITHOUT_COLOUR)
                    .append("\"></i>breaches without the shock</span>");
        out.append("<span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.empty()))
                .append("\"></i>no target</span></p>\n");
        int span = Math.max(1, points.size() - 1 - first);
        maps.draw(
                " sweep",
                z -> Optional.ofNullable(byZone.get(z.id()))
                        .flatMap(SweepResult.ZoneCurve::collapsesAt)
                        .map(BigDecimal::toPlainString)
                        .orElse(""),
                z -> {
                    Optional<Integer> at =
                            Optional.ofNullable(byZone.get(z.id())).flatMap(SweepResult.ZoneCurve::collapseIndex);
                    if (at.isPresent())
                        return breachColour(OptionalDouble.of(1 - 0.5 * Math.max(0, at.get() - first) / span));
                    if (Optional.ofNullable(byZone.get(z.id()))
                            .filter(SweepResult.ZoneCurve::breachesWithout)
                            .isPresent()) return WITHOUT_COLOUR;
                    return measured.contains(z.organisation())
                            ? breachColour(OptionalDouble.of(0))
                            : breachColour(OptionalDouble.empty());
                },
                z -> Optional.ofNullable(byZone.get(z.id()))
                        .flatMap(SweepResult.ZoneCurve::collapsesAt)
                        .map(v -> "collapses at " + sweep.key() + " " + v.toPlainString())
                        .orElse(
                                Optional.ofNullable(byZone.get(z.id()))
                                                .filter(SweepResult.ZoneCurve::breachesWithout)
                                                .isPresent()
                                        ? "breaches without the shock"
                                        : measured.contains(z.organisation()) ? "never collapses" : "no target"));
        out.append("</section>\n<footer>Written by <code>./muster simulate --sweep</code>; the figures are in")
                .append(
                        " sweep.csv beside this file, each value's run in its own folder (docs/simulator.md).</footer>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }

    /** Zones collapsed by each value of the key, one line per organisation. */
    private void chart(SweepResult sweep) {
        List<SweepResult.Point> points = sweep.points();
        Map<String, int[]> collapsed = new TreeMap<>();
        for (SweepResult.ZoneCurve z : sweep.zones()) {
            int[] counts = collapsed.computeIfAbsent(z.organisation().value(), o -> new int[points.size()]);
            z.collapseIndex().ifPresent(at -> {
                for (int i = at; i < points.size(); i++) counts[i]++;
            });
        }
        int most = 1;
        for (int[] c : collapsed.values()) for (int v : c) most = Math.max(most, v);
        int left = 40;
        double plotW = CHART_WIDTH - left - 10;
        double plotH = CHART_HEIGHT - 22 - 10;
        double from = points.getFirst().value().doubleValue();
        double span = Math.max(1e-9, points.getLast().value().doubleValue() - from);
        out.append("<p class=\"legend\">");
        List<String> keys = new ArrayList<>(collapsed.keySet());
        for (int i = 0; i < keys.size(); i++)
            out.append("<span><i class=\"swatch\" style=\"background:")
                    .append(PALETTE[i % PALETTE.length])
                    .append("\"></i>")
                    .append(esc(keys.get(i)))
                    .append(": zones collapsed</span>");
        out.append("</p>\n<svg class=\"chart\" data-chart=\"sweep\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(CHART_WIDTH)
                .append("\" height=\"")
                .append(CHART_HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(CHART_WIDTH)
                .append(' ')
                .append(CHART_HEIGHT)
                .append("\" role=\"img\">\n");
        base.axes(left, 10, plotW, plotH);
        for (int i = 0; i < points.size(); i++) {
            double x = left + plotW * (points.get(i).value().doubleValue() - from) / span;
            out.append("<text x=\"")
                    .append(f1(x))
                    .append("\" y=\"")
                    .append(CHART_HEIGHT - 6)
                    .append("\" text-anchor=\"middle\">")
                    .append(points.get(i).value().toPlainString())
                    .append("</text>\n");
        }
        for (int t = 0; t <= most; t += Math.max(1, most / 4)) {
            out.append("<text x=\"")
                    .append(left - 4)
                    .append("\" y=\"")
                    .append(f1(10 + plotH - plotH * t / most + 3))
                    .append("\" text-anchor=\"end\">")
                    .append(t)
                    .append("</text>\n");
        }
        for (int k = 0; k < keys.size(); k++) {
            int[] c = collapsed.get(keys.get(k));
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                double x = left + plotW * (points.get(i).value().doubleValue() - from) / span;
                double y = 10 + plotH - plotH * c[i] / most;
                d.append(i == 0 ? "M" : "L").append(f1(x)).append(',').append(f1(y));
            }
            out.append("<path class=\"series\" data-series=\"")
                    .append(esc(keys.get(k)))
                    .append("\" stroke=\"")
                    .append(PALETTE[k % PALETTE.length])
                    .append("\" d=\"")
                    .append(d)
                    .append("\"><title>")
                    .append(esc(keys.get(k)))
                    .append("</title></path>\n");
        }
        out.append("</svg>\n");
    }
}
