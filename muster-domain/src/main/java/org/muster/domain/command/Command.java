package org.muster.domain.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.OfferId;
import org.muster.domain.alert.AlertId;
import org.muster.domain.escalation.Escalation;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.major.CasualtyCount;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentPlace;
import org.muster.domain.major.Methane;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * What someone asks Muster to do. A command's own fields are checked when it is built (shape); the
 * engine checks it against the current state (references, transitions) before any event is written.
 */
public sealed interface Command {

    record RegisterOrganisation(OrganisationId id, String name, Agency agency) implements Command {
        public RegisterOrganisation {
            Check.present("id", id);
            name = Check.text("name", name);
            Check.present("agency", agency);
        }
    }

    /**
     * A police force's standing agreement to escort an ambulance or fire service's crews ({@code agreed}), or
     * its end. The escorting force gives it: the escorted service may then task the force's escort-capable
     * units as escorts without asking for mutual aid.
     */
    record SetEscortAgreement(OrganisationId escorting, OrganisationId escorted, boolean agreed) implements Command {
        public SetEscortAgreement {
            Check.present("escorting", escorting);
            Check.present("escorted", escorted);
            if (escorting.equals(escorted))
                throw InvalidInputException.of(
                        "escorted", escorted, "must be another organisation than the escorting one");
        }
    }

    record RegisterZone(ZoneId id, OrganisationId organisation, String name, Optional<ZoneId> parent)
            implements Command {
        public RegisterZone {
            Check.present("id", id);
            Check.present("organisation", organisation);
            name = Check.text("name", name);
            Check.present("parent", parent);
        }
    }

    record RegisterStation(StationId id, OrganisationId organisation, String name, StationKind kind, GeoPoint location)
            implements Command {
        public RegisterStation {
            Check.present("id", id);
            Check.present("organisation", organisation);
            name = Check.text("name", name);
            Check.present("kind", kind);
            Check.present("location", location);
        }
    }

    record RegisterUnit(
            UnitId id,
            Callsign callsign,
            OrganisationId organisation,
            UnitType type,
            Optional<StationId> homeStation,
            int seats,
            Optional<GeoPoint> position)
            implements Command {
        public RegisterUnit {
            Check.present("id", id);
            Check.present("callsign", callsign);
            Check.present("organisation", organisation);
            Check.present("type", type);
            Check.present("homeStation", homeStation);
            Check.range("seats", seats, 1, 64);
            Check.present("position", position);
        }
    }

    record RegisterPerson(
            PersonId id, String name, OrganisationId organisation, PersonRole role, SortedSet<Skill> skills)
            implements Command {
        public RegisterPerson {
            Check.present("id", id);
            name = Check.text("name", name);
            Check.present("organisation", organisation);
            Check.present("role", role);
            skills = Sorted.setOf(Check.present("skills", skills));
        }
    }

    /** Puts exactly these people on board the unit (an empty set stands the crew down). */
    record SetCrew(UnitId unit, SortedSet<PersonId> crew) implements Command {
        public SetCrew {
            Check.present("unit", unit);
            crew = Sorted.setOf(Check.present("crew", crew));
        }
    }

    /**
     * Sets a zone's operating level. The envelope's reason is required; a closed zone needs a rendezvous
     * point where units wait for tactical clearance.
     */
    record SetOperatingLevel(
            ZoneId zone, OperatingLevel level, Optional<Instant> reviewAt, Optional<GeoPoint> rendezvous)
            implements Command {
        public SetOperatingLevel {
            Check.present("zone", zone);
            Check.present("level", level);
            Check.present("reviewAt", reviewAt);
            Check.present("rendezvous", rendezvous);
            if (level == OperatingLevel.CLOSED && rendezvous.isEmpty()) {
                throw InvalidInputException.of(
                        "rendezvous", "", "is required to close a zone: units wait there for tactical clearance");
            }
        }

        public SetOperatingLevel(ZoneId zone, OperatingLevel level, Optional<Instant> reviewAt) {
            this(zone, level, reviewAt, Optional.empty());
        }
    }

