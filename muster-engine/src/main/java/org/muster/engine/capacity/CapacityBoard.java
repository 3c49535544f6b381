package org.muster.engine.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * Available units working for a zone's organisation (lent ones counted by their host) against the zone's safe minimums, by unit type: green, amber, red, or none at all; the
 * worst zone colours its organisation. Also the units too long in a status, and people on duty by skill,
 * since capacity is counted in people as well as units.
 */
public final class CapacityBoard {
    /** One zone and unit type. */
    public record Line(UnitType type, int available, int minimum, Colour colour) {}

    /**
     * A zone's lines, worst first, and its colour. A zone with no units of its own that a neighbouring zone
     * covers by design ({@code coveredFrom}) takes that zone's colour rather than reading "no units" for ever.
     */
    public record ZoneCapacity(
            ZoneId zone, OrganisationId organisation, Colour colour, List<Line> lines, Optional<ZoneId> coveredFrom) {
        public ZoneCapacity(ZoneId zone, OrganisationId organisation, Colour colour, List<Line> lines) {
            this(zone, organisation, colour, lines, Optional.empty());
        }

        /**
         * What "no units" means for a zone that still has some: the types it keeps a safe minimum of and has
         * none of. Empty when it has no units at all, or is not out of any type it keeps a minimum of.
         */
        public List<UnitType> outOf() {
            if (colour != Colour.NONE || lines.stream().allMatch(l -> l.available() == 0)) return List.of();
            return lines.stream()
                    .filter(l -> l.available() == 0 && l.minimum() > 0)
                    .map(Line::type)
                    .toList();
        }
    }

    /** A unit past its status's time limit. */
    public record Overdue(Unit unit, UnitStatus status, Duration inStatus, Duration limit) {}

    /** The whole board at one moment. */
    public record Snapshot(long sequence, List<ZoneCapacity> zones, Map<OrganisationId, Colour> organisations) {
        public Optional<ZoneCapacity> findZone(ZoneId id) {
            return zones.stream().filter(z -> z.zone().equals(id)).findFirst();
        }

        /** An organisation's colour, its worst zone's; NONE for one with no zones on the board. */
        public Colour colourOf(OrganisationId organisation) {
            return organisations.getOrDefault(organisation, Colour.NONE);
        }
    }

    private final Rules.ZoneLocator zones;
    private final CapacityConfig config;

    public CapacityBoard(Rules.ZoneLocator zones, CapacityConfig config) {
        this.zones = zones;
        this.config = config;
    }

    /** The board as the state stands. */
    public Snapshot compute(MusterState state) {
        // available units per zone and type, by where each unit is now
        Map<ZoneId, Map<UnitType, Integer>> available = new TreeMap<>();
        for (Unit u : state.units().values()) {
            if (!state.isFreeToSend(u) || u.position().isEmpty()) continue;
            for (ZoneId z : zones.zonesAt(u.position().get().point())) {
                // a zone counts the units working for its organisation (its own, and those lent to it), not
                // another service's passing through it nor its own lent elsewhere
                boolean own = state.findZone(z)
                        .map(zone -> zone.organisation().equals(u.workingFor()))
                        .orElse(false);
                if (own)
                    available
                            .computeIfAbsent(z, k -> new EnumMap<>(UnitType.class))
                            .merge(u.type(), 1, Integer::sum);
            }
        }
        List<ZoneCapacity> board = new ArrayList<>();
        Map<OrganisationId, Colour> organisations = new TreeMap<>();
        for (Zone zone : state.zones().values().stream()
                .sorted(Comparator.comparing(z -> z.id().value()))
                .toList()) {
            Map<UnitType, Integer> here = available.getOrDefault(zone.id(), Map.of());
            List<Line> lines = new ArrayList<>();
            for (UnitType type : UnitType.values()) {
                int minimum = state.safeMinimum(zone.id(), type);
                int count = here.getOrDefault(type, 0);
                if (minimum == 0 && count == 0) continue;
                lines.add(new Line(type, count, minimum, colour(count, minimum)));
            }
            Colour colour = lines.stream()
                    .filter(l -> l.minimum() > 0)
                    .map(Line::colour)
                    .reduce(Colour.GREEN, Colour::worse);
            if (here.isEmpty()) colour = Colour.NONE;
            lines.sort(Comparator.comparing(Line::colour).reversed().thenComparing(Line::type));
            board.add(new ZoneCapacity(zone.id(), zone.organisation(), colour, List.copyOf(lines), zone.coveredFrom()));
        }
        // a zone covered by design from a neighbour, with nothing of its own, stands as its cover stands
        Map<ZoneId, Colour> byZone = new TreeMap<>();
        board.forEach(z -> byZone.put(z.zone(), z.colour()));
        for (int i = 0; i < board.size(); i++) {
            ZoneCapacity z = board.get(i);
            if (z.coveredFrom().isPresent()
                    && available.getOrDefault(z.zone(), Map.of()).isEmpty()) {
                Colour cover = byZone.getOrDefault(z.coveredFrom().get(), Colour.NONE);
                board.set(i, new ZoneCapacity(z.zone(), z.organisation(), cover, z.lines(), z.coveredFrom()));
            }
        }
        board.forEach(z -> organisations.merge(z.organisation(), z.colour(), Colour::worse));
        return new Snapshot(state.sequence(), List.copyOf(board), Map.copyOf(organisations));
    }

    Colour colour(int available, int minimum) {
        if (available == 0) return Colour.NONE;
        if (available < minimum) return Colour.RED;
        if (minimum > 0 && available < minimum + config.amberMargin()) return Colour.AMBER;
        return Colour.GREEN;
    }

    /** Units in a status longer than its limit, longest over first. */
    public List<Overdue> listOverdue(MusterState state, Instant now) {
        List<Overdue> out = new ArrayList<>();
        for (Unit u : state.units().values()) {
            Duration limit = config.statusLimits().get(u.status());
            if (limit == null) continue;
            Duration in = Duration.between(u.statusSince(), now);
            if (in.compareTo(limit) > 0) out.add(new Overdue(u, u.status(), in, limit));
        }
        out.sort(Comparator.comparing((Overdue o) -> o.inStatus().minus(o.limit()))
                .reversed());
        return out;
    }

    /** People of the organisation who can use each skill now. */
    public Map<Skill, Long> countPeopleOnDuty(MusterState state, OrganisationId organisation) {
        Map<Skill, Long> out = new EnumMap<>(Skill.class);
        for (Skill s : Skill.values()) {
            long n = state.countActive(organisation, s);
            if (n > 0 || state.countHolding(organisation, s) > 0) out.put(s, n);
        }
        return out;
    }
}
