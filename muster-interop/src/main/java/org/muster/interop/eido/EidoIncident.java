package org.muster.interop.eido;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;

/**
 * What an EIDO of one incident is made from: the incident, the organisations involved (its own and those of
 * the units assigned), the units assigned as they stand, and what was kept of an EIDO it came in with.
 *
 * @param organisations at least the incident's organisation, and that of every unit in {@code units}
 * @param units the units named by the incident's assignments that can be described; an assignment whose
 *     unit is missing is left out of the document
 * @param received the document this incident was imported from, when it was: its components that Muster
 *     does not model are sent on with it
 */
public record EidoIncident(
        Incident incident,
        Map<OrganisationId, Organisation> organisations,
        List<Unit> units,
        Optional<ReceivedIncident> received) {
    public EidoIncident {
        Check.present("incident", incident);
        organisations = Map.copyOf(Check.present("organisations", organisations));
        units = List.copyOf(Check.present("units", units));
        Check.present("received", received);
        if (!organisations.containsKey(incident.organisation()))
            throw new IllegalArgumentException(
                    "the incident's organisation " + incident.organisation() + " is missing");
        for (Unit u : units)
            if (!organisations.containsKey(u.organisation()))
                throw new IllegalArgumentException("unit " + u.id() + "'s organisation is missing");
    }

    /**
     * The incident with what its document needs, looked up in a state's maps: the organisations, and the
     * units its assignments name.
     */
    public static EidoIncident of(
            Incident incident,
            Map<OrganisationId, Organisation> organisations,
            Map<UnitId, Unit> units,
            Optional<ReceivedIncident> received) {
        List<Unit> assigned = new ArrayList<>();
        for (Assignment a : incident.assignments()) {
            Unit u = units.get(a.unit());
            if (u != null && organisations.containsKey(u.organisation())) assigned.add(u);
        }
        return new EidoIncident(incident, organisations, assigned, received);
    }

    public Organisation owner() {
        return organisations.get(incident.organisation());
    }
}
