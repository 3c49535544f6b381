package org.muster.domain.organisation;

import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;

/**
 * A police force, ambulance service or fire service.
 *
 * @param escortsFor for a police force, the ambulance and fire services it has a standing escort agreement
 *     with: their dispatchers may task its escort-capable units as escorts without mutual aid
 */
public record Organisation(OrganisationId id, String name, Agency agency, SortedSet<OrganisationId> escortsFor) {
    public Organisation {
        Check.present("organisation.id", id);
        name = Check.text("organisation.name", name);
        Check.present("organisation.agency", agency);
        // an organisation recorded before escort agreements existed has none
        escortsFor = escortsFor == null ? Sorted.empty() : Sorted.setOf(escortsFor);
        if (escortsFor.contains(id)) throw new IllegalArgumentException(id + " does not escort for itself");
    }

    /** An organisation with no escort agreements. */
    public Organisation(OrganisationId id, String name, Agency agency) {
        this(id, name, agency, Sorted.empty());
    }

    /** Whether this force has agreed to escort {@code escorted}'s crews. */
    public boolean escortsFor(OrganisationId escorted) {
        return escortsFor.contains(escorted);
    }

    /** This organisation with its agreement to escort {@code escorted} given ({@code agreed}) or withdrawn. */
    public Organisation withEscortAgreement(OrganisationId escorted, boolean agreed) {
        var next = new java.util.TreeSet<>(escortsFor);
        if (agreed) next.add(escorted);
        else next.remove(escorted);
        return new Organisation(id, name, agency, next);
    }
}
