package org.muster.engine.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.performance.ResponseTimes.Window;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

class ResponseTimesTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private static final GeoPoint HOTSPOT = GeoPoint.of(52.65, -0.75);
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    /** Only the hotspot lies in zone North: the units, at the centre, are outside it. */
    private final Rules rules = Rules.defaults().withZones(p -> p.equals(HOTSPOT) ? List.of(NORTH) : List.of());

    private final MemoryEventLog log = new MemoryEventLog();
    private SingleWriter engine;
    private ResponseTimes times;

    private void start(ResponseTargets targets) {
        engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        times = new ResponseTimes(rules, targets);
        engine.subscribe(times);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void respond(String id, String type, String unit, GeoPoint at, Duration after) {
        engine.execute(env(incident(id, unit.startsWith("A") ? "AMB" : "POL", type, at)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of(id), UnitId.of(unit), AssignmentRole.PRIMARY)));
        clock.advance(after);
        engine.execute(env(status(unit, UnitStatus.ON_SCENE)));
        engine.execute(env(status(unit, UnitStatus.AVAILABLE)));
    }

    @Test
    void meanAndNinetiethCentilePerCategoryAgainstTheStandards() {
        start(ResponseTargets.DEFAULTS);
        for (int minutes : new int[] {10, 12, 14, 16, 18, 20, 22, 24, 26, 50})
            respond("C2-" + minutes, "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(minutes));
        ResponseStats s = times.statsForOrganisation(org("AMB"), Priority.C2, Window.DAY, clock.instant());
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.mean()).contains(Duration.ofSeconds(1272)); // (10+12+...+26+50)/10 = 21.2 min
        assertThat(s.p90()).contains(Duration.ofMinutes(26)); // nearest rank: the 9th of 10
        assertThat(s.breachesMean()).isTrue(); // over 18 min
        assertThat(s.breachesP90()).isFalse(); // under 40 min
        // the hour window holds only the last few
        assertThat(times.statsForOrganisation(org("AMB"), Priority.C2, Window.HOUR, clock.instant())
                        .count())
                .isLessThan(10);
    }

    @Test
    void theClockStopsForTheMostAppropriateResourceNotTheFirst() {
        start(ResponseTargets.DEFAULTS);
        engine.execute(env(incident("GUN", "POL", "FIREARMS", TestRegion.CENTRE)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("GUN"), UnitId.of("P1"), AssignmentRole.SUPPORT)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("GUN"), UnitId.of("ARV1"), AssignmentRole.PRIMARY)));
        clock.advance(Duration.ofMinutes(3));
        engine.execute(env(status("P1", UnitStatus.ON_SCENE)));
        assertThat(times.listResponses()).isEmpty();
        assertThat(times.listWaiting(clock.instant()))
                .extracting(ResponseTimes.Waiting::incident)
                .containsExactly(IncidentId.of("GUN"));
        clock.advance(Duration.ofMinutes(6));
        engine.execute(env(status("ARV1", UnitStatus.ON_SCENE)));
        assertThat(times.listResponses())
                .singleElement()
                .satisfies(r -> assertThat(r.time()).isEqualTo(Duration.ofMinutes(9)));
        assertThat(times.listWaiting(clock.instant())).isEmpty();
    }

    @Test
    void aC1CallsClockStopsAtTheFirstResponderItAskedForAParamedicsCarAsMuchAsTheAmbulance() {
        start(ResponseTargets.DEFAULTS);
        // a rapid response car crewed by a paramedic: it treats, it cannot convey
        engine.execute(env(new Command.RegisterUnit(
                UnitId.of("R1"),
                org.muster.domain.unit.Callsign.of("R1"),
                org("AMB"),
                org.muster.domain.unit.UnitType.RAPID_RESPONSE_CAR,
                Optional.of(org.muster.domain.organisation.StationId.of("AS1")),
                1,
                Optional.empty())));
        var medic = org.muster.domain.people.PersonId.of("R1-1");
        engine.execute(env(new Command.RegisterPerson(
                medic,
                "Solo paramedic",
                org("AMB"),
                org.muster.domain.people.PersonRole.PARAMEDIC,
                new java.util.TreeSet<>(java.util.Set.of(
                        org.muster.domain.people.Skill.PARAMEDIC, org.muster.domain.people.Skill.RESPONSE_DRIVER)))));
        engine.execute(env(new Command.SetCrew(UnitId.of("R1"), new java.util.TreeSet<>(java.util.Set.of(medic)))));

        engine.execute(env(incident("ARREST", "AMB", "CARDIAC_ARREST", TestRegion.CENTRE)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("ARREST"), UnitId.of("A1"), AssignmentRole.PRIMARY)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("ARREST"), UnitId.of("R1"), AssignmentRole.PRIMARY)));
        clock.advance(Duration.ofMinutes(5));
        engine.execute(env(status("R1", UnitStatus.ON_SCENE)));
        clock.advance(Duration.ofMinutes(9));
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        // the car's 5 minutes, not the conveying ambulance's 14 (which ARP counts apart, as C1T)
        assertThat(times.listResponses())
                .singleElement()
                .satisfies(r -> assertThat(r.time()).isEqualTo(Duration.ofMinutes(5)));

        // a C2 call is measured to its first requirement as before: the conveying ambulance
        engine.execute(env(incident("STROKE", "AMB", "STROKE", TestRegion.CENTRE)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("STROKE"), UnitId.of("A2"), AssignmentRole.PRIMARY)));
        clock.advance(Duration.ofMinutes(20));
        engine.execute(env(status("A2", UnitStatus.ON_SCENE)));
        assertThat(times.statsForOrganisation(org("AMB"), Priority.C2, Window.DAY, clock.instant())
                        .mean())
                .contains(Duration.ofMinutes(20));
    }

    @Test
    void withFirstArrivalConfiguredTheFirstUnitStopsTheClock() {
        start(new ResponseTargets(
                ResponseTargets.DEFAULTS.national(),
                java.util.Map.of(),
                java.util.Map.of(),
                ResponseTargets.ClockStop.FIRST_ARRIVAL));
        engine.execute(env(incident("GUN", "POL", "FIREARMS", TestRegion.CENTRE)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("GUN"), UnitId.of("P1"), AssignmentRole.SUPPORT)));
        clock.advance(Duration.ofMinutes(3));
        engine.execute(env(status("P1", UnitStatus.ON_SCENE)));
        assertThat(times.listResponses())
                .singleElement()
                .satisfies(r -> assertThat(r.time()).isEqualTo(Duration.ofMinutes(3)));
    }

    @Test
    void aDowngradedZoneHasItsTargetsSuspendedAndCountsCallsServedFromOutsideAsRerouted() {
        start(ResponseTargets.DEFAULTS);
        engine.execute(env(
                new Command.SetOperatingLevel(NORTH, OperatingLevel.DOWNGRADED, Optional.empty()),
                "half the crews off sick"));
        respond("D1", "STROKE", "A1", HOTSPOT, Duration.ofMinutes(55));
        respond("D2", "STROKE", "A2", HOTSPOT, Duration.ofMinutes(50));
        assertThat(times.reroutedIn(NORTH)).containsValue(2);
        assertThat(times.statsForZone(NORTH, org("AMB"), Priority.C2, Window.DAY, clock.instant())
                        .count())
                .as("suspended targets are not judged")
                .isZero();
        assertThat(times.listResponses())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.targetsSuspended()).isTrue());
    }

    /**
     * An escalation level that suspends the targets (REAP 3) leaves the figures as they are, against the same
     * target, but holds no breach against them: not the mean's or the centile's, nor a waiting call's past the
     * target. Reinstated, the same figures breach again. The one judgement every board makes.
     */
    @Test
    void whileAnEscalationLevelHasSuspendedTheTargetsTheFiguresStandButBreachNothing() {
        start(ResponseTargets.DEFAULTS);
        respond("LATE-1", "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(50));
        engine.execute(env(incident("WAITING", "AMB", "STROKE", TestRegion.CENTRE)));
        clock.advance(Duration.ofMinutes(45));
        ResponseStats judged = times.statsForOrganisation(org("AMB"), Priority.C2, Window.DAY, clock.instant())
                .judgedUnder(engine.state().escalationOf(org("AMB")));
        assertThat(judged.breachesMean()).isTrue();
        assertThat(judged.breachesP90()).isTrue();
        assertThat(judged.waitingOverTarget()).isEqualTo(1);
        assertThat(judged.targetsSuspended()).isFalse();

        engine.execute(env(new Command.SuspendTargets(org("AMB"), true), "REAP 3"));
        ResponseStats raw = times.statsForOrganisation(org("AMB"), Priority.C2, Window.DAY, clock.instant());
        ResponseStats suspended = raw.judgedUnder(engine.state().escalationOf(org("AMB")));
        assertThat(suspended.targetsSuspended()).isTrue();
        assertThat(suspended.breachesMean()).as("no breach while suspended").isFalse();
        assertThat(suspended.breachesP90()).isFalse();
        assertThat(suspended.waitingOverTarget()).isZero();
        assertThat(suspended)
                .as("the figures and the target stand")
                .extracting(
                        ResponseStats::count,
                        ResponseStats::mean,
                        ResponseStats::p90,
                        ResponseStats::target,
                        ResponseStats::waiting,
                        ResponseStats::meanWithWaiting)
                .containsExactly(
                        raw.count(), raw.mean(), raw.p90(), raw.target(), raw.waiting(), raw.meanWithWaiting());

        engine.execute(env(new Command.SuspendTargets(org("AMB"), false), "REAP 1"));
        assertThat(raw.judgedUnder(engine.state().escalationOf(org("AMB"))))
                .as("reinstated: judged again")
                .isEqualTo(judged);
    }

    /**
     * Whether a call was rerouted is decided from what the log records (the unit's organisation and home
     * station), not from where the unit stood when it was sent: reported positions are kept beside the log, so
     * a replay (a restart, {@code muster board}, {@code board --at}, the situation report) sees other places than
     * the live service did. And a call is counted once, however many units from outside are sent to it.
     */
    @Test
    void aRerouteIsJudgedByWhereTheUnitIsBasedSoTheLiveCountAndAReplayOfTheLogAgreeCountingCallsOnce() {
        GeoPoint northBase = GeoPoint.of(52.66, -0.76);
        Rules withBase =
                Rules.defaults().withZones(p -> p.equals(HOTSPOT) || p.equals(northBase) ? List.of(NORTH) : List.of());
        engine = SingleWriter.start(log, withBase, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        times = new ResponseTimes(withBase, ResponseTargets.DEFAULTS);
        engine.subscribe(times);
        // AN1, based in North; A1..A3 are based at the centre, outside it
        engine.execute(env(new Command.RegisterStation(
                StationId.of("AS-N"), org("AMB"), "North base", StationKind.AMBULANCE_STATION, northBase)));
        engine.execute(env(new Command.RegisterUnit(
                UnitId.of("AN1"),
                Callsign.of("AN1"),
                org("AMB"),
                UnitType.DOUBLE_CREWED_AMBULANCE,
                Optional.of(StationId.of("AS-N")),
                4,
                Optional.empty())));
        engine.execute(env(new Command.RegisterPerson(
                PersonId.of("AN1-1"),
                "Crew AN1-1",
                org("AMB"),
                PersonRole.PARAMEDIC,
                new TreeSet<>(Set.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER)))));
        engine.execute(env(new Command.RegisterPerson(
                PersonId.of("AN1-2"),
                "Crew AN1-2",
                org("AMB"),
                PersonRole.PARAMEDIC,
                new TreeSet<>(Set.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN)))));
        engine.execute(env(new Command.SetCrew(
                UnitId.of("AN1"), new TreeSet<>(Set.of(PersonId.of("AN1-1"), PersonId.of("AN1-2"))))));
        engine.execute(env(
                new Command.SetOperatingLevel(NORTH, OperatingLevel.DOWNGRADED, Optional.empty()),
                "half the crews off sick"));

        // A1 reports itself in North (a report the log does not hold) and is sent there: from outside all the same
        engine.execute(env(new Command.ReportPosition(UnitId.of("A1"), HOTSPOT)));
        respond("IN-1", "STROKE", "A1", HOTSPOT, Duration.ofMinutes(20));
        // a cardiac arrest sent two ambulances from outside: one rerouted call
        engine.execute(env(incident("ARREST", "AMB", "CARDIAC_ARREST", HOTSPOT)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("ARREST"), UnitId.of("A2"), AssignmentRole.PRIMARY)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("ARREST"), UnitId.of("A3"), AssignmentRole.PRIMARY)));
        // the figures as a snapshot keeps them, restored and fed on: a third unit from outside counts the call
        // no more after a restart than before it
        ResponseTimes restarted = new ResponseTimes(withBase, ResponseTargets.DEFAULTS);
        restarted.restore(times.capture().get());
        engine.subscribe(restarted);
        engine.execute(env(new Command.AssignUnit(IncidentId.of("ARREST"), UnitId.of("A1"), AssignmentRole.SUPPORT)));
        // the next day North's own ambulance, reported at the centre, is sent home to North: not rerouted
        clock.advance(Duration.ofDays(1));
        engine.execute(env(new Command.ReportPosition(UnitId.of("AN1"), TestRegion.CENTRE)));
        respond("HOME-1", "STROKE", "AN1", HOTSPOT, Duration.ofMinutes(12));

        var expected = java.util.Map.of(java.time.LocalDate.parse("2026-11-22"), 2);
        assertThat(times.reroutedIn(NORTH)).as("live").isEqualTo(expected);
        assertThat(restarted.reroutedIn(NORTH))
                .as("restored from the memento, then live")
                .isEqualTo(expected);
        // the same log replayed, the units standing where the log alone leaves them
        ResponseTimes replayed = new ResponseTimes(withBase, ResponseTargets.DEFAULTS);
        ProjectionFeed.replay(log, List.of(replayed), log.lastSequence());
        assertThat(replayed.reroutedIn(NORTH)).as("replayed").isEqualTo(expected);
    }

    @Test
    void callsNeverReachedStandBesideTheMeanAndCountAsBreachesOnceOverTheTarget() {
        start(ResponseTargets.DEFAULTS);
        for (int minutes : new int[] {5, 6, 7, 8})
            respond("C1-" + minutes, "CARDIAC_ARREST", "A1", TestRegion.CENTRE, Duration.ofMinutes(minutes));
        // two cardiac arrests nobody reaches: one waits 40 minutes, one 3
        engine.execute(env(incident("LOST", "AMB", "CARDIAC_ARREST", TestRegion.CENTRE)));
        clock.advance(Duration.ofMinutes(37));
        engine.execute(env(incident("NEW", "AMB", "CARDIAC_ARREST", TestRegion.CENTRE)));
        clock.advance(Duration.ofMinutes(3));

        ResponseStats s = times.statsForOrganisation(org("AMB"), Priority.C1, Window.DAY, clock.instant());
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.mean()).as("the reached calls alone look fine").contains(Duration.ofSeconds(390));
        assertThat(s.waiting()).isEqualTo(2);
        assertThat(s.oldestWait()).contains(Duration.ofMinutes(40));
        assertThat(s.waitingOverTarget())
                .as("only the 40-minute wait is past the 15-minute centile")
                .isEqualTo(1);
        assertThat(s.p90WithWaiting()).contains(Duration.ofMinutes(40));
        assertThat(s.breachesMean())
                .as("counting the waits, the mean is over 7 minutes")
                .isTrue();
        assertThat(s.breachesP90()).isTrue();
        assertThat(s.compliance()).as("4 within 15 minutes of 5 judged").contains(0.8);
        assertThat(s.target().source()).isEqualTo(ResponseTargets.Source.NATIONAL);
        // the zone's figures carry the same waiting calls when they lie in it, none otherwise
        assertThat(times.statsForZone(NORTH, org("AMB"), Priority.C1, Window.DAY, clock.instant())
                        .waiting())
                .isZero();
    }

    @Test
    void policeHaveNoNationalTargetOnlyTheirOwnWhenConfigured() {
        start(ResponseTargets.DEFAULTS);
        engine.execute(env(incident("E1", "POL", "FIREARMS", TestRegion.CENTRE)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("E1"), UnitId.of("ARV1"), AssignmentRole.PRIMARY)));
        clock.advance(Duration.ofMinutes(20));
        engine.execute(env(status("ARV1", UnitStatus.ON_SCENE)));
        ResponseStats unset = times.statsForOrganisation(org("POL"), Priority.EMERGENCY, Window.DAY, clock.instant());
        assertThat(unset.count()).isEqualTo(1);
        assertThat(unset.target()).isEqualTo(ResponseTargets.Target.NONE);
        assertThat(unset.breachesP90()).isFalse();
        assertThat(unset.compliance()).isEmpty();

        ResponseTargets own = ResponseTargets.DEFAULTS.withConfigured(
                java.util.Map.of("POL", java.util.Map.of("emergency", "mean 10m, p90 15m")));
        assertThat(own.targetFor(org("POL"), Priority.EMERGENCY))
                .isEqualTo(new ResponseTargets.Target(
                        Optional.of(Duration.ofMinutes(10)),
                        Optional.of(Duration.ofMinutes(15)),
                        ResponseTargets.Source.ORGANISATION));
        assertThat(own.targetFor(org("NBR"), Priority.EMERGENCY)).isEqualTo(ResponseTargets.Target.NONE);
        assertThat(own.targetFor(org("AMB"), Priority.C1).source()).isEqualTo(ResponseTargets.Source.NATIONAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResponseTargets.DEFAULTS.withConfigured(
                        java.util.Map.of("POL", java.util.Map.of("URGENTISH", "15m", "EMERGENCY", "soon"))))
                .isInstanceOf(org.muster.domain.InvalidInputException.class)
                .hasMessageContaining("muster.targets.POL.URGENTISH")
                .hasMessageContaining("muster.targets.POL.EMERGENCY");
    }

    /**
     * The Home Office's police standard: 15 minutes in towns, 20 in the country. A force's own target is 15;
     * its rural zone's own is 20, and the zone's figures are judged against it, the force's over all its zones
     * against the force's.
     */
    @Test
    void aZoneWithItsOwnTargetIsJudgedAgainstItAndTheOrganisationAgainstItsOwn() {
        ResponseTargets targets = ResponseTargets.DEFAULTS
                .withConfigured(java.util.Map.of("POL", java.util.Map.of("EMERGENCY", "15m")))
                .withConfiguredZones(java.util.Map.of(NORTH.value(), java.util.Map.of("emergency", "20m")));
        start(targets);
        engine.execute(env(incident("R1", "POL", "FIREARMS", HOTSPOT)));
        engine.execute(env(new Command.AssignUnit(IncidentId.of("R1"), UnitId.of("ARV1"), AssignmentRole.PRIMARY)));
        clock.advance(Duration.ofMinutes(18));
        engine.execute(env(status("ARV1", UnitStatus.ON_SCENE)));

        ResponseStats zone = times.statsForZone(NORTH, org("POL"), Priority.EMERGENCY, Window.DAY, clock.instant());
        assertThat(zone.count()).isEqualTo(1);
        assertThat(zone.target().p90()).contains(Duration.ofMinutes(20));
        assertThat(zone.target().source()).isEqualTo(ResponseTargets.Source.ZONE);
        assertThat(zone.breachesP90())
                .as("18 minutes in the country is within its 20")
                .isFalse();

        ResponseStats force = times.statsForOrganisation(org("POL"), Priority.EMERGENCY, Window.DAY, clock.instant());
        assertThat(force.target().source()).isEqualTo(ResponseTargets.Source.ORGANISATION);
        assertThat(force.breachesP90())
                .as("the force's figure keeps the force's 15")
                .isTrue();

        assertThat(targets.targetFor(ZoneId.of("POL-TOWN"), org("POL"), Priority.EMERGENCY)
                        .p90())
                .as("a zone with none of its own: the organisation's")
                .contains(Duration.ofMinutes(15));
        assertThat(targets.targetFor(NORTH, org("AMB"), Priority.C1).source())
                .as("a zone's own is for its priority only")
                .isEqualTo(ResponseTargets.Source.NATIONAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResponseTargets.DEFAULTS.withConfiguredZones(
                        java.util.Map.of("POL-N", java.util.Map.of("EMERGENCY", "soon"))))
                .isInstanceOf(org.muster.domain.InvalidInputException.class)
                .hasMessageContaining("muster.zone-targets.POL-N.EMERGENCY")
                .hasMessageContaining("soon");
    }

    @Test
    void aRestartRebuildsTheFiguresFromTheLog() {
        start(ResponseTargets.DEFAULTS);
        respond("R1", "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(11));
        ResponseTimes rebuilt = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
        var state = Recovery.replayFromScratch(log).state();
        rebuilt.onEvents(log.listRange(0, log.lastSequence()), state);
        // replaying with the final state is enough here: the figures only need each event's facts
        assertThat(rebuilt.listResponses()).isEqualTo(times.listResponses());
    }

    @Test
    void aSnapshotKeepsTheWaitingCallsAndWritesTheResponsesToTheirLogFirst() {
        java.util.List<java.util.List<org.muster.domain.incident.Response>> writes = new java.util.ArrayList<>();
        org.muster.domain.log.ResponseLog kept = org.muster.domain.log.ResponseLog.inMemory();
        boolean[] failing = {false};
        org.muster.domain.log.ResponseLog store = new org.muster.domain.log.ResponseLog() {
            @Override
            public void append(List<org.muster.domain.incident.Response> responses) {
                if (failing[0]) throw new org.muster.domain.TransientException("the disk is full");
                writes.add(responses);
                kept.append(responses);
            }

            @Override
            public List<org.muster.domain.incident.Response> listStoppedSince(java.time.Instant from, long upTo) {
                return kept.listStoppedSince(from, upTo);
            }

            @Override
            public long forgetStoppedBefore(java.time.Instant before) {
                return kept.forgetStoppedBefore(before);
            }
        };
        engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        times = new ResponseTimes(rules, ResponseTargets.DEFAULTS, store);
        engine.subscribe(times);
        respond("R1", "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(11));
        engine.execute(env(incident("W1", "AMB", "STROKE", TestRegion.CENTRE)));

        ResponseTimes.Memento first = times.capture().get();
        assertThat(first.open()).extracting(c -> c.incident().id()).containsExactly(IncidentId.of("W1"));
        assertThat(first.sequence()).isEqualTo(log.lastSequence());
        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst()).extracting(r -> r.incident()).containsExactly(IncidentId.of("R1"));

        // a write that fails fails the snapshot; the next one writes what it left, and nothing twice
        respond("R2", "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(9));
        failing[0] = true;
        var failed = times.capture();
        org.assertj.core.api.Assertions.assertThatThrownBy(failed::get)
                .isInstanceOf(org.muster.domain.TransientException.class);
        failing[0] = false;
        respond("R3", "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(7));
        ResponseTimes.Memento last = times.capture().get();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1))
                .extracting(r -> r.incident())
                .containsExactly(IncidentId.of("R2"), IncidentId.of("R3"));

        // restored, the figures are the same: the responses come back from the log, up to the snapshot
        ResponseTimes restored = new ResponseTimes(rules, ResponseTargets.DEFAULTS, store);
        restored.restore(last);
        assertThat(restored.listResponses()).isEqualTo(times.listResponses()).hasSize(3);
        assertThat(restored.statsForOrganisation(org("AMB"), Priority.C2, Window.DAY, clock.instant()))
                .isEqualTo(times.statsForOrganisation(org("AMB"), Priority.C2, Window.DAY, clock.instant()));
        // restored at the first snapshot, only what was finished by then
        ResponseTimes earlier = new ResponseTimes(rules, ResponseTargets.DEFAULTS, store);
        earlier.restore(first);
        assertThat(earlier.listResponses()).extracting(r -> r.incident()).containsExactly(IncidentId.of("R1"));
        assertThat(earlier.listWaiting(clock.instant()))
                .extracting(ResponseTimes.Waiting::incident)
                .containsExactly(IncidentId.of("W1"));
        // a look at the past keeps the waiting calls and no figures
        ResponseTimes past =
                new ResponseTimes(rules, ResponseTargets.DEFAULTS, org.muster.domain.log.ResponseLog.none());
        past.restore(last);
        assertThat(past.listResponses()).isEmpty();
        assertThat(past.listWaiting(clock.instant())).hasSize(1);
    }

    @Test
    void eachSnapshotForgetsTheResponsesNoStartCanNeedAndAStartStillHasItsFigures() {
        org.muster.domain.log.ResponseLog kept = org.muster.domain.log.ResponseLog.inMemory();
        engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        times = new ResponseTimes(rules, ResponseTargets.DEFAULTS, kept);
        engine.subscribe(times);
        List<ResponseTimes.Memento> snapshots = new java.util.ArrayList<>();
        for (int week = 0; week < 8; week++) {
            respond("W" + week, "STROKE", "A1", TestRegion.CENTRE, Duration.ofMinutes(10 + week));
            snapshots.add(times.capture().get());
            clock.advance(Duration.ofDays(7));
        }
        // the eighth snapshot forgot what stopped more than four weeks before the seventh: weeks 0 to 2
        assertThat(kept.listStoppedSince(java.time.Instant.EPOCH, Long.MAX_VALUE))
                .extracting(r -> r.incident().value())
                .containsExactly("W3", "W4", "W5", "W6", "W7");
        // a start from the newest snapshot has the figures the running projection had
        ResponseTimes restored = new ResponseTimes(rules, ResponseTargets.DEFAULTS, kept);
        restored.restore(snapshots.getLast());
        assertThat(restored.listResponses()).isEqualTo(times.listResponses());
        assertThat(restored.statsForOrganisation(org("AMB"), Priority.C2, Window.FOUR_WEEKS, clock.instant()))
                .isEqualTo(times.statsForOrganisation(org("AMB"), Priority.C2, Window.FOUR_WEEKS, clock.instant()));
        // and so does one from the snapshot before it, as if the newest had failed to save
        ResponseTimes fallback = new ResponseTimes(rules, ResponseTargets.DEFAULTS, kept);
        ResponseTimes.Memento before = snapshots.get(snapshots.size() - 2);
        fallback.restore(before);
        assertThat(fallback.listResponses())
                .extracting(r -> r.incident().value())
                .containsExactly("W3", "W4", "W5", "W6")
                .hasSize((int) kept.listStoppedSince(before.at().minus(Window.FOUR_WEEKS.length()), before.sequence())
                        .size());
    }
}
