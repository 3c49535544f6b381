package org.muster.domain.major;

import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;

/**
 * A rendezvous point or a cordon on a major incident's board, marked by an attending organisation. A
 * place marked again under the same kind and name replaces the earlier one (a cordon moved).
 */
public record MajorIncidentPlace(PlaceKind kind, String name, OrganisationId organisation, MajorIncidentArea area) {
    public MajorIncidentPlace {
        Check.present("kind", kind);
        name = Check.text("name", name);
        Check.present("organisation", organisation);
        Check.present("area", area);
    }
}