    /** A supervisor lets units into an incident in a closed zone. */
    record GrantTacticalClearance(IncidentId incident) implements Command {
        public GrantTacticalClearance {
            Check.present("incident", incident);
        }
    }

    /**
     * Raises a warning into the log, addressed to {@code organisations}, with its evidence and the zone
     * level change it proposes, if any. With no organisations named it is addressed to the proposed zone's
     * owner. An active alert with the same key is resolved by it, so one alert per key stays active.
     * Muster's own capacity, status-limit and early-warning watch raises these; an integration may too.
     */
    record RaiseAlert(
            AlertId id,
            String kind,
            String key,
            SortedSet<OrganisationId> organisations,
            String summary,
            SortedMap<String, String> evidence,
            Optional<ZoneId> proposedZone,
            Optional<OperatingLevel> proposedLevel)
            implements Command {
        public RaiseAlert {
            Check.present("id", id);
            kind = Check.text("kind", kind);
            key = Check.text("key", key);
            // absent from a request that leaves the addressees to the proposed zone's owner
            organisations = organisations == null ? Sorted.empty() : Sorted.setOf(organisations);
            summary = Check.text("summary", summary);
            evidence = Collections.unmodifiableSortedMap(new TreeMap<>(Check.present("evidence", evidence)));
            Check.present("proposedZone", proposedZone);
            Check.present("proposedLevel", proposedLevel);
            if (proposedZone.isPresent() != proposedLevel.isPresent()) {
                throw InvalidInputException.of(
                        "proposedLevel", proposedLevel, "is given with a proposed zone, and only then");
            }
        }
    }

    /** A supervisor accepts an alert; a proposed zone level change is made with it. The reason is required. */
    record AcceptAlert(AlertId alert) implements Command {
        public AcceptAlert {
            Check.present("alert", alert);
        }
    }

    /**
     * Muster resolves an alert whose condition is over (a zone back to green, a unit out of the status it
     * overstayed); {@code resolution} says so in words.
     */
    record ResolveAlert(AlertId alert, String resolution) implements Command {
        public ResolveAlert {
            Check.present("alert", alert);
            resolution = Check.text("resolution", resolution);
        }
    }

    /** A supervisor dismisses an alert. The reason is required. */
    record DismissAlert(AlertId alert) implements Command {
        public DismissAlert {
            Check.present("alert", alert);
        }
    }

    /** A supervisor warns the public of an area (its organisation's zones, or one drawn): a CAP Alert. */
    record IssuePublicAlert(
            org.muster.domain.publicalert.PublicAlertId id,
            OrganisationId organisation,
            org.muster.domain.publicalert.PublicAlertContent content)
            implements Command {
        public IssuePublicAlert {
            Check.present("id", id);
            Check.present("organisation", organisation);
            Check.present("content", content);
        }
    }

    /** A new version of a standing public alert, replacing what it says: a CAP Update. */
    record UpdatePublicAlert(
            org.muster.domain.publicalert.PublicAlertId id, org.muster.domain.publicalert.PublicAlertContent content)
            implements Command {
        public UpdatePublicAlert {
            Check.present("id", id);
            Check.present("content", content);
        }
    }

    /** Withdraws a standing public alert: a CAP Cancel. */
    record CancelPublicAlert(org.muster.domain.publicalert.PublicAlertId id) implements Command {
        public CancelPublicAlert {
            Check.present("id", id);
        }
    }

    /**
     * Names the neighbouring zone, of the same organisation, whose stations cover {@code zone} by design
     * because it has none of its own; empty {@code coveredFrom} says it has its own cover again.
     */
    record SetZoneCover(ZoneId zone, Optional<ZoneId> coveredFrom) implements Command {
        public SetZoneCover {
            Check.present("zone", zone);
            Check.present("coveredFrom", coveredFrom);
            if (coveredFrom.equals(Optional.of(zone)))
                throw InvalidInputException.of("coveredFrom", zone, "must be another zone than " + zone);
        }
    }

