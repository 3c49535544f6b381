package org.muster.engine.rules;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.capacity.SafeMinimum;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.organisation.ZoneLevel;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.state.MusterState;

/**
 * Applies events to a state. Events are facts already checked by the {@link Decider}: applying one never
 * fails, and applying the same events to the same state always gives the same result, which is what makes
 * replay exact.
 */
public final class Evolver {
    private Evolver() {}

    /** When, by whom and why an event happened: what the log records around it. */
    record Context(Instant at, String actor, String reason) {}

    public static MusterState apply(MusterState state, RecordedEvent recorded) {
        Context context = new Context(recorded.at(), recorded.actor().id(), recorded.reason());
        MusterState next = apply(state, recorded.event(), context);
        // a reported position is not in the log and leaves the state at the event before it
        return recorded.logged() ? next.withSequence(recorded.sequence()) : next;
    }

    static MusterState apply(MusterState s, Event event, Context context) {
        Instant at = context.at();
        return switch (event) {
            case Event.OrganisationRegistered e -> s.withOrganisation(e.organisation());
            case Event.EscortAgreementSet e ->
                s.withOrganisation(s.getOrganisation(e.escorting()).withEscortAgreement(e.escorted(), e.agreed()));
            case Event.ZoneRegistered e -> s.withZone(e.zone());
            case Event.StationRegistered e -> s.withStation(e.station());
            case Event.UnitRegistered e -> s.withUnit(e.unit());
            case Event.PersonRegistered e -> s.withPerson(e.person());
            case Event.CrewChanged e -> s.withUnit(s.getUnit(e.unit()).withCrew(e.crew()));
            case Event.OperatingLevelChanged e ->
                s.withZone(s.getZone(e.zone())
                        .withLevel(new ZoneLevel(
                                e.to(),
                                context.reason(),
                                context.actor(),
                                Optional.of(at),
                                e.reviewAt(),
                                e.rendezvous())));
            case Event.ZoneCoverSet e -> s.withZone(s.getZone(e.zone()).withCoveredFrom(e.coveredFrom()));
            case Event.SafeMinimumSet e -> s.withSafeMinimum(new SafeMinimum(e.zone(), e.type(), e.minimum()));
            case Event.ClearanceRequired e ->
                s.withIncident(note(
                        s.getIncident(e.incident()).withClearance(Clearance.AWAITING),
                        at,
                        "awaiting tactical clearance: zone closed"));
            case Event.TacticalClearanceGranted e ->
                s.withIncident(note(
                        s.getIncident(e.incident()).withClearance(Clearance.GRANTED),
                        at,
                        "tactical clearance granted by " + context.actor()));
            case Event.AlertRaised e -> s.withAlert(addressed(s, e.alert()));
            case Event.AlertResolved e -> s.withAlert(s.getAlert(e.alert()).resolved(at, e.resolution()));
            case Event.AlertAccepted e ->
                s.withAlert(s.getAlert(e.alert()).decided(AlertStatus.ACCEPTED, context.actor(), context.reason()));
            case Event.AlertDismissed e ->
                s.withAlert(s.getAlert(e.alert()).decided(AlertStatus.DISMISSED, context.actor(), context.reason()));
            case Event.PublicAlertIssued e -> s.withPublicAlert(e.alert());
            case Event.PublicAlertUpdated e -> s.withPublicAlert(e.alert());
            case Event.PublicAlertCancelled e -> s.withPublicAlert(e.alert());
            case Event.UnitStatusChanged e ->
                arrivedIfLent(s.withUnit(s.getUnit(e.unit()).withStatus(e.to(), e.reason(), e.hospital(), at)), e, at);
            case Event.UnitMoved e -> s.withUnit(s.getUnit(e.unit()).withPosition(new Position(e.point(), at)));
            case Event.IncidentCreated e -> {
                Incident created = e.incident()
                        .withTimelineEntry(new TimelineEntry(
                                at,
                                "call received: " + e.incident().type() + ", "
                                        + e.incident().priority()));
                for (String warning : e.warnings()) created = note(created, at, "warning: " + warning);
                yield s.withIncident(created);
            }
            case Event.IncidentStatusChanged e ->
                s.withIncident(note(
                        s.getIncident(e.incident()).withStatus(e.to()), at, "status " + e.from() + " -> " + e.to()));
            case Event.IncidentMerged e -> {
                Incident duplicate = note(s.getIncident(e.duplicate()), at, "merged into " + e.primary());
                Incident primary = note(
                        s.getIncident(e.primary()).withLinkedCall(e.duplicate()),
                        at,
                        "duplicate call " + e.duplicate() + " linked");
                yield s.withIncident(duplicate.withMergedInto(e.primary())).withIncident(primary);
            }
            case Event.IncidentArchived e -> s.withoutIncident(e.incident());
            case Event.IncidentHandedOver e ->
                s.withIncident(note(s.getIncident(e.incident()), at, Handovers.acknowledged(e)));
            case Event.HandoverRefused e -> s.withIncident(note(s.getIncident(e.incident()), at, Handovers.refused(e)));
            case Event.HandoverStatusReported e ->
                s.withIncident(note(s.getIncident(e.incident()), at, Handovers.status(e)));
            case Event.UnitAssigned e ->
                s.withIncident(note(
                        s.getIncident(e.incident())
                                .withAssignment(new Assignment(e.unit(), e.role(), at, Optional.empty())),
                        at,
                        callsign(s, e.unit()) + " assigned as " + e.role()));
            case Event.UnitArrived e -> {
                Incident i = s.getIncident(e.incident());
                Assignment a = i.findAssignment(e.unit()).orElseThrow();
                yield s.withIncident(
                        note(i.withAssignment(a.withArrival(at)), at, callsign(s, e.unit()) + " on scene"));
            }
            case Event.UnitReleased e ->
                s.withIncident(note(
                        s.getIncident(e.incident()).withoutAssignment(e.unit()),
                        at,
                        callsign(s, e.unit()) + " released"));
            case Event.PersonDutyChanged e ->
                s.withPerson(s.getPerson(e.person()).withDuty(e.to()));
            case Event.SkillSuspended e -> s.withPerson(s.getPerson(e.person()).withSkillSuspended(e.skill(), true));
            case Event.SkillRestored e -> s.withPerson(s.getPerson(e.person()).withSkillSuspended(e.skill(), false));
            case Event.AidRequested e -> s.withAidRequest(e.request());
            case Event.AidRequestStatusChanged e -> {
                AidRequest r = s.getAidRequest(e.request()).withStatus(e.to(), at);
                // offers still pending when the request stops taking them lapse, freeing their units
                yield s.withAidRequest(e.to().takesOffers() ? r : r.withPendingOffersLapsed());
            }
            case Event.AidOffered e ->
                s.withAidRequest(s.getAidRequest(e.request())
                        .withPendingOfferLapsed(e.offer().offerer())
                        .withOffer(e.offer()));
            case Event.AidDeclined e ->
                s.withAidRequest(s.getAidRequest(e.request())
                        .withPendingOfferLapsed(e.decline().organisation())
                        .withDecline(e.decline()));
            case Event.AidOfferAccepted e -> {
                AidRequest r = s.getAidRequest(e.request());
                yield s.withAidRequest(
                        r.withOffer(r.findOffer(e.offer()).orElseThrow().withAccepted(e.units())));
            }
            case Event.AidUnitWithheld e -> s;
            case Event.UnitLent e -> {
                Unit u = s.getUnit(e.unit());
                AidDeployment lent = AidDeployment.deployed(
                        u.id(), u.organisation(), e.host(), at, s.crewOf(u).size());
                yield s.withUnit(u.withHost(e.host()))
                        .withAidRequest(s.getAidRequest(e.request()).withDeployment(lent));
            }
            case Event.UnitReturned e ->
                s.withUnit(s.getUnit(e.unit()).withoutHost())
                        .withAidRequest(s.getAidRequest(e.request()).withDeploymentEnded(e.unit(), at));
            case Event.MajorIncidentDeclared e ->
                s.withMajorIncident(major(
                        e.majorIncident(),
                        at,
                        context,
                        (e.majorIncident().status() == org.muster.domain.major.MajorIncidentStatus.STANDBY
                                        ? "standby"
                                        : "major incident")
                                + " declared by " + e.majorIncident().declaredBy() + "; attending "
                                + e.majorIncident().organisations()));
            case Event.MajorIncidentStatusChanged e ->
                s.withMajorIncident(major(
                        s.getMajorIncident(e.majorIncident()).withStatus(e.to(), at),
                        at,
                        context,
                        e.to() == org.muster.domain.major.MajorIncidentStatus.STOOD_DOWN
                                ? "stood down"
                                : "declared in full (was " + e.from() + ")"));
            case Event.IncidentLinkedToMajorIncident e -> {
                Incident linked = s.findIncident(e.incident())
                        .map(i -> note(i, at, "linked to major incident " + e.majorIncident()))
                        .orElse(null);
                MusterState next = s.withMajorIncident(major(
                        s.getMajorIncident(e.majorIncident()).withLinkedIncident(e.incident(), e.organisation()),
                        at,
                        context,
                        "call " + e.incident() + " of " + e.organisation() + " linked"));
                yield linked == null ? next : next.withIncident(linked);
            }
            case Event.MethaneReportFiled e ->
                s.withMajorIncident(major(
                        s.getMajorIncident(e.majorIncident()).withMethane(e.report()),
                        at,
                        context,
                        "METHANE report " + e.report().version() + " from "
                                + e.report().organisation()
                                + (e.report().version() == 1
                                        ? ""
                                        : "; changed: " + e.report().changed())));
            case Event.CasualtiesReported e ->
                s.withMajorIncident(major(
                        s.getMajorIncident(e.majorIncident()).withCasualties(e.count()),
                        at,
                        context,
                        "casualties from " + e.count().organisation() + ": "
                                + e.count().counts()));
            case Event.MajorIncidentPlaceMarked e ->
                s.withMajorIncident(major(
                        s.getMajorIncident(e.majorIncident()).withPlace(e.place()),
                        at,
                        context,
                        e.place().kind() + " '" + e.place().name() + "' marked by "
                                + e.place().organisation()));
            case Event.EscalationLevelChanged e ->
                s.withEscalation(
                        s.escalationOf(e.organisation()).withLevel(e.to(), at, context.reason(), context.actor()));
            case Event.TargetsSuspended e ->
                s.withEscalation(s.escalationOf(e.organisation()).withTargetsSuspended(e.suspended()));
            case Event.PrioritiesHeldBack e ->
                s.withEscalation(s.escalationOf(e.organisation()).withHeldBack(e.priorities()));
            case Event.RoadClosed e -> s.withRoadClosure(e.closure());
            case Event.RoadReopened e -> s.withoutRoadClosure(e.closure());
        };
    }

