package org.muster.cli.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * A realistic command stream for load tests: an ambulance service with crewed units, each unit run by one
 * client through the whole job cycle (call received, dispatch, en route, on scene, clear), so every
 * command is valid and the mix is what a control room writes: one incident creation to four status
 * changes.
 */
public final class LifecycleWorkload {
    static final OrganisationId ORG = OrganisationId.of("BENCH-AMB");
    private static final GeoPoint BASE = GeoPoint.of(52.63, -0.65);

    private final String runId;

    public LifecycleWorkload(String runId) {
        this.runId = runId;
    }

    /** The commands that set up the organisation and {@code units} crewed ambulances. */
    public List<CommandEnvelope> setUp(int units) {
        List<CommandEnvelope> out = new ArrayList<>();
        out.add(env(
                "setup-org", new Command.RegisterOrganisation(ORG, "Benchmark Ambulance Service", Agency.AMBULANCE)));
        for (int u = 0; u < units; u++) {
            UnitId id = unit(u);
            out.add(env(
                    "setup-unit-" + u,
                    new Command.RegisterUnit(
                            id,
                            Callsign.of("B" + u),
                            ORG,
                            UnitType.DOUBLE_CREWED_AMBULANCE,
                            Optional.empty(),
                            2,
                            Optional.of(BASE))));
            PersonId medic = PersonId.of(runId + "-p" + u + "a");
            PersonId tech = PersonId.of(runId + "-p" + u + "b");
            out.add(env(
                    "setup-p-" + u + "a",
                    new Command.RegisterPerson(
                            medic,
                            "Paramedic " + u,
                            ORG,
                            PersonRole.PARAMEDIC,
                            new TreeSet<>(EnumSet.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER)))));
            out.add(env(
                    "setup-p-" + u + "b",
                    new Command.RegisterPerson(
                            tech,
                            "Technician " + u,
                            ORG,
                            PersonRole.EMERGENCY_MEDICAL_TECHNICIAN,
                            new TreeSet<>(EnumSet.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN)))));
            out.add(env("setup-crew-" + u, new Command.SetCrew(id, new TreeSet<>(List.of(medic, tech)))));
        }
        return out;
    }

    /** The five commands of job {@code job} for unit {@code unit}. */
    public List<CommandEnvelope> job(int unit, long job) {
        UnitId u = unit(unit);
        IncidentId incident = IncidentId.of(runId + "-i" + unit + "-" + job);
        GeoPoint at = GeoPoint.of(BASE.lat() + (job % 97) * 0.001, BASE.lon() + (unit % 89) * 0.001);
        String key = "u" + unit + "-j" + job;
        return List.of(
                env(
                        key + "-call",
                        new Command.CreateIncident(
                                incident, ORG, IncidentTypeCode.of("FALL"), Optional.empty(), at, "", new TreeSet<>())),
                env(key + "-dispatch", new Command.AssignUnit(incident, u, AssignmentRole.PRIMARY)),
                env(key + "-enroute", new Command.ChangeUnitStatus(u, UnitStatus.EN_ROUTE, Optional.empty())),
                env(key + "-onscene", new Command.ChangeUnitStatus(u, UnitStatus.ON_SCENE, Optional.empty())),
                env(key + "-clear", new Command.ChangeUnitStatus(u, UnitStatus.AVAILABLE, Optional.empty())));
    }

    private UnitId unit(int u) {
        return UnitId.of(runId + "-u" + u);
    }

    private CommandEnvelope env(String key, Command c) {
        return new CommandEnvelope(CommandId.of(runId + "-" + key), Actor.of("bench"), "", c);
    }
}