    /** The fewest available units of a type the zone should keep. */
    record SetSafeMinimum(ZoneId zone, UnitType type, int minimum) implements Command {
        public SetSafeMinimum {
            Check.present("zone", zone);
            Check.present("type", type);
            Check.atLeast("minimum", minimum, 0);
        }
    }

    /**
     * A status reported by a crew or set by a dispatcher; {@code reason} only with {@code UNAVAILABLE}.
     *
     * @param hospital the hospital a unit TRANSPORTING or AT_HOSPITAL is taking its patient to (a station of
     *     kind HOSPITAL), so the handover is known before it happens
     */
    record ChangeUnitStatus(
            UnitId unit, UnitStatus status, Optional<UnavailableReason> reason, Optional<StationId> hospital)
            implements Command {
        public ChangeUnitStatus(UnitId unit, UnitStatus status, Optional<UnavailableReason> reason) {
            this(unit, status, reason, Optional.empty());
        }

        public ChangeUnitStatus {
            Check.present("unit", unit);
            Check.present("status", status);
            Check.present("reason", reason);
            Check.present("hospital", hospital);
            if (hospital.isPresent() && status != UnitStatus.TRANSPORTING && status != UnitStatus.AT_HOSPITAL) {
                throw InvalidInputException.of(
                        "hospital", hospital.get(), "is named only when the status is TRANSPORTING or AT_HOSPITAL");
            }
            if (status == UnitStatus.UNAVAILABLE && reason.isEmpty()) {
                throw InvalidInputException.of("reason", "", "is required when the status is UNAVAILABLE");
            }
            if (status != UnitStatus.UNAVAILABLE && reason.isPresent()) {
                throw InvalidInputException.of(
                        "reason", reason.get(), "is allowed only when the status is UNAVAILABLE");
            }
            if (status == UnitStatus.DISPATCHED) {
                throw InvalidInputException.of(
                        "status", status, "is set by dispatching the unit to an incident, not directly");
            }
        }
    }

    record ReportPosition(UnitId unit, GeoPoint point) implements Command {
        public ReportPosition {
            Check.present("unit", unit);
            Check.present("point", point);
        }
    }

    /** A new call. The type's catalogue entry gives the default priority, requirements and hazards. */
    record CreateIncident(
            IncidentId id,
            OrganisationId organisation,
            IncidentTypeCode type,
            Optional<Priority> priority,
            GeoPoint location,
            String description,
            SortedSet<Hazard> hazards)
            implements Command {
        public CreateIncident {
            Check.present("id", id);
            Check.present("organisation", organisation);
            Check.present("type", type);
            Check.present("priority", priority);
            Check.present("location", location);
            description = Check.present("description", description).strip();
            hazards = Sorted.setOf(Check.present("hazards", hazards));
        }
    }

    /** Links a duplicate call to the incident it reports; the duplicate is merged, not dispatched. */
    record LinkDuplicate(IncidentId duplicate, IncidentId primary) implements Command {
        public LinkDuplicate {
            Check.present("duplicate", duplicate);
            Check.present("primary", primary);
            if (duplicate.equals(primary))
                throw InvalidInputException.of("duplicate", duplicate, "must differ from primary");
        }
    }

    /**
     * Dispatches a unit to an incident. A unit committed elsewhere is diverted only when this incident's
     * priority allows diversion and is more urgent than the unit's current one.
     */
    record AssignUnit(IncidentId incident, UnitId unit, AssignmentRole role) implements Command {
        public AssignUnit {
            Check.present("incident", incident);
            Check.present("unit", unit);
            Check.present("role", role);
        }
    }

    /** Stands a unit down from an incident; it becomes available. */
    record ReleaseUnit(IncidentId incident, UnitId unit) implements Command {
        public ReleaseUnit {
            Check.present("incident", incident);
            Check.present("unit", unit);
        }
    }

    record CloseIncident(IncidentId incident) implements Command {
        public CloseIncident {
            Check.present("incident", incident);
        }
    }

