package org.muster.engine.major;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentStatus;
import org.muster.domain.major.Methane;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * The engine's rules for major incidents and escalation levels, and that replaying their events rebuilds
 * the same state. In the test region the police force's zone lies north of 52.6 and the ambulance
 * service's covers everything, so an area reaching north of 52.6 touches both.
 */
class MajorIncidentRulesTest {
    private static final MajorIncidentId MI = MajorIncidentId.of("MI-1");
    private static final GeoPoint SOUTH = GeoPoint.of(52.55, -0.7);
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final MemoryEventLog log = new MemoryEventLog();
    private SingleWriter engine;

    @BeforeEach
    void start() {
        Rules rules = Rules.defaults()
                .withZones(p -> p.lat() >= 52.6
                        ? List.of(ZoneId.of("AMB-N"), ZoneId.of("POL-N"))
                        : List.of(ZoneId.of("AMB-N")));
        engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private static Command.DeclareMajorIncident declare(double radiusMeters, boolean standby) {
        return new Command.DeclareMajorIncident(
                MI, org("AMB"), "Rail crash", SOUTH, MajorIncidentArea.circle(SOUTH, radiusMeters), standby);
    }

    private static Methane methane(String casualties) {
        return new Methane(
                "declared", "the level crossing", "derailment", "fuel", "from the east", casualties, "AMB 3");
    }

    @Test
    void theAreaDecidesWhoAttendsAndOnlyThemMayFileOnTheBoard() {
        engine.execute(env(declare(1_000, false), "train derailed"));
        assertThat(state().getMajorIncident(MI).organisations()).containsExactly(org("AMB"));
        assertThatThrownBy(() -> engine.execute(env(new Command.FileMethaneReport(MI, org("POL"), methane("4")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("organisation='POL'");

        MajorIncidentId wide = MajorIncidentId.of("MI-2");
        engine.execute(env(new Command.DeclareMajorIncident(
                wide, org("AMB"), "Flood", SOUTH, MajorIncidentArea.circle(SOUTH, 8_000), true)));
        assertThat(state().getMajorIncident(wide).organisations()).containsExactly(org("AMB"), org("POL"));
        assertThat(state().getMajorIncident(wide).status()).isEqualTo(MajorIncidentStatus.STANDBY);
        engine.execute(env(new Command.DeclareMajorIncident(
                wide, org("AMB"), "Flood", SOUTH, MajorIncidentArea.circle(SOUTH, 8_000), false)));
        assertThat(state().getMajorIncident(wide).status()).isEqualTo(MajorIncidentStatus.DECLARED);
    }

    @Test
    void methaneReportsAreVersionedPerServiceWithWhatChanged() {
        engine.execute(env(declare(1_000, false), "train derailed"));
        engine.execute(env(new Command.FileMethaneReport(MI, org("AMB"), methane("P1 2"))));
        engine.execute(env(new Command.FileMethaneReport(MI, org("AMB"), methane("P1 5"))));
        var m = state().getMajorIncident(MI);
        assertThat(m.methane()).hasSize(2);
        var latest = m.findLatestMethane(org("AMB")).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.changed()).containsExactly("N - Number of casualties");
        assertThat(MajorIncidentText.methane(m)).contains("* N - Number of casualties: P1 5");
    }

    @Test
    void aCallIsLinkedOnceWhileOpenAndAStoodDownBoardTakesNothingMore() {
        engine.execute(env(declare(1_000, false), "train derailed"));
        engine.execute(env(incident("I-1", "AMB", "FALL", SOUTH)));
        engine.execute(env(new Command.LinkToMajorIncident(MI, IncidentId.of("I-1"))));
        assertThatThrownBy(() -> engine.execute(env(new Command.LinkToMajorIncident(MI, IncidentId.of("I-1")))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already linked");
        assertThat(state().findMajorIncidentOf(IncidentId.of("I-1"))).isPresent();

        assertThatThrownBy(() -> engine.execute(env(new Command.StandDownMajorIncident(MI))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        engine.execute(env(new Command.StandDownMajorIncident(MI), "scene clear"));
        assertThat(state().getMajorIncident(MI).stoodDownAt()).contains(clock.instant());
        assertThatThrownBy(() -> engine.execute(
                        env(new Command.ReportCasualties(MI, org("AMB"), new TreeMap<>(Map.of(TriageCategory.P1, 1))))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("stood down");
    }

    @Test
    void aLevelAppliesItsActionsAsCommandsAndSteppingDownReleasesThemWithoutAskingAgain() {
        var up = engine.execute(env(new Command.SetEscalationLevel(org("AMB"), 3), "severe pressure"));
        assertThat(up.events().stream().map(e -> e.event().getClass().getSimpleName()))
                .containsExactly("EscalationLevelChanged", "TargetsSuspended", "PrioritiesHeldBack", "AidRequested");
        var e = state().escalationOf(org("AMB"));
        assertThat(e.level()).isEqualTo(3);
        assertThat(e.heldBack()).containsExactly(Priority.C3, Priority.C4);
        assertThat(e.targetsSuspended()).isTrue();
        assertThat(state().listOpenAidRequests()).hasSize(1);

        var asked = state().listOpenAidRequests().getFirst().id();
        // a request a supervisor made by hand is theirs, whatever the level does
        engine.execute(env(new Command.RequestAid(
                org.muster.domain.aid.AidRequestId.of("AMB-BY-HAND"),
                org("AMB"),
                org.muster.domain.aid.AidNeed.units(
                        org.muster.domain.unit.UnitType.DOUBLE_CREWED_AMBULANCE, 1, Set.of()),
                SOUTH,
                clock.instant().plus(java.time.Duration.ofHours(2)),
                java.time.Duration.ofHours(4),
                "a crew for the rail crash",
                org.muster.domain.aid.AidPriority.URGENT,
                org.muster.domain.aid.Addressees.coordinator(),
                false)));

        var down = engine.execute(env(new Command.SetEscalationLevel(org("AMB"), 2), "easing"));
        assertThat(down.events().stream().map(x -> x.event()))
                .as("the level's unanswered ask goes with it; none is made on the way down")
                .containsExactly(
                        new Event.EscalationLevelChanged(org("AMB"), 3, 2),
                        new Event.TargetsSuspended(org("AMB"), false),
                        new Event.PrioritiesHeldBack(org("AMB"), new TreeSet<>(Set.of(Priority.C4))),
                        new Event.AidRequestStatusChanged(
                                asked,
                                org.muster.domain.aid.AidRequestStatus.OPEN,
                                org.muster.domain.aid.AidRequestStatus.CANCELLED));
        assertThat(state().listOpenAidRequests().stream().map(r -> r.id().value()))
                .containsExactly("AMB-BY-HAND");

        assertThatThrownBy(() -> engine.execute(
                        env(new Command.HoldBackPriorities(org("AMB"), new TreeSet<>(Set.of(Priority.EMERGENCY))))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("priorities='EMERGENCY'");
        assertThatThrownBy(() -> engine.execute(env(new Command.SetEscalationLevel(org("AMB"), 2), "again")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void replayRebuildsTheBoardsAndLevels() {
        engine.execute(env(declare(1_000, false), "train derailed"));
        engine.execute(env(new Command.FileMethaneReport(MI, org("AMB"), methane("P1 2"))));
        engine.execute(env(new Command.ReportCasualties(MI, org("AMB"), new TreeMap<>(Map.of(TriageCategory.P2, 7)))));
        engine.execute(env(new Command.SetEscalationLevel(org("AMB"), 4), "extreme pressure"));
        MusterState replayed = Recovery.replayFromScratch(log).state();
        assertThat(replayed.majorIncidents()).isEqualTo(state().majorIncidents());
        assertThat(replayed.escalations()).isEqualTo(state().escalations());
        assertThat(MusterState.fromSnapshot(state().toSnapshot("x")).majorIncidents())
                .isEqualTo(state().majorIncidents());
    }
}
