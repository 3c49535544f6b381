package org.muster.engine.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.alert.Alert;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;

/**
 * Crews at a closed zone's rendezvous point waiting for tactical clearance nobody has given. A call in a closed
 * zone keeps its crews at the rendezvous point until a supervisor of its own service grants clearance (or the
 * zone reopens); with its crews assigned it has left the dispatch queue, and a unit there has no status limit
 * (lent units stand by at rendezvous points for hours), so without this nobody hears that they wait. Each
 * closed zone with calls whose crews have waited so for longer than {@link #LONGEST_WAIT} has an alert,
 * addressed to the service whose calls they are (its supervisor grants clearance, call by call, or reopens the
 * zone) and to the police forces whose ground the calls are on (whose word that the scene is safe clearance
 * usually waits for). It names the calls, how long each has waited and who can clear them; it stands while any
 * waits so, and is resolved when none does.
 *
 * <p>One alert per zone, not per call: a closed zone is one situation with one conversation between the
 * service and the police, and five calls waiting behind one firearms incident should read as one line, not
 * five. When another call's crews pass the limit the alert is raised again naming every call that waits
 * (replacing the one before, so it is open again even if it was acknowledged or dismissed: another crew
 * waiting is news); a call cleared changes nothing until none waits.
 */
public final class ClearanceWatch implements AlertSource {
    static final String KIND = "clearance-wait";
    static final String KEY = KIND + ":";
    /**
     * How long crews may wait at the rendezvous point before a supervisor should hear of it: a control room's
     * quarter hour, as long as a crew may stand off for an escort ({@link EscortWatch#LONGEST_STAND_OFF}).
     */
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** At most this many calls are named in the summary (every one is in the evidence). */
    private static final int NAMED = 6;

    private final Rules.ZoneLocator zones;

    public ClearanceWatch(Rules.ZoneLocator zones) {
        this.zones = Check.present("zones", zones);
    }

