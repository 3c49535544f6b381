package org.muster.domain.capacity;

import org.muster.domain.Check;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitType;

/** The fewest available units of a type a zone should keep; below it the zone's capacity is red. */
public record SafeMinimum(ZoneId zone, UnitType type, int minimum) {
    public SafeMinimum {
        Check.present("zone", zone);
        Check.present("type", type);
        Check.atLeast("minimum", minimum, 0);
    }
}
