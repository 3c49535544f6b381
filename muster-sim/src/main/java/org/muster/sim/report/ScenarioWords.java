package org.muster.sim.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.organisation.ZoneId;
import org.muster.sim.des.AidPolicy;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.Shock;
import org.muster.sim.des.ShockPlan;

/**
 * What a scenario plays, as sentences a planner reads before the table of every parameter: each shock with
 * its time from the start and how long it lasts, each mutual aid policy, and the policies compared. The
 * table below it ({@link ParameterWords}) still shows every field, so a new key shows without a change here.
 */
final class ScenarioWords {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private ScenarioWords() {}

    /** The sentences, in the order the file gives its shocks and policies, zones by their ids alone. */
    static List<String> of(Scenario s) {
        return of(s, Map.of());
    }

    /** As {@link #of(Scenario)}, each zone named beside its id: "WSP-01 (Larkwich District)". */
    static List<String> of(Scenario s, Map<ZoneId, String> names) {
        List<String> out = new ArrayList<>();
        out.add(demand(s));
        for (Shock shock : s.plan().shocks()) out.add(shock(s.start(), shock, names));
        for (AidPolicy a : s.plan().aid()) out.add(aid(a));
        out.add(policies(s.plan()));
        return out;
    }

    private static String demand(Scenario s) {
        if (!s.replay().isEmpty())
            return "Calls: " + s.replay().size() + " recorded calls replayed"
                    + (s.demandScale() == 1 ? "" : ", each counting " + number(s.demandScale()) + " times") + ".";
        if (!s.calls().isEmpty()) return "Calls: " + s.calls().size() + " constant streams at fixed places.";
        String agencies = s.agencyScale().entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "'s " + number(e.getValue()) + " times")
                .collect(Collectors.joining(", "));
        return "Calls: the region's demand model at "
                + (s.demandScale() == 1 ? "its own rates" : number(s.demandScale()) + " times its rates")
                + (agencies.isEmpty() ? "" : " (and " + agencies + " on top)") + ", over "
                + ParameterWords.duration(s.duration()) + " from " + WHEN.format(s.start()) + ".";
    }

    private static String shock(Instant start, Shock shock, Map<ZoneId, String> names) {
        Duration in = Duration.between(start, shock.at());
        String when = " from " + WHEN.format(shock.at()) + " ("
                + (in.isZero() ? "the start" : ParameterWords.duration(in) + " in") + ") for "
                + ParameterWords.duration(shock.lasting()) + ".";
        return switch (shock) {
            case Shock.WithdrawPeople p ->
                p.mode() == WithdrawalMode.SKILL
                        ? p.organisation().value() + ": " + percent(p.share()) + " of its people holding "
                                + p.skill().orElseThrow() + " hand it in (they stay on duty without it)" + when
                        : p.organisation().value() + ": " + percent(p.share()) + " of its people"
                                + p.skill().map(k -> " holding " + k).orElse("") + " step back from duty" + when;
            case Shock.WithdrawUnits u ->
                u.organisation().value() + ": " + percent(u.share()) + " of its "
                        + u.type().map(Enum::name).orElse("units") + " taken off the road (those on a call finish it)"
                        + when;
            case Shock.SetLevel l ->
                (l.zones().size() == 1 ? "Zone " : "Zones ") + String.join(", ", zones(l.zones(), names))
                        + " set to " + l.level()
                        + l.clearance()
                                .map(c ->
                                        ", each call cleared to go in " + ParameterWords.duration(c) + " after it came")
                                .orElse("")
                        + when;
            case Shock.Surge g -> {
                List<String> kinds = new ArrayList<>();
                if (!g.types().isEmpty()) kinds.add(String.join(", ", names(g.types())) + " calls");
                if (!g.categories().isEmpty()) kinds.add(String.join(", ", names(g.categories())) + " calls");
                yield String.join(" and ", kinds) + " come " + number(g.factor()) + " times as often"
                        + (g.zones().isEmpty() ? " everywhere" : " in " + String.join(", ", zones(g.zones(), names)))
                        + when;
            }
            default -> shock.getClass().getSimpleName() + ": " + ParameterWords.of(shock) + ".";
        };
    }

    private static String aid(AidPolicy a) {
        List<String> when = new ArrayList<>();
        if (a.queued() > 0) when.add(a.queued() + " calls wait past the control room's handling time in one district");
        a.capacity()
                .ifPresent(c -> when.add(
                        c == org.muster.engine.capacity.Colour.NONE
                                ? "a zone reads NONE (none of a kind of unit left) on the capacity board"
                                : "a zone reads " + c + " or worse on the capacity board"));
        String declining = a.declines().isEmpty()
                ? "each lends what it can spare"
                : String.join(" and ", names(a.declines()))
                        + (a.declines().size() == 1 ? " declines" : " decline")
                        + (a.declines().size() == a.asks().size() ? "" : "; the others lend what they can spare");
        return "Mutual aid: " + a.requester().value() + " asks " + String.join(" and ", names(a.asks())) + " for "
                + need(a.need()) + ", to keep for " + ParameterWords.duration(a.lending()) + ", when "
                + String.join(" or ", when) + "; " + declining + ", answering "
                + ParameterWords.duration(a.answerAfter()) + " after the request.";
    }

    private static String need(AidNeed n) {
        return n.count() + " "
                + n.unitType()
                        .map(Enum::name)
                        .orElseGet(() -> "officers holding " + n.skill().orElseThrow());
    }

    private static String policies(ShockPlan p) {
        return "Policies: escort agreements " + (p.escortAgreements() ? "on" : "off") + ", cross-border cover "
                + (p.cover() ? "on" : "off") + ", move-up " + (p.moveUp() ? "on" : "off") + "; dispatch to the "
                + p.dispatch().rule().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " unit, diversion "
                + (p.dispatch().diversion() ? "on" : "off")
                + (p.dispatch().heldForTop() > 0
                        ? ", " + p.dispatch().heldForTop() + " cars held for the most urgent calls"
                        : "")
                + ".";
    }

    private static List<String> zones(Collection<ZoneId> zones, Map<ZoneId, String> names) {
        return zones.stream()
                .map(z -> names.containsKey(z) ? z.value() + " (" + names.get(z) + ")" : z.value())
                .toList();
    }

    private static List<String> names(Collection<?> values) {
        return values.stream()
                .map(v -> v instanceof Enum<?> e ? e.name() : String.valueOf(v))
                .toList();
    }

    private static String percent(double share) {
        return number(share * 100) + " %";
    }

    private static String number(double x) {
        return x == Math.rint(x)
                ? Long.toString((long) x)
                : String.format(Locale.ROOT, "%.4g", x).replaceAll("\\.?0+$", "");
    }
}
