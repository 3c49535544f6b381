package org.muster.engine.rules;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;

/**
 * An organisation's available units against its safe minimums, by zone and unit type; taking a unit away
 * uses up one unit of headroom in every zone of the organisation it stands in. A unit in none of them (no
 * zone geometry) is weighed against the whole organisation: its available units of the type against its
 * {@link MusterState#organisationMinimum}.
 */
public final class Headroom {
    /** A zone and type, or (no zone) the whole organisation and type. */
    private record Key(Optional<ZoneId> zone, UnitType type) {}

    private final MusterState state;
    private final OrganisationId organisation;
    private final Rules.ZoneLocator zones;
    private final Map<Key, Integer> left = new HashMap<>();

    public Headroom(MusterState state, OrganisationId organisation, Rules.ZoneLocator zones) {
        this.state = state;
        this.organisation = organisation;
        this.zones = zones;
    }

    /**
     * Takes the unit away when every minimum it counts towards allows; otherwise says which would break, an area
     * before the districts in it: a coordinator thinks first of the area, and was told only of a district when
     * both were short.
     */
    public Optional<String> take(Unit unit) {
        List<Key> keys = keysOf(unit);
        List<Key> breaking = keys.stream()
                .filter(k -> left(k) <= 0)
                .sorted(Comparator.comparingInt(this::depth))
                .toList();
        if (!breaking.isEmpty())
            return Optional.of(breaking.stream().map(this::describe).collect(Collectors.joining(", and ")));
        for (Key k : keys) left.merge(k, -1, Integer::sum);
        return Optional.empty();
    }

    /** How many zones the key's zone lies within: 0 for an area (or the whole organisation), 1 for its districts. */
    private int depth(Key k) {
        int depth = 0;
        Optional<ZoneId> parent = k.zone().flatMap(state::findZone).flatMap(Zone::parent);
        // bounded: a hierarchy is a few levels deep, and a cycle in it must not hang an offer
        while (parent.isPresent() && depth < 8) {
            depth++;
            parent = parent.flatMap(state::findZone).flatMap(Zone::parent);
        }
        return depth;
    }

    private List<Key> keysOf(Unit unit) {
        List<ZoneId> own = unit.position().map(p -> ownZonesAt(p.point())).orElse(List.of());
        if (own.isEmpty()) return List.of(new Key(Optional.empty(), unit.type()));
        return own.stream()
                .filter(z -> state.safeMinimum(z, unit.type()) > 0)
                .map(z -> new Key(Optional.of(z), unit.type()))
                .toList();
    }

    private List<ZoneId> ownZonesAt(GeoPoint point) {
        return zones.zonesAt(point).stream()
                .filter(z -> state.findZone(z)
                        .map(Zone::organisation)
                        .map(organisation::equals)
                        .orElse(false))
                .toList();
    }

    private int left(Key k) {
        return left.computeIfAbsent(k, key -> available(key) - minimum(key));
    }

    private int available(Key k) {
        int n = 0;
        for (Unit u : state.units().values()) {
            // counted as the capacity board counts a zone's units: those lent in and waiting at the
            // rendezvous point too
            if (!u.workingFor().equals(organisation) || u.type() != k.type() || !state.isFreeToSend(u)) continue;
            if (k.zone().isEmpty()) n++;
            else if (u.position().isPresent()
                    && zones.zonesAt(u.position().get().point())
                            .contains(k.zone().get())) n++;
        }
        return n;
    }

    private int minimum(Key k) {
        if (k.zone().isPresent()) return state.safeMinimum(k.zone().get(), k.type());
        return state.organisationMinimum(organisation, k.type());
    }

    private String describe(Key k) {
        String where = k.zone()
                .map(z -> "zone " + z
                        + state.findZone(z)
                                .map(zone -> " (" + zone.name() + ")")
                                .orElse(""))
                .orElse(organisation + " as a whole");
        int available = available(k);
        int minimum = minimum(k);
        // a zone already short says so: "would fall below" read oddly beside 7 available against 9
        return where + (available < minimum ? " is already below" : " would fall below") + " its safe minimum of "
                + minimum + " " + k.type() + " (" + available + " available)";
    }
}
