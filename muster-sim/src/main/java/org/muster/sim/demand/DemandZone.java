package org.muster.sim.demand;

import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.zone.Area;

/**
 * A zone as a source of calls: its organisation and agency, its share of its agency's demand (people
 * living there, roughly), and where in it calls come from.
 *
 * @param area the zone's area; calls lie inside it
 * @param population how many people it serves, which sets its share of the agency's calls
 * @param places where people live in it, calls drawn around each in proportion to its population; the
 *     rest of the population is spread evenly over the zone
 */
public record DemandZone(
        ZoneId zone, OrganisationId organisation, Agency agency, Area area, double population, List<Place> places) {
    public DemandZone {
        Check.present("zone", zone);
        Check.present("organisation", organisation);
        Check.present("agency", agency);
        Check.present("area", area);
        Check.range("population", population, 0, 1e10);
        places = List.copyOf(Check.present("places", places));
    }

    /**
     * A settlement: calls come from around its centre, normally distributed with a standard deviation of
     * half its radius.
     */
    public record Place(String name, GeoPoint centre, double radiusMeters, double population) {
        public Place {
            Check.present("centre", centre);
            Check.range("radiusMeters", radiusMeters, 1, 1e6);
            Check.range("population", population, 0, 1e10);
        }
    }
}
