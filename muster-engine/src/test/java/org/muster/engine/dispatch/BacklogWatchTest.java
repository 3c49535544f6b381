package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.warning.AlertRaiser;
import org.muster.engine.warning.AlertSource;
import org.muster.engine.warning.BacklogConfig;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * The backlog forecast's inputs read from a running engine, and its alert raised into the log once per episode:
 * the test region's police force ({@code POL}: response cars P1–P3, armed vehicles ARV1–2) with its own 15-minute
 * target for emergencies. Its firearms calls need two armed response vehicles with armed crews, which the
 * response cars cannot be: they are forecast against the armed units alone ({@code backlog:POL:ARMED}).
 */
class BacklogWatchTest {
    private static final ResponseTargets TARGETS = ResponseTargets.DEFAULTS.withOwn(
            org("POL"), Priority.EMERGENCY, ResponseTargets.Target.parse("target", "15m"));
    /** As the defaults, but measured from three finished jobs. */
    private static final BacklogWatch.Config CONFIG = new BacklogWatch.Config(
            Duration.ofHours(1),
            50,
            3,
            Duration.ofHours(1),
            Duration.ofMinutes(8),
            Duration.ofMinutes(30),
            BacklogConfig.DEFAULTS);

    private final TestClock clock = TestClock.at("2026-12-04T20:00:00Z");
    private final MemoryEventLog log = new MemoryEventLog();
    private final BacklogWatch watch = new BacklogWatch(Rules.defaults(), TARGETS, CONFIG);
    private SingleWriter engine;

