package org.muster.domain.incident;

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

    /** The form used in the catalogue file: {@code TYPE|TYPE+CAPABILITY*N}. */
    @Override
    public String toString() {
        String types = anyOfTypes.stream().map(Enum::name).collect(Collectors.joining("|"));
        String caps = capabilities.stream().map(c -> "+" + c.name()).collect(Collectors.joining());
        return (types.isEmpty() ? "ANY" : types) + caps + "*" + count;
    }
}
