package org.muster.domain.aid;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.people.Person;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitType;

/**
 * What a mutual aid request asks for: {@code count} units of a type, or {@code count} people holding a
 * skill (authorised firearms officers, say), coming in units that offer every one of {@code capabilities};
 * or {@code count} whole police support units ({@code supportUnit}: public order carriers in teams of its
 * composition). Exactly one of {@code unitType} and {@code skill} is given; a support unit need is of
 * public order carriers.
 */
public record AidNeed(
        Optional<UnitType> unitType,
        Optional<Skill> skill,
        int count,
        SortedSet<Capability> capabilities,
        Optional<SupportUnit> supportUnit) {
    public AidNeed {
        Check.present("unitType", unitType);
        Check.present("skill", skill);
        if (unitType.isPresent() == skill.isPresent()) {
            throw InvalidInputException.of(
                    "unitType",
                    unitType.map(Enum::name).orElse("") + skill.map(Enum::name).orElse(""),
                    "must name either a unit type or a skill, not both or neither");
        }
        Check.atLeast("count", count, 1);
        capabilities = Sorted.setOf(Check.present("capabilities", capabilities));
        // needs recorded before support units existed have none
        supportUnit = supportUnit == null ? Optional.empty() : supportUnit;
        if (supportUnit.isPresent() && unitType.orElse(null) != UnitType.PUBLIC_ORDER_CARRIER)
            throw InvalidInputException.of(
                    "unitType",
                    unitType.map(Enum::name).orElse(""),
                    "must be PUBLIC_ORDER_CARRIER for police support units (their carriers)");
    }

    /** A need of units or people, without support units. */
    public AidNeed(Optional<UnitType> unitType, Optional<Skill> skill, int count, SortedSet<Capability> capabilities) {
        this(unitType, skill, count, capabilities, Optional.empty());
    }

    /** {@code count} whole police support units of the given composition. */
    public static AidNeed supportUnits(int count, SupportUnit composition) {
        return new AidNeed(
                Optional.of(UnitType.PUBLIC_ORDER_CARRIER),
                Optional.empty(),
                count,
                Sorted.setOf(Set.of(Capability.PUBLIC_ORDER)),
                Optional.of(composition));
    }

    /** Whether the need counts whole police support units. */
    public boolean countsSupportUnits() {
        return supportUnit.isPresent();
    }

    /**
     * What the need comes to in the units or people that meet it: {@code count}, or for support units their
     * carriers ({@code count × carriers}).
     */
    public int wanted() {
        return supportUnit.map(p -> count * p.carriers()).orElse(count);
    }

    public static AidNeed units(UnitType type, int count, Set<Capability> capabilities) {
        return new AidNeed(Optional.of(type), Optional.empty(), count, Sorted.setOf(capabilities));
    }

    public static AidNeed people(Skill skill, int count, Set<Capability> capabilities) {
        return new AidNeed(Optional.empty(), Optional.of(skill), count, Sorted.setOf(capabilities));
    }

    /** Whether the need counts people (holding the skill) rather than units. */
    public boolean countsPeople() {
        return skill.isPresent();
    }

    /**
     * What one unit brings towards the need: 1 for a unit need and {@code n} for a need of people, where
     * {@code n} of its crew can use the skill now; 0 when it does not suit (wrong type, a capability it
     * cannot offer now, or for a support unit, a carrier without its share of public order officers).
     */
    public int contributionOf(UnitType type, Set<Capability> liveCapabilities, java.util.List<Person> crew) {
        if (unitType.isPresent() && unitType.get() != type) return 0;
        if (!liveCapabilities.containsAll(capabilities)) return 0;
        if (supportUnit.isPresent()
                && countPublicOrder(crew) < supportUnit.get().officersPerCarrier()) return 0;
        if (skill.isEmpty()) return 1;
        return (int) crew.stream().filter(p -> p.hasActive(skill.get())).count();
    }

    /** Crew who can work public order now: a carrier's share of its support unit. */
    public static int countPublicOrder(java.util.List<Person> crew) {
        return (int) crew.stream().filter(p -> p.hasActive(Skill.PUBLIC_ORDER)).count();
    }

    @Override
    public String toString() {
        if (supportUnit.isPresent()) return count + " x " + supportUnit.get();
        String what =
                unitType.map(t -> count + " x " + t).orElseGet(() -> count + " people with " + skill.orElseThrow());
        return capabilities.isEmpty() ? what : what + " offering " + capabilities;
    }
}