    record CancelIncident(IncidentId incident) implements Command {
        public CancelIncident {
            Check.present("incident", incident);
        }
    }

    /**
     * Muster's own step, never a user's: takes a finished incident, already saved to the read model of
     * closed incidents, out of the live state. In the log so that replay removes it at the same point.
     */
    record ArchiveIncident(IncidentId incident) implements Command {
        public ArchiveIncident {
            Check.present("incident", incident);
        }
    }

    /**
     * Muster's record of another service's acknowledgement of an incident handed over to it (an EIDO sent over
     * HTTP): to whom, as what, and when the answer came. The incident stays the sender's.
     *
     * @param peer the receiving service, as {@code muster.peers} names it
     * @param receiver the organisation there that took the incident
     * @param receiverIncident the receiver's id of its copy
     */
    record RecordHandover(
            IncidentId incident,
            String peer,
            OrganisationId receiver,
            IncidentId receiverIncident,
            Instant acknowledgedAt)
            implements Command {
        public RecordHandover {
            Check.present("incident", incident);
            Check.code("peer", peer);
            Check.present("receiver", receiver);
            Check.present("receiverIncident", receiverIncident);
            Check.present("acknowledgedAt", acknowledgedAt);
        }
    }

    /** Muster's record of a handover that failed: the receiver refused the document, or did not answer. */
    record RecordHandoverRefused(IncidentId incident, String peer, OrganisationId receiver, String reason)
            implements Command {
        public RecordHandoverRefused {
            Check.present("incident", incident);
            Check.code("peer", peer);
            Check.present("receiver", receiver);
            reason = Check.text("reason", reason);
        }
    }

    /** A status the receiver of a handed-over incident reported of its copy (dispatched, on scene, closed). */
    record RecordHandoverStatus(
            IncidentId incident,
            OrganisationId receiver,
            IncidentId receiverIncident,
            org.muster.domain.incident.IncidentStatus status,
            Instant at)
            implements Command {
        public RecordHandoverStatus {
            Check.present("incident", incident);
            Check.present("receiver", receiver);
            Check.present("receiverIncident", receiverIncident);
            Check.present("status", status);
            Check.present("at", at);
        }
    }

    /** Takes people off duty, or suspends a skill they hold, and with them the units that depend on them. */
    record WithdrawPeople(PeopleSelection selection, WithdrawalMode mode) implements Command {
        public WithdrawPeople {
            Check.present("selection", selection);
            Check.present("mode", mode);
            if (mode == WithdrawalMode.SKILL && selection.skill().isEmpty()) {
                throw InvalidInputException.of("selection.skill", "", "is required to withdraw a skill");
            }
        }
    }

    /** Undoes a withdrawal: people back on duty, or a suspended skill restored; units back on the road. */
    record ReturnPeople(PeopleSelection selection, WithdrawalMode mode) implements Command {
        public ReturnPeople {
            Check.present("selection", selection);
            Check.present("mode", mode);
            if (mode == WithdrawalMode.SKILL && selection.skill().isEmpty()) {
                throw InvalidInputException.of("selection.skill", "", "is required to return a skill");
            }
        }
    }

    /** Takes available units off the road ({@code UNAVAILABLE}, reason {@code WITHDRAWN}). */
    record WithdrawUnits(UnitSelection selection) implements Command {
        public WithdrawUnits {
            Check.present("selection", selection);
        }
    }

    /** Puts withdrawn units back on the road. */
    record ReturnUnits(UnitSelection selection) implements Command {
        public ReturnUnits {
            Check.present("selection", selection);
        }
    }

    // ---- mutual aid ----

