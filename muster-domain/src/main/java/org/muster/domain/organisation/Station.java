package org.muster.domain.organisation;

import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/** A place units are based at or deliver patients to. */
public record Station(StationId id, OrganisationId organisation, String name, StationKind kind, GeoPoint location) {
    public Station {
        Check.present("station.id", id);
        Check.present("station.organisation", organisation);
        name = Check.text("station.name", name);
        Check.present("station.kind", kind);
        Check.present("station.location", location);
    }
}
