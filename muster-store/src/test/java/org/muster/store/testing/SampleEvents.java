package org.muster.store.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidDeployment;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.Decline;
import org.muster.domain.aid.OfferId;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.aid.OfferStatus;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.capacity.SafeMinimum;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.log.Snapshot;
import org.muster.domain.major.CasualtyCount;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentPlace;
import org.muster.domain.major.MajorIncidentStatus;
import org.muster.domain.major.Methane;
import org.muster.domain.major.MethaneReport;
import org.muster.domain.major.PlaceKind;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.organisation.ZoneLevel;
import org.muster.domain.people.DutyState;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/**
 * Realistic sample events and entities for store tests: one event of every type, a snapshot, and numbered
 * runs of recorded events. Everything is fixed, so two calls give equal values.
 */
public final class SampleEvents {
    public static final Instant T0 = Instant.parse("2025-08-04T16:52:07.123456789Z");

    public static final OrganisationId WMP = OrganisationId.of("WMP");
    public static final OrganisationId WMAS = OrganisationId.of("WMAS");
    public static final ZoneId BIRMINGHAM = ZoneId.of("WMP-BIRMINGHAM");
    public static final ZoneId LADYWOOD = ZoneId.of("WMP-BHAM-LADYWOOD");
    public static final StationId STEELHOUSE = StationId.of("WMP-STEELHOUSE-LANE");
    public static final StationId QEH = StationId.of("QEH-BIRMINGHAM");
    public static final UnitId ARV = UnitId.of("WMP-ARV-21");
    public static final UnitId AMBULANCE = UnitId.of("WMAS-DCA-104");
    public static final PersonId OFFICER_A = PersonId.of("WMP-4471");
    public static final PersonId OFFICER_B = PersonId.of("WMP-5012");
    public static final PersonId PARAMEDIC = PersonId.of("WMAS-P-0933");
    public static final IncidentId STABBING = IncidentId.of("INC-2025-0804-0192");
    public static final IncidentId STABBING_DUPLICATE = IncidentId.of("INC-2025-0804-0195");
    public static final OrganisationId WMP_NEIGHBOUR = OrganisationId.of("WAR");
    public static final AidRequestId AID = AidRequestId.of("AID-2025-0804-03");
    public static final OfferId AID_OFFER = OfferId.of("WMP-OFFER-1");

    private SampleEvents() {}

    public static Organisation organisation() {
        return new Organisation(WMP, "West Midlands Police", Agency.POLICE);
    }

    public static Zone zone() {
        return new Zone(
                LADYWOOD,
                WMP,
                "Ladywood",
                Optional.of(BIRMINGHAM),
                new ZoneLevel(
                        OperatingLevel.ESCORT_REQUIRED,
                        "hostile crowd at the Ladywood flats; crews attacked twice",
                        "inspector-4471",
                        Optional.of(T0),
                        Optional.of(T0.plus(Duration.ofHours(2))),
                        Optional.empty()),
                Optional.empty());
    }

    public static Station station() {
        return new Station(
                STEELHOUSE, WMP, "Steelhouse Lane", StationKind.POLICE_STATION, GeoPoint.of(52.4829, -1.8936));
    }

    public static Unit unit() {
        return new Unit(
                ARV,
                Callsign.of("TANGO-21"),
                WMP,
                UnitType.ARMED_RESPONSE_VEHICLE,
                Optional.of(STEELHOUSE),
                3,
                UnitStatus.AVAILABLE,
                Optional.empty(),
                Optional.of(new Position(GeoPoint.of(52.4797, -1.9026), T0.minusSeconds(42))),
                Sorted.setOf(Set.of(OFFICER_B, OFFICER_A)),
                T0.minusSeconds(600));
    }

