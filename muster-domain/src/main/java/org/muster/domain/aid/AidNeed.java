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
 * skill (authorised firearms officers, say), coming in units that offer every one of {@code capabilities}.
 * Exactly one of {@code unitType} and {@code skill} is given.
 */
public record AidNeed(
        Optional<UnitType> unitType, Optional<Skill> skill, int count, SortedSet<Capability> capabilities) {
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
     * {@code n} of its crew can use the skill now; 0 when it does not suit (wrong type, or a capability it
     * cannot offer now).
     */
    public int contributionOf(UnitType type, Set<Capability> liveCapabilities, java.util.List<Person> crew) {
        if (unitType.isPresent() && unitType.get() != type) return 0;
        if (!liveCapabilities.containsAll(capabilities)) return 0;
        if (skill.isEmpty()) return 1;
        return (int) crew.stream().filter(p -> p.hasActive(skill.get())).count();
    }

    @Override
    public String toString() {
        String what =
                unitType.map(t -> count + " x " + t).orElseGet(() -> count + " people with " + skill.orElseThrow());
        return capabilities.isEmpty() ? what : what + " offering " + capabilities;
    }
}
