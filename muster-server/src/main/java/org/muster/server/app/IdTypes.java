package org.muster.server.app;

import java.util.List;

/** The domain's single-string identifiers, written as bare strings on the wire. */
final class IdTypes {
    private IdTypes() {}

    static final List<Class<?>> ALL = List.of(
            org.muster.domain.organisation.OrganisationId.class,
            org.muster.domain.organisation.ZoneId.class,
            org.muster.domain.organisation.StationId.class,
            org.muster.domain.unit.UnitId.class,
            org.muster.domain.unit.Callsign.class,
            org.muster.domain.people.PersonId.class,
            org.muster.domain.incident.IncidentId.class,
            org.muster.domain.incident.IncidentTypeCode.class,
            org.muster.domain.alert.AlertId.class,
            org.muster.domain.command.CommandId.class,
            org.muster.domain.command.Actor.class,
            org.muster.domain.aid.AidRequestId.class,
            org.muster.domain.aid.OfferId.class);
}
