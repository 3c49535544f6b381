package org.muster.engine.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * How the zones an incident lies in change its dispatch: an escort-required zone pairs ambulance and fire
 * crews with a police escort; a downgraded zone lets units of neighbouring zones' organisations serve it;
 * a closed zone sends units to its rendezvous point instead of the scene.
 */
record Situation(
        OrganisationId incidentOrganisation,
        GeoPoint destination,
        Optional<GeoPoint> rendezvous,
        boolean escortRequired,
        Set<OrganisationId> escortOrganisations,
        Set<OrganisationId> neighbourOrganisations,
        List<String> notes) {

    static Situation of(MusterState state, Incident incident, Rules.ZoneLocator locator) {
        Agency agency = state.getOrganisation(incident.organisation()).agency();
        List<Zone> zones = locator.zonesAt(incident.location()).stream()
                .flatMap(id -> state.findZone(id).stream())
                .toList();
        List<String> notes = new ArrayList<>();

        Optional<Zone> escortZone = zones.stream()
                .filter(z -> z.operatingLevel() == OperatingLevel.ESCORT_REQUIRED)
                .findFirst();
        boolean escort = escortZone.isPresent() && (agency == Agency.AMBULANCE || agency == Agency.FIRE);
        Set<OrganisationId> escorts = new LinkedHashSet<>();
        if (escort) {
            zones.stream()
                    .map(z -> state.getOrganisation(z.organisation()))
                    .filter(o -> o.agency() == Agency.POLICE)
                    .forEach(o -> escorts.add(o.id()));
            if (escorts.isEmpty()) {
                state.organisations().values().stream()
                        .filter(o -> o.agency() == Agency.POLICE)
                        .forEach(o -> escorts.add(o.id()));
            }
            notes.add("zone " + escortZone.get().id() + " is ESCORT_REQUIRED" + because(escortZone.get())
                    + ": crews go in with a police escort; the expected arrival is the later of the two");
        }

        Optional<Zone> closed = zones.stream()
                .filter(z -> z.operatingLevel() == OperatingLevel.CLOSED)
                .findFirst();
        Optional<GeoPoint> rendezvous = closed.flatMap(z -> z.level().rendezvous());
        closed.ifPresent(z -> notes.add("zone " + z.id() + " is CLOSED" + because(z)
                + ": units go to the rendezvous point"
                + z.level().rendezvous().map(p -> " " + p).orElse("")
                + " and wait for tactical clearance"));

        Set<OrganisationId> neighbours = new LinkedHashSet<>();
        for (Zone z : zones) {
            if (z.operatingLevel() != OperatingLevel.DOWNGRADED
                    || !z.organisation().equals(incident.organisation())) continue;
            for (ZoneId n : locator.neighboursOf(z.id())) {
                state.findZone(n)
                        .map(Zone::organisation)
                        .flatMap(state::findOrganisation)
                        .filter(o -> o.agency() == agency)
                        .map(Organisation::id)
                        .ifPresent(neighbours::add);
            }
            notes.add("zone " + z.id() + " is DOWNGRADED" + because(z)
                    + ": targets suspended; units of neighbouring zones considered"
                    + (neighbours.isEmpty() ? "" : " (" + neighbours + ")"));
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
