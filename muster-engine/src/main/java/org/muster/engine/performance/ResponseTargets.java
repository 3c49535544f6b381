package org.muster.engine.performance;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * Response-time targets per priority: a mean and a 90th centile, either optional, each saying whose it is.
 * An organisation's own replace the national ones, and a zone's own replace its organisation's within the zone.
 *
 * <p>The only national standards are the ambulance ones of the Ambulance Response Programme (DESIGN.md's
 * reference numbers): C1 mean 7 min and 90th centile 15; C2 18 and 40; C3 and C4 90th centiles 120 and 180
 * min. Police forces and fire services have no national response-time target in force in England: each sets
 * its own. So a police or fire priority has a target only when the organisation's own is configured ({@code
 * muster.targets.<ORG>.<PRIORITY>=15m}, or a scenario's {@code targets}), and none otherwise; an ambulance
 * service may configure its own in place of the national one. The Home Office's announced police standard,
 * emergencies within 15 minutes in towns and 20 in the country, is per kind of place: a rural zone is given its
 * own ({@code muster.zone-targets.<ZONE>.<PRIORITY>=20m}, or a scenario's {@code zoneTargets}), which its
 * figures and breaches are judged against; the organisation's figures over all its zones keep its own.
 *
 * @param national the national standards, by priority
 * @param own organisations' own targets, by organisation and priority
 * @param zones zones' own targets, by zone and priority
 */
public record ResponseTargets(
        Map<Priority, Target> national,
        Map<OrganisationId, Map<Priority, Target>> own,
        Map<ZoneId, Map<Priority, Target>> zones,
        ClockStop clockStop) {
    /** Whose target a priority is measured against. */
    public enum Source {
        /** A national standard (the ambulance ARP). */
        NATIONAL,
        /** The organisation's own, from its configuration. */
        ORGANISATION,
        /** The zone's own, from its configuration: within the zone, in place of its organisation's. */
        ZONE,
        /** No target: none national, none configured. */
        NONE
    }

    /** One priority's target. */
    public record Target(Optional<Duration> mean, Optional<Duration> p90, Source source) {
        public static final Target NONE = new Target(Optional.empty(), Optional.empty(), Source.NONE);

        public Target {
            Check.present("mean", mean);
            Check.present("p90", p90);
            Check.present("source", source);
        }

        static Target national(Integer meanMinutes, Integer p90Minutes) {
            return new Target(
                    Optional.ofNullable(meanMinutes).map(Duration::ofMinutes),
                    Optional.ofNullable(p90Minutes).map(Duration::ofMinutes),
                    Source.NATIONAL);
        }

        /**
         * An organisation's own target as written in its configuration or a scenario: a 90th centile alone
         * ({@code 15m}, {@code 1h}, {@code PT15M}) or both parts ({@code mean 7m, p90 15m}).
         *
         * @param field names the setting in the error
         * @throws InvalidInputException naming {@code field} and the text when it is neither
         */
        public static Target parse(String field, String text) {
            Check.present(field, text);
            Optional<Duration> mean = Optional.empty();
            Optional<Duration> p90 = Optional.empty();
            for (String part : text.split(",")) {
                String[] words = part.strip().split("\\s+");
                if (words.length == 1 && !words[0].isEmpty()) p90 = Optional.of(duration(field, words[0]));
                else if (words.length == 2 && words[0].equalsIgnoreCase("mean"))
                    mean = Optional.of(duration(field, words[1]));
                else if (words.length == 2 && words[0].equalsIgnoreCase("p90"))
                    p90 = Optional.of(duration(field, words[1]));
                else throw InvalidInputException.of(field, text, "must be a 90th centile (15m) or 'mean 7m, p90 15m'");
            }
            return new Target(mean, p90, Source.ORGANISATION);
        }

        /**
         * The target as its configuration is written ({@code mean PT7M, p90 PT15M}, or one part alone), for
         * {@link #parse} to read back.
         */
        public String text() {
            java.util.List<String> parts = new java.util.ArrayList<>(2);
            mean.ifPresent(m -> parts.add("mean " + m));
            p90.ifPresent(p -> parts.add("p90 " + p));
            return String.join(", ", parts);
        }

        /** Whether there is anything to measure against. */
        public boolean isSet() {
            return mean.isPresent() || p90.isPresent();
        }

        /** The time a single call must be reached within: the 90th centile's, else the mean's. */
        public Optional<Duration> limit() {
            return p90.or(() -> mean);
        }
    }

    /** Which arrival stops an incident's clock. */
    public enum ClockStop {
        /**
         * The first unit that meets the incident's first requirement: the most appropriate resource; for a C1
         * call, the first that meets any of its requirements (ARP's C1 clock stops at the first responder).
         */
        MOST_APPROPRIATE,
        /** Any unit's arrival. */
        FIRST_ARRIVAL
    }

    /** The national ambulance standards, and no police or fire targets. */
    public static final ResponseTargets DEFAULTS =
            new ResponseTargets(nationalStandards(), Map.of(), Map.of(), ClockStop.MOST_APPROPRIATE);

    public ResponseTargets {
        // sorted, so that the targets read the same in every run (a report written twice is the same bytes)
        national = Collections.unmodifiableSortedMap(new TreeMap<>(Check.present("national", national)));
        own = sorted(Check.present("own", own));
        zones = sorted(Check.present("zones", zones));
        Check.present("clockStop", clockStop);
    }

    private static <K extends Comparable<K>> SortedMap<K, Map<Priority, Target>> sorted(
            Map<K, Map<Priority, Target>> targets) {
        SortedMap<K, Map<Priority, Target>> copy = new TreeMap<>();
        targets.forEach((k, byPriority) -> copy.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(byPriority))));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The organisation's own target for the priority, else the national standard, else none. */
    public Target targetFor(OrganisationId organisation, Priority priority) {
        return findOwnTarget(organisation, priority).orElseGet(() -> national.getOrDefault(priority, Target.NONE));
    }

    /** The organisation's own target for the priority, configured; empty where it sets none. */
    public Optional<Target> findOwnTarget(OrganisationId organisation, Priority priority) {
        return Optional.ofNullable(own.getOrDefault(organisation, Map.of()).get(priority));
    }

    /**
     * The target configured for the organisation's calls in {@code zone}: the zone's own for the priority, else the
     * organisation's own; empty where neither sets one. The one choice of whose target judges a zone, which {@link
     * #targetFor(ZoneId, OrganisationId, Priority)} makes for the response figures (the national standard where
     * this is empty) and coverage for the time a zone's demand must be reached within (its reference standard's).
     */
    public Optional<Target> findOwnTarget(ZoneId zone, OrganisationId organisation, Priority priority) {
        Target zones = this.zones.getOrDefault(zone, Map.of()).get(priority);
        return zones != null ? Optional.of(zones) : findOwnTarget(organisation, priority);
    }

    /**
     * The organisation's target for a priority of its own agency's; {@link Target#NONE} for any other (a police
     * force has no C1 target, however the ambulance categories' national targets read). Whoever asks which of an
     * organisation's priorities have a target asks here.
     */
    public Target targetFor(Organisation organisation, Priority priority) {
        if (!priority.appliesTo(organisation.agency())) return Target.NONE;
        return targetFor(organisation.id(), priority);
    }

    /**
     * The target the organisation's calls in {@code zone} are judged against: the zone's own for the priority,
     * else the organisation's ({@link #targetFor(OrganisationId, Priority)}).
     */
    public Target targetFor(ZoneId zone, OrganisationId organisation, Priority priority) {
        return findOwnTarget(zone, organisation, priority)
                .orElseGet(() -> national.getOrDefault(priority, Target.NONE));
    }

    /**
     * As {@link #targetFor(ZoneId, OrganisationId, Priority)}, for a priority of the organisation's own agency;
     * {@link Target#NONE} for any other. Whoever asks which priorities a zone is judged on asks here.
     */
    public Target targetFor(ZoneId zone, Organisation organisation, Priority priority) {
        if (!priority.appliesTo(organisation.agency())) return Target.NONE;
        return targetFor(zone, organisation.id(), priority);
    }

    /** These targets with the zone's own for the priority. */
    public ResponseTargets withZone(ZoneId zone, Priority priority, Target target) {
        Map<ZoneId, Map<Priority, Target>> next = new HashMap<>(zones);
        Map<Priority, Target> its = new EnumMap<>(Priority.class);
        its.putAll(zones.getOrDefault(zone, Map.of()));
        its.put(priority, new Target(target.mean(), target.p90(), Source.ZONE));
        next.put(zone, its);
        return new ResponseTargets(national, own, next, clockStop);
    }

    /** These targets with the organisation's own for the priority. */
    public ResponseTargets withOwn(OrganisationId organisation, Priority priority, Target target) {
        Map<OrganisationId, Map<Priority, Target>> next = new HashMap<>(own);
        Map<Priority, Target> mine = new EnumMap<>(Priority.class);
        mine.putAll(own.getOrDefault(organisation, Map.of()));
        mine.put(priority, target);
        next.put(organisation, mine);
        return new ResponseTargets(national, next, zones, clockStop);
    }

    /**
     * These targets with organisations' own from configuration: organisation id, then priority, then the
     * target, either a 90th centile alone ({@code 15m}, {@code 1h}, {@code PT15M}) or both parts ({@code mean
     * 7m, p90 15m}). Every bad entry is reported.
     */
    public ResponseTargets withConfigured(Map<String, Map<String, String>> configured) {
        return configured(
                configured,
                "muster.targets.",
                (out, id, priority, target) -> out.withOwn(OrganisationId.of(id), priority, target));
    }

    /**
     * These targets with zones' own from configuration ({@code muster.zone-targets.<ZONE>.<PRIORITY>}): zone id,
     * then priority, then the target, written as {@link #withConfigured}'s. Every bad entry is reported.
     */
    public ResponseTargets withConfiguredZones(Map<String, Map<String, String>> configured) {
        return configured(
                configured,
                "muster.zone-targets.",
                (out, id, priority, target) -> out.withZone(ZoneId.of(id), priority, target));
    }

    /**
     * The organisations' and zones' own targets as the service's settings write them ({@code
     * muster.targets.<ORG>.<PRIORITY>}, {@code muster.zone-targets.<ZONE>.<PRIORITY>}), sorted: a service
     * started on them judges as these do (the national standards are its own). {@code ./muster rehearse} starts the
     * demo's server on a scenario's.
     */
    public SortedMap<String, String> settings() {
        SortedMap<String, String> out = new TreeMap<>();
        own.forEach((org, byPriority) -> byPriority.forEach((priority, target) -> {
            if (target.isSet()) out.put("muster.targets." + org.value() + "." + priority, target.text());
        }));
        zones.forEach((zone, byPriority) -> byPriority.forEach((priority, target) -> {
            if (target.isSet()) out.put("muster.zone-targets." + zone.value() + "." + priority, target.text());
        }));
        return Collections.unmodifiableSortedMap(out);
    }

    private interface Setting {
        ResponseTargets with(ResponseTargets targets, String id, Priority priority, Target target);
    }

    private ResponseTargets configured(Map<String, Map<String, String>> configured, String prefix, Setting setting) {
        ResponseTargets out = this;
        Check check = Check.collecting();
        for (var org : new java.util.TreeMap<>(configured).entrySet()) {
            for (var entry : new java.util.TreeMap<>(org.getValue()).entrySet()) {
                String field = prefix + org.getKey() + "." + entry.getKey();
                Priority priority;
                try {
                    priority = Priority.valueOf(entry.getKey().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    check.add(field, entry.getKey(), "must name a priority: " + java.util.List.of(Priority.values()));
                    continue;
                }
                try {
                    out = setting.with(out, org.getKey(), priority, Target.parse(field, entry.getValue()));
                } catch (InvalidInputException e) {
                    check.addAll(e);
                }
            }
        }
        check.throwIfAny();
        return out;
    }

    private static Duration duration(String field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) d = Duration.parse(t.toUpperCase(Locale.ROOT));
            else if (t.endsWith("m")) d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            else if (t.endsWith("h")) d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            else throw new NumberFormatException(t);
            if (d.isNegative() || d.isZero()) throw new NumberFormatException(t);
            return d;
        } catch (RuntimeException e) {
            throw InvalidInputException.of(field, text, "must be a positive time such as 15m, 1h or PT15M");
        }
    }

    private static Map<Priority, Target> nationalStandards() {
        Map<Priority, Target> m = new EnumMap<>(Priority.class);
        m.put(Priority.C1, Target.national(7, 15));
        m.put(Priority.C2, Target.national(18, 40));
        m.put(Priority.C3, Target.national(null, 120));
        m.put(Priority.C4, Target.national(null, 180));
        return m;
    }
}
