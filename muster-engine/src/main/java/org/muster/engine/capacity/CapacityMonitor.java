package org.muster.engine.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.muster.domain.Sorted;
import org.muster.domain.Words;
import org.muster.domain.alert.Alert;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;

/**
 * Capacity and status limits as alerts: a zone or an organisation that is not green (amber, red, or with no
 * units available) has an alert addressed to its organisation, replaced as its colour changes and resolved
 * when it is green again; a unit past its status's time limit (a crew at hospital past a 45-minute
 * handover) has one addressed to the organisation it works for and its home, resolved when it leaves the
 * status. The {@link org.muster.engine.warning.AlertRaiser} puts them in the log.
 */
public final class CapacityMonitor implements AlertSource {
    static final String ZONE_KEY = "capacity:zone:";
    static final String ORGANISATION_KEY = "capacity:org:";
    static final String STATUS_KEY = "status-limit:";

    private final CapacityBoard board;
    private final AtomicReference<CapacityBoard.Snapshot> current = new AtomicReference<>();

    public CapacityMonitor(CapacityBoard board) {
        this.board = board;
    }

    /** The board as of the last look, if there has been one. */
    public Optional<CapacityBoard.Snapshot> current() {
        return Optional.ofNullable(current.get());
    }

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        CapacityBoard.Snapshot snapshot = board.compute(state);
        current.set(snapshot);
        List<Condition> out = new ArrayList<>();
        for (CapacityBoard.ZoneCapacity z : snapshot.zones()) {
            if (z.colour() != Colour.GREEN) out.add(zoneCondition(z, snapshot, state));
        }
        snapshot.organisations().forEach((org, colour) -> {
            if (colour != Colour.GREEN) out.add(organisationCondition(org, colour, snapshot, state));
        });
        for (CapacityBoard.Overdue o : board.listOverdue(state, now)) out.add(overdueCondition(o, state));
        return out;
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(ZONE_KEY, ORGANISATION_KEY, STATUS_KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        String key = alert.key();
        if (key.startsWith(ZONE_KEY)) {
            String zone = key.substring(ZONE_KEY.length());
            return "Zone "
                    + state.findZone(org.muster.domain.organisation.ZoneId.of(zone))
                            .map(z -> z.name() + " (" + zone + ")")
                            .orElse(zone)
                    + " is green again: every safe minimum met";
        }
        if (key.startsWith(ORGANISATION_KEY)) {
            return organisationName(OrganisationId.of(key.substring(ORGANISATION_KEY.length())), state)
                    + " is green again: every zone meets its safe minimums";
        }
        String callsign = alert.evidence().getOrDefault("callsign", key.substring(STATUS_KEY.length()));
        return callsign + " is no longer " + alert.evidence().getOrDefault("status", "in that status");
    }

    private static Condition zoneCondition(
            CapacityBoard.ZoneCapacity z, CapacityBoard.Snapshot snapshot, MusterState state) {
        String name =
                state.findZone(z.zone()).map(x -> x.name()).orElse(z.zone().value());
        SortedMap<String, String> evidence = new TreeMap<>();
        for (CapacityBoard.Line line : z.lines())
            evidence.put(words(line.type()), line.available() + " available, safe minimum " + line.minimum());
        String key = ZONE_KEY + z.zone().value();
        String summary = "Zone " + name + " (" + z.zone().value() + ") " + standing(z);
        // a zone covered by design from another stands as its cover does: say where the shortage is
        Optional<CapacityBoard.ZoneCapacity> cover = z.coveredFrom().flatMap(snapshot::findZone);
        if (cover.isPresent() && cover.get().colour() == z.colour()) {
            CapacityBoard.ZoneCapacity c = cover.get();
            String coverName =
                    state.findZone(c.zone()).map(x -> x.name()).orElse(c.zone().value());
            summary += ", as the zone it is covered from: " + coverName + " ("
                    + c.zone().value() + ") " + standing(c);
            evidence.put("covered_from", c.zone().value());
        }
        return new Condition(
                AlertSource.idOf(key, colourWord(z.colour()) + "." + state.sequence()),
                "capacity",
                key,
                colourWord(z.colour()),
                Sorted.setOf(List.of(z.organisation())),
                summary,
                evidence,
                Optional.empty());
    }

    private static Condition organisationCondition(
            OrganisationId org, Colour colour, CapacityBoard.Snapshot snapshot, MusterState state) {
        Standing standing = standingOf(org, colour, snapshot);
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("zones", Integer.toString(standing.zones()));
        evidence.put("zones_not_green", Integer.toString(standing.notGreen()));
        evidence.put("worst_zones", String.join(" ", standing.worst()));
        String key = ORGANISATION_KEY + org.value();
        return new Condition(
                AlertSource.idOf(key, colourWord(colour) + "." + state.sequence()),
                "capacity",
                key,
                colourWord(colour),
                Sorted.setOf(List.of(org)),
                organisationName(org, state) + " " + standing.words(),
                evidence,
                Optional.empty());
    }

    /** An organisation's zones counted, its worst ones, and where it stands in words. */
    private record Standing(int zones, int notGreen, List<String> worst, String words) {}

    /**
     * Where an organisation of {@code colour} stands, as its alert says it: "is red: 4 of 4 zones not green (2 red,
     * 2 amber); red in WSP-01, WSP-AREA", or "is green". The capacity board sends it with each organisation.
     */
    public static String standing(OrganisationId org, Colour colour, CapacityBoard.Snapshot snapshot) {
        return standingOf(org, colour, snapshot).words();
    }

