package org.muster.server.stream;

import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.event.Event;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;

/**
 * Whom an event concerns: every event type names its audience in one exhaustive {@code switch}, so a new
 * event type does not compile until someone decides who may see it. Deny by default: an event whose
 * subject cannot be found in the state (or an alert addressed to nobody) reaches only the coordinator, never
 * everyone. The public events are the region's directory, which {@code /organisations}, {@code /zones},
 * {@code /stations} and the map show every signed-in user on purpose: organisations (a control room addresses
 * mutual aid requests to them by name), zones with their operating levels and cover, and stations, so that
 * neighbours can plan around each other's levels (a level carries its reason and who set it, as {@code
 * /zones} shows it).
 */
public final class EventScope {
    private EventScope() {}

    /** Who may see an event. */
    public sealed interface Audience {
        /** Every signed-in user: only the public directory. */
        record Everyone() implements Audience {}

        /** The users of these organisations (and the coordinator); empty means the coordinator alone. */
        record Organisations(SortedSet<OrganisationId> organisations) implements Audience {}

        /** A mutual aid request's own rule: its parties, but a draft only its requester ({@link Viewer}). */
        record AidParties(AidRequest request) implements Audience {}
    }

    public static boolean visible(Viewer viewer, Event event, MusterState state) {
        return visible(viewer, event, state, ClosedIncidents.NONE);
    }

    /**
     * As {@link #visible(Viewer, Event, MusterState)}, finding an incident that has left the state in the read
     * model of {@code closed} ones: a replay of older events (a stream resumed, the audit's pages) names
     * incidents finished and archived since, which still belong to their organisation.
     */
    public static boolean visible(Viewer viewer, Event event, MusterState state, ClosedIncidents closed) {
        if (viewer.coordinator()) return true;
        return switch (audience(event, state, closed)) {
            case Audience.Everyone e -> true;
            case Audience.Organisations o -> o.organisations().stream().anyMatch(viewer::belongsTo);
            case Audience.AidParties a -> viewer.canSee(a.request());
        };
    }

    /**
     * The event's audience, its subjects looked up in {@code state} (a lent unit's host, the organisation whose
     * call a unit works, an alert's addressees).
     */
    public static Audience audience(Event event, MusterState state) {
        return audience(event, state, ClosedIncidents.NONE);
    }