    public static Unit unavailableAmbulance() {
        return new Unit(
                AMBULANCE,
                Callsign.of("WM-104"),
                WMAS,
                UnitType.DOUBLE_CREWED_AMBULANCE,
                Optional.empty(),
                2,
                UnitStatus.UNAVAILABLE,
                Optional.of(UnavailableReason.UNDER_CREWED),
                Optional.empty(),
                Sorted.setOf(Set.of(PARAMEDIC)),
                T0.minusSeconds(3600));
    }

    public static Person person() {
        return new Person(
                OFFICER_A,
                "PC Amira Khan",
                WMP,
                PersonRole.POLICE_OFFICER,
                Sorted.setOf(Set.of(Skill.RESPONSE_DRIVER, Skill.AUTHORISED_FIREARMS_OFFICER)),
                Sorted.setOf(Set.of(Skill.AUTHORISED_FIREARMS_OFFICER)),
                DutyState.ON_DUTY);
    }

    public static Incident incident() {
        return incident(STABBING, WMP);
    }

    /** The sample stabbing under another id and organisation: for tests that keep several. */
    public static Incident incident(IncidentId id, OrganisationId organisation) {
        return new Incident(
                id,
                organisation,
                IncidentTypeCode.of("STABBING"),
                Priority.EMERGENCY,
                GeoPoint.of(52.4811, -1.9120),
                "Male with stab wound outside \"The Vine\", suspect still on scene — café staff sheltering",
                Sorted.setOf(Set.of(Hazard.WEAPONS, Hazard.HOSTILE_CROWD)),
                List.of(
                        ResourceRequirement.of(UnitType.ARMED_RESPONSE_VEHICLE, 1),
                        new ResourceRequirement(Sorted.empty(), Sorted.setOf(Set.of(Capability.PARAMEDIC_CARE)), 1)),
                IncidentStatus.ASSIGNED,
                T0,
                List.of(new Assignment(
                        ARV, AssignmentRole.PRIMARY, T0.plusSeconds(35), Optional.of(T0.plusSeconds(411)))),
                Sorted.setOf(Set.of(STABBING_DUPLICATE)),
                Optional.empty(),
                List.of(
                        new TimelineEntry(T0, "call received"),
                        new TimelineEntry(T0.plusSeconds(35), "TANGO-21 assigned as PRIMARY")),
                Clearance.NOT_NEEDED);
    }

