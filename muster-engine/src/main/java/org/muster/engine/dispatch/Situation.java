package org.muster.engine.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;

/**
 * How the zones of its own organisation an incident lies in change its dispatch: an escort-required zone
 * pairs ambulance and fire crews with a police escort by agreement; a downgraded zone lets units of
 * neighbouring zones' organisations serve it ({@link Tasking}); a closed zone sends units to its rendezvous
 * point instead of the scene.
 */
record Situation(
        OrganisationId incidentOrganisation,
        GeoPoint destination,
        Optional<GeoPoint> rendezvous,
        boolean escortRequired,
        Set<OrganisationId> escortOrganisations,
        Set<OrganisationId> neighbourOrganisations,
        List<String> notes) {

    static Situation of(MusterState state, Incident incident, Tasking tasking, Rules.ZoneLocator locator) {
        // a zone's level binds the organisation whose zone it is, and no other
        List<Zone> zones = Tasking.bindingZones(state, incident.organisation(), incident.location(), locator);
        List<String> notes = new ArrayList<>();

        Optional<Zone> escortZone = Tasking.escortZone(state, incident, locator);
        boolean escort = escortZone.isPresent();
        Set<OrganisationId> escorts = escort ? tasking.escortOrganisations() : Set.of();
        if (escort) {
            Set<OrganisationId> forces = new LinkedHashSet<>(escorts);
            forces.remove(incident.organisation());
            notes.add("zone " + escortZone.get().id() + " is ESCORT_REQUIRED" + because(escortZone.get())
                    + ": crews go in with a police escort; the expected arrival is the later of the two"
                    + (forces.isEmpty()
                            ? "; no police force has a standing escort agreement with " + incident.organisation()
                                    + ": ask for an escort under mutual aid"
                            : "; escorts by agreement from "
                                    + String.join(
                                            ", ",
                                            forces.stream()
                                                    .map(OrganisationId::value)
                                                    .toList())));
        }

        Optional<Zone> closed = zones.stream()
                .filter(z -> z.operatingLevel() == OperatingLevel.CLOSED)
                .findFirst();
        Optional<GeoPoint> rendezvous = closed.flatMap(z -> z.level().rendezvous());
        closed.ifPresent(z -> notes.add("zone " + z.id() + " is CLOSED" + because(z)
                + ": units go to the rendezvous point"
                + z.level().rendezvous().map(p -> " " + p).orElse("")
                + " and wait for tactical clearance"));

        Set<OrganisationId> neighbours = tasking.neighbourOrganisations();
        for (Zone z : tasking.downgradedZones()) {
            notes.add("zone " + z.id() + " is DOWNGRADED" + because(z)
                    + ": targets suspended; units of neighbouring zones considered"
                    + (neighbours.isEmpty()
                            ? ""
                            : " ("
                                    + String.join(
                                            ", ",
                                            neighbours.stream()
                                                    .map(OrganisationId::value)
                                                    .sorted()
                                                    .toList())
                                    + ")"));
        }
        return new Situation(
                incident.organisation(),
                rendezvous.orElse(incident.location()),
                rendezvous,
                escort,
                Set.copyOf(escorts),
                Set.copyOf(neighbours),
                List.copyOf(notes));
    }

    private static String because(Zone z) {
        return z.level().reason().isBlank() ? "" : " (" + z.level().reason() + ")";
    }
}
