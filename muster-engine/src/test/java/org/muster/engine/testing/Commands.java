package org.muster.engine.testing;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;

/** Short ways to build command envelopes in tests. */
public final class Commands {
    private static final AtomicLong NEXT = new AtomicLong();

    private Commands() {}

    public static CommandEnvelope env(Command c) {
        return env(c, "");
    }

    public static CommandEnvelope env(Command c, String reason) {
        return new CommandEnvelope(CommandId.of("cmd-" + NEXT.incrementAndGet()), Actor.of("tester"), reason, c);
    }

    public static Command.CreateIncident incident(String id, String org, String type, GeoPoint at) {
        return new Command.CreateIncident(
                IncidentId.of(id), org(org), IncidentTypeCode.of(type), Optional.empty(), at, "", new TreeSet<>());
    }

    public static Command.AssignUnit assign(String incident, String unit) {
        return new Command.AssignUnit(IncidentId.of(incident), UnitId.of(unit), AssignmentRole.PRIMARY);
    }

    public static Command.ChangeUnitStatus status(String unit, UnitStatus status) {
        return new Command.ChangeUnitStatus(UnitId.of(unit), status, Optional.empty());
    }

    public static org.muster.domain.organisation.OrganisationId org(String id) {
        return org.muster.domain.organisation.OrganisationId.of(id);
    }

    public static <T extends Comparable<? super T>> TreeSet<T> set(Set<T> values) {
        return new TreeSet<>(values);
    }
}
