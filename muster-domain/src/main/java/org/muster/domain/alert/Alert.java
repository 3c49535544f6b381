package org.muster.domain.alert;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;

/**
 * A warning raised into the log — a surge, a hotspot — with its evidence and the action Muster proposes,
 * and what a supervisor decided about it.
 *
 * @param kind what raised it, such as {@code surge} or {@code hotspot}
 * @param key what it is about, stable while the same thing goes on
 * @param evidence the numbers behind it, by name (count, baseline, ratio, p-value, cells)
 * @param proposedZone with {@code proposedLevel}: the zone level change proposed, if any
 */
public record Alert(
        AlertId id,
        String kind,
        String key,
        Instant raisedAt,
        String summary,
        SortedMap<String, String> evidence,
        Optional<ZoneId> proposedZone,
        Optional<OperatingLevel> proposedLevel,
        AlertStatus status,
        String decidedBy,
        String decisionReason) {
    public Alert {
        Check.present("id", id);
        kind = Check.text("kind", kind);
        key = Check.text("key", key);
        Check.present("raisedAt", raisedAt);
        summary = Check.text("summary", summary);
        evidence = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Check.present("evidence", evidence)));
        Check.present("proposedZone", proposedZone);
        Check.present("proposedLevel", proposedLevel);
        if (proposedZone.isPresent() != proposedLevel.isPresent()) {
            throw org.muster.domain.InvalidInputException.of(
                    "proposedLevel", proposedLevel, "is given with a proposed zone, and only then");
        }
        Check.present("status", status);
        decidedBy = Check.present("decidedBy", decidedBy);
        decisionReason = Check.present("decisionReason", decisionReason);
    }

    public Alert decided(AlertStatus next, String by, String reason) {
        return new Alert(id, kind, key, raisedAt, summary, evidence, proposedZone, proposedLevel, next, by, reason);
    }
}
