package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

class EngineBehaviourTest {
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private MemoryEventLog log;
    private SingleWriter engine;

    @BeforeEach
    void start() {
        log = new MemoryEventLog();
        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private UnitStatus statusOf(String unit) {
        return state().getUnit(UnitId.of(unit)).status();
    }

    @Test
    void crewedUnitsAreAvailable() {
        assertThat(state().listUnits(UnitFilter.ALL.withStatus(UnitStatus.AVAILABLE)))
                .hasSize(8);
        assertThat(state().liveCapabilities(
                                state().getUnit(UnitId.of("ARV1")),
                                engine.rules().crewing()))
                .contains(Capability.ARMED);
    }

    @Test
    void anIncidentRunsItsWholeLifecycleAndKeepsATimeline() {
        engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        assertThat(state().getIncident(IncidentId.of("I1")).priority()).isEqualTo(Priority.C2);
        engine.execute(env(assign("I1", "A1")));
        assertThat(statusOf("A1")).isEqualTo(UnitStatus.DISPATCHED);
        assertThat(state().getIncident(IncidentId.of("I1")).status()).isEqualTo(IncidentStatus.ASSIGNED);
        engine.execute(env(status("A1", UnitStatus.EN_ROUTE)));
        clock.advance(Duration.ofMinutes(9));
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        var onScene = state().getIncident(IncidentId.of("I1"));
        assertThat(onScene.status()).isEqualTo(IncidentStatus.ON_SCENE);
        assertThat(onScene.assignments().get(0).arrivedAt()).contains(Instant.parse("2026-11-22T16:09:00Z"));
        engine.execute(env(status("A1", UnitStatus.TRANSPORTING)));
        engine.execute(env(status("A1", UnitStatus.AT_HOSPITAL)));
        assertThat(state().getIncident(IncidentId.of("I1")).status()).isEqualTo(IncidentStatus.CLOSED);
        engine.execute(env(status("A1", UnitStatus.AVAILABLE)));
        assertThat(statusOf("A1")).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(state().timelineOf(IncidentId.of("I1")))
                .extracting(t -> t.what())
                .containsExactly(
                        "call received: CHEST_PAIN, C2",
                        "A1 assigned as PRIMARY",
                        "status OPEN -> ASSIGNED",
                        "A1 on scene",
                        "status ASSIGNED -> ON_SCENE",
                        "A1 released",
                        "status ON_SCENE -> CLOSED");
        assertThat(state().listOpenIncidents()).isEmpty();
    }

    @Test
    void anIllegalTransitionIsRefusedNamingBothStatesAndWritesNothing() {
        long before = log.lastSequence();
        assertThatThrownBy(() -> engine.execute(env(status("A1", UnitStatus.AT_HOSPITAL))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("AVAILABLE")
                .hasMessageContaining("AT_HOSPITAL");
        assertThat(log.lastSequence()).isEqualTo(before);
        assertThat(statusOf("A1")).isEqualTo(UnitStatus.AVAILABLE);
    }

    @Test
    void onlyAUnitThatConveysPatientsMayBeTransportingAndARefusalNamesTheTypesThatDo() {
        engine.execute(env(incident("GUN", "POL", "FIREARMS", TestRegion.CENTRE)));
        engine.execute(env(assign("GUN", "P1")));
        engine.execute(env(status("P1", UnitStatus.EN_ROUTE)));
        engine.execute(env(status("P1", UnitStatus.ON_SCENE)));
        long before = log.lastSequence();
        assertThatThrownBy(() -> engine.execute(env(status("P1", UnitStatus.TRANSPORTING))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("status='TRANSPORTING'")
                .hasMessageContaining("[DOUBLE_CREWED_AMBULANCE]")
                .hasMessageContaining("P1 is a POLICE_RESPONSE_CAR")
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("status")));
        assertThat(log.lastSequence()).as("nothing written").isEqualTo(before);
        assertThat(statusOf("P1")).isEqualTo(UnitStatus.ON_SCENE);

        engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        engine.execute(env(assign("I1", "A1")));
        engine.execute(env(status("A1", UnitStatus.EN_ROUTE)));
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        engine.execute(env(status("A1", UnitStatus.TRANSPORTING)));
        assertThat(statusOf("A1")).isEqualTo(UnitStatus.TRANSPORTING);
    }

    @Test
    void unknownReferencesAndBadInputAreRefusedWhole() {
        long before = log.lastSequence();
        assertThatThrownBy(() -> engine.execute(env(assign("NOPE", "A1"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("NOPE");
        assertThatThrownBy(() -> engine.execute(env(incident("I9", "AMB", "FIREARMS", TestRegion.CENTRE))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("type='FIREARMS'")
                .hasMessageContaining("POLICE");
        assertThatThrownBy(() -> engine.execute(env(new Command.SetOperatingLevel(
                        ZoneId.of("POL-N"), OperatingLevel.ESCORT_REQUIRED, Optional.empty()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> engine.execute(env(assign("I9", "A1")))).isInstanceOf(NotFoundException.class);
        assertThat(log.lastSequence()).isEqualTo(before);
    }

    @Test
    void anUrgentCallDivertsAUnitFromALessUrgentOneButNotTheOtherWayRound() {
        engine.execute(env(incident("LOW", "AMB", "FALL", TestRegion.CENTRE)));
        engine.execute(env(assign("LOW", "A1")));
        engine.execute(env(incident("MID", "AMB", "STROKE", TestRegion.CENTRE)));
        assertThatThrownBy(() -> engine.execute(env(assign("MID", "A1"))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("more urgent");
        engine.execute(env(incident("HIGH", "AMB", "CARDIAC_ARREST", TestRegion.CENTRE)));
        engine.execute(env(assign("HIGH", "A1")));
        assertThat(state().findIncidentOf(UnitId.of("A1")).orElseThrow().id()).isEqualTo(IncidentId.of("HIGH"));
        assertThat(state().getIncident(IncidentId.of("LOW")).status()).isEqualTo(IncidentStatus.WAITING);
        assertThat(statusOf("A1")).isEqualTo(UnitStatus.DISPATCHED);
    }

    @Test
    void aDuplicateCallIsLinkedNotDispatched() {
        engine.execute(env(incident("I1", "POL", "PUBLIC_DISORDER", TestRegion.CENTRE)));
        engine.execute(env(incident("I2", "POL", "PUBLIC_DISORDER", GeoPoint.of(52.6001, -0.7001))));
        engine.execute(env(new Command.LinkDuplicate(IncidentId.of("I2"), IncidentId.of("I1"))));
        assertThat(state().getIncident(IncidentId.of("I2")).status()).isEqualTo(IncidentStatus.MERGED);
        assertThat(state().getIncident(IncidentId.of("I1")).linkedCalls()).containsExactly(IncidentId.of("I2"));
        assertThatThrownBy(() -> engine.execute(env(assign("I2", "P1"))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("MERGED");
    }

    @Test
    void armedOfficersHandingInAuthorisationsTakeTheArmedVehiclesOffTheRoadAndTheirReturnRestoresThem() {
        var handIn = PeopleSelection.withSkill(org("POL"), Skill.AUTHORISED_FIREARMS_OFFICER, 1.0, 7);
        engine.execute(env(new Command.WithdrawPeople(handIn, WithdrawalMode.SKILL), "authorisations handed in"));
        assertThat(state().countActive(org("POL"), Skill.AUTHORISED_FIREARMS_OFFICER))
                .isZero();
        assertThat(state().countHolding(org("POL"), Skill.AUTHORISED_FIREARMS_OFFICER))
                .isEqualTo(6);
        for (String arv : List.of("ARV1", "ARV2")) {
            var u = state().getUnit(UnitId.of(arv));
            assertThat(u.status()).isEqualTo(UnitStatus.UNAVAILABLE);
            assertThat(u.unavailableReason()).contains(UnavailableReason.UNDER_CREWED);
            assertThat(state().liveCapabilities(u, engine.rules().crewing())).doesNotContain(Capability.ARMED);
        }
        assertThat(statusOf("P1")).isEqualTo(UnitStatus.AVAILABLE);
        engine.execute(env(new Command.ReturnPeople(handIn, WithdrawalMode.SKILL)));
        assertThat(statusOf("ARV1")).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(statusOf("ARV2")).isEqualTo(UnitStatus.AVAILABLE);
    }

    @Test
    void aShareOfPeopleIsChosenReproduciblyFromTheSeed() {
        var third = PeopleSelection.withSkill(org("POL"), Skill.AUTHORISED_FIREARMS_OFFICER, 0.34, 42);
        var events = engine.execute(env(new Command.WithdrawPeople(third, WithdrawalMode.PERSON)))
                .events();
        long withdrawn = events.stream()
                .filter(e -> e.event() instanceof org.muster.domain.event.Event.PersonDutyChanged)
                .count();
        assertThat(withdrawn).isEqualTo(3); // ceil(0.34 * 6)
        // the same seed against the same state picks the same people
        MemoryEventLog other = new MemoryEventLog();
        try (SingleWriter second = SingleWriter.start(other, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(c -> second.execute(env(c.command())));
            var events2 = second.execute(env(new Command.WithdrawPeople(third, WithdrawalMode.PERSON)))
                    .events();
            assertThat(events2.stream().map(RecordedEvent::event).toList())
                    .isEqualTo(events.stream().map(RecordedEvent::event).toList());
        }
    }

    @Test
    void bulkUnitWithdrawalAndReturn() {
        engine.execute(env(incident("X", "POL", "BURGLARY_IN_PROGRESS", TestRegion.CENTRE)));
        engine.execute(env(assign("X", "P1")));
        var all = UnitSelection.of(org("POL"), Optional.of(UnitType.POLICE_RESPONSE_CAR), 1.0, 1);
        engine.execute(env(new Command.WithdrawUnits(all), "walkout"));
        assertThat(statusOf("P1")).isEqualTo(UnitStatus.DISPATCHED); // committed units finish their job
        assertThat(statusOf("P2")).isEqualTo(UnitStatus.UNAVAILABLE);
        assertThat(statusOf("P3")).isEqualTo(UnitStatus.UNAVAILABLE);
        assertThatThrownBy(
                        () -> engine.execute(env(new Command.WithdrawUnits(UnitSelection.of(Set.of(UnitId.of("P2")))))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("P2");
        engine.execute(env(new Command.ReturnUnits(all)));
        assertThat(statusOf("P2")).isEqualTo(UnitStatus.AVAILABLE);
    }

    @Test
    void aRepeatedCommandIdIsAnsweredFromTheLogNotAppliedTwice() {
        CommandEnvelope create = env(incident("I1", "POL", "WELFARE_CONCERN", TestRegion.CENTRE));
        var first = engine.execute(create);
        var second = engine.execute(create);
        assertThat(second.repeated()).isTrue();
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(state().listOpenIncidents()).hasSize(1);
    }

    @Test
    void listenersSeeEveryEventInOrderAndStateIsRebuiltExactlyFromTheLog() throws Exception {
        List<RecordedEvent> seen = new ArrayList<>();
        engine.subscribe((events, after) -> seen.addAll(events));
        List<java.util.concurrent.CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(engine.submit(env(incident("I" + i, "AMB", "FALL", TestRegion.CENTRE))));
        }
        for (var f : futures) f.get();
        assertThat(seen).hasSize(200);
        for (int i = 1; i < seen.size(); i++)
            assertThat(seen.get(i).sequence()).isEqualTo(seen.get(i - 1).sequence() + 1);
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(state());
        log.saveSnapshot(state().toSnapshot(""));
        assertThat(MusterState.fromSnapshot(log.findLatestSnapshot().orElseThrow()))
                .isEqualTo(state());
    }

    @Test
    void crewMovesBetweenUnits() {
        var p = org.muster.domain.people.PersonId.of("P1-1");
        engine.execute(env(new Command.SetCrew(
                UnitId.of("P2"), new TreeSet<>(Set.of(p, org.muster.domain.people.PersonId.of("P2-1"))))));
        assertThat(state().getUnit(UnitId.of("P1")).crew()).isEmpty();
        assertThat(statusOf("P1")).isEqualTo(UnitStatus.UNAVAILABLE);
        assertThat(state().findUnitOf(p).orElseThrow().id()).isEqualTo(UnitId.of("P2"));
    }
}
