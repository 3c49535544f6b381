package org.muster.domain.event;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.Decline;
import org.muster.domain.aid.OfferId;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.major.CasualtyCount;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentPlace;
import org.muster.domain.major.MajorIncidentStatus;
import org.muster.domain.major.MethaneReport;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.DutyState;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.Skill;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * Something that happened, as decided by the engine from a command. Events are facts: applying them never
 * fails, and replaying them rebuilds the state exactly. Their time, actor and reason are on the
 * {@link RecordedEvent} around them.
 */
public sealed interface Event {

    record OrganisationRegistered(Organisation organisation) implements Event {}

    /** A police force's standing agreement to escort another service's crews, given or withdrawn. */
    record EscortAgreementSet(OrganisationId escorting, OrganisationId escorted, boolean agreed) implements Event {}

    record ZoneRegistered(Zone zone) implements Event {}

    record StationRegistered(Station station) implements Event {}

    record UnitRegistered(Unit unit) implements Event {}

    record PersonRegistered(Person person) implements Event {}

    record CrewChanged(UnitId unit, SortedSet<PersonId> crew) implements Event {
        public CrewChanged {
            // an event is a fact: the set it was built from must not change it afterwards
            crew = Sorted.setOf(crew);
        }
    }

    /** The level's reason and author are the event's own (on the {@link RecordedEvent}). */
    record OperatingLevelChanged(
            ZoneId zone,
            OperatingLevel from,
            OperatingLevel to,
            Optional<Instant> reviewAt,
            Optional<GeoPoint> rendezvous)
            implements Event {}

    record SafeMinimumSet(ZoneId zone, UnitType type, int minimum) implements Event {}

    /** The zone is covered from a neighbour by design (or, empty, by its own stations). */
    record ZoneCoverSet(ZoneId zone, Optional<ZoneId> coveredFrom) implements Event {}

    /** An open incident in a zone that closed now waits for tactical clearance. */
    record ClearanceRequired(IncidentId incident) implements Event {}

    record TacticalClearanceGranted(IncidentId incident) implements Event {}

    record AlertRaised(Alert alert) implements Event {}

    /** The decision's author and reason are the event's own (on the {@link RecordedEvent}). */
    record AlertAccepted(AlertId alert) implements Event {}

    record AlertDismissed(AlertId alert) implements Event {}

    /** What raised the alert is over, or a newer alert with the same key replaced it. */
    record AlertResolved(AlertId alert, String resolution) implements Event {}

    /** A public alert as it was issued; each event carries the alert as it stands after it. */
    record PublicAlertIssued(org.muster.domain.publicalert.PublicAlert alert) implements Event {}

    record PublicAlertUpdated(org.muster.domain.publicalert.PublicAlert alert) implements Event {}

    record PublicAlertCancelled(org.muster.domain.publicalert.PublicAlert alert) implements Event {}

    /** @param hospital where a unit TRANSPORTING or AT_HOSPITAL takes its patient, when its crew named one */
    record UnitStatusChanged(
            UnitId unit,
            UnitStatus from,
            UnitStatus to,
            Optional<UnavailableReason> reason,
            Optional<org.muster.domain.organisation.StationId> hospital)
            implements Event {
        public UnitStatusChanged(UnitId unit, UnitStatus from, UnitStatus to, Optional<UnavailableReason> reason) {
            this(unit, from, to, reason, Optional.empty());
        }

        public UnitStatusChanged {
            // an event recorded before hospitals were named has none
            hospital = hospital == null ? Optional.empty() : hospital;
        }
    }

    record UnitMoved(UnitId unit, GeoPoint point) implements Event {}

    /**
     * A call taken.
     *
     * @param warnings what the call taker and dispatcher should know about the call as taken, in words: a
     *     place far from the roads (the nearest road point and the distance on foot)
     */
    record IncidentCreated(Incident incident, java.util.List<String> warnings) implements Event {
        public IncidentCreated(Incident incident) {
            this(incident, java.util.List.of());
        }

        public IncidentCreated {
            // a call recorded before warnings were kept has none
            warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
        }
    }

    record IncidentStatusChanged(IncidentId incident, IncidentStatus from, IncidentStatus to) implements Event {}

    record IncidentMerged(IncidentId duplicate, IncidentId primary) implements Event {}

    /**
     * A finished incident left the live state; its record is in the read model of closed incidents from
     * now on. The organisation is the incident's, so the event's audience needs no look-up of what is gone.
     */
    record IncidentArchived(IncidentId incident, OrganisationId organisation) implements Event {}

    record UnitAssigned(IncidentId incident, UnitId unit, AssignmentRole role) implements Event {}

