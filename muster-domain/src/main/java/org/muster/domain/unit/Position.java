package org.muster.domain.unit;

import java.time.Instant;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/** A unit's last known position and when it was fixed. */
public record Position(GeoPoint point, Instant at) {
    public Position {
        Check.present("position.point", point);
        Check.present("position.at", at);
    }
}