    /** One event of every type, in the order the types are declared. */
    public static List<Event> oneOfEach() {
        return List.of(
                new Event.OrganisationRegistered(organisation()),
                new Event.ZoneRegistered(zone()),
                new Event.StationRegistered(station()),
                new Event.UnitRegistered(unit()),
                new Event.PersonRegistered(person()),
                new Event.CrewChanged(ARV, Sorted.setOf(Set.of(OFFICER_B, OFFICER_A))),
                new Event.OperatingLevelChanged(
                        LADYWOOD,
                        OperatingLevel.NORMAL,
                        OperatingLevel.ESCORT_REQUIRED,
                        Optional.of(T0.plus(Duration.ofMinutes(90))),
                        Optional.empty()),
                new Event.UnitStatusChanged(
                        AMBULANCE,
                        UnitStatus.AVAILABLE,
                        UnitStatus.UNAVAILABLE,
                        Optional.of(UnavailableReason.WITHDRAWN)),
                new Event.UnitMoved(ARV, GeoPoint.of(52.480_123_456_789, -1.905_000_000_001)),
                new Event.IncidentCreated(incident()),
                new Event.IncidentStatusChanged(STABBING, IncidentStatus.OPEN, IncidentStatus.WAITING),
                new Event.IncidentMerged(STABBING_DUPLICATE, STABBING),
                new Event.UnitAssigned(STABBING, ARV, AssignmentRole.ESCORT),
                new Event.UnitArrived(STABBING, ARV),
                new Event.UnitReleased(STABBING, ARV),
                new Event.PersonDutyChanged(OFFICER_B, DutyState.ON_DUTY, DutyState.WITHDRAWN),
                new Event.SkillSuspended(OFFICER_A, Skill.AUTHORISED_FIREARMS_OFFICER),
                new Event.SkillRestored(OFFICER_A, Skill.AUTHORISED_FIREARMS_OFFICER),
                // added after the first release of the list: kept at the end so positions above stay put
                new Event.SafeMinimumSet(LADYWOOD, UnitType.ARMED_RESPONSE_VEHICLE, 2),
                new Event.ZoneCoverSet(LADYWOOD, Optional.of(BIRMINGHAM)),
                new Event.ClearanceRequired(STABBING),
                new Event.TacticalClearanceGranted(STABBING),
                new Event.AlertRaised(alert()),
                new Event.AlertAccepted(alert().id()),
                new Event.AlertDismissed(alert().id()),
                new Event.AlertResolved(alert().id(), "zone LADYWOOD is green again"),
                new Event.PublicAlertIssued(publicAlert()),
                new Event.PublicAlertUpdated(publicAlert()),
                new Event.PublicAlertCancelled(publicAlert().cancelled(T0.plusSeconds(900))),
                new Event.AidRequested(aidRequest()),
                new Event.AidRequestStatusChanged(AID, AidRequestStatus.OPEN, AidRequestStatus.PARTLY_FILLED),
                new Event.AidOffered(AID, aidOffer()),
                new Event.AidDeclined(
                        AID, new Decline(WMAS, "own HART team committed at the airport", T0.plusSeconds(300))),
                new Event.AidOfferAccepted(AID, AID_OFFER, Sorted.setOf(Set.of(ARV))),
                new Event.AidUnitWithheld(AID, ARV, "ARV is DISPATCHED at incident STABBING of WMP: not sent"),
                new Event.UnitLent(AID, ARV, WMP_NEIGHBOUR),
                new Event.UnitReturned(AID, ARV, WMP),
                new Event.EscortAgreementSet(WMP, WMAS, true),
                new Event.IncidentArchived(STABBING_DUPLICATE, WMP),
                new Event.IncidentHandedOver(
                        STABBING, "ambulance", WMAS, IncidentId.of("I-20250804-7"), T0.plusSeconds(2)),
                new Event.HandoverRefused(STABBING, "ambulance", WMAS, "the receiver did not answer within 10 s"),
                new Event.HandoverStatusReported(
                        STABBING, WMAS, IncidentId.of("I-20250804-7"), IncidentStatus.ON_SCENE, T0.plusSeconds(600)),
                new Event.MajorIncidentDeclared(majorIncident()),
                new Event.MajorIncidentStatusChanged(MAJOR, MajorIncidentStatus.STANDBY, MajorIncidentStatus.DECLARED),
                new Event.IncidentLinkedToMajorIncident(MAJOR, STABBING, WMP),
                new Event.MethaneReportFiled(MAJOR, methaneReport()),
                new Event.CasualtiesReported(
                        MAJOR,
                        new CasualtyCount(
                                WMAS,
                                T0.plusSeconds(900),
                                new java.util.TreeMap<>(
                                        java.util.Map.of(TriageCategory.P1, 3, TriageCategory.P3, 12)))),
                new Event.MajorIncidentPlaceMarked(
                        MAJOR,
                        new MajorIncidentPlace(
                                PlaceKind.INNER_CORDON,
                                "Bull Ring inner",
                                WMP,
                                MajorIncidentArea.polygon(
                                        GeoPoint.of(52.4775, -1.8940),
                                        List.of(
                                                GeoPoint.of(52.4770, -1.8950),
                                                GeoPoint.of(52.4780, -1.8950),
                                                GeoPoint.of(52.4780, -1.8930))))),
                new Event.EscalationLevelChanged(WMAS, 1, 3),
                new Event.TargetsSuspended(WMAS, true),
                new Event.PrioritiesHeldBack(WMAS, Sorted.setOf(Set.of(Priority.C3, Priority.C4))),
                new Event.RoadClosed(roadClosure()),
                new Event.RoadReopened(roadClosure().id(), WMP));
    }