    record UnitArrived(IncidentId incident, UnitId unit) implements Event {}

    record UnitReleased(IncidentId incident, UnitId unit) implements Event {}

    record PersonDutyChanged(PersonId person, DutyState from, DutyState to) implements Event {}

    record SkillSuspended(PersonId person, Skill skill) implements Event {}

    record SkillRestored(PersonId person, Skill skill) implements Event {}

    // ---- mutual aid ----

    /** A request recorded, as a draft or sent; a region among its addressees already resolved. */
    record AidRequested(AidRequest request) implements Event {}

    record AidRequestStatusChanged(AidRequestId request, AidRequestStatus from, AidRequestStatus to) implements Event {}

    /** An offer made; a pending offer of the same organisation on the request lapses. */
    record AidOffered(AidRequestId request, AidOffer offer) implements Event {}

    /** A refusal; a pending offer of the same organisation on the request lapses. */
    record AidDeclined(AidRequestId request, Decline decline) implements Event {}

    record AidOfferAccepted(AidRequestId request, OfferId offer, SortedSet<UnitId> units) implements Event {
        public AidOfferAccepted {
            units = Sorted.setOf(units);
        }
    }

    /**
     * A unit the request holds that its home keeps for now, in words: sent by its home to a call of its own
     * before it was lent (taken out of a pending offer, which is recorded again without it; or, accepted,
     * going once stood down); or not sent with a deployment because it cannot go yet (at an incident,
     * unavailable), staying accepted for a later one. Changes nothing itself: it is the record, and the word
     * in the dispatcher's or the requester's answer, of why the unit is not on its way.
     */
    record AidUnitWithheld(AidRequestId request, UnitId unit, String why) implements Event {}

    /** The unit arrived at the rendezvous point and works for {@code host} from the event's time. */
    record UnitLent(AidRequestId request, UnitId unit, OrganisationId host) implements Event {}

    /** The lent unit went home to {@code home}; its time lent ends at the event's time. */
    record UnitReturned(AidRequestId request, UnitId unit, OrganisationId home) implements Event {}

    // ---- handovers between services ----

    /** Another service acknowledged the incident handed over to it: {@code receiver} holds it as {@code receiverIncident}. */
    record IncidentHandedOver(
            IncidentId incident,
            String peer,
            OrganisationId receiver,
            IncidentId receiverIncident,
            Instant acknowledgedAt)
            implements Event {}

    /** A handover failed; the incident stays with its organisation, as it always does. */
    record HandoverRefused(IncidentId incident, String peer, OrganisationId receiver, String reason) implements Event {}

    /** The receiver's copy of a handed-over incident moved to {@code status} at {@code at}, as the receiver said. */
    record HandoverStatusReported(
            IncidentId incident,
            OrganisationId receiver,
            IncidentId receiverIncident,
            IncidentStatus status,
            Instant at)
            implements Event {}

    // ---- major incidents ----

    /** A major incident or standby declared, with the organisations attending it from the start. */
    record MajorIncidentDeclared(MajorIncident majorIncident) implements Event {}

    /** A standby declared in full, or a major incident stood down (its board closed). */
    record MajorIncidentStatusChanged(MajorIncidentId majorIncident, MajorIncidentStatus from, MajorIncidentStatus to)
            implements Event {}

    /** A call linked to the major incident; its organisation attends from now. */
    record IncidentLinkedToMajorIncident(
            MajorIncidentId majorIncident, IncidentId incident, OrganisationId organisation) implements Event {}

    record MethaneReportFiled(MajorIncidentId majorIncident, MethaneReport report) implements Event {}

    record CasualtiesReported(MajorIncidentId majorIncident, CasualtyCount count) implements Event {}

    record MajorIncidentPlaceMarked(MajorIncidentId majorIncident, MajorIncidentPlace place) implements Event {}

    // ---- escalation levels ----

    /** The level's reason and author are the event's own (on the {@link RecordedEvent}). */
    record EscalationLevelChanged(OrganisationId organisation, int from, int to) implements Event {}

    record TargetsSuspended(OrganisationId organisation, boolean suspended) implements Event {}

    record PrioritiesHeldBack(OrganisationId organisation, SortedSet<Priority> priorities) implements Event {
        public PrioritiesHeldBack {
            priorities = Sorted.setOf(priorities);
        }
    }
    /** A road closed or an area to avoid: road travel times avoid it from now on. */
    record RoadClosed(RoadClosure closure) implements Event {}

    /** A closure lifted: road travel times use the roads again. */
    record RoadReopened(RoadClosureId closure, OrganisationId organisation) implements Event {}
}
