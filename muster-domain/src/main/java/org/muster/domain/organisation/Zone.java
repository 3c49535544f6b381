package org.muster.domain.organisation;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;

/**
 * An organisation's area or sub-area. Its geometry lives in the geo module; the domain knows only
 * its place in the hierarchy and how it is being worked.
 */
public record Zone(
        ZoneId id,
        OrganisationId organisation,
        String name,
        Optional<ZoneId> parent,
        OperatingLevel level,
        Optional<Instant> levelReviewAt) {
    public Zone {
        Check.present("zone.id", id);
        Check.present("zone.organisation", organisation);
        name = Check.text("zone.name", name);
        Check.present("zone.parent", parent);
        Check.present("zone.level", level);
        Check.present("zone.levelReviewAt", levelReviewAt);
    }

    public Zone withLevel(OperatingLevel newLevel, Optional<Instant> reviewAt) {
        return new Zone(id, organisation, name, parent, newLevel, reviewAt);
    }
}