    public static final MajorIncidentId MAJOR = MajorIncidentId.of("MI-2025-BULLRING");

    /** West Midlands Ambulance declares a major incident in the Bull Ring; the police force attends too. */
    public static MajorIncident majorIncident() {
        return MajorIncident.declared(
                MAJOR,
                "Bull Ring explosion",
                true,
                GeoPoint.of(52.4775, -1.8940),
                MajorIncidentArea.circle(GeoPoint.of(52.4775, -1.8940), 800),
                WMAS,
                T0,
                Sorted.setOf(Set.of(WMAS, WMP)));
    }

    public static MethaneReport methaneReport() {
        return new MethaneReport(
                2,
                WMAS,
                T0.plusSeconds(600),
                "hart-commander-2",
                new Methane(
                        "declared 16:52",
                        "Bull Ring, St Martin's Square, B5 4BU",
                        "explosion in a shopping centre",
                        "structural collapse; gas",
                        "from Moor Street Queensway only",
                        "P1 3, P2 8, P3 12",
                        "WMAS HART and 6 DCAs; WMP; need 4 more DCAs"),
                List.of("N - Number of casualties"));
    }

    /** A cordon round a firearms incident in Ladywood, to be reviewed in two hours. */
    public static org.muster.domain.road.RoadClosure roadClosure() {
        return new org.muster.domain.road.RoadClosure(
                org.muster.domain.road.RoadClosureId.of("RC-1"),
                WMP,
                org.muster.domain.road.ClosureKind.AREA,
                List.of(
                        GeoPoint.of(52.4820, -1.9230),
                        GeoPoint.of(52.4820, -1.9150),
                        GeoPoint.of(52.4870, -1.9150),
                        GeoPoint.of(52.4870, -1.9230)),
                "cordon: firearms incident",
                T0,
                T0.plus(Duration.ofHours(2)));
    }

