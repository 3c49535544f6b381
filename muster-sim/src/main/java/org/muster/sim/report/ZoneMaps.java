package org.muster.sim.report;

import static org.muster.sim.report.ReportHtml.MAP_WIDTH;
import static org.muster.sim.report.ReportHtml.esc;
import static org.muster.sim.report.ReportHtml.f1;
import static org.muster.sim.report.ReportHtml.f2;
import static org.muster.sim.report.ReportHtml.pct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.map.ZoneOutline;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Summary;

/**
 * The region's demand zones (those no other zone lies within) drawn as SVG maps, one per organisation, into
 * a report's buffer: each zone an SVG path from its outline, filled as told.
 */
final class ZoneMaps {
    private final StringBuilder out;
    private final List<ZoneOutline> zones;

    ZoneMaps(StringBuilder out, List<ZoneOutline> zones) {
        this.out = out;
        this.zones = List.copyOf(zones);
    }

    /** The maps of the runs (and the baseline's) with every zone coloured by how often it breached. */
    void section(List<RunResult> runs, Optional<List<RunResult>> baseline) {
        out.append("<section id=\"map\">\n<h2>Zones by breach</h2>\n<p class=\"legend\">")
                .append("<span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(0)))
                .append("\"></i>every target met</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(0.5)))
                .append("\"></i>breached in half the replications</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.of(1)))
                .append("\"></i>a target breached")
                .append(runs.size() > 1 ? " in every replication" : "")
                .append("</span><span><i class=\"swatch\" style=\"background:")
                .append(breachColour(OptionalDouble.empty()))
                .append("\"></i>no target, or no call</span></p>\n");
        drawMaps(runs, "");
        baseline.ifPresent(b -> {
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
        zones.forEach(z -> z.parent().ifPresent(parents::add));
        Map<OrganisationId, List<ZoneOutline>> out = new TreeMap<>();
        for (ZoneOutline z : zones) {
            if (parents.contains(z.id())) continue;
            out.computeIfAbsent(z.organisation(), o -> new ArrayList<>()).add(z);
        }
        return out;
    }

    private void drawMaps(List<RunResult> runs, String css) {
        Map<ZoneId, OptionalDouble> breach = breachShares(runs);
        draw(
                css,
                z -> {
                    OptionalDouble share = breach.getOrDefault(z.id(), OptionalDouble.empty());
                    return share.isPresent() ? f2(share.getAsDouble()) : "";
                },
                z -> breachColour(breach.getOrDefault(z.id(), OptionalDouble.empty())),
                z -> breachText(breach.getOrDefault(z.id(), OptionalDouble.empty()), runs.size()));
    }

    /** Each organisation's demand zones, filled and titled as told. */
    void draw(
            String css,
            java.util.function.Function<ZoneOutline, String> data,
            java.util.function.Function<ZoneOutline, String> fill,
            java.util.function.Function<ZoneOutline, String> title) {
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
                out.append("<path class=\"zone\" data-zone=\"")
                        .append(esc(z.id().value()))
                        .append("\" data-breach=\"")
                        .append(esc(data.apply(z)))
                        .append("\" fill=\"")
                        .append(fill.apply(z))
                        .append("\" d=\"")
                        .append(d)
                        .append("\"><title>")
                        .append(esc(z.name() + " (" + z.id().value() + "): " + title.apply(z)))
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
    static Map<ZoneId, OptionalDouble> breachShares(List<RunResult> runs) {
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

    static String breachText(OptionalDouble share, int replications) {
        if (share.isEmpty()) return "no call with a target";
        if (replications == 1) return share.getAsDouble() > 0 ? "a target breached" : "every target met";
        return "a target breached in " + pct(share.getAsDouble()) + " of the replications";
    }

    /** Green when every target is met, through amber, to red when breached in every replication. */
    static String breachColour(OptionalDouble share) {
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
}