    /**
     * Asks other organisations for units, or for people with a skill. Sent at once (status OPEN), or kept
     * as a draft only the requester sees until {@link OpenAidRequest}. A region in the addressees is
     * resolved to the organisations of the zones around it when the request is recorded.
     *
     * @param reportBy when the units should be at the rendezvous point; after it an unfilled request may
     *     expire
     * @param duration how long they are wanted for
     * @param reason why they are wanted, for the addressees to weigh
     */
    record RequestAid(
            AidRequestId id,
            OrganisationId requester,
            AidNeed need,
            GeoPoint rendezvous,
            Instant reportBy,
            Duration duration,
            String reason,
            AidPriority priority,
            Addressees addressees,
            boolean draft)
            implements Command {
        public RequestAid {
            Check.present("id", id);
            Check.present("requester", requester);
            Check.present("need", need);
            Check.present("rendezvous", rendezvous);
            Check.present("reportBy", reportBy);
            Check.present("duration", duration);
            if (duration.isNegative() || duration.isZero())
                throw InvalidInputException.of("duration", duration, "must be positive, such as PT8H");
            reason = Check.text("reason", reason);
            Check.present("priority", priority);
            Check.present("addressees", addressees);
            if (addressees.organisations().contains(requester))
                throw InvalidInputException.of(
                        "addressees.organisations", requester, "must not include the requester itself");
        }
    }

    /** Sends a draft request to its addressees. */
    record OpenAidRequest(AidRequestId request) implements Command {
        public OpenAidRequest {
            Check.present("request", request);
        }
    }

    /**
     * An organisation offers units of its own for a request. A new offer from an organisation that has one
     * pending on the request replaces it (which is how a provisional offer is made firm).
     *
     * @param provisional not yet firm: it holds the units but cannot be accepted until offered again
     * @param note the offerer's words, such as a provisional offer's conditions
     */
    record OfferAid(
            OfferId id,
            AidRequestId request,
            OrganisationId offerer,
            SortedSet<UnitId> units,
            boolean provisional,
            String note)
            implements Command {
        public OfferAid {
            Check.present("id", id);
            Check.present("request", request);
            Check.present("offerer", offerer);
            units = Sorted.setOf(Check.present("units", units));
            Check.nonEmpty("units", units);
            note = Check.present("note", note).strip();
        }
    }

    /** An addressee says no, and why. A pending offer of theirs lapses. */
    record DeclineAid(AidRequestId request, OrganisationId organisation, String reason) implements Command {
        public DeclineAid {
            Check.present("request", request);
            Check.present("organisation", organisation);
            reason = Check.text("reason", reason);
        }
    }

    /** The requester takes up an offer: the units named, or every unit offered when {@code units} is empty. */
    record AcceptOffer(AidRequestId request, OfferId offer, SortedSet<UnitId> units) implements Command {
        public AcceptOffer {
            Check.present("request", request);
            Check.present("offer", offer);
            units = Sorted.setOf(Check.present("units", units));
        }
    }

    /**
     * Accepted units have arrived at the rendezvous point: they are lent to the requester from now. Every
     * accepted unit not yet deployed when {@code units} is empty.
     */
    record DeployAid(AidRequestId request, SortedSet<UnitId> units) implements Command {
        public DeployAid {
            Check.present("request", request);
            units = Sorted.setOf(Check.present("units", units));
        }
    }

    /** Lent units go home; every unit lent under the request when {@code units} is empty. */
    record ReleaseAid(AidRequestId request, SortedSet<UnitId> units) implements Command {
        public ReleaseAid {
            Check.present("request", request);
            units = Sorted.setOf(Check.present("units", units));
        }
    }

    /** Finishes a released request: its hours are final. */
    record CloseAidRequest(AidRequestId request) implements Command {
        public CloseAidRequest {
            Check.present("request", request);
        }
    }

    /** The requester withdraws a request before anything is deployed; pending offers lapse. */
    record CancelAidRequest(AidRequestId request) implements Command {
        public CancelAidRequest {
            Check.present("request", request);
        }
    }

    /** A request not filled by the time its units were to report lapses (issued by a timer or a person). */
    record ExpireAidRequest(AidRequestId request) implements Command {
        public ExpireAidRequest {
            Check.present("request", request);
        }
    }

    // ---- major incidents ----

