package org.muster.domain.alert;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * A warning raised into the log — a zone's or an organisation's capacity, a unit past its status's time
 * limit, a surge, a hotspot — with its evidence, the organisations it is addressed to, the action Muster
 * proposes, what a supervisor decided about it, and whether it has been resolved.
 *
 * @param kind what raised it: {@code capacity}, {@code status-limit}, {@code surge}, {@code hotspot}, or an
 *     integration's own kind
 * @param key what it is about, stable while the same thing goes on (such as {@code capacity:zone:MAS-Z03});
 *     at most one alert per key is active at a time
 * @param organisations whom it is addressed to: they see it and their supervisors decide on it. Empty only
 *     for an alert recorded before alerts were addressed and about no zone, which everyone sees
 * @param evidence the numbers behind it, by name (count, baseline, ratio, p-value, cells, state)
 * @param proposedZone with {@code proposedLevel}: the zone level change proposed, if any
 * @param decidedBy with {@code decisionReason}: who accepted or dismissed it and why, empty until then
 * @param resolvedAt when Muster resolved it, with {@code resolution} saying why (empty until then)
 */
public record Alert(
        AlertId id,
        String kind,
        String key,
        SortedSet<OrganisationId> organisations,
        Instant raisedAt,
        String summary,
        SortedMap<String, String> evidence,
        Optional<ZoneId> proposedZone,
        Optional<OperatingLevel> proposedLevel,
        AlertStatus status,
        String decidedBy,
        String decisionReason,
        Optional<Instant> resolvedAt,
        String resolution) {
    public Alert {
        Check.present("id", id);
        kind = Check.text("kind", kind);
        key = Check.text("key", key);
        // An alert recorded before alerts were addressed or could be resolved reads with these absent.
        organisations = organisations == null ? Sorted.empty() : Sorted.setOf(organisations);
        resolvedAt = resolvedAt == null ? Optional.empty() : resolvedAt;
        resolution = resolution == null ? "" : resolution;
        Check.present("raisedAt", raisedAt);
        summary = Check.text("summary", summary);
        evidence = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Check.present("evidence", evidence)));
        Check.present("proposedZone", proposedZone);
        Check.present("proposedLevel", proposedLevel);
        if (proposedZone.isPresent() != proposedLevel.isPresent()) {
            throw InvalidInputException.of(
                    "proposedLevel", proposedLevel, "is given with a proposed zone, and only then");
        }
        Check.present("status", status);
        decidedBy = Check.present("decidedBy", decidedBy);
        decisionReason = Check.present("decisionReason", decisionReason);
        if (status == AlertStatus.RESOLVED
                ? resolvedAt.isEmpty()
                : resolvedAt.isPresent() && status != AlertStatus.DISMISSED) {
            throw InvalidInputException.of(
                    "resolvedAt",
                    resolvedAt,
                    "is given when the alert is resolved (or dismissed and then over), and only then");
        }
    }

    /**
     * Whether what raised it is over: resolved, or dismissed and since then over. A dismissal holds while what
     * raised it goes on; once it is over, the same thing again is a new alert.
     */
    public boolean isOver() {
        return resolvedAt.isPresent();
    }

    /** A new, open alert. */
    public static Alert raised(
            AlertId id,
            String kind,
            String key,
            SortedSet<OrganisationId> organisations,
            Instant raisedAt,
            String summary,
            SortedMap<String, String> evidence,
            Optional<ZoneId> proposedZone,
            Optional<OperatingLevel> proposedLevel) {
        return new Alert(
                id,
                kind,
                key,
                organisations,
                raisedAt,
                summary,
                evidence,
                proposedZone,
                proposedLevel,
                AlertStatus.OPEN,
                "",
                "",
                Optional.empty(),
                "");
    }

    public Alert decided(AlertStatus next, String by, String reason) {
        return new Alert(
                id,
                kind,
                key,
                organisations,
                raisedAt,
                summary,
                evidence,
                proposedZone,
                proposedLevel,
                next,
                by,
                reason,
                resolvedAt,
                resolution);
    }

    /**
     * Resolved: a supervisor's acceptance, if any, stays recorded beside the resolution. A dismissed alert stays
     * dismissed, and is over from {@code at} ({@link #isOver}).
     */
    public Alert resolved(Instant at, String why) {
        return new Alert(
                id,
                kind,
                key,
                organisations,
                raisedAt,
                summary,
                evidence,
                proposedZone,
                proposedLevel,
                status == AlertStatus.DISMISSED ? AlertStatus.DISMISSED : AlertStatus.RESOLVED,
                decidedBy,
                decisionReason,
                Optional.of(at),
                why);
    }

    public Alert withOrganisations(SortedSet<OrganisationId> addressees) {
        return new Alert(
                id,
                kind,
                key,
                addressees,
                raisedAt,
                summary,
                evidence,
                proposedZone,
                proposedLevel,
                status,
                decidedBy,
                decisionReason,
                resolvedAt,
                resolution);
    }

    /** Whether it is addressed to the organisation (an unaddressed old alert is everyone's). */
    public boolean isAddressedTo(OrganisationId organisation) {
        return organisations.isEmpty() || organisations.contains(organisation);
    }
}