    /** As {@link #audience(Event, MusterState)}, an incident not in the state looked up in {@code closed}. */
    public static Audience audience(Event event, MusterState now, ClosedIncidents closed) {
        Subjects state = new Subjects(now, closed);
        return switch (event) {
            case Event.OrganisationRegistered e -> new Audience.Everyone();
            case Event.EscortAgreementSet e -> orgs(state, e.escorting(), e.escorted());
            case Event.ZoneRegistered e -> new Audience.Everyone();
            case Event.StationRegistered e -> new Audience.Everyone();
            case Event.UnitRegistered e -> orgs(state, unit(state, e.unit()));
            case Event.PersonRegistered e -> orgs(state, e.person().organisation());
            case Event.CrewChanged e -> orgs(state, e.unit());
            case Event.OperatingLevelChanged e -> new Audience.Everyone();
            case Event.SafeMinimumSet e -> orgs(state, e.zone());
            case Event.ZoneCoverSet e -> new Audience.Everyone();
            case Event.ClearanceRequired e -> orgs(state, e.incident());
            case Event.TacticalClearanceGranted e -> orgs(state, e.incident());
            case Event.AlertRaised e -> orgs(state, e.alert());
            // a warning to the public is public: every signed-in user, as the CAP feed shows it to anyone
            case Event.PublicAlertIssued e -> new Audience.Everyone();
            case Event.PublicAlertUpdated e -> new Audience.Everyone();
            case Event.PublicAlertCancelled e -> new Audience.Everyone();
            case Event.AlertAccepted e -> orgs(state, e.alert());
            case Event.AlertDismissed e -> orgs(state, e.alert());
            case Event.AlertResolved e -> orgs(state, e.alert());
            // seen as the unit is: by whoever tasked it onto their call too, as /units shows it to them
            case Event.UnitStatusChanged e -> orgs(state, e.unit());
            case Event.UnitMoved e -> orgs(state, e.unit());
            case Event.IncidentCreated e -> orgs(state, e.incident().organisation());
            case Event.IncidentStatusChanged e -> orgs(state, e.incident());
            case Event.IncidentMerged e -> orgs(state, e.duplicate(), e.primary());
            // the incident has left the state: the event names its organisation itself
            case Event.IncidentArchived e -> orgs(state, e.organisation());
            case Event.IncidentHandedOver e -> orgs(state, e.incident());
            case Event.HandoverRefused e -> orgs(state, e.incident());
            case Event.HandoverStatusReported e -> orgs(state, e.incident());
            // a unit sent to another organisation's incident (lent, or an escort) stays its home's business
            case Event.UnitAssigned e -> orgs(state, e.incident(), e.unit());
            case Event.UnitArrived e -> orgs(state, e.incident(), e.unit());
            case Event.UnitReleased e -> orgs(state, e.incident(), e.unit());
            // people are their own organisation's: a walkout is not news for the other services' boards
            case Event.PersonDutyChanged e -> orgs(state, e.person());
            case Event.SkillSuspended e -> orgs(state, e.person());
            case Event.SkillRestored e -> orgs(state, e.person());
            case Event.AidRequested e -> aid(state, e.request().id(), Optional.of(e.request()));
            case Event.AidRequestStatusChanged e -> aid(state, e.request(), Optional.empty());
            case Event.AidOffered e -> aid(state, e.request(), Optional.empty());
            case Event.AidDeclined e -> aid(state, e.request(), Optional.empty());
            case Event.AidUnitWithheld e -> aid(state, e.request(), Optional.empty());
            case Event.AidOfferAccepted e -> aid(state, e.request(), Optional.empty());
            case Event.UnitLent e -> aid(state, e.request(), Optional.empty());
            case Event.UnitReturned e -> aid(state, e.request(), Optional.empty());
            // a major incident is every attending organisation's at once: the area's, the declarer's
            case Event.MajorIncidentDeclared e -> orgs(state, e.majorIncident().organisations());
            case Event.MajorIncidentStatusChanged e -> orgs(state, e.majorIncident());
            case Event.IncidentLinkedToMajorIncident e -> orgs(state, e.majorIncident(), e.organisation());
            case Event.MethaneReportFiled e -> orgs(state, e.majorIncident());
            case Event.CasualtiesReported e -> orgs(state, e.majorIncident());
            case Event.MajorIncidentPlaceMarked e -> orgs(state, e.majorIncident());
            // a level is public, as a zone's is, so that neighbours can plan around it; its measures are its own
            case Event.EscalationLevelChanged e -> new Audience.Everyone();
            case Event.TargetsSuspended e -> orgs(state, e.organisation());
            case Event.PrioritiesHeldBack e -> orgs(state, e.organisation());
            // every service drives the same roads: a closure is news for all of them, as a zone's level is
            case Event.RoadClosed e -> new Audience.Everyone();
            case Event.RoadReopened e -> new Audience.Everyone();
        };
    }

    /** As the state holds the request now; the event's own copy when it is not there (yet). */
    private static Audience aid(Subjects state, AidRequestId id, Optional<AidRequest> recorded) {
        return state.now()
                .findAidRequest(id)
                .or(() -> recorded)
                .<Audience>map(Audience.AidParties::new)
                .orElseGet(() -> orgs(state));
    }

    private static Unit unit(Subjects state, Unit recorded) {
        return state.now().findUnit(recorded.id()).orElse(recorded);
    }

    /** Where an event's subjects are looked up: the state, and finished incidents that have left it. */
    private record Subjects(MusterState now, ClosedIncidents closed) {}

    private static Audience orgs(Subjects state, Object... subjects) {
        SortedSet<OrganisationId> out = new TreeSet<>();
        for (Object s : subjects) add(s, state, out);
        return new Audience.Organisations(out);
    }

    private static void add(Object subject, Subjects s, SortedSet<OrganisationId> out) {
        switch (subject) {
            case OrganisationId o -> out.add(o);
            case IncidentId i ->
                s.now().findIncident(i).or(() -> s.closed().findIncident(i)).ifPresent(x -> out.add(x.organisation()));
            case UnitId u -> s.now().findUnit(u).ifPresent(x -> add(x, s, out));
            // the viewer's own rule: home, host while lent, the organisation whose call it works while it does
            case Unit u -> out.addAll(Viewer.organisationsSeeing(u, s.now()));
            case ZoneId z -> s.now().findZone(z).ifPresent(x -> out.add(x.organisation()));
            case PersonId p -> s.now().findPerson(p).ifPresent(x -> out.add(x.organisation()));
            // an alert addressed to no one (recorded before alerts were addressed) stays with the coordinator
            case AlertId a -> s.now().findAlert(a).map(Alert::organisations).ifPresent(out::addAll);
            case Alert a -> out.addAll(s.now().findAlert(a.id()).orElse(a).organisations());
            case org.muster.domain.major.MajorIncidentId m ->
                s.now().findMajorIncident(m).ifPresent(x -> out.addAll(x.organisations()));
            case Collection<?> many -> many.forEach(x -> add(x, s, out));
            default -> throw new IllegalArgumentException("no audience rule for " + subject.getClass());
        }
    }
}
