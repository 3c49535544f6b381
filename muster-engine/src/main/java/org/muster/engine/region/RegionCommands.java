package org.muster.engine.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.PersonRecord;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.region.UnitRecord;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneLookup;
import org.muster.geo.zone.ZoneShape;

/**
 * The commands that set a generated region up in the engine: its organisations, zones (parents first),
 * the police forces' standing escort agreements, stations, units, people and crews, each zone's safe
 * minimums, and the neighbour that covers each zone with no units of its own. The region's files are read
 * and checked whole before any command is
 * made, so a bad file changes nothing.
 */
public final class RegionCommands {
    private RegionCommands() {}

    public static List<Command> of(GeneratedRegion region) {
        List<Organisation> organisations = region.manifest().listOrganisations();
        List<ZoneShape> zones = new ArrayList<>(GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        List<Station> stations = RegionFiles.readStations(region.stationsFile());
        List<UnitRecord> units = RegionFiles.readUnits(region.unitsFile());
        List<PersonRecord> people = RegionFiles.readPeople(region.peopleFile());

        List<Command> out = new ArrayList<>();
        for (Organisation o : organisations) out.add(new Command.RegisterOrganisation(o.id(), o.name(), o.agency()));
        zones.sort(Comparator.comparing((ZoneShape z) -> z.parent().isPresent()).thenComparing(z -> z.id().value()));
        for (ZoneShape z : zones) out.add(new Command.RegisterZone(z.id(), z.organisation(), z.name(), z.parent()));
        out.addAll(escortAgreements(organisations, zones));
        for (Station s : stations)
            out.add(new Command.RegisterStation(s.id(), s.organisation(), s.name(), s.kind(), s.location()));
        for (UnitRecord u : units) {
            out.add(new Command.RegisterUnit(
                    u.id(),
                    u.callsign(),
                    u.organisation(),
                    u.type(),
                    Optional.of(u.homeStation()),
                    u.seats(),
                    Optional.of(u.position())));
        }
        Map<UnitId, SortedSet<PersonId>> crews = new TreeMap<>();
        for (PersonRecord p : people) {
            out.add(new Command.RegisterPerson(p.id(), p.name(), p.organisation(), p.role(), p.skills()));
            p.unit()
                    .ifPresent(
                            u -> crews.computeIfAbsent(u, k -> new TreeSet<>()).add(p.id()));
        }
        crews.forEach((unit, crew) -> out.add(new Command.SetCrew(unit, crew)));
        Map<ZoneId, Map<UnitType, Integer>> based = unitsByZone(ZoneLookup.of(zones), units);
        out.addAll(safeMinimums(based));
        out.addAll(cover(ZoneLookup.of(zones), zones, based));
        return out;
    }

    /** Each zone's units of its own organisation by type, by where they stand when the region is set up. */
    private static Map<ZoneId, Map<UnitType, Integer>> unitsByZone(ZoneLookup index, List<UnitRecord> units) {
        Map<ZoneId, Map<UnitType, Integer>> out = new TreeMap<>();
        for (UnitRecord u : units) {
            for (ZoneShape z : index.listContaining(u.position())) {
                if (!z.organisation().equals(u.organisation())) continue;
                out.computeIfAbsent(z.id(), k -> new EnumMap<>(UnitType.class)).merge(u.type(), 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * Safe minimums a duty planner would set: half a zone's everyday units (response cars, ambulances, rapid
     * response cars, fire appliances), rounded down, and all but one of its specialists (armed response
     * vehicles, public order carriers, dogs, HART, aerial ladders). So a busy evening, with half a zone's cars
     * out, turns it amber and then red, and losing two armed response vehicles, as when a share of the
     * firearms officers hand in their authorisations, turns the force red.
     */
    static int safeMinimum(UnitType type, int units) {
        return switch (type) {
            case POLICE_RESPONSE_CAR, DOUBLE_CREWED_AMBULANCE, RAPID_RESPONSE_CAR, FIRE_APPLIANCE -> units / 2;
            case ARMED_RESPONSE_VEHICLE,
                    PUBLIC_ORDER_CARRIER,
                    DOG_UNIT,
                    HAZARDOUS_AREA_RESPONSE_TEAM,
                    AERIAL_LADDER_PLATFORM -> Math.max(0, units - 1);
        };
    }

    private static List<Command> safeMinimums(Map<ZoneId, Map<UnitType, Integer>> based) {
        List<Command> out = new ArrayList<>();
        based.forEach((zone, byType) -> byType.forEach((type, n) -> {
            int minimum = safeMinimum(type, n);
            if (minimum > 0) out.add(new Command.SetSafeMinimum(zone, type, minimum));
        }));
        return out;
    }

    /**
     * A sub-zone with no unit of its own organisation standing in it would read "no units" for ever. It is
     * covered by design from a neighbouring sub-zone of the same organisation (the one touching it with the
     * most units, else the nearest with any), and that is recorded, so boards say whose cover it is.
     */
    private static List<Command> cover(
            ZoneLookup index, List<ZoneShape> zones, Map<ZoneId, Map<UnitType, Integer>> based) {
        List<Command> out = new ArrayList<>();
        for (ZoneShape z : zones) {
            if (z.parent().isEmpty() || based.containsKey(z.id())) continue;
            List<ZoneShape> staffed = zones.stream()
                    .filter(o -> o.parent().isPresent()
                            && o.organisation().equals(z.organisation())
                            && based.containsKey(o.id()))
                    .toList();
            if (staffed.isEmpty()) continue;
            List<ZoneId> touching =
                    index.listNeighbours(z.id()).stream().map(ZoneShape::id).toList();
            ZoneShape from = staffed.stream()
                    .min(Comparator.comparing((ZoneShape o) -> !touching.contains(o.id()))
                            .thenComparing(o -> -total(based.get(o.id())))
                            .thenComparingDouble(o -> o.separation(z))
                            .thenComparing(o -> o.id().value()))
                    .orElseThrow();
            out.add(new Command.SetZoneCover(z.id(), Optional.of(from.id())));
        }
        return out;
    }

    private static int total(Map<UnitType, Integer> byType) {
        return byType.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Each police force's standing agreement to escort the ambulance and fire services whose areas overlap
     * its own: the arrangement a region's services make in advance, so that an escort-required zone does
     * not wait for mutual aid.
     */
    static List<Command> escortAgreements(List<Organisation> organisations, List<ZoneShape> zones) {
        List<Command> out = new ArrayList<>();
        for (Organisation police : organisations) {
            if (police.agency() != Agency.POLICE) continue;
            for (Organisation escorted : organisations) {
                if (escorted.agency() == Agency.POLICE) continue;
                if (overlap(zones, police, escorted))
                    out.add(new Command.SetEscortAgreement(police.id(), escorted.id(), true));
            }
        }
        return out;
    }

    private static boolean overlap(List<ZoneShape> zones, Organisation a, Organisation b) {
        for (ZoneShape za : zones) {
            if (!za.organisation().equals(a.id()) || za.parent().isPresent()) continue;
            for (ZoneShape zb : zones) {
                if (!zb.organisation().equals(b.id()) || zb.parent().isPresent()) continue;
                // sharing an area, not just a boundary
                if (za.overlaps(zb)) return true;
            }
        }
        return false;
    }
}
