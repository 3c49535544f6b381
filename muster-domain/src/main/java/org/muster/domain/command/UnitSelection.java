package org.muster.domain.command;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;

/**
 * Which units a bulk withdrawal or return applies to: named units, or those matching an organisation,
 * type and capability, or a share of them picked by the seed.
 */
public record UnitSelection(
        SortedSet<UnitId> units,
        Optional<OrganisationId> organisation,
        Optional<UnitType> type,
        Optional<Capability> capability,
        double share,
        long seed) {
    public UnitSelection {
        units = Sorted.setOf(Check.present("units", units));
        Check.present("organisation", organisation);
        Check.present("type", type);
        Check.present("capability", capability);
        if (!(share > 0 && share <= 1))
            throw InvalidInputException.of("share", share, "must be more than 0 and at most 1");
        if (units.isEmpty() && organisation.isEmpty() && type.isEmpty() && capability.isEmpty()) {
            throw InvalidInputException.of("selection", "", "must name units, an organisation, a type or a capability");
        }
    }

    public static UnitSelection of(Set<UnitId> units) {
        return new UnitSelection(Sorted.setOf(units), Optional.empty(), Optional.empty(), Optional.empty(), 1.0, 0);
    }

    public static UnitSelection of(OrganisationId organisation, Optional<UnitType> type, double share, long seed) {
        return new UnitSelection(Sorted.empty(), Optional.of(organisation), type, Optional.empty(), share, seed);
    }
}
