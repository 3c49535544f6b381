package org.muster.geo.region;

import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;

/**
 * A row of the units CSV: a unit as the region starts, before any crew or status is given to the engine.
 *
 * @param seats how many people the vehicle carries at most
 * @param position where it is at the start: at its station, or out on patrol in its station's town
 */
public record UnitRecord(
        UnitId id,
        Callsign callsign,
        OrganisationId organisation,
        UnitType type,
        StationId homeStation,
        int seats,
        GeoPoint position) {
    public UnitRecord {
        Check.present("unit.id", id);
        Check.present("unit.callsign", callsign);
        Check.present("unit.organisation", organisation);
        Check.present("unit.type", type);
        Check.present("unit.homeStation", homeStation);
        Check.range("unit.seats", seats, 1, 64);
        Check.present("unit.position", position);
    }
}
