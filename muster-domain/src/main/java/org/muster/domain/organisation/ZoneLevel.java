package org.muster.domain.organisation;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/**
 * A zone's operating level and the decision behind it: who set it, why, since when, when it is to be
 * reviewed, and for a closed zone where units wait for tactical clearance.
 */
public record ZoneLevel(
        OperatingLevel level,
        String reason,
        String setBy,
        Optional<Instant> since,
        Optional<Instant> reviewAt,
        Optional<GeoPoint> rendezvous) {
    /** Where every zone starts: normal, nobody's decision. */
    public static final ZoneLevel INITIAL =
            new ZoneLevel(OperatingLevel.NORMAL, "", "", Optional.empty(), Optional.empty(), Optional.empty());

    public ZoneLevel {
        Check.present("level", level);
        reason = Check.present("reason", reason);
        setBy = Check.present("setBy", setBy);
        Check.present("since", since);
        Check.present("reviewAt", reviewAt);
        Check.present("rendezvous", rendezvous);
    }
}