    @BeforeEach
    void start() {
        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private BacklogWatch.Reading emergencies() {
        Organisation pol = engine.state().getOrganisation(org("POL"));
        return watch.read(engine.state(), pol, Priority.EMERGENCY, clock.instant())
                .orElseThrow();
    }

    private void call(String id) {
        engine.execute(env(incident(id, "POL", "RTC", TestRegion.CENTRE)));
    }

    private void offDuty(String unit) {
        engine.execute(env(new Command.ChangeUnitStatus(
                UnitId.of(unit), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
    }

    private BacklogWatch.Reading armed() {
        Organisation pol = engine.state().getOrganisation(org("POL"));
        return watch.read(engine.state(), pol, Capability.ARMED, Priority.EMERGENCY, clock.instant())
                .orElseThrow();
    }

    private void firearms(String id) {
        engine.execute(env(incident(id, "POL", "FIREARMS", TestRegion.CENTRE)));
    }

    /** The force's firearms officers hand in their authorisations: they stay on duty, unarmed. */
    private void armedStandDown() {
        engine.execute(env(new Command.WithdrawPeople(
                PeopleSelection.withSkill(org("POL"), Skill.AUTHORISED_FIREARMS_OFFICER, 1.0, 1),
                WithdrawalMode.SKILL)));
    }

    private static Optional<AlertSource.Condition> keyed(List<AlertSource.Condition> conditions, String key) {
        return conditions.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    @Test
    void firearmsCallsAreReadAgainstTheArmedUnitsAloneEachTakingTheTwoItNeeds() {
        engine.subscribe(watch::onEvents);
        offDuty("ARV2");
        firearms("F1");
        clock.advance(Duration.ofMinutes(2));
        firearms("F2");
        clock.advance(Duration.ofMinutes(2));
        call("R1"); // a response car's call, not the armed units'
        clock.advance(Duration.ofMinutes(1));

        var armed = armed();
        // F1 and F2 each need two armed vehicles; one is on duty and free: it cannot fill F1, so both wait for
        // armed units, though three response cars stand free
        assertThat(armed.input().arrivalsPerHour()).isEqualTo(2.0);
        assertThat(armed.input().availableUnits()).isEqualTo(1);
        assertThat(armed.freeUnits()).isEqualTo(1);
        assertThat(armed.input().waitingNow()).isEqualTo(2);
        assertThat(armed.input().longestWaitNow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(armed.oldest()).map(i -> i.id().value()).contains("F1");
        // the force as a whole: four units free for three calls, so none waits beyond them
        var all = emergencies();
        assertThat(all.input().availableUnits()).isEqualTo(4);
        assertThat(all.input().waitingNow()).isZero();

        // ARV1 sent to F1 fills one of its two places: F1 still needs one more, and F2 two
        engine.execute(env(assign("F1", "ARV1")));
        var sent = armed();
        assertThat(sent.freeUnits()).isZero();
        assertThat(sent.input().availableUnits()).isEqualTo(1);
        assertThat(sent.input().waitingNow()).isEqualTo(2);

        // a response car sent to F2 fills none of its armed places (the recommender's rule): F2 still waits
        engine.execute(env(assign("F2", "P1")));
        assertThat(armed().input().waitingNow()).isEqualTo(2);
    }

    @Test
    void firearmsCallsWithNoArmedUnitOnDutyRaiseTheirOwnAlertWhileTheResponseCarsStandFree() throws Exception {
        try (AlertRaiser raiser = new AlertRaiser(engine, List.of(watch))) {
            armedStandDown();
            firearms("F1");
            clock.advance(Duration.ofMinutes(10));
            firearms("F2");
            raiser.tick(clock.instant());
            Alert alert = awaitAlert(a -> a.key().equals("backlog:POL:ARMED"));
            assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.kind()).isEqualTo("backlog");
            assertThat(alert.organisations()).containsExactly(org("POL"));
            // raised as F1 came in, with nobody to send to it: its figures are those of then
            assertThat(alert.summary())
                    .startsWith("Test Police (POL): emergency calls needing armed units (ARMED): 1.0 an hour")
                    .contains("against no unit with it on duty")
                    .contains("1 waiting for armed units, the oldest F1 for 0 min")
                    .contains("will be breached in about 7 min")
                    .contains("no unit of POL with the armed capability is on duty")
                    .contains("ask for mutual aid for armed units");
            assertThat(alert.evidence())
                    .containsEntry("capability", "ARMED")
                    .containsEntry("priority", "EMERGENCY")
                    .containsEntry("units_on_duty", "0")
                    .containsEntry("units_free", "0")
                    .containsEntry("waiting", "1")
                    .containsEntry("oldest_call", "F1")
                    .containsEntry("oldest_received", "2026-12-04T20:00:00Z")
                    .containsEntry("time_to_breach", "7 min");
            // the force's own cars are free, and its firearms calls are not theirs: no general backlog
            assertThat(backlogAlerts()).extracting(Alert::key).containsExactly("backlog:POL:ARMED");

            // dismissed, it stands for the episode as more firearms calls wait; the cars could not keep up with
            // five calls in the hour, but they are not the cars' calls
            engine.execute(env(new Command.DismissAlert(alert.id()), "armed officers asked of the neighbours"));
            for (int k = 3; k <= 5; k++) {
                firearms("F" + k);
                clock.advance(Duration.ofMinutes(15));
                raiser.tick(clock.instant());
            }
            raiser.awaitIdle();
            Thread.sleep(300);
            assertThat(backlogAlerts()).extracting(Alert::id).containsExactly(alert.id());
            assertThat(engine.state().getAlert(alert.id()).status()).isEqualTo(AlertStatus.DISMISSED);
            // after a restart the dismissed alert is still the episode's
            var afresh =
                    new BacklogWatch(Rules.defaults(), TARGETS, CONFIG).listConditions(engine.state(), clock.instant());
            assertThat(keyed(afresh, "backlog:POL:ARMED"))
                    .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(alert.id()));
        }
    }

    @Test
    void aFirearmsCallWaitingHoursIsNamedThoughTooFewCallsArriveToForecastABacklog() {
        engine.subscribe(watch::onEvents);
        // one armed vehicle on duty and free: a firearms call needs two, and waits for the second
        offDuty("ARV2");
        firearms("F1");
        clock.advance(Duration.ofHours(5).plusMinutes(20));
        // nothing else has come in for hours: no arrivals to forecast from, the queue neither grows nor moves
        var armed = armed();
        assertThat(armed.input().arrivalsPerHour()).isZero();
        assertThat(armed.input().waitingNow()).isEqualTo(1);

        var conditions = watch.listConditions(engine.state(), clock.instant());
        assertThat(conditions).extracting(AlertSource.Condition::key).containsExactly("backlog:POL:ARMED");
        assertThat(conditions.getFirst().summary())
                .contains("0.0 an hour")
                .contains("against 1 unit with it on duty, 1 free")
                .contains("1 waiting for armed units, the oldest F1 for 5 h 20 min")
                .contains("is already breached")
                .contains("ask for mutual aid for armed units");
        assertThat(conditions.getFirst().evidence())
                .containsEntry("oldest_call", "F1")
                .containsEntry("longest_wait", "5 h 20 min")
                .containsEntry("units_on_duty", "1");

        // an hour on, the alert keeps its first figures; where it stands now is the last look's
        clock.advance(Duration.ofHours(1));
        watch.listConditions(engine.state(), clock.instant());
        var alert = org.muster.engine.testing.TestAlerts.raised(conditions.getFirst(), clock.instant());
        assertThat(watch.standingNow(alert, engine.state(), clock.instant()))
                .hasValue("Now 1 waiting (the longest 6 h 20 min), 1 of 1 units on duty free; past the target now.");
    }

    @Test
    void aCapabilityEveryUnitOnDutyHasIsLeftToTheForcesOwnForecast() {
        engine.subscribe(watch::onEvents);
        // stabbings need any two units with police response: every unit of the force has it
        for (String u : List.of("P2", "P3", "ARV1", "ARV2")) offDuty(u);
        for (int k = 1; k <= 5; k++) {
            engine.execute(env(incident("S" + k, "POL", "STABBING", TestRegion.CENTRE)));
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(watch.listConditions(engine.state(), clock.instant()))
                .extracting(AlertSource.Condition::key)
                .containsExactly("backlog:POL");
    }

    @Test
    void theInputsAreReadFromTheCallsTheUnitsAndTheQueue() {
        engine.subscribe(watch::onEvents);
        call("J1");
        call("J2");
        call("J3");
        var quiet = emergencies();
        // three calls waiting, five units free to take them: nothing waits for capacity; no job has finished, so
        // the defaults stand in for the job time and the travel
        assertThat(quiet.input().arrivalsPerHour()).isEqualTo(3.0);
        assertThat(quiet.input().availableUnits()).isEqualTo(5);
        assertThat(quiet.freeUnits()).isEqualTo(5);
        assertThat(quiet.input().waitingNow()).isZero();
        assertThat(quiet.input().longestWaitNow()).isZero();
        assertThat(quiet.input().meanJobTime()).isEqualTo(Duration.ofHours(1));
        assertThat(quiet.finishedJobs()).isZero();
        assertThat(quiet.travel()).isEqualTo(Duration.ofMinutes(8));
        assertThat(quiet.input().waitTarget()).isEqualTo(Duration.ofMinutes(7));
        for (int k = 1; k <= 3; k++) engine.execute(env(new Command.CancelIncident(IncidentId.of("J" + k))));

        // (the calls above are cancelled; these three are the jobs measured)
        for (int k = 1; k <= 3; k++) {
            call("K" + k);
            engine.execute(env(assign("K" + k, "P" + k)));
        }
        clock.advance(Duration.ofMinutes(6));
        for (int k = 1; k <= 3; k++) engine.execute(env(status("P" + k, UnitStatus.ON_SCENE)));
        clock.advance(Duration.ofMinutes(34));
        for (int k = 1; k <= 3; k++) engine.execute(env(new Command.CloseIncident(IncidentId.of("K" + k))));
        offDuty("ARV2");
        // seven calls from 20:40, two minutes apart; the four units on duty sent to the first four
        for (int k = 1; k <= 7; k++) {
            call("W" + k);
            clock.advance(Duration.ofMinutes(2));
        }
        engine.execute(env(assign("W1", "P1")));
        engine.execute(env(assign("W2", "P2")));
        engine.execute(env(assign("W3", "P3")));
        engine.execute(env(assign("W4", "ARV1")));
        // an ambulance call and a lower priority are not the force's emergencies
        engine.execute(env(incident("A1", "AMB", "CARDIAC_ARREST", TestRegion.CENTRE)));
        engine.execute(env(incident("T1", "POL", "THEFT_REPORT", TestRegion.CENTRE)));
        clock.set(java.time.Instant.parse("2026-12-04T20:55:00Z"));

        var busy = emergencies();
        // the last hour, 19:55 to 20:55: J1-J3 (cancelled), K1-K3 (closed) and W1-W7
        assertThat(busy.input().arrivalsPerHour()).isEqualTo(13.0);
        assertThat(busy.input().availableUnits()).as("ARV2 is off duty").isEqualTo(4);
        assertThat(busy.freeUnits()).isZero();
        assertThat(busy.finishedJobs()).isEqualTo(3);
        assertThat(busy.input().meanJobTime()).isEqualTo(Duration.ofMinutes(40));
        assertThat(busy.arrivedJobs()).isEqualTo(3);
        assertThat(busy.travel()).isEqualTo(Duration.ofMinutes(6));
        assertThat(busy.input().waitTarget()).isEqualTo(Duration.ofMinutes(9));
        // W5-W7 wait, W5 since 20:48
        assertThat(busy.input().waitingNow()).isEqualTo(3);
        assertThat(busy.input().longestWaitNow()).isEqualTo(Duration.ofMinutes(7));

        // a unit free again takes the first waiting call: two wait for capacity, the longest W6 since 20:50
        engine.execute(env(status("ARV2", UnitStatus.AVAILABLE)));
        var oneFree = emergencies();
        assertThat(oneFree.freeUnits()).isEqualTo(1);
        assertThat(oneFree.input().availableUnits()).isEqualTo(5);
        assertThat(oneFree.input().waitingNow()).isEqualTo(2);
        assertThat(oneFree.input().longestWaitNow()).isEqualTo(Duration.ofMinutes(5));

        // an hour on, only the calls still open in the window would count: none was received in it
        clock.advance(Duration.ofHours(1));
        assertThat(emergencies().input().arrivalsPerHour()).isZero();
    }

    @Test
    void callsOutpacingTheUnitsRaiseOneAlertPerEpisodeAndASupervisorsDismissalStands() throws Exception {
        try (AlertRaiser raiser = new AlertRaiser(engine, List.of(watch))) {
            // a walkout leaves one car on duty; five emergencies come in within ten minutes
            for (String u : List.of("P2", "P3", "ARV1", "ARV2")) offDuty(u);
            for (int k = 1; k <= 5; k++) {
                call("W" + k);
                clock.advance(Duration.ofMinutes(2));
            }
            Alert alert = awaitAlert(a -> a.status() == AlertStatus.OPEN);
            assertThat(alert.kind()).isEqualTo("backlog");
            assertThat(alert.key()).isEqualTo("backlog:POL");
            assertThat(alert.organisations()).containsExactly(org("POL"));
            assertThat(alert.summary())
                    .startsWith("Test Police (POL): ")
                    .contains("emergency calls an hour (last 1 h) against 1 unit on duty, 1 free, at 1 h a job")
                    .contains("1 waiting for a unit to come free")
                    .contains("will be breached by the calls already waiting")
                    .contains("wait target (the 15 min response target less 8 min expected travel)")
                    .contains("ask for mutual aid");
            assertThat(alert.evidence())
                    .containsEntry("priority", "EMERGENCY")
                    .containsEntry("units_on_duty", "1")
                    .containsEntry("units_free", "1")
                    .containsEntry("mean_job_time", "1 h")
                    .containsEntry("mean_job_time_from", "default")
                    .containsEntry("wait_target", "7 min")
                    .containsEntry("arrivals_per_hour", "2.0")
                    .containsEntry("waiting", "1")
                    .containsEntry("time_to_breach", "0 min")
                    .containsKeys("longest_wait", "utilisation", "state");

            // the duty inspector has asked the neighbours already, and dismisses it; the calls keep coming, and
            // the same episode goes on: no new alert asks again
            engine.execute(env(new Command.DismissAlert(alert.id()), "mutual aid requested by phone"));
            for (int k = 6; k <= 9; k++) {
                call("W" + k);
                clock.advance(Duration.ofMinutes(3));
                raiser.tick(clock.instant());
            }
            raiser.awaitIdle();
            Thread.sleep(300); // any command the raiser submitted is in the log by now
            assertThat(backlogAlerts()).extracting(Alert::id).containsExactly(alert.id());
            assertThat(engine.state().getAlert(alert.id()).status()).isEqualTo(AlertStatus.DISMISSED);

            // after a restart, with the watch's memory gone, the dismissed alert is still the episode's
            var afresh =
                    new BacklogWatch(Rules.defaults(), TARGETS, CONFIG).listConditions(engine.state(), clock.instant());
            assertThat(afresh).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(alert.id()));

            // the calls are answered and the cars come back; once the hour's nine calls are past (five cars at an
            // hour a job could not keep up with them), half an hour without a forecast breach ends the episode
            for (int k = 1; k <= 9; k++) engine.execute(env(new Command.CancelIncident(IncidentId.of("W" + k))));
            for (String u : List.of("P2", "P3", "ARV1", "ARV2")) engine.execute(env(status(u, UnitStatus.AVAILABLE)));
            clock.advance(Duration.ofMinutes(61));
            raiser.tick(clock.instant());
            raiser.awaitIdle();
            assertThat(watch.listConditions(engine.state(), clock.instant())).isEmpty();

            // a second walkout is a new episode, and a new alert
            for (String u : List.of("P2", "P3", "ARV1", "ARV2")) offDuty(u);
            for (int k = 1; k <= 5; k++) {
                call("X" + k);
                clock.advance(Duration.ofMinutes(1));
            }
            Alert second = awaitAlert(a -> !a.id().equals(alert.id()));
            assertThat(second.status()).isEqualTo(AlertStatus.OPEN);
        }
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
    }

    @Test
    void anActiveAlertIsResolvedWhenTheBacklogHasCleared() throws Exception {
        try (AlertRaiser raiser = new AlertRaiser(engine, List.of(watch))) {
            for (String u : List.of("P2", "P3", "ARV1", "ARV2")) offDuty(u);
            for (int k = 1; k <= 5; k++) call("W" + k);
            Alert alert = awaitAlert(a -> a.status() == AlertStatus.OPEN);
            engine.execute(env(new Command.AcceptAlert(alert.id()), "asking the neighbours"));

            // five calls in the hour, five cars at an hour a job: they keep up, and the queue is empty

            for (int k = 1; k <= 5; k++) engine.execute(env(new Command.CancelIncident(IncidentId.of("W" + k))));
            for (String u : List.of("P2", "P3", "ARV1", "ARV2")) engine.execute(env(status(u, UnitStatus.AVAILABLE)));
            clock.advance(Duration.ofMinutes(10));
            raiser.tick(clock.instant());
            raiser.awaitIdle();
            Thread.sleep(300);
            assertThat(engine.state().getAlert(alert.id()).status())
                    .as("still accepted within the half hour")
                    .isEqualTo(AlertStatus.ACCEPTED);
            clock.advance(Duration.ofMinutes(25));
            raiser.tick(clock.instant());
            Alert resolved = awaitAlert(a -> a.status() == AlertStatus.RESOLVED);
            assertThat(resolved.resolution()).contains("no breach of a wait target forecast for 30 min");
        }
    }

    private List<Alert> backlogAlerts() {
        return engine.state().alerts().values().stream()
                .filter(a -> a.kind().equals("backlog"))
                .toList();
    }

    /** The raiser's commands queue behind the test's: waits for a backlog alert that matches. */
    private Alert awaitAlert(Predicate<Alert> which) throws InterruptedException {
        for (int tries = 0; tries < 250; tries++) {
            Optional<Alert> found = backlogAlerts().stream().filter(which).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no such backlog alert among " + backlogAlerts());
    }
}