    /** Warwickshire asks for armed officers, West Midlands has offered and one unit is lent. */
    public static AidRequest aidRequest() {
        return new AidRequest(
                AID,
                WMP_NEIGHBOUR,
                AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, 2, Set.of(Capability.ARMED)),
                GeoPoint.of(52.2823, -1.5849),
                T0.plus(Duration.ofHours(2)),
                Duration.ofHours(8),
                "armed stand-off at Leamington; own ARVs committed — \"all units\"",
                AidPriority.URGENT,
                new Addressees(Sorted.setOf(Set.of(WMP, WMAS)), Optional.of(LADYWOOD), true),
                AidRequestStatus.DEPLOYED,
                List.of(aidOffer().withAccepted(Sorted.setOf(Set.of(ARV)))),
                List.of(new Decline(WMAS, "not our kind of unit", T0.plusSeconds(60))),
                List.of(new AidDeployment(
                        ARV,
                        WMP,
                        WMP_NEIGHBOUR,
                        T0.plusSeconds(3600),
                        Optional.of(T0.plusSeconds(4200)),
                        Optional.empty(),
                        2)),
                T0,
                T0.plusSeconds(3600));
    }

    public static AidOffer aidOffer() {
        return new AidOffer(
                AID_OFFER,
                WMP,
                Sorted.setOf(Set.of(ARV)),
                OfferKind.PARTIAL,
                OfferStatus.OFFERED,
                Sorted.empty(),
                "crew back on duty at 18:00",
                T0.plusSeconds(120),
                List.of("zone WMP-01 would fall below its safe minimum of 1 ARMED_RESPONSE_VEHICLE (1 available)"));
    }

    /** A whole state after {@code sequence}, with every kind of entity. */
    public static Snapshot snapshot(long sequence, String lastHash) {
        Organisation ambulanceService = new Organisation(WMAS, "West Midlands Ambulance Service", Agency.AMBULANCE);
        Zone force = Zone.of(BIRMINGHAM, WMP, "Birmingham", Optional.empty());
        Station hospital =
                new Station(QEH, WMAS, "Queen Elizabeth Hospital", StationKind.HOSPITAL, GeoPoint.of(52.4531, -1.9387));
        return new Snapshot(
                sequence,
                lastHash,
                List.of(organisation(), ambulanceService),
                List.of(force, zone()),
                List.of(station(), hospital),
                List.of(unit(), unavailableAmbulance()),
                List.of(person()),
                List.of(incident()),
                List.of(new SafeMinimum(LADYWOOD, UnitType.ARMED_RESPONSE_VEHICLE, 2)),
                List.of(alert()),
                List.of(aidRequest()),
                List.of(majorIncident()),
                List.of(new org.muster.domain.escalation.Escalation(
                        WMAS,
                        3,
                        true,
                        Sorted.setOf(Set.of(org.muster.domain.incident.Priority.C4)),
                        Optional.of(T0),
                        "severe pressure: handovers over two hours",
                        "wmas-supervisor")),
                List.of(publicAlert()),
                List.of(roadClosure()));
    }

    /** Stay indoors in Ladywood and a drawn area beside it, updated once. */
    public static org.muster.domain.publicalert.PublicAlert publicAlert() {
        var area = new org.muster.domain.publicalert.AlertArea(
                "Ladywood, west of the ring road",
                Sorted.setOf(Set.of(LADYWOOD)),
                List.of(
                        GeoPoint.of(52.48, -1.92),
                        GeoPoint.of(52.49, -1.92),
                        GeoPoint.of(52.49, -1.91),
                        GeoPoint.of(52.48, -1.92)));
        var content = new org.muster.domain.publicalert.PublicAlertContent(
                "Police incident in Ladywood: stay indoors",
                "Armed officers are dealing with an incident near \"The Vine\".",
                org.muster.domain.publicalert.Advice.STAY_INDOORS,
                org.muster.domain.publicalert.AlertSeverity.SEVERE,
                area,
                Optional.of(T0.plusSeconds(7200)));
        return org.muster.domain.publicalert.PublicAlert.issue(
                        org.muster.domain.publicalert.PublicAlertId.of("PA-1"), WMP, content, T0)
                .updated(content, T0.plusSeconds(600));
    }

    public static Alert alert() {
        return new Alert(
                AlertId.of("surge-ladywood-1"),
                "surge",
                "surge:zone:LADYWOOD:OBSTRUCTED_ACCESS",
                Sorted.setOf(Set.of(WMP)),
                T0,
                "obstructed access incidents at 2.9 times the weekly average",
                new java.util.TreeMap<>(java.util.Map.of("count", "29", "baseline", "10.0", "p", "1.2e-06")),
                Optional.of(LADYWOOD),
                Optional.of(OperatingLevel.ESCORT_REQUIRED),
                AlertStatus.OPEN,
                "",
                "",
                Optional.empty(),
                "");
    }

    /**
     * {@code count} recorded events numbered from {@code firstSequence}, cycling through
     * {@link #oneOfEach()}, a second apart, two events per command.
     */
    public static List<RecordedEvent> recorded(long firstSequence, int count) {
        List<Event> kinds = oneOfEach();
        List<RecordedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long sequence = firstSequence + i;
            events.add(new RecordedEvent(
                    sequence,
                    T0.plusSeconds(sequence),
                    CommandId.of("cmd-" + (sequence + 1) / 2),
                    Actor.of(sequence % 3 == 0 ? "system" : "dispatcher-07"),
                    sequence % 3 == 0 ? "" : "crew reported by radio, sequence " + sequence,
                    kinds.get((int) ((sequence - 1) % kinds.size()))));
        }
        return List.copyOf(events);
    }
}
