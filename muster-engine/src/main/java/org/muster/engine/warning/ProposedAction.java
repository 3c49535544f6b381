package org.muster.engine.warning;

import org.muster.domain.Check;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;

/**
 * What Muster suggests a supervisor do about an alert. Only a suggestion: accepting it is a command like
 * any other.
 *
 * @param zone the zone whose level should change
 * @param level the level proposed
 * @param reason the reason to record with the change, in words
 */
public record ProposedAction(ZoneId zone, OperatingLevel level, String reason) {
    public ProposedAction {
        Check.present("zone", zone);
        Check.present("level", level);
        reason = Check.text("reason", reason);
    }

    public static ProposedAction raiseZone(ZoneId zone, OperatingLevel level, String reason) {
        return new ProposedAction(zone, level, reason);
    }

    @Override
    public String toString() {
        return "raise zone " + zone.value() + " to " + level + ": " + reason;
    }
}
