package org.muster.geo.region;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.UnitId;
import org.muster.geo.zone.Area;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneShape;

/**
 * A region given as files instead of generated: a real OpenStreetMap extract with its organisations, zones,
 * stations, units and people in the formats {@link RegionGenerator} writes ({@link RegionFiles}), and
 * optionally its settlements, which the demo's demand model places its calls around. The extract and the
 * zones are the files a deployment imports ({@code ./muster import osm}, {@code ./muster import zones} with the
 * generator's properties), so a planner can rehearse on the map the control room uses.
 *
 * <p>{@link #load} checks the files against each other, every problem at once and each naming its file and
 * line, before anything runs: a unit at a station the stations file does not have, a station outside every
 * zone of its organisation, a zone file with no features, a person on a unit of another organisation.
 *
 * @param settlements when empty, the region has none, and the demo's demand model cannot run on it (calls
 *     come from a scenario's own streams or a replayed file instead)
 */
public record FileRegion(
        Path osm, Path organisations, Path zones, Path stations, Path units, Path people, Optional<Path> settlements) {
    /** What a file region's manifest says made it. */
    public static final String GENERATOR = "files";

    public FileRegion {
        Check.present("osm", osm);
        Check.present("organisations", organisations);
        Check.present("zones", zones);
        Check.present("stations", stations);
        Check.present("units", units);
        Check.present("people", people);
        Check.present("settlements", settlements);
    }

    /**
     * Reads and checks every file and returns the region as the simulator takes a generated one: its files,
     * and a manifest made from them (counts of what the files hold; no junction counts, which only the road
     * graph knows).
     *
     * @param workDirectory where what is derived from the files is kept between runs (the road graph's cache,
     *     in its {@code graph-cache} folder)
     * @throws InvalidInputException naming the file, the line, the value and what was expected, for every
     *     problem found
     */
    public GeneratedRegion load(Path workDirectory) {
        Check.present("workDirectory", workDirectory);
        Check problems = Check.collecting();
        List<RegionManifest.OrganisationEntry> orgs =
                attempt(problems, () -> RegionFiles.readOrganisationLines(organisations)).stream()
                        .map(RegionFiles.Lined::value)
                        .toList();
        List<ZoneShape> shapes = attempt(problems, () -> readZones(zones));
        List<RegionFiles.Lined<Station>> stationLines = attempt(problems, () -> RegionFiles.readStationLines(stations));
        List<RegionFiles.Lined<UnitRecord>> unitLines = attempt(problems, () -> RegionFiles.readUnitLines(units));
        List<RegionFiles.Lined<PersonRecord>> personLines =
                attempt(problems, () -> RegionFiles.readPeopleLines(people));
        List<RegionManifest.SettlementEntry> towns = settlements
                .map(f -> attempt(problems, () -> RegionFiles.readSettlements(f)))
                .orElse(List.of());
        problems.throwIfAny();

        Set<String> orgIds = new TreeSet<>();
        for (RegionManifest.OrganisationEntry o : orgs)
            if (!orgIds.add(o.id())) problems.add(name(organisations), o.id(), "names an organisation twice");
        if (orgs.isEmpty()) problems.add(name(organisations), "", "must list at least one organisation");
        for (ZoneShape z : shapes)
            if (!orgIds.contains(z.organisation().value()))
                problems.add(
                        name(zones) + " zone " + z.id().value() + ".organisation",
                        z.organisation().value(),
                        "is not an organisation of " + name(organisations) + ": " + orgIds);
        Map<StationId, Station> byId = new HashMap<>();
        for (RegionFiles.Lined<Station> l : stationLines) {
            Station s = l.value();
            if (byId.putIfAbsent(s.id(), s) != null)
                problems.add(l.at() + ".station_id", s.id().value(), "names a station twice");
            if (!orgIds.contains(s.organisation().value()))
                problems.add(
                        l.at() + ".organisation",
                        s.organisation().value(),
                        "is not an organisation of " + name(organisations) + ": " + orgIds);
            else if (!inZoneOf(shapes, s)) {
                problems.add(
                        l.at() + ".lat,lon",
                        s.location().lat() + "," + s.location().lon(),
                        "lies outside every zone of " + s.organisation().value() + " in " + name(zones));
            }
        }
        Map<UnitId, UnitRecord> unitsById = new HashMap<>();
        for (RegionFiles.Lined<UnitRecord> l : unitLines) {
            UnitRecord u = l.value();
            if (unitsById.putIfAbsent(u.id(), u) != null)
                problems.add(l.at() + ".unit_id", u.id().value(), "names a unit twice");
            Station home = byId.get(u.homeStation());
            if (home == null)
                problems.add(
                        l.at() + ".home_station",
                        u.homeStation().value(),
                        "is not a station of " + name(stations) + "; its stations are "
                                + new TreeSet<>(byId.keySet().stream()
                                        .map(StationId::value)
                                        .toList()));
            else if (!home.organisation().equals(u.organisation()))
                problems.add(
                        l.at() + ".home_station",
                        u.homeStation().value(),
                        "is a station of " + home.organisation().value() + ", not of the unit's organisation "
                                + u.organisation().value());
        }
        Set<String> personIds = new HashSet<>();
        int spare = 0;
        for (RegionFiles.Lined<PersonRecord> l : personLines) {
            PersonRecord p = l.value();
            if (!personIds.add(p.id().value()))
                problems.add(l.at() + ".person_id", p.id().value(), "names a person twice");
            if (!orgIds.contains(p.organisation().value()))
                problems.add(
                        l.at() + ".organisation",
                        p.organisation().value(),
                        "is not an organisation of " + name(organisations) + ": " + orgIds);
            if (p.unit().isEmpty()) spare++;
            p.unit().ifPresent(id -> {
                UnitRecord u = unitsById.get(id);
                if (u == null) problems.add(l.at() + ".unit_id", id.value(), "is not a unit of " + name(units));
                else if (!u.organisation().equals(p.organisation()))
                    problems.add(
                            l.at() + ".unit_id",
                            id.value(),
                            "is a unit of " + u.organisation().value() + ", not of the person's organisation "
                                    + p.organisation().value());
            });
        }
        problems.throwIfAny();
        return new GeneratedRegion(
                workDirectory,
                osm,
                zones,
                stations,
                units,
                people,
                workDirectory.resolve(RegionManifest.FILE_NAME),
                manifest(orgs, shapes, stationLines, unitLines.size(), personLines.size(), spare, towns));
    }

    private RegionManifest manifest(
            List<RegionManifest.OrganisationEntry> orgs,
            List<ZoneShape> shapes,
            List<RegionFiles.Lined<Station>> stationLines,
            int unitCount,
            int peopleCount,
            int spare,
            List<RegionManifest.SettlementEntry> towns) {
        double minLat = 90, minLon = 180, maxLat = -90, maxLon = -180;
        for (ZoneShape z : shapes) {
            var b = z.bounds();
            minLat = Math.min(minLat, b.southWest().lat());
            minLon = Math.min(minLon, b.southWest().lon());
            maxLat = Math.max(maxLat, b.northEast().lat());
            maxLon = Math.max(maxLon, b.northEast().lon());
        }
        int hospitals = (int) stationLines.stream()
                .filter(l -> l.value().kind() == StationKind.HOSPITAL)
                .count();
        int cities = (int)
                towns.stream().filter(t -> t.kind() == SettlementKind.CITY).count();
        int townCount = (int)
                towns.stream().filter(t -> t.kind() == SettlementKind.TOWN).count();
        int villages = towns.size() - cities - townCount;
        return new RegionManifest(
                GENERATOR,
                RegionManifest.FORMAT_VERSION,
                0,
                1.0,
                new RegionManifest.FileNames(
                        osm.toString(), zones.toString(), stations.toString(), units.toString(), people.toString()),
                new RegionManifest.BoundingBox(minLat, minLon, maxLat, maxLon),
                new RegionManifest.Centre((minLat + maxLat) / 2, (minLon + maxLon) / 2),
                new RegionManifest.Counts(
                        0,
                        0,
                        0,
                        cities,
                        townCount,
                        villages,
                        0,
                        0,
                        shapes.size(),
                        stationLines.size(),
                        hospitals,
                        unitCount,
                        peopleCount,
                        spare),
                orgs,
                towns);
    }

    /** A station lies in one of its own organisation's zones: else no zone's board would count its units. */
    private static boolean inZoneOf(List<ZoneShape> shapes, Station s) {
        GeoPoint at = s.location();
        for (ZoneShape z : shapes) {
            if (!z.organisation().equals(s.organisation())) continue;
            Area area = z.area();
            if (area.covers(at)) return true;
        }
        return false;
    }

    /** The zones, each problem named by the file as well as the feature. */
    private static List<ZoneShape> readZones(Path file) {
        try {
            return GeoJsonZoneReader.read(file, RegionFiles.ZONE_FORMAT).zones();
        } catch (InvalidInputException e) {
            Check named = Check.collecting();
            e.violations().forEach(v -> named.add(name(file) + " " + v.field(), v.value(), v.rule()));
            named.throwIfAny();
            throw e;
        }
    }

    private static <T> List<T> attempt(Check problems, java.util.function.Supplier<List<T>> read) {
        List<T> out = new ArrayList<>();
        problems.attempt(() -> out.addAll(read.get()));
        return out;
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
