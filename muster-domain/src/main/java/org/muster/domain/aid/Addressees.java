package org.muster.domain.aid;

import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * Whom a mutual aid request goes to: named organisations, the organisations around a zone (its region),
 * the national coordinator, or any mix of them. At least one is given. In a recorded request the
 * region has already been resolved: {@code organisations} holds every organisation it reached.
 *
 * @param region a zone whose neighbouring zones' organisations are asked
 * @param nationalCoordinator the coordinator brokers the request: any organisation may then offer
 */
public record Addressees(
        SortedSet<OrganisationId> organisations, Optional<ZoneId> region, boolean nationalCoordinator) {
    public Addressees {
        organisations = Sorted.setOf(Check.present("organisations", organisations));
        Check.present("region", region);
        if (organisations.isEmpty() && region.isEmpty() && !nationalCoordinator) {
            throw InvalidInputException.of(
                    "organisations",
                    "none",
                    "must name organisations, a region, or the national coordinator (at least one)");
        }
    }

    public static Addressees organisations(SortedSet<OrganisationId> organisations) {
        return new Addressees(organisations, Optional.empty(), false);
    }

    public static Addressees coordinator() {
        return new Addressees(Sorted.empty(), Optional.empty(), true);
    }

    /** The same addressees with these organisations (a resolved region) added. */
    public Addressees withOrganisations(java.util.Collection<OrganisationId> more) {
        java.util.TreeSet<OrganisationId> all = new java.util.TreeSet<>(organisations);
        all.addAll(more);
        return new Addressees(all, region, nationalCoordinator);
    }

    /** Whether the organisation may answer: it is addressed, or the coordinator brokers the request. */
    public boolean mayAnswer(OrganisationId organisation) {
        return nationalCoordinator || organisations.contains(organisation);
    }
}
