package org.muster.sim.demand;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.region.RegionManifest;
import org.muster.geo.region.SettlementKind;
import org.muster.geo.zone.Area;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneShape;

/**
 * A generated region's demand zones: each organisation's smallest zones, populated from the settlements in
 * the manifest (a settlement belongs to the zone holding its centre; its people as its region's files give
 * them, else as its kind weighs) plus rural people spread over the land.
 */
final class RegionDemand {
    /** People per settlement of each kind: an English city, market town and village, roughly. */
    static final Map<SettlementKind, Double> PEOPLE = Map.of(
            SettlementKind.CITY, 250_000.0,
            SettlementKind.TOWN, 50_000.0,
            SettlementKind.VILLAGE, 2_000.0);

    /** People per square kilometre outside the settlements: rural England's density, roughly. */
    static final double RURAL_PER_KM2 = 40;

    private RegionDemand() {}

    /** Each organisation's smallest zones in the region (those no other zone lies in), by id. */
    static List<ZoneShape> leafZones(GeneratedRegion region) {
        Set<OrganisationId> organisations = new HashSet<>();
        for (Organisation o : region.manifest().listOrganisations()) organisations.add(o.id());
        List<ZoneShape> shapes = GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones();
        Set<ZoneId> parents = new HashSet<>();
        shapes.forEach(z -> z.parent().ifPresent(parents::add));
        return shapes.stream()
                .filter(z -> !parents.contains(z.id()))
                .filter(z -> organisations.contains(z.organisation()))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    static List<DemandZone> zones(GeneratedRegion region) {
        RegionManifest manifest = region.manifest();
        Map<OrganisationId, Agency> agencies = new TreeMap<>();
        for (Organisation o : manifest.listOrganisations()) agencies.put(o.id(), o.agency());
        List<ZoneShape> leaves = leafZones(region);
        List<DemandZone> out = new ArrayList<>();
        for (ZoneShape z : leaves) {
            Area area = z.area();
            List<DemandZone.Place> places = new ArrayList<>();
            for (RegionManifest.SettlementEntry s : manifest.settlements()) {
                if (area.covers(GeoPoint.of(s.lat(), s.lon()))) {
                    places.add(new DemandZone.Place(
                            s.name(),
                            GeoPoint.of(s.lat(), s.lon()),
                            s.radiusMeters(),
                            s.givenPeople().isPresent() ? s.givenPeople().getAsInt() : PEOPLE.get(s.kind())));
                }
            }
            double inPlaces =
                    places.stream().mapToDouble(DemandZone.Place::population).sum();
            double population = inPlaces + RURAL_PER_KM2 * area.areaKm2();
            out.add(new DemandZone(z.id(), z.organisation(), agencies.get(z.organisation()), area, population, places));
        }
        return out;
    }
}
