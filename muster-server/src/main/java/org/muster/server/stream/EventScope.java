package org.muster.server.stream;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.AlertId;
import org.muster.domain.event.Event;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;
import org.muster.server.RecordValues;

/**
 * Whom an event concerns, read from what it names: an incident's organisation, a unit's home and host,
 * a zone's owner, a mutual aid request's parties, an alert's addressees, an organisation named outright. An event that names
 * none of these (a new incident type, say) concerns everyone.
 */
public final class EventScope {
    private EventScope() {}

    public static boolean visible(Viewer viewer, Event event, MusterState state) {
        if (viewer.coordinator()) return true;
        // a mutual aid request's events follow the request's own rule (a draft is its requester's alone)
        var request = aidRequestOf(event, state);
        if (request.isPresent()) return viewer.canSee(request.get());
        Set<OrganisationId> orgs = organisations(event, state);
        return orgs.isEmpty() || orgs.stream().anyMatch(viewer::belongsTo);
    }

    public static Set<OrganisationId> organisations(Event event, MusterState state) {
        Set<OrganisationId> out = new TreeSet<>();
        for (Object v : RecordValues.of(event)) {
            if (v instanceof Collection<?> many) many.forEach(x -> add(x, state, out));
            else add(v, state, out);
        }
        return out;
    }

    private static Optional<AidRequest> aidRequestOf(Event event, MusterState state) {
        for (Object v : RecordValues.of(event)) {
            if (v instanceof AidRequest r) return state.findAidRequest(r.id()).or(() -> Optional.of(r));
            if (v instanceof AidRequestId id) return state.findAidRequest(id);
        }
        return Optional.empty();
    }

    private static void add(Object v, MusterState state, Set<OrganisationId> out) {
        switch (v) {
            case OrganisationId o -> out.add(o);
            case IncidentId i -> state.findIncident(i).ifPresent(x -> out.add(x.organisation()));
            case UnitId u ->
                state.findUnit(u).ifPresent(x -> {
                    out.add(x.organisation());
                    x.lentTo().ifPresent(out::add);
                });
            case ZoneId z -> state.findZone(z).ifPresent(x -> out.add(x.organisation()));
            case AlertId a -> state.findAlert(a).ifPresent(x -> out.addAll(x.organisations()));
            case AidRequestId r ->
                state.findAidRequest(r).ifPresent(x -> {
                    out.add(x.requester());
                    out.addAll(x.parties());
                });
            case org.muster.domain.incident.Incident i -> out.add(i.organisation());
            case org.muster.domain.unit.Unit u -> {
                out.add(u.organisation());
                u.lentTo().ifPresent(out::add);
            }
            case org.muster.domain.organisation.Zone z -> out.add(z.organisation());
            case org.muster.domain.organisation.Station st -> out.add(st.organisation());
            case org.muster.domain.people.Person p -> out.add(p.organisation());
            case AidRequest r -> {
                out.add(r.requester());
                out.addAll(r.parties());
            }
            // as the state holds it: an alert recorded before alerts were addressed is addressed there
            case org.muster.domain.alert.Alert a ->
                out.addAll(state.findAlert(a.id()).orElse(a).organisations());
            case null, default -> {}
        }
    }
}
