package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.alert.Alert;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;

/**
 * Crews standing off for a police escort nobody has sent. In an escort-required zone an ambulance or fire crew
 * waits at the scene until its escort is there; when no force has a car free, or none has agreed to escort,
 * the queue shows the call as short of an escort and the crew waits on. Each zone with calls whose crews have
 * waited so for longer than {@link #LONGEST_STAND_OFF} has an alert, addressed to the service whose calls they
 * are and to the police forces that could send escorts (those agreed to escort for it, and those whose zones
 * the calls lie in): ask a force for escorts, agree one, or review the zone's level. It stands while calls
 * wait so, and is resolved when none does.
 */
public final class EscortWatch implements AlertSource {
    static final String KIND = "escort-wait";
    static final String KEY = KIND + ":";
    /** How long a crew may stand off before a supervisor should hear of it: a control room's quarter hour. */
    public static final Duration LONGEST_STAND_OFF = Duration.ofMinutes(15);

    private final Rules.ZoneLocator zones;

    public EscortWatch(Rules.ZoneLocator zones) {
        this.zones = Check.present("zones", zones);
    }

    /** One call whose crews stand off, since when, in its escort-required zone. */
    private record Standing(Incident incident, Instant since, Zone zone) {}

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        List<Condition> out = new ArrayList<>();
        standingByZone(state, now).forEach((zone, calls) -> out.add(condition(state, calls, now)));
        return out;
    }

    /** The calls whose crews have stood off longer than {@link #LONGEST_STAND_OFF}, by escort-required zone. */
    private Map<ZoneId, List<Standing>> standingByZone(MusterState state, Instant now) {
        Map<ZoneId, List<Standing>> byZone = new TreeMap<>();
        for (Incident i : state.listOpenIncidents()) {
            Optional<Instant> since = standingOffSince(state, i, zones);
            if (since.isEmpty() || Duration.between(since.get(), now).compareTo(LONGEST_STAND_OFF) < 0) continue;
            Zone zone = Tasking.escortZone(state, i, zones).orElseThrow();
            byZone.computeIfAbsent(zone.id(), z -> new ArrayList<>()).add(new Standing(i, since.get(), zone));
        }
        byZone.values()
                .forEach(calls -> calls.sort(Comparator.comparing(Standing::since)
                        .thenComparing(s -> s.incident().id())));
        return byZone;
    }

    /**
     * The alert keeps the calls of when it was raised, one alert while any call in the zone stands off; this says
     * how many stand off now and which, so that a supervisor reading it an hour on does not read one call where
     * there are nineteen, nor a call long since escorted.
     */
    @Override
    public Optional<String> standingNow(Alert alert, MusterState state, Instant now) {
        if (!owns(alert.key())) return Optional.empty();
        ZoneId zone = ZoneId.of(alert.key().substring(KEY.length()));
        List<Standing> calls = standingByZone(state, now).getOrDefault(zone, List.of());
        if (calls.isEmpty()) {
            return Optional.of("Now no call in " + zone.value() + " has waited over " + LONGEST_STAND_OFF.toMinutes()
                    + " min for an escort.");
        }
        Standing longest = calls.getFirst();
        return Optional.of("Now " + (calls.size() == 1 ? "1 call waits" : calls.size() + " calls wait")
                + " for an escort, the longest " + minutes(Duration.between(longest.since(), now)) + ": "
                + calls.stream().map(s -> s.incident().id().value()).collect(Collectors.joining(" ")) + ".");
    }

    /**
     * Since when an incident's crews have stood off for an escort nobody has sent: crews of its own service
     * assigned to a call in an escort-required zone and not there yet, and no escort assigned (the dispatch
     * queue's rule, {@link DispatchQueue#needsUnits}); counted from the first such crew's assignment, or from
     * when the zone came to require an escort if that was later. A crew already on scene when the zone was
     * raised stands off for nothing. Empty when it is not so.
     */
    public static Optional<Instant> standingOffSince(MusterState state, Incident i, Rules.ZoneLocator zones) {
        Optional<Instant> first = Optional.empty();
        for (Assignment a : i.assignments()) {
            if (a.role() == AssignmentRole.ESCORT) return Optional.empty();
            if (a.arrivedAt().isPresent()) continue;
            if (first.isEmpty() || a.assignedAt().isBefore(first.get())) first = Optional.of(a.assignedAt());
        }
        if (first.isEmpty() || !DispatchQueue.needsUnits(state, i, zones)) return Optional.empty();
        Optional<Zone> zone = Tasking.escortZone(state, i, zones);
        if (zone.isEmpty()) return Optional.empty();
        Instant since = first.get();
        Optional<Instant> raised = zone.get().level().since();
        return Optional.of(raised.filter(r -> r.isAfter(since)).orElse(since));
    }

    private Condition condition(MusterState state, List<Standing> calls, Instant now) {
        Standing longest = calls.getFirst();
        Zone zone = longest.zone();
        OrganisationId service = zone.organisation();
        SortedSet<OrganisationId> forces = new TreeSet<>();
        for (Organisation o : state.organisations().values()) {
            if (o.agency() == Agency.POLICE && o.escortsFor(service)) forces.add(o.id());
        }
        SortedSet<OrganisationId> agreed = new TreeSet<>(forces);
        // the forces whose ground the calls are on, agreed or not: the ones to ask
        for (Standing s : calls)
            forces.addAll(Tasking.policeForcesAt(state, s.incident().location(), zones));
        SortedSet<OrganisationId> to = new TreeSet<>(forces);
        to.add(service);
        String incidents = calls.stream().map(s -> s.incident().id().value()).collect(Collectors.joining(" "));
        Duration waited = Duration.between(longest.since(), now);
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("zone", zone.id().value());
        evidence.put("calls", Integer.toString(calls.size()));
        evidence.put("incidents", incidents);
        evidence.put("longest_since", longest.since().toString());
        evidence.put(
                "escort_agreements",
                agreed.isEmpty()
                        ? "none"
                        : agreed.stream().map(OrganisationId::value).collect(Collectors.joining(" ")));
        String key = KEY + zone.id().value();
        String summary = (calls.size() == 1 ? "A call" : calls.size() + " calls") + " of "
                + name(service, state) + " in " + zone.name() + " (" + zone.id().value() + ") "
                + (calls.size() == 1 ? "has" : "have") + " waited over " + LONGEST_STAND_OFF.toMinutes()
                + " min for a police escort nobody has sent: the crews stand off (the longest since "
                + longest.since().truncatedTo(ChronoUnit.SECONDS) + ", " + minutes(waited) + "). "
                + (agreed.isEmpty()
                        ? "No force has agreed to escort for " + service.value() + ": agree one, or ask for escorts"
                        : "Forces agreed to escort: "
                                + agreed.stream().map(OrganisationId::value).collect(Collectors.joining(", "))
                                + "; none has a car free: ask for escorts")
                + " (mutual aid), or review the zone's level";
        return new Condition(
                // one alert while calls stand off in the zone, whichever they are; a new one after it is resolved
                AlertSource.idOf(key, longest.incident().id().value()),
                KIND,
                key,
                "standing off",
                to,
                summary,
                evidence,
                Optional.empty());
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        return "no call in " + alert.key().substring(KEY.length()) + " waits for an escort nobody has sent";
    }

    private static String name(OrganisationId org, MusterState state) {
        return state.findOrganisation(org).map(Organisation::name).orElse(org.value());
    }

    /** "47 min", "1 h 34 min". */
    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }
}
