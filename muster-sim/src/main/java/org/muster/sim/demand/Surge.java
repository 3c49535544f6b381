package org.muster.sim.demand;

import java.time.Instant;
import java.util.Set;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.ZoneId;

/**
 * A window in which some calls come {@code factor} times as often: those of the named incident types or
 * of a type whose default priority is one of the named categories, in the named demand zones (every zone
 * when none is named). Two surges over the same call multiply.
 *
 * @param factor 0 or more: 0 silences those calls, 3 triples them
 * @param from the window's start, inclusive
 * @param to the window's end, exclusive
 */
public record Surge(
        Set<ZoneId> zones,
        Set<IncidentTypeCode> types,
        Set<Priority> categories,
        double factor,
        Instant from,
        Instant to) {
    public Surge {
        zones = Sorted.setOf(Check.present("zones", zones));
        types = Sorted.setOf(Check.present("types", types));
        categories = Sorted.setOf(Check.present("categories", categories));
        if (types.isEmpty() && categories.isEmpty())
            throw InvalidInputException.of("types", "none", "must name incident types or categories (at least one)");
        Check.range("factor", factor, 0, 1_000);
        Check.present("from", from);
        Check.present("to", to);
        if (!to.isAfter(from)) throw InvalidInputException.of("to", to, "must be after from (" + from + ")");
    }

    /** Whether the surge raises calls of {@code type} in {@code zone} at {@code at}. */
    public boolean covers(ZoneId zone, IncidentType type, Instant at) {
        return covers(zone, type.code(), type.defaultPriority(), at);
    }

    /** Whether the surge raises calls of the type {@code type}, whose category is {@code priority}. */
    public boolean covers(ZoneId zone, IncidentTypeCode type, Priority priority, Instant at) {
        return !at.isBefore(from)
                && at.isBefore(to)
                && (zones.isEmpty() || zones.contains(zone))
                && (types.contains(type) || categories.contains(priority));
    }
}
