package org.muster.domain.organisation;

import java.util.Optional;
import org.muster.domain.Check;

/**
 * An organisation's area or sub-area. Its geometry lives in the geo module; the domain knows only
 * its place in the hierarchy and how it is being worked.
 *
 * @param coveredFrom the neighbouring zone of the same organisation whose stations cover this one by design,
 *     when it has no station of its own (a rural district served from the next town): a board reads it as
 *     covered from there, not as "no units"; empty when the zone has its own cover
 */
public record Zone(
        ZoneId id,
        OrganisationId organisation,
        String name,
        Optional<ZoneId> parent,
        ZoneLevel level,
        Optional<ZoneId> coveredFrom) {
    public Zone {
        Check.present("zone.id", id);
        Check.present("zone.organisation", organisation);
        name = Check.text("zone.name", name);
        Check.present("zone.parent", parent);
        Check.present("zone.level", level);
        // zones recorded before cover was named have their own
        coveredFrom = coveredFrom == null ? Optional.empty() : coveredFrom;
    }

    /** A newly registered zone: normal operating level, its own cover. */
    public static Zone of(ZoneId id, OrganisationId organisation, String name, Optional<ZoneId> parent) {
        return new Zone(id, organisation, name, parent, ZoneLevel.INITIAL, Optional.empty());
    }

    /** The zone covered from another by design, or (empty) by its own stations again. */
    public Zone withCoveredFrom(Optional<ZoneId> from) {
        return new Zone(id, organisation, name, parent, level, from);
    }

    public OperatingLevel operatingLevel() {
        return level.level();
    }

    public Zone withLevel(ZoneLevel next) {
        return new Zone(id, organisation, name, parent, next, coveredFrom);
    }
}
