package org.muster.domain.organisation;

import java.util.Optional;
import org.muster.domain.Check;

/**
 * An organisation's area or sub-area. Its geometry lives in the geo module; the domain knows only
 * its place in the hierarchy and how it is being worked.
 */
public record Zone(ZoneId id, OrganisationId organisation, String name, Optional<ZoneId> parent, ZoneLevel level) {
    public Zone {
        Check.present("zone.id", id);
        Check.present("zone.organisation", organisation);
        name = Check.text("zone.name", name);
        Check.present("zone.parent", parent);
        Check.present("zone.level", level);
    }

    /** A newly registered zone: normal operating level. */
    public static Zone of(ZoneId id, OrganisationId organisation, String name, Optional<ZoneId> parent) {
        return new Zone(id, organisation, name, parent, ZoneLevel.INITIAL);
    }

    public OperatingLevel operatingLevel() {
        return level.level();
    }

    public Zone withLevel(ZoneLevel next) {
        return new Zone(id, organisation, name, parent, next);
    }
}