    /**
     * A lent unit on its way reaches the rendezvous point when it reports there, or when its host tasks it
     * first: from then on it works for its host and its unit-hours run.
     */
    private static MusterState arrivedIfLent(MusterState s, Event.UnitStatusChanged e, Instant at) {
        if (e.to() != UnitStatus.AT_RENDEZVOUS && e.to() != UnitStatus.DISPATCHED) return s;
        Unit u = s.getUnit(e.unit());
        if (!u.isLent()) return s;
        return s.findAidRequestHolding(u.id())
                .filter(r -> r.findOngoingDeployment(u.id())
                        .map(AidDeployment::isTravelling)
                        .orElse(false))
                .map(r -> s.withAidRequest(r.withArrival(u.id(), at)))
                .orElse(s);
    }

    /** A major incident with a line added to its timeline, naming who did it and why. */
    private static org.muster.domain.major.MajorIncident major(
            org.muster.domain.major.MajorIncident m, Instant at, Context context, String what) {
        String why = context.reason().isBlank() ? "" : " (" + context.reason() + ")";
        return m.withTimelineEntry(new TimelineEntry(at, what + " - " + context.actor() + why));
    }

    private static Incident note(Incident incident, Instant at, String what) {
        return incident.withTimelineEntry(new TimelineEntry(at, what));
    }

    private static String callsign(MusterState s, UnitId unit) {
        return s.findUnit(unit).map(Unit::callsign).map(Object::toString).orElse(unit.value());
    }

    /**
     * An alert recorded before alerts were addressed is addressed as it would be now: to its proposed
     * zone's owner, or, for a surge across an organisation, to that organisation.
     */
    private static org.muster.domain.alert.Alert addressed(MusterState s, org.muster.domain.alert.Alert alert) {
        if (!alert.organisations().isEmpty()) return alert;
        var owner = alert.proposedZone().flatMap(s::findZone).map(z -> z.organisation());
        if (owner.isEmpty() && alert.key().startsWith("surge:organisation:")) {
            String code = alert.key().split(":")[2];
            owner = s.organisations().keySet().stream()
                    .filter(o -> o.value().equals(code))
                    .findFirst();
        }
        return owner.map(o -> alert.withOrganisations(org.muster.domain.Sorted.setOf(java.util.Set.of(o))))
                .orElse(alert);
    }
}