    /**
     * A supervisor declares a major incident, or a standby for one ({@code standby}), with its name,
     * location and area. Declaring an existing standby again without {@code standby} declares it in full.
     * Every organisation whose zones the area touches attends it from the start.
     */
    record DeclareMajorIncident(
            MajorIncidentId id,
            OrganisationId organisation,
            String name,
            GeoPoint location,
            MajorIncidentArea area,
            boolean standby)
            implements Command {
        public DeclareMajorIncident {
            Check.present("id", id);
            Check.present("organisation", organisation);
            name = Check.text("name", name);
            Check.present("location", location);
            Check.present("area", area);
        }
    }

    /** Links one of an organisation's calls to a major incident, so that its units count on the board. */
    record LinkToMajorIncident(MajorIncidentId majorIncident, IncidentId incident) implements Command {
        public LinkToMajorIncident {
            Check.present("majorIncident", majorIncident);
            Check.present("incident", incident);
        }
    }

    /** An attending organisation files a METHANE report: its next version, in the log. */
    record FileMethaneReport(MajorIncidentId majorIncident, OrganisationId organisation, Methane report)
            implements Command {
        public FileMethaneReport {
            Check.present("majorIncident", majorIncident);
            Check.present("organisation", organisation);
            Check.present("report", report);
        }
    }

    /** An attending organisation's count of casualties by triage category, replacing its previous one. */
    record ReportCasualties(
            MajorIncidentId majorIncident, OrganisationId organisation, SortedMap<TriageCategory, Integer> counts)
            implements Command {
        public ReportCasualties {
            Check.present("majorIncident", majorIncident);
            Check.present("organisation", organisation);
            counts = CasualtyCount.checked(counts);
        }
    }

    /** An attending organisation marks a rendezvous point or cordon (again under its name: moves it). */
    record MarkMajorIncidentPlace(MajorIncidentId majorIncident, MajorIncidentPlace place) implements Command {
        public MarkMajorIncidentPlace {
            Check.present("majorIncident", majorIncident);
            Check.present("place", place);
        }
    }

    /** The declaring organisation's supervisor stands the major incident down, closing its board. */
    record StandDownMajorIncident(MajorIncidentId majorIncident) implements Command {
        public StandDownMajorIncident {
            Check.present("majorIncident", majorIncident);
        }
    }

    // ---- escalation levels ----

    /**
     * Sets an organisation's escalation level (an ambulance service's REAP level, a police force's escalation
     * state), 1 to 4; the reason is required. The level's configured actions are applied with it, each as its
     * own command, so the log shows what the level changed.
     */
    record SetEscalationLevel(OrganisationId organisation, int level) implements Command {
        public SetEscalationLevel {
            Check.present("organisation", organisation);
            Escalation.checkLevel(level);
        }
    }

    /** Suspends an organisation's response time targets, or reinstates them. */
    record SuspendTargets(OrganisationId organisation, boolean suspended) implements Command {
        public SuspendTargets {
            Check.present("organisation", organisation);
        }
    }

    /** Holds back exactly these categories of the organisation's calls (none: releases them all). */
    record HoldBackPriorities(OrganisationId organisation, SortedSet<Priority> priorities) implements Command {
        public HoldBackPriorities {
            Check.present("organisation", organisation);
            priorities = Sorted.setOf(Check.present("priorities", priorities));
        }
    }

    /**
     * Closes a road or an area to avoid, in {@code organisation}'s area, until reopened: road travel times
     * avoid it from the next recommendation on. {@code reviewAt} must lie ahead.
     */
    record CloseRoad(
            RoadClosureId id,
            OrganisationId organisation,
            ClosureKind kind,
            List<GeoPoint> points,
            String reason,
            Instant reviewAt)
            implements Command {
        public CloseRoad {
            Check.present("id", id);
            Check.present("organisation", organisation);
            points = RoadClosure.shape(kind, points);
            reason = Check.text("reason", reason);
            Check.present("reviewAt", reviewAt);
        }
    }

    /** Reopens a closed road or area: road travel times use it again from the next recommendation on. */
    record ReopenRoad(RoadClosureId closure) implements Command {
        public ReopenRoad {
            Check.present("closure", closure);
        }
    }
}
