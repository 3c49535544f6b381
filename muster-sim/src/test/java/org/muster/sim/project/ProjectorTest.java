package org.muster.sim.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.Agenda;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.DemandModel;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/**
 * Projecting from a live state: a live run of the demo region into a busy Friday evening, stopped with units
 * mid-job and calls waiting, then forked.
 */
class ProjectorTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");
    /** The live run goes this long before the fork: units are busy and calls are waiting. */
    private static final Duration LIVE = Duration.ofMinutes(150);

    private static Agenda agenda;
    private static SingleWriter live;
    private static LiveSimulation liveSim;
    private static ResponseTimes figures;
    private static Instant at;

    @BeforeAll
    static void runTheLiveServiceIntoTheEvening() {
        agenda = new Agenda(FRIDAY_EVENING);
        live = SingleWriter.start(new MemoryEventLog(), SimFixture.rules(), agenda, WriterConfig.DEFAULTS);
        int n = 0;
        for (var c : RegionCommands.of(RegionFixture.region()))
            live.execute(new CommandEnvelope(CommandId.of("region-" + n++), Actor.of("setup"), "", c));
        figures = new ResponseTimes(live.rules(), ResponseTargets.DEFAULTS);
        live.subscribe(figures::onEvents);
        liveSim = LiveSimulation.builder(live, RegionFixture.region(), FRIDAY_EVENING)
                .agenda(agenda)
                .roads(RegionFixture.network())
                .seed(3)
                .profile(DemandProfile.busyEvening().scaledBy(1.5))
                .build();
        for (Instant t = FRIDAY_EVENING; t.isBefore(FRIDAY_EVENING.plus(LIVE)); ) {
            t = t.plus(Duration.ofMinutes(1));
            liveSim.step(t);
        }
        at = FRIDAY_EVENING.plus(LIVE);
    }

    @AfterAll
    static void stop() {
        liveSim.close();
        live.close();
    }

    /** The projector as the demo would make it: the region's demand model at the demo's rates. */
    private static Projector projector() {
        DemandModel demand = DemandModel.forRegion(
                RegionFixture.region(),
                DemandProfile.busyEvening(),
                live.rules().catalogue(),
                DemandModel.RoadSnap.of(RegionFixture.network()));
        return new Projector(
                RegionFixture.region(),
                RegionFixture.network(),
                demand,
                CrewConfig.defaults(),
                org.muster.sim.control.DispatchDelay.of(LiveSimulation.DEFAULT_DISPATCH_DELAY),
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL,
                (state, clock) -> SingleWriter.fork(state, live.rules(), clock));
    }

    @Test
    void theForkTakesOverTheWorkInProgressAndLeavesTheLiveEngineAsItWas() {
        MusterState before = live.state();
        List<Incident> open = before.listOpenIncidents();
        long busy = before.units().values().stream()
                .filter(u -> u.status() != UnitStatus.AVAILABLE && u.status() != UnitStatus.UNAVAILABLE)
                .count();
        assertThat(open).as("calls open at the fork").isNotEmpty();
        assertThat(busy).as("units mid-job at the fork").isPositive();

        // a fork run on with no new calls: every call open at the fork is finished by the crews and control room
        Agenda forkAgenda = new Agenda(at);
        try (SingleWriter fork = SingleWriter.fork(before, live.rules(), forkAgenda);
                LiveSimulation sim = LiveSimulation.builder(fork, RegionFixture.region(), at)
                        .agenda(forkAgenda)
                        .roads(RegionFixture.network())
                        .seed(5)
                        .profile(DemandProfile.busyEvening().scaledBy(1e-9))
                        .adoptingWorkInProgress()
                        .callIds("PROJ-")
                        .build()) {
            for (Instant t = at; t.isBefore(at.plus(Duration.ofHours(4))); ) {
                t = t.plus(Duration.ofMinutes(1));
                sim.step(t);
            }
            MusterState after = fork.state();
            Set<IncidentId> stillOpen =
                    after.listOpenIncidents().stream().map(Incident::id).collect(Collectors.toSet());
            assertThat(open)
                    .extracting(Incident::id)
                    .allSatisfy(id -> assertThat(stillOpen).doesNotContain(id));
            assertThat(after.units().values())
                    .as("every unit back to work or off duty")
                    .allSatisfy(u -> assertThat(u.status()).isIn(UnitStatus.AVAILABLE, UnitStatus.UNAVAILABLE));
            assertThat(fork.state().sequence())
                    .as("the fork logged its own events")
                    .isPositive();
        }
        assertThat(live.state()).as("the live state is untouched").isSameAs(before);
    }

    /** The live state with most of the ambulance service's units withdrawn (a walkout), as a fork of it. */
    private static MusterState withAmbulancesWithdrawn() {
        MusterState now = live.state();
        var ambulance = now.organisations().values().stream()
                .filter(o -> o.agency() == org.muster.domain.organisation.Agency.AMBULANCE)
                .findFirst()
                .orElseThrow();
        try (SingleWriter scratch = SingleWriter.fork(now, live.rules(), () -> at)) {
            scratch.execute(new CommandEnvelope(
                    CommandId.of("walkout"),
                    Actor.of("test"),
                    "a walkout",
                    new org.muster.domain.command.Command.WithdrawUnits(org.muster.domain.command.UnitSelection.of(
                            ambulance.id(), java.util.Optional.empty(), 0.8, 7))));
            return scratch.state();
        }
    }

    private static Outlook project(MusterState from, Duration horizon, int replications) {
        List<Integer> done = new ArrayList<>();
        Outlook o = projector()
                .project(
                        from,
                        figures,
                        live.rules(),
                        at,
                        FRIDAY_EVENING,
                        new Projector.Request(horizon, replications, 1),
                        done::add);
        assertThat(done)
                .as("progress after each run")
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, replications)
                        .boxed()
                        .toArray(Integer[]::new));
        return o;
    }

    @Test
    void theSameSeedProjectsTheSameAndAWalkoutBreachesMoreZones() {
        MusterState before = live.state();
        Outlook usual = project(before, Duration.ofHours(2), 2);
        assertThat(project(before, Duration.ofHours(2), 2)).isEqualTo(usual);
        Outlook walkout = project(withAmbulancesWithdrawn(), Duration.ofHours(2), 2);
        assertThat(live.state()).as("projecting changed nothing live").isSameAs(before);

        assertThat(usual.at()).isEqualTo(at);
        // the live run's demand was half as much again as the model's: the projection goes on at that rate
        assertThat(usual.trend()).isBetween(1.1, 2.0);
        assertThat(usual.trendSince()).isEqualTo(at.minus(Projector.TREND_WINDOW));
        assertThat(usual.trendBasis()).isEqualTo("the last 2 hours' calls");
        assertThat(walkout.trend()).isEqualTo(usual.trend());
        assertThat(usual.zones())
                .as("each zone judged on its own organisation's priorities: no C1 target for a police force's district")
                .allSatisfy(z -> assertThat(z.priority()
                                .appliesTo(
                                        before.getOrganisation(z.organisation()).agency()))
                        .as(z.zone() + " " + z.priority())
                        .isTrue());
        assertThat(usual.zones())
                .as("a police force has no national target, and none is configured here")
                .noneMatch(z -> before.getOrganisation(z.organisation()).agency()
                        == org.muster.domain.organisation.Agency.POLICE);
        assertThat(usual.zones()).isNotEmpty();
        assertThat(usual.zones())
                .as("every zone with a target, once per priority with one")
                .extracting(z -> z.zone().value() + "/" + z.priority())
                .doesNotHaveDuplicates();
        for (Outlook o : List.of(usual, walkout)) {
            for (ZoneOutlook z : o.zones()) {
                assertThat(z.breaching()).isBetween(0, 2);
                z.earliest().ifPresent(t -> assertThat(t).isAfter(at).isBeforeOrEqualTo(at.plus(o.horizon())));
                if (z.breaching() > 0)
                    assertThat(z.earliest().orElseThrow())
                            .isBeforeOrEqualTo(z.median().orElseThrow())
                            .isBeforeOrEqualTo(z.latest().orElseThrow());
                else assertThat(z.median()).isEmpty();
            }
        }
        int usualBreaches =
                usual.zones().stream().mapToInt(ZoneOutlook::breaching).sum();
        int walkoutBreaches =
                walkout.zones().stream().mapToInt(ZoneOutlook::breaching).sum();
        assertThat(walkoutBreaches)
                .as("a fifth of the ambulances left breach more")
                .isGreaterThan(usualBreaches);
        // most pressing first
        ZoneOutlook first = walkout.zones().getFirst();
        assertThat(first.breaching() > 0 || first.breachingNow()).isTrue();
    }

    /**
     * Each service's trend on its own calls. The walk of a walkout rehearsal (police calls doubled, ambulance as
     * usual) found one factor of about 1.4 for all: ambulances projected a third too busy, every C3 forecast a
     * false alarm, and the police too quiet.
     */
    @Test
    void eachServiceIsProjectedAtItsOwnTrend() {
        Agenda walkoutAgenda = new Agenda(FRIDAY_EVENING);
        try (SingleWriter walkout =
                SingleWriter.start(new MemoryEventLog(), SimFixture.rules(), walkoutAgenda, WriterConfig.DEFAULTS)) {
            int n = 0;
            for (var c : RegionCommands.of(RegionFixture.region()))
                walkout.execute(new CommandEnvelope(CommandId.of("region-" + n++), Actor.of("setup"), "", c));
            ResponseTimes walkoutFigures = new ResponseTimes(walkout.rules(), ResponseTargets.DEFAULTS);
            walkout.subscribe(walkoutFigures::onEvents);
            Instant end = FRIDAY_EVENING.plus(Projector.TREND_WINDOW);
            try (LiveSimulation sim = LiveSimulation.builder(walkout, RegionFixture.region(), FRIDAY_EVENING)
                    .agenda(walkoutAgenda)
                    .roads(RegionFixture.network())
                    .seed(8)
                    .profile(DemandProfile.busyEvening()
                            .scaledBy(java.util.Map.of(org.muster.domain.organisation.Agency.POLICE, 2.0)))
                    .build()) {
                for (Instant t = FRIDAY_EVENING; t.isBefore(end); ) {
                    t = t.plus(Duration.ofMinutes(1));
                    sim.step(t);
                }
            }
            var trends = projector().trends(walkout.state(), walkoutFigures, walkout.rules(), FRIDAY_EVENING, end);
            assertThat(trends.get(org.muster.domain.organisation.Agency.POLICE))
                    .as("the police's calls, doubled")
                    .isBetween(1.5, 2.6);
            assertThat(trends.get(org.muster.domain.organisation.Agency.AMBULANCE))
                    .as("the ambulance service's, as usual")
                    .isBetween(0.7, 1.35);
        }
    }

    /**
     * A call the live service takes while a projection runs is in none of its runs. The walk of the demo found
     * the server's runs forking the live figures each at its own later moment: a call taken meanwhile was waiting
     * in a run's figures but in no run's state, so no crew ever reached it, and it read as a breach its target
     * after it came in, at one instant in every run that forked after it ("MAS-04 C2 in 3 of 5 runs at 20:49").
     */
    @Test
    void aCallTakenWhileProjectingIsInNoRun() {
        MusterState from = live.state();
        ResponseTimes own = figures.fork(live.rules());
        var ambulance = from.organisations().values().stream()
                .filter(o -> o.agency() == org.muster.domain.organisation.Agency.AMBULANCE)
                .findFirst()
                .orElseThrow();
        var station = from.stations().values().stream()
                .filter(st -> st.organisation().equals(ambulance.id()))
                .findFirst()
                .orElseThrow();
        Projector.Request request = new Projector.Request(Duration.ofHours(1), 3, 1);
        Outlook quiet = projector().project(from, own, live.rules(), at, FRIDAY_EVENING, request, done -> {});
        // the live service goes on: after the first run, cardiac arrests come in, with no crew sent
        try (SingleWriter goingOn = SingleWriter.fork(from, live.rules(), () -> at)) {
            goingOn.subscribe(own::onEvents);
            Outlook meanwhile = projector().project(from, own, live.rules(), at, FRIDAY_EVENING, request, done -> {
                if (done != 1) return;
                for (int i = 0; i < 5; i++)
                    goingOn.execute(new CommandEnvelope(
                            CommandId.of("meanwhile-" + i),
                            Actor.of("call-handler"),
                            "",
                            org.muster.engine.testing.Commands.incident(
                                    "MEANWHILE-" + i, ambulance.id().value(), "CARDIAC_ARREST", station.location())));
            });
            assertThat(own.listWaiting(at))
                    .as("the live figures hold the new calls")
                    .extracting(ResponseTimes.Waiting::incident)
                    .contains(IncidentId.of("MEANWHILE-0"));
            assertThat(meanwhile).as("every run as if they had not come").isEqualTo(quiet);
        }
    }

    /**
     * A service whose record began 45 minutes ago, its calls at half as much again as the model's: the trend is
     * judged on those 45 minutes, not on two hours of which it has seen only the last 45 (which read as a
     * quiet evening and halved the projection's demand).
     */
    @Test
    void aServiceThatStartedRecentlyIsJudgedOnTheTimeItHasRecorded() {
        Agenda fresh = new Agenda(FRIDAY_EVENING);
        try (SingleWriter started =
                SingleWriter.start(new MemoryEventLog(), SimFixture.rules(), fresh, WriterConfig.DEFAULTS)) {
            int n = 0;
            for (var c : RegionCommands.of(RegionFixture.region()))
                started.execute(new CommandEnvelope(CommandId.of("region-" + n++), Actor.of("setup"), "", c));
            ResponseTimes recent = new ResponseTimes(started.rules(), ResponseTargets.DEFAULTS);
            started.subscribe(recent::onEvents);
            Instant now = FRIDAY_EVENING.plus(Duration.ofMinutes(45));
            try (LiveSimulation sim = LiveSimulation.builder(started, RegionFixture.region(), FRIDAY_EVENING)
                    .agenda(fresh)
                    .roads(RegionFixture.network())
                    .seed(3)
                    .profile(DemandProfile.busyEvening().scaledBy(1.5))
                    .build()) {
                for (Instant t = FRIDAY_EVENING; t.isBefore(now); ) {
                    t = t.plus(Duration.ofMinutes(1));
                    sim.step(t);
                }
            }
            Projector projector = projector();
            Instant since = Projector.trendSince(now, FRIDAY_EVENING);
            assertThat(since).isEqualTo(FRIDAY_EVENING);
            assertThat(projector.trend(started.state(), recent, since, now)).isBetween(1.1, 2.0);
            assertThat(projector.trend(started.state(), recent, now.minus(Projector.TREND_WINDOW), now))
                    .as("two hours, 75 minutes of them before the service began: what was counted before")
                    .isLessThan(0.8);

            Outlook o = projector.project(
                    started.state(),
                    recent,
                    started.rules(),
                    now,
                    FRIDAY_EVENING,
                    new Projector.Request(Duration.ofMinutes(30), 1, 1),
                    done -> {});
            assertThat(o.trendSince()).isEqualTo(FRIDAY_EVENING);
            assertThat(o.trend()).isBetween(1.1, 2.0);
            assertThat(o.trendBasis()).isEqualTo("the calls since 18:00 UTC, when the service's record began");
        }
        assertThat(Projector.trendSince(at, at.plus(Duration.ofHours(1))))
                .as("a record that begins after the instant projected from counts nothing")
                .isEqualTo(at);
    }

    @Test
    void aRequestOutsideItsLimitsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new Projector.Request(Duration.ofHours(6), 0, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("replications")
                .hasMessageContaining("1 to 20");
        assertThatThrownBy(() -> new Projector.Request(Duration.ofHours(30), 3, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hours")
                .hasMessageContaining("0.25 to 24");
    }
}
