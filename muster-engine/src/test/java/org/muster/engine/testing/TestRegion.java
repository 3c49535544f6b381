package org.muster.engine.testing;

import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.org;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;

/**
 * A small region for engine tests: a police force {@code POL} with response cars {@code P1..P3} and armed
 * response vehicles {@code ARV1, ARV2} (each with two firearms officers and a driver), and an ambulance
 * service {@code AMB} with ambulances {@code A1..A3}; every unit crewed.
 */
public final class TestRegion {
    public static final GeoPoint CENTRE = GeoPoint.of(52.6, -0.7);

    private TestRegion() {}

    public static List<CommandEnvelope> commands() {
        List<CommandEnvelope> out = new ArrayList<>();
        out.add(env(new Command.RegisterOrganisation(org("POL"), "Test Police", Agency.POLICE)));
        out.add(env(new Command.RegisterOrganisation(org("AMB"), "Test Ambulance", Agency.AMBULANCE)));
        out.add(env(new Command.RegisterZone(ZoneId.of("POL-N"), org("POL"), "North", Optional.empty())));
        out.add(env(new Command.RegisterZone(ZoneId.of("AMB-N"), org("AMB"), "North", Optional.empty())));
        out.add(env(new Command.RegisterStation(
                StationId.of("PS1"), org("POL"), "Central", StationKind.POLICE_STATION, CENTRE)));
        out.add(env(new Command.RegisterStation(
                StationId.of("AS1"), org("AMB"), "Ambulance base", StationKind.AMBULANCE_STATION, CENTRE)));
        for (int i = 1; i <= 3; i++) {
            out.addAll(unit(
                    "POL",
                    "P" + i,
                    UnitType.POLICE_RESPONSE_CAR,
                    "PS1",
                    PersonRole.POLICE_OFFICER,
                    List.of(EnumSet.of(Skill.RESPONSE_DRIVER))));
        }
        for (int i = 1; i <= 2; i++) {
            out.addAll(unit(
                    "POL",
                    "ARV" + i,
                    UnitType.ARMED_RESPONSE_VEHICLE,
                    "PS1",
                    PersonRole.POLICE_OFFICER,
                    List.of(
                            EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER, Skill.RESPONSE_DRIVER),
                            EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER),
                            EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER))));
        }
        for (int i = 1; i <= 3; i++) {
            out.addAll(unit(
                    "AMB",
                    "A" + i,
                    UnitType.DOUBLE_CREWED_AMBULANCE,
                    "AS1",
                    PersonRole.PARAMEDIC,
                    List.of(
                            EnumSet.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER),
                            EnumSet.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN))));
        }
        return out;
    }

    /**
     * Another police force {@code org}, with a zone {@code org-N}, a station at {@code at} and armed
     * response vehicles with the ids given, each crewed by two firearms officers and a driver.
     */
    public static List<CommandEnvelope> policeForce(String org, GeoPoint at, String... arvs) {
        List<CommandEnvelope> out = new ArrayList<>();
        out.add(env(new Command.RegisterOrganisation(org(org), org + " Police", Agency.POLICE)));
        out.add(env(new Command.RegisterZone(ZoneId.of(org + "-N"), org(org), "North", Optional.empty())));
        out.add(env(new Command.RegisterStation(
                StationId.of(org + "-PS"), org(org), "Central", StationKind.POLICE_STATION, at)));
        for (String id : arvs) {
            out.addAll(unit(
                    org,
                    id,
                    UnitType.ARMED_RESPONSE_VEHICLE,
                    org + "-PS",
                    PersonRole.POLICE_OFFICER,
                    List.of(
                            EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER, Skill.RESPONSE_DRIVER),
                            EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER),
                            EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER))));
        }
        return out;
    }

    private static List<CommandEnvelope> unit(
            String org, String id, UnitType type, String station, PersonRole role, List<Set<Skill>> crewSkills) {
        List<CommandEnvelope> out = new ArrayList<>();
        out.add(env(new Command.RegisterUnit(
                UnitId.of(id),
                Callsign.of(id),
                org(org),
                type,
                Optional.of(StationId.of(station)),
                4,
                Optional.empty())));
        TreeSet<PersonId> crew = new TreeSet<>();
        for (int n = 0; n < crewSkills.size(); n++) {
            PersonId p = PersonId.of(id + "-" + (n + 1));
            out.add(env(new Command.RegisterPerson(p, "Crew " + p, org(org), role, new TreeSet<>(crewSkills.get(n)))));
            crew.add(p);
        }
        out.add(env(new Command.SetCrew(UnitId.of(id), crew)));
        return out;
    }
}
