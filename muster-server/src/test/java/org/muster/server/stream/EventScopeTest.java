package org.muster.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.store.testing.SampleEvents.AMBULANCE;
import static org.muster.store.testing.SampleEvents.OFFICER_A;
import static org.muster.store.testing.SampleEvents.WMAS;
import static org.muster.store.testing.SampleEvents.WMP;
import static org.muster.store.testing.SampleEvents.WMP_NEIGHBOUR;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.event.Event;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;
import org.muster.store.testing.SampleEvents;

/**
 * Every event type's audience, over a state holding the sample entities: West Midlands Police (WMP), its
 * ambulance service (WMAS), Warwickshire (WAR, which asked WMP and WMAS for aid) and Greater Manchester
 * (GMP), which has nothing to do with any of it and must see nothing but the public directory.
 */
class EventScopeTest {
    private static final OrganisationId GMP = OrganisationId.of("GMP");
    private static final List<OrganisationId> EVERY_ORGANISATION = List.of(WMP, WMAS, WMP_NEIGHBOUR, GMP);
    private static final Set<OrganisationId> EVERYONE = Set.copyOf(EVERY_ORGANISATION);
    private static final Set<OrganisationId> AID_PARTIES = Set.of(WMP_NEIGHBOUR, WMP, WMAS);

    private final MusterState state = MusterState.fromSnapshot(SampleEvents.snapshot(100, "0".repeat(64)))
            .withMajorIncident(SampleEvents.majorIncident());

    /**
     * Who must see each event type. A new event type fails {@link #every_event_type_has_a_declared_audience}
     * until someone decides here who may see it.
     */
    private static final Map<Class<?>, Set<OrganisationId>> EXPECTED = expected();

    private static Map<Class<?>, Set<OrganisationId>> expected() {
        Map<Class<?>, Set<OrganisationId>> m = new HashMap<>();
        // the region's directory, shown to every signed-in user by /organisations, /zones and /stations
        for (var c : List.of(
                Event.OrganisationRegistered.class,
                Event.ZoneRegistered.class,
                Event.StationRegistered.class,
                Event.OperatingLevelChanged.class,
                Event.ZoneCoverSet.class,
                // every service drives the same roads
                Event.RoadClosed.class,
                Event.RoadReopened.class)) m.put(c, EVERYONE);
        // warnings to the public are public, as the CAP feed is
        for (var c : List.of(
                Event.PublicAlertIssued.class, Event.PublicAlertUpdated.class, Event.PublicAlertCancelled.class))
            m.put(c, EVERYONE);
        m.put(Event.EscortAgreementSet.class, Set.of(WMP, WMAS));
        for (var c : List.of(
                Event.UnitRegistered.class,
                Event.PersonRegistered.class,
                Event.CrewChanged.class,
                Event.SafeMinimumSet.class,
                Event.ClearanceRequired.class,
                Event.TacticalClearanceGranted.class,
                Event.AlertRaised.class,
                Event.AlertAccepted.class,
                Event.AlertDismissed.class,
                Event.AlertResolved.class,
                Event.UnitMoved.class,
                Event.IncidentCreated.class,
                Event.IncidentStatusChanged.class,
                Event.IncidentMerged.class,
                Event.IncidentArchived.class,
                Event.IncidentHandedOver.class,
                Event.HandoverRefused.class,
                Event.HandoverStatusReported.class,
                Event.UnitAssigned.class,
                Event.UnitArrived.class,
                Event.UnitReleased.class,
                Event.PersonDutyChanged.class,
                Event.SkillSuspended.class,
                Event.SkillRestored.class)) m.put(c, Set.of(WMP));
        m.put(Event.UnitStatusChanged.class, Set.of(WMAS)); // the sample is the ambulance's
        for (var c : List.of(
                Event.AidRequested.class,
                Event.AidRequestStatusChanged.class,
                Event.AidOffered.class,
                Event.AidDeclined.class,
                Event.AidOfferAccepted.class,
                Event.AidUnitWithheld.class,
                Event.UnitLent.class,
                Event.UnitReturned.class)) m.put(c, AID_PARTIES);
        // the sample major incident is WMAS's, attended by WMP: both see it, nobody else
        for (var c : List.of(
                Event.MajorIncidentDeclared.class,
                Event.MajorIncidentStatusChanged.class,
                Event.IncidentLinkedToMajorIncident.class,
                Event.MethaneReportFiled.class,
                Event.CasualtiesReported.class,
                Event.MajorIncidentPlaceMarked.class)) m.put(c, Set.of(WMP, WMAS));
        // a level is public, as a zone's operating level is; what it holds back is the service's own
        m.put(Event.EscalationLevelChanged.class, EVERYONE);
        m.put(Event.TargetsSuspended.class, Set.of(WMAS));
        m.put(Event.PrioritiesHeldBack.class, Set.of(WMAS));
        return m;
    }

    /** One sample of every event type, about people the state holds. */
    private static Map<Class<?>, Event> samples() {
        Map<Class<?>, Event> out = new LinkedHashMap<>();
        for (Event e : SampleEvents.oneOfEach()) {
            // the sample's second officer is not in the snapshot; the first is
            if (e instanceof Event.PersonDutyChanged d) e = new Event.PersonDutyChanged(OFFICER_A, d.from(), d.to());
            out.put(e.getClass(), e);
        }
        return out;
    }

