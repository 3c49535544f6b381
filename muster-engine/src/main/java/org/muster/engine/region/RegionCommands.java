package org.muster.engine.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.people.PersonId;
import org.muster.domain.unit.UnitId;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.PersonRecord;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.region.UnitRecord;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneShape;

/**
 * The commands that set a generated region up in the engine: its organisations, zones (parents first),
 * stations, units, people and crews. The region's files are read and checked whole before any command is
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
        return out;
    }
}
