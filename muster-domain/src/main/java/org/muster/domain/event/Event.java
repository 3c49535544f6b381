package org.muster.domain.event;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.GeoPoint;
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

    record ZoneRegistered(Zone zone) implements Event {}

    record StationRegistered(Station station) implements Event {}

    record UnitRegistered(Unit unit) implements Event {}

    record PersonRegistered(Person person) implements Event {}

    record CrewChanged(UnitId unit, SortedSet<PersonId> crew) implements Event {}

    /** The level's reason and author are the event's own (on the {@link RecordedEvent}). */
    record OperatingLevelChanged(
            ZoneId zone,
            OperatingLevel from,
            OperatingLevel to,
            Optional<Instant> reviewAt,
            Optional<GeoPoint> rendezvous)
            implements Event {}

    record SafeMinimumSet(ZoneId zone, UnitType type, int minimum) implements Event {}

    /** An open incident in a zone that closed now waits for tactical clearance. */
    record ClearanceRequired(IncidentId incident) implements Event {}

    record TacticalClearanceGranted(IncidentId incident) implements Event {}

    record AlertRaised(Alert alert) implements Event {}

    /** The decision's author and reason are the event's own (on the {@link RecordedEvent}). */
    record AlertAccepted(AlertId alert) implements Event {}

    record AlertDismissed(AlertId alert) implements Event {}

    record UnitStatusChanged(UnitId unit, UnitStatus from, UnitStatus to, Optional<UnavailableReason> reason)
            implements Event {}

    record UnitMoved(UnitId unit, GeoPoint point) implements Event {}

    record IncidentCreated(Incident incident) implements Event {}

    record IncidentStatusChanged(IncidentId incident, IncidentStatus from, IncidentStatus to) implements Event {}

    record IncidentMerged(IncidentId duplicate, IncidentId primary) implements Event {}

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

    record AidOfferAccepted(AidRequestId request, OfferId offer, SortedSet<UnitId> units) implements Event {}

    /** The unit arrived at the rendezvous point and works for {@code host} from the event's time. */
    record UnitLent(AidRequestId request, UnitId unit, OrganisationId host) implements Event {}

    /** The lent unit went home to {@code home}; its time lent ends at the event's time. */
    record UnitReturned(AidRequestId request, UnitId unit, OrganisationId home) implements Event {}
}