    @Test
    void every_event_type_has_a_sample_and_a_declared_audience() {
        var permitted = Arrays.stream(Event.class.getPermittedSubclasses()).toList();
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(permitted);
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(permitted);
    }

    @Test
    void each_event_reaches_its_audience_and_no_other_organisation() {
        for (Event e : samples().values()) {
            Set<OrganisationId> audience = EXPECTED.get(e.getClass());
            for (OrganisationId org : EVERY_ORGANISATION)
                assertThat(EventScope.visible(Viewer.of(org), e, state))
                        .as("%s seen by %s", e.getClass().getSimpleName(), org)
                        .isEqualTo(audience.contains(org));
            assertThat(EventScope.visible(Viewer.nationalCoordinator(), e, state))
                    .isTrue();
        }
    }

    @Test
    void a_draft_aid_request_reaches_its_requester_alone() {
        var draft = SampleEvents.aidRequest().withStatus(AidRequestStatus.DRAFT, Instant.EPOCH);
        var requested = new Event.AidRequested(draft);
        var unrecorded = state.withAidRequest(draft);
        assertThat(EventScope.visible(Viewer.of(WMP_NEIGHBOUR), requested, unrecorded))
                .isTrue();
        assertThat(EventScope.visible(Viewer.of(WMP), requested, unrecorded)).isFalse();
        assertThat(EventScope.visible(Viewer.of(WMAS), requested, unrecorded)).isFalse();
    }

    @Test
    void an_event_about_what_the_state_does_not_hold_reaches_only_the_coordinator() {
        var moved = new Event.UnitMoved(UnitId.of("NOWHERE-1"), GeoPoint.of(52.0, -1.0));
        for (OrganisationId org : EVERY_ORGANISATION)
            assertThat(EventScope.visible(Viewer.of(org), moved, state)).isFalse();
        assertThat(EventScope.visible(Viewer.nationalCoordinator(), moved, state))
                .isTrue();
    }

    @Test
    void a_lent_units_events_reach_its_home_and_its_host() {
        var lent = state.withUnit(state.getUnit(AMBULANCE).withHost(WMP_NEIGHBOUR));
        var moved = new Event.UnitMoved(AMBULANCE, GeoPoint.of(52.0, -1.0));
        assertThat(EventScope.visible(Viewer.of(WMAS), moved, lent)).isTrue();
        assertThat(EventScope.visible(Viewer.of(WMP_NEIGHBOUR), moved, lent)).isTrue();
        assertThat(EventScope.visible(Viewer.of(WMP), moved, lent)).isFalse();
    }

    /** The sample stabbing (WMP's) with the ambulance on it too, as {@code role}. */
    private MusterState withAmbulanceOnTheStabbing(org.muster.domain.incident.AssignmentRole role) {
        var stabbing = state.getIncident(org.muster.store.testing.SampleEvents.STABBING);
        return state.withIncident(stabbing.withAssignment(
                new org.muster.domain.incident.Assignment(AMBULANCE, role, Instant.EPOCH, java.util.Optional.empty())));
    }

    @Test
    void a_units_events_reach_the_organisation_whose_call_it_works_while_it_works_it() {
        var moved = new Event.UnitMoved(AMBULANCE, GeoPoint.of(52.0, -1.0));
        var status = new Event.UnitStatusChanged(
                AMBULANCE,
                org.muster.domain.unit.UnitStatus.DISPATCHED,
                org.muster.domain.unit.UnitStatus.EN_ROUTE,
                java.util.Optional.empty());
        for (var role : org.muster.domain.incident.AssignmentRole.values()) {
            MusterState tasked = withAmbulanceOnTheStabbing(role);
            for (Event e : List.of(moved, status)) {
                for (OrganisationId org : EVERY_ORGANISATION)
                    assertThat(EventScope.visible(Viewer.of(org), e, tasked))
                            .as("%s as %s seen by %s", e.getClass().getSimpleName(), role, org)
                            .isEqualTo(org.equals(WMAS) || org.equals(WMP));
            }
            // released, it is the ambulance service's alone again
            MusterState released =
                    tasked.withIncident(tasked.getIncident(org.muster.store.testing.SampleEvents.STABBING)
                            .withoutAssignment(AMBULANCE));
            assertThat(EventScope.visible(Viewer.of(WMP), moved, released)).isFalse();
            assertThat(EventScope.visible(Viewer.of(WMAS), moved, released)).isTrue();
        }
    }

    @Test
    void a_units_events_reach_exactly_those_who_may_read_the_unit() {
        MusterState tasked = withAmbulanceOnTheStabbing(org.muster.domain.incident.AssignmentRole.ESCORT);
        tasked = tasked.withUnit(
                tasked.getUnit(org.muster.store.testing.SampleEvents.ARV).withHost(GMP));
        for (var unit : tasked.units().values()) {
            var moved = new Event.UnitMoved(unit.id(), GeoPoint.of(52.0, -1.0));
            for (OrganisationId org : EVERY_ORGANISATION)
                assertThat(EventScope.visible(Viewer.of(org), moved, tasked))
                        .as("%s's move seen by %s", unit.id(), org)
                        .isEqualTo(Viewer.of(org).canSee(unit, tasked));
        }
    }
}
