package org.muster.cli.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.muster.engine.report.Sitrep;

/**
 * The situation report as one self-contained HTML page: tables, and charts drawn as inline SVG (calls per
 * hour, mean response against the target), so it opens anywhere and can be mailed as it is.
 */
final class SitrepHtml {
    private SitrepHtml() {}

    static String render(Sitrep r) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Situation report ")
                .append(r.date())
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}"
                        + "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;"
                        + "padding:.2rem .5rem;text-align:left}th{background:#f3f3f3}.late{color:#b3261e}"
                        + "svg text{font:11px sans-serif}</style></head><body>");
        h.append("<h1>Situation report ").append(r.date()).append(" (UTC)</h1>");
        h.append("<p>From the log, events ")
                .append(r.firstSequence())
                .append(" to ")
                .append(r.lastSequence())
                .append(
                        r.asOf().isBefore(r.to())
                                ? "; the day is not over in the log: as at its last event, " + r.asOf()
                                        + ", calls still waiting and units still lent counted to then"
                                : "")
                .append(".</p>");

        h.append("<h2>Demand</h2>");
        for (Sitrep.Demand d : r.demand())
            h.append("<h3>")
                    .append(esc(d.organisation().value()))
                    .append(": ")
                    .append(d.calls())
                    .append(" calls</h3>")
                    .append(hourChart(d.byHour()));
        table(
                h,
                List.of("Organisation", "Priority", "Calls"),
                r.demand().stream()
                        .flatMap(d -> d.byPriority().entrySet().stream()
                                .sorted(java.util.Map.Entry.comparingByKey())
                                .map(e -> List.of(
                                        d.organisation().value(), e.getKey().name(), String.valueOf(e.getValue()))))
                        .toList());

        h.append("<h2>Response times against the standards</h2>");
        h.append("<p>As the board gave them at midnight for the 24 hours before: the calls whose clock stopped"
                + " this day, whenever received, and those still waiting then. A call waiting at midnight is"
                + " counted here at its wait so far and its response in the next day's report.</p>");
        h.append(responseChart(r.responses()));
        table(
                h,
                List.of(
                        "Organisation",
                        "Priority",
                        "Reached (clock stopped this day)",
                        "Waiting at midnight",
                        "Of them past the target",
                        "Not judged (downgraded zone)",
                        "Mean",
                        "90th centile",
                        "Target mean",
                        "Target 90th",
                        "Over (with waiting calls)",
                        "Within target"),
                r.responses().stream()
                        .map(x -> List.of(
                                x.organisation().value(),
                                x.priority().name(),
                                String.valueOf(x.reached()),
                                String.valueOf(x.waiting()),
                                String.valueOf(x.waitingOverTarget()),
                                String.valueOf(x.notJudged()),
                                min(x.mean()),
                                min(x.p90()),
                                min(x.targetMean()),
                                min(x.targetP90()),
                                over(x),
                                // no target: none can be within it, and a 0 would read as none that were
                                x.withinTarget().map(String::valueOf).orElse("—")))
                        .toList());

        h.append("<h2>Zones whose level changed</h2>");
        table(
                h,
                List.of("Zone", "Organisation", "From", "To", "At", "Why"),
                r.zoneChanges().stream()
                        .map(z -> List.of(
                                z.zone().value(),
                                z.organisation().value(),
                                z.from().name(),
                                z.to().name(),
                                z.at().toString(),
                                z.reason()))
                        .toList());
        h.append("<h2>Calls rerouted (in a downgraded zone, served from outside it)</h2>");
        table(
                h,
                List.of("Zone", "Organisation", "Calls"),
                r.rerouted().stream()
                        .map(x -> List.of(x.zone().value(), x.organisation().value(), String.valueOf(x.calls())))
                        .toList());
        h.append("<h2>Calls served by another organisation's units</h2>");
        pairs(h, r.acrossOrganisations());
        h.append("<h2>Escorts</h2>");
        pairs(h, r.escorts());

        h.append("<h2>Mutual aid</h2>");
        table(
                h,
                List.of("Requester", "Asked", "Filled", "Filled in part", "Offers received", "Declined"),
                r.aid().stream()
                        .map(a -> List.of(
                                a.requester().value(),
                                String.valueOf(a.asked()),
                                String.valueOf(a.filled()),
                                String.valueOf(a.partlyFilled()),
                                String.valueOf(a.offers()),
                                String.valueOf(a.declined())))
                        .toList());
        h.append("<h3>Officer-hours lent (the host owes the home)</h3>");
        table(
                h,
                List.of("Lent by", "To", "Deployments", "Unit-hours", "Officer-hours"),
                r.officerHours().stream()
                        .map(x -> List.of(
                                x.home().value(),
                                x.host().value(),
                                String.valueOf(x.deployments()),
                                fmt(x.unitHours()),
                                fmt(x.officerHours())))
                        .toList());

        h.append("<h2>Escalation levels</h2>");
        table(
                h,
                List.of("Organisation", "From", "To", "At", "Why"),
                r.escalations().stream()
                        .map(x -> List.of(
                                x.organisation().value(),
                                String.valueOf(x.from()),
                                String.valueOf(x.to()),
                                x.at().toString(),
                                x.reason()))
                        .toList());
        h.append("<h2>Major incidents declared</h2>");
        table(
                h,
                List.of("Major incident", "Name", "Declared by", "At", "METHANE reports"),
                r.majorIncidents().stream()
                        .map(m -> List.of(
                                m.id(),
                                m.name(),
                                m.declaredBy().value(),
                                m.at().toString(),
                                String.valueOf(m.methaneReports())))
                        .toList());
        return h.append("</body></html>\n").toString();
    }

    private static void pairs(StringBuilder h, List<Sitrep.Pair> pairs) {
        table(
                h,
                List.of("Units of", "For calls of", "Times"),
                pairs.stream()
                        .map(p -> List.of(p.from().value(), p.to().value(), String.valueOf(p.count())))
                        .toList());
    }

    private static void table(StringBuilder h, List<String> head, List<List<String>> rows) {
        if (rows.isEmpty()) {
            h.append("<p>None.</p>");
            return;
        }
        h.append("<table><tr>");
        head.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>");
        for (List<String> row : rows) {
            h.append("<tr>");
            row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
            h.append("</tr>");
        }
        h.append("</table>");
    }

    /** Calls per hour as 24 bars. */
    private static String hourChart(List<Integer> byHour) {
        int max = Math.max(1, byHour.stream().mapToInt(Integer::intValue).max().orElse(1));
        StringBuilder s =
                new StringBuilder("<svg width=\"500\" height=\"120\" role=\"img\" aria-label=\"calls per hour\">");
        for (int hr = 0; hr < 24; hr++) {
            int n = byHour.get(hr);
            double height = 90.0 * n / max;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"16\" height=\"%.1f\" fill=\"#2b6cb0\"><title>%02d:00 %d calls</title></rect>",
                    10 + hr * 20,
                    95 - height,
                    height,
                    hr,
                    n));
            if (hr % 3 == 0)
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"112\">%02d</text>", 10 + hr * 20, hr));
        }
        return s.append("</svg>").toString();
    }

    /** Which of the row's figures the board showed OVER at midnight, counting the calls waiting then. */
    private static String over(Sitrep.Response x) {
        if (x.breachesMean() && x.breachesP90()) return "mean, 90th";
        if (x.breachesMean()) return "mean";
        if (x.breachesP90()) return "90th";
        return "—";
    }

    /** Mean response per organisation and priority as a bar, with its target as a line. */
    private static String responseChart(List<Sitrep.Response> responses) {
        List<Sitrep.Response> shown =
                responses.stream().filter(x -> x.mean().isPresent()).toList();
        if (shown.isEmpty()) return "<p>No call reached this day.</p>";
        double max = shown.stream()
                .mapToDouble(x -> Math.max(minutes(x.mean()), minutes(x.targetMean())))
                .max()
                .orElse(1);
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg width=\"620\" height=\"%d\" role=\"img\" aria-label=\"mean response against target\">",
                20 * shown.size() + 10));
        int y = 5;
        for (Sitrep.Response x : shown) {
            double w = 400 * minutes(x.mean()) / max;
            // over as the board says it: the mean counting the calls still waiting at their wait so far
            boolean late = x.breachesMean();
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"0\" y=\"%d\">%s %s</text>",
                    y + 12,
                    esc(x.organisation().value()),
                    x.priority().name()));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"110\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"><title>mean %s min</title></rect>",
                    y,
                    w,
                    late ? "#b3261e" : "#2f855a",
                    min(x.mean())));
            if (x.targetMean().isPresent()) {
                double t = 110 + 400 * minutes(x.targetMean()) / max;
                s.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"><title>target %s min</title></line>",
                        t,
                        t,
                        y - 2,
                        y + 16,
                        min(x.targetMean())));
            }
            y += 20;
        }
        return s.append("</svg>").toString();
    }

    private static double minutes(Optional<Duration> d) {
        return d.map(x -> x.toMillis() / 60_000.0).orElse(0.0);
    }

    private static String min(Optional<Duration> d) {
        return d.map(x -> fmt(x.toMillis() / 60_000.0)).orElse("—");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