    /** One call whose crews wait at the rendezvous point, since when, which crews, in which closed zone. */
    private record Waiting(Incident incident, Instant since, List<Unit> crews, Optional<Zone> zone) {}

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        Map<String, List<Waiting>> byKey = new TreeMap<>();
        for (Incident i : state.listOpenIncidents()) {
            Optional<Instant> since = waitingSince(state, i);
            if (since.isEmpty() || Duration.between(since.get(), now).compareTo(LONGEST_WAIT) < 0) continue;
            List<Unit> crews = crewsWaiting(state, i);
            Optional<Zone> zone = closedZone(state, i);
            // a call awaiting clearance in no closed zone now (its zone's outline changed) is still not dropped
            String key =
                    KEY + zone.map(z -> z.id().value()).orElse(i.organisation().value());
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Waiting(i, since.get(), crews, zone));
        }
        List<Condition> out = new ArrayList<>();
        byKey.forEach((key, calls) -> out.add(condition(state, key, calls, now)));
        return out;
    }

    /**
     * Since when the incident's crews have waited at the rendezvous point for clearance: it awaits tactical
     * clearance, and units assigned to it stand at the rendezvous point ({@code AT_RENDEZVOUS}); counted from
     * the first of them to get there. Empty when it is not so: cleared, or its crews not there yet (a call with
     * none is in the dispatch queue).
     */
    public static Optional<Instant> waitingSince(MusterState state, Incident i) {
        if (i.clearance() != Clearance.AWAITING) return Optional.empty();
        return crewsWaiting(state, i).stream().map(Unit::statusSince).min(Comparator.naturalOrder());
    }

    private static List<Unit> crewsWaiting(MusterState state, Incident i) {
        List<Unit> out = new ArrayList<>();
        for (Assignment a : i.assignments()) {
            state.findUnit(a.unit())
                    .filter(u -> u.status() == UnitStatus.AT_RENDEZVOUS)
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The closed zone of the incident's own organisation that holds it (the innermost when several do). */
    private Optional<Zone> closedZone(MusterState state, Incident i) {
        return Tasking.bindingZones(state, i.organisation(), i.location(), zones).stream()
                .filter(z -> z.operatingLevel() == OperatingLevel.CLOSED)
                .max(Comparator.comparing((Zone z) -> z.parent().isPresent())
                        .thenComparing(z -> z.id().value(), Comparator.reverseOrder()));
    }

    private Condition condition(MusterState state, String key, List<Waiting> calls, Instant now) {
        calls.sort(Comparator.comparing(Waiting::since)
                .thenComparing(w -> w.incident().id()));
        Waiting longest = calls.getFirst();
        OrganisationId service = longest.incident().organisation();
        // the forces whose ground the calls are on: the ones to ask whether it is safe to go in
        SortedSet<OrganisationId> police = new TreeSet<>();
        for (Waiting w : calls)
            police.addAll(Tasking.policeForcesAt(state, w.incident().location(), zones));
        SortedSet<OrganisationId> to = new TreeSet<>(police);
        to.add(service);
        SortedSet<String> ids =
                calls.stream().map(w -> w.incident().id().value()).collect(Collectors.toCollection(TreeSet::new));
        String incidents = String.join(" ", ids);
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("zone", longest.zone().map(z -> z.id().value()).orElse("none"));
        evidence.put("calls", Integer.toString(calls.size()));
        evidence.put("incidents", incidents);
        evidence.put("longest_since", longest.since().toString());
        evidence.put(
                "crews",
                calls.stream()
                        .flatMap(w -> w.crews().stream())
                        .map(u -> u.callsign().value())
                        .collect(Collectors.joining(" ")));
        evidence.put("clearance_by", service.value());
        evidence.put(
                "police",
                police.isEmpty()
                        ? "none"
                        : police.stream().map(OrganisationId::value).collect(Collectors.joining(" ")));

        // the alert that stands for these calls already, if one names every one of them: it stays as it is
        Optional<Alert> standing = standing(state, key).filter(a -> namedIn(a).containsAll(ids));
        if (standing.isPresent()) {
            Alert a = standing.get();
            return new Condition(
                    a.id(),
                    KIND,
                    key,
                    a.evidence().get("state"),
                    to,
                    summary(state, calls, service, police, now),
                    evidence,
                    Optional.empty());
        }
        // a new set of calls: a new alert, its id the same after a restart that sees the same calls waiting
        String occurrence = digest(incidents + "@" + longest.since());
        return new Condition(
                AlertSource.idOf(key, occurrence),
                KIND,
                key,
                "waiting " + calls.size() + " #" + occurrence,
                to,
                summary(state, calls, service, police, now),
                evidence,
                Optional.empty());
    }

    /** The key's alert not yet resolved, the active one first, else the newest (one a supervisor dismissed). */
    private static Optional<Alert> standing(MusterState state, String key) {
        return state.alerts().values().stream()
                .filter(a -> a.key().equals(key) && !a.isOver())
                .filter(a -> a.evidence().containsKey("state"))
                .max(Comparator.comparing((Alert a) -> a.status().isActive())
                        .thenComparing(Alert::raisedAt)
                        .thenComparing(a -> a.id().value()));
    }

    private static Set<String> namedIn(Alert a) {
        String named = a.evidence().getOrDefault("incidents", "");
        return named.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(named.split(" ")));
    }

    /**
     * In words: the calls and how long each has waited, the longest first, and who can clear them; as many calls
     * named as fit in an alert's summary (every one is in the evidence).
     */
    private String summary(
            MusterState state,
            List<Waiting> calls,
            OrganisationId service,
            SortedSet<OrganisationId> police,
            Instant now) {
        String s = "";
        for (int n = Math.min(NAMED, calls.size()); n >= 0; n--) {
            s = summary(state, calls, service, police, now, n);
            if (s.length() <= Check.MAX_TEXT) return s;
        }
        return s.substring(0, Check.MAX_TEXT);
    }

    private String summary(
            MusterState state,
            List<Waiting> calls,
            OrganisationId service,
            SortedSet<OrganisationId> police,
            Instant now,
            int named) {
        Waiting longest = calls.getFirst();
        String where = longest.zone()
                .map(z -> "closed zone " + z.name() + " (" + z.id().value() + ")")
                .orElse("a closed zone");
        String names = calls.stream()
                .limit(named)
                .map(w -> w.incident().id().value() + " (" + minutes(Duration.between(w.since(), now)) + ")")
                .collect(Collectors.joining(", "));
        if (named == 0) names = "each is in the evidence";
        else if (calls.size() > named) names += " and " + (calls.size() - named) + " more";
        return (calls.size() == 1 ? "A call" : calls.size() + " calls") + " of " + name(service, state) + " in "
                + where + " " + (calls.size() == 1 ? "has had its crew" : "have had their crews")
                + " waiting at the rendezvous point for tactical clearance for over " + LONGEST_WAIT.toMinutes()
                + " min: " + names + ". Clearance is " + service.value()
                + "'s to give: its supervisor grants it call by call, or reopens the zone"
                + (police.isEmpty()
                        ? ""
                        : "; ask " + police.stream().map(OrganisationId::value).collect(Collectors.joining(", "))
                                + ", whose ground it is, whether it is safe to go in");
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        return "no call in " + alert.key().substring(KEY.length())
                + " has crews waiting at the rendezvous point for clearance";
    }

    private static String name(OrganisationId org, MusterState state) {
        return state.findOrganisation(org).map(Organisation::name).orElse(org.value());
    }

    /** Twelve hex digits of the SHA-256 of the text: an alert id's tail that the same calls give again. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "47 min", "1 h 34 min". */
    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }
}
