package org.muster.domain.major;

import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;

/**
 * A rendezvous point or a cordon on a major incident's board, marked by an attending organisation. A
 * place marked again under the same kind and name replaces the earlier one (a cordon moved).
 */
public record MajorIncidentPlace(PlaceKind kind, String name, OrganisationId organisation, MajorIncidentArea area) {
    public MajorIncidentPlace {
        Check.present("place.kind", kind);
        name = Check.text("place.name", name);
        Check.present("place.organisation", organisation);
        Check.present("place.area", area);
    }
}