    /**
     * Where the zone or organisation a capacity alert is about ({@code capacity:zone:WSP-01}, {@code
     * capacity:org:WSP}) stands on {@code snapshot}, in the alert's words; empty for any other alert. An alert
     * keeps the figures of when it was raised: this is the same place now.
     */
    public static Optional<String> standingNow(String alertKey, CapacityBoard.Snapshot snapshot) {
        if (alertKey.startsWith(ZONE_KEY))
            return snapshot.findZone(ZoneId.of(alertKey.substring(ZONE_KEY.length())))
                    .map(CapacityMonitor::standing);
        if (alertKey.startsWith(ORGANISATION_KEY)) {
            OrganisationId org = OrganisationId.of(alertKey.substring(ORGANISATION_KEY.length()));
            return Optional.of(standing(org, snapshot.colourOf(org), snapshot));
        }
        return Optional.empty();
    }

    private static Standing standingOf(OrganisationId org, Colour colour, CapacityBoard.Snapshot snapshot) {
        List<String> worst = new ArrayList<>();
        int notGreen = 0;
        int zones = 0;
        Map<Colour, Integer> byColour = new java.util.EnumMap<>(Colour.class);
        for (CapacityBoard.ZoneCapacity z : snapshot.zones()) {
            if (!z.organisation().equals(org)) continue;
            zones++;
            if (z.colour() != Colour.GREEN) notGreen++;
            byColour.merge(z.colour(), 1, Integer::sum);
            if (z.colour() == colour) worst.add(z.zone().value());
        }
        if (zones == 0) return new Standing(zones, notGreen, worst, "has no zones");
        if (colour == Colour.GREEN) return new Standing(zones, notGreen, worst, "is green");
        // amber is at (or just above) a minimum, not short of it: say how many of each colour
        List<String> counts = new ArrayList<>();
        if (byColour.containsKey(Colour.RED)) counts.add(byColour.get(Colour.RED) + " red");
        if (byColour.containsKey(Colour.AMBER)) counts.add(byColour.get(Colour.AMBER) + " amber");
        if (byColour.containsKey(Colour.NONE)) counts.add(byColour.get(Colour.NONE) + " with none of a type");
        // "has no units available" would be false of a service with units elsewhere: say where it is out
        String how = colour == Colour.NONE ? "has zones with no units of a type they need" : colourWords(colour);
        String worstWords = colour == Colour.NONE ? "none available" : colourWord(colour);
        String words = how + ": " + notGreen + " of " + zones + " zones not green (" + String.join(", ", counts) + "); "
                + worstWords + " in " + String.join(", ", worst);
        return new Standing(zones, notGreen, worst, words);
    }

    private static Condition overdueCondition(CapacityBoard.Overdue o, MusterState state) {
        Unit u = o.unit();
        String status = Words.of(u.status());
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("unit", u.id().value());
        evidence.put("callsign", u.callsign().value());
        evidence.put("status", status);
        evidence.put("since", u.statusSince().toString());
        evidence.put("limit", minutes(o.limit()));
        SortedSet<OrganisationId> to = new TreeSet<>(List.of(u.workingFor(), u.organisation()));
        String key = STATUS_KEY + u.id().value();
        String summary = u.callsign().value() + " has been " + status + " for " + minutes(o.inStatus())
                + ", past the limit of " + minutes(o.limit());
        return new Condition(
                AlertSource.idOf(key, u.statusSince().getEpochSecond() + ""),
                "status-limit",
                key,
                u.status().name() + " since " + u.statusSince(),
                to,
                summary,
                evidence,
                Optional.empty());
    }

    private static String organisationName(OrganisationId org, MusterState state) {
        return state.findOrganisation(org)
                .map(o -> o.name() + " (" + org.value() + ")")
                .orElse(org.value());
    }

    static String colourWord(Colour colour) {
        return colour == Colour.NONE ? "no-units" : colour.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where a zone stands, as its alert says it: "is red: 2 armed response vehicles available, safe minimum 4",
     * "has no double crewed ambulances available: ...", "is green". The capacity board sends it with each zone, so
     * an alert raised hours ago can be read beside the zone now.
     */
    public static String standing(CapacityBoard.ZoneCapacity z) {
        List<String> short_ = new ArrayList<>();
        for (CapacityBoard.Line line : z.lines())
            if (line.colour() != Colour.GREEN && line.minimum() > 0)
                short_.add(available(line.available(), line.type()) + " available, safe minimum " + line.minimum());
        return zoneColourWords(z) + (short_.isEmpty() ? "" : ": " + String.join("; ", short_));
    }

    /** "is red", or for "no units available" the types there are none of, when others are still there. */
    private static String zoneColourWords(CapacityBoard.ZoneCapacity z) {
        if (z.outOf().isEmpty()) return colourWords(z.colour());
        List<String> none = z.outOf().stream().map(type -> words(type) + "s").toList();
        return "has no " + String.join(" or ", none) + " available";
    }

    private static String colourWords(Colour colour) {
        return colour == Colour.NONE
                ? "has no units available"
                : "is " + colour.name().toLowerCase(Locale.ROOT);
    }

    static String words(UnitType type) {
        return Words.of(type);
    }

    private static String available(int n, UnitType type) {
        return n + " " + words(type) + (n == 1 ? "" : "s");
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m + (m == 1 ? " minute" : " minutes");
    }
}
