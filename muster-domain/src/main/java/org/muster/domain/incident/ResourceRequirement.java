package org.muster.domain.incident;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitType;

/**
 * {@code count} units, each of one of {@code anyOfTypes} (any type when empty) and offering every one of
 * {@code capabilities}.
 */
public record ResourceRequirement(SortedSet<UnitType> anyOfTypes, SortedSet<Capability> capabilities, int count) {
    public ResourceRequirement {
        anyOfTypes = Sorted.setOf(Check.present("anyOfTypes", anyOfTypes));
        capabilities = Sorted.setOf(Check.present("capabilities", capabilities));
        if (anyOfTypes.isEmpty() && capabilities.isEmpty()) {
            throw org.muster.domain.InvalidInputException.of(
                    "requirement", "", "must name a unit type or a capability");
        }
        Check.atLeast("count", count, 1);
    }

    public static ResourceRequirement of(UnitType type, int count) {
        return new ResourceRequirement(Sorted.setOf(Set.of(type)), Sorted.empty(), count);
    }

    /** Whether a unit of this type with these live capabilities fills one place of this requirement. */
    public boolean isMetBy(UnitType type, Set<Capability> liveCapabilities) {
        return admits(type) && liveCapabilities.containsAll(capabilities);
    }

    /** Whether a unit of this type could fill a place here, if its crew offers the capabilities asked for. */
    public boolean admits(UnitType type) {
        return anyOfTypes.isEmpty() || anyOfTypes.contains(type);
    }

    /**
     * Whether a unit of this type, fully crewed, could fill a place here: its type is admitted and its
     * vehicle carries every capability asked for.
     */
    public boolean couldBeMetBy(UnitType type) {
        return admits(type) && type.equipment().containsAll(capabilities);
    }

    /**
     * The requirements of a call whose unit's arrival stops the call's response clock: the most appropriate
     * resource. ARP measures a C1 call to the first responder that can treat the patient, a paramedic's car
     * as much as an ambulance, and the ambulance that conveys separately (C1T): so for a C1 call a unit that
     * meets any of its requirements, and for every other call the unit that meets its first requirement.
     * The one rule for response times and for coverage, which counts the units that could stop a category's
     * clock.
     */
    public static List<ResourceRequirement> clockStopping(Priority priority, List<ResourceRequirement> requirements) {
        if (priority == Priority.C1 || requirements.isEmpty()) return List.copyOf(requirements);
        return List.of(requirements.get(0));
    }

    /** The form used in the catalogue file: {@code TYPE|TYPE+CAPABILITY*N}. */
    @Override
    public String toString() {
        String types = anyOfTypes.stream().map(Enum::name).collect(Collectors.joining("|"));
        String caps = capabilities.stream().map(c -> "+" + c.name()).collect(Collectors.joining());
        return (types.isEmpty() ? "ANY" : types) + caps + "*" + count;
    }
}
