package org.muster.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.engine.performance.ResponseTargets;
import org.muster.sim.des.Scenario;

/**
 * A scenario the demo rehearses live ({@code ./muster rehearse FILE}): the demo starts at its start on its
 * region, its shocks arrive at their times and its surges raise the demo's calls, scaled, while people answer
 * them on the dashboard.
 *
 * @param file the scenario file, as named on the command line
 * @param regionSeed the generated region it runs on
 * @param scenario the scenario as read: its start, shocks, standing policies, aid (not played live), scale, seed
 */
public record DemoScenario(String file, long regionSeed, Scenario scenario) {
    public DemoScenario {
        Check.text("file", file);
        Check.present("scenario", scenario);
    }

    /**
     * The server settings the scenario sets, as the service's own configuration writes them: its response targets
     * ({@code muster.targets.*}, {@code muster.zone-targets.*}) and its dispatch policy ({@code muster.dispatch.*}).
     * A rehearsal's server starts on them, so it judges and dispatches as {@code ./muster simulate} runs the file.
     */
    public SortedMap<String, String> serverSettings() {
        SortedMap<String, String> out = new TreeMap<>(scenario.targets().settings());
        out.putAll(scenario.plan().dispatch().settings());
        return out;
    }

    /**
     * "the national standards for the ambulance service; WSP EMERGENCY p90 15m, ...": what a rehearsal is judged
     * by, and that a force the scenario sets none for has none.
     */
    public String targetsInWords() {
        ResponseTargets targets = scenario.targets();
        List<String> own = new ArrayList<>();
        targets.own()
                .forEach((org, byPriority) ->
                        byPriority.forEach((priority, t) -> own.add(org.value() + " " + priority + " " + words(t))));
        targets.zones()
                .forEach((zone, byPriority) -> byPriority.forEach(
                        (priority, t) -> own.add("zone " + zone.value() + " " + priority + " " + words(t))));
        return "the national standards for the ambulance service"
                + (own.isEmpty() ? "" : "; " + String.join(", ", own))
                + (own.isEmpty()
                        ? "; none for the forces and the fire service (the scenario sets none)"
                        : "; none where the scenario sets none");
    }

    /** " (and by agency on top: police 2x)": the scenario's scales of one agency's calls, in words; empty if none. */
    public String agencyScalesInWords() {
        if (scenario.agencyScale().isEmpty()) return "";
        List<String> each = new ArrayList<>();
        scenario.agencyScale().forEach((a, f) -> each.add(a.name().toLowerCase(Locale.ROOT) + " " + number(f) + "x"));
        return " (and by agency on top: " + String.join(", ", each) + ")";
    }

    private static String words(ResponseTargets.Target t) {
        List<String> parts = new ArrayList<>();
        t.mean().ifPresent(m -> parts.add("mean " + minutes(m)));
        t.p90().ifPresent(p -> parts.add("p90 " + minutes(p)));
        return String.join(" ", parts);
    }

    private static String minutes(Duration d) {
        if (d.toSeconds() % 3600 == 0) return d.toHours() + "h";
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
