package org.muster.domain.organisation;

import org.muster.domain.Check;

/** A police force, ambulance service or fire service. */
public record Organisation(OrganisationId id, String name, Agency agency) {
    public Organisation {
        Check.present("organisation.id", id);
        name = Check.text("organisation.name", name);
        Check.present("organisation.agency", agency);
    }
}
