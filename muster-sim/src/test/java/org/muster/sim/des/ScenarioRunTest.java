package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

class ScenarioRunTest {
    /** A Friday evening in London, when the demo's demand peaks. */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");

    private static final Set<IncidentStatus> FINISHED =
            EnumSet.of(IncidentStatus.CLOSED, IncidentStatus.CANCELLED, IncidentStatus.MERGED);

    private static Scenario scenario(long seed, Duration length) {
        return new Scenario(
                "test",
                FRIDAY_EVENING,
                length,
                seed,
                1.0,
                CrewConfig.defaults(),
                LiveSimulation.DEFAULT_DISPATCH_DELAY,
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL);
    }

    private static RunResult run(Scenario s) {
        return run(
                s,
                clock -> SingleWriter.start(
                        new MemoryEventLog(),
                        SimFixture.rules(),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)));
    }

    private static RunResult run(Scenario s, ScenarioRun.EngineFactory engines) {
        List<Double> fractions = new ArrayList<>();
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                engines,
                s,
                (now, fraction, events, incidents) -> fractions.add(fraction));
        // progress after every simulated minute, ending at the whole run
        assertThat(fractions).hasSize((int) s.duration().toMinutes()).isSorted();
        assertThat(fractions.getLast()).isEqualTo(1.0);
        return r;
    }

    /** Every kind of shock and an aid policy, in the first 90 minutes of a Friday evening. */
    private static ShockPlan everyKindOfShock() {
        Instant t = FRIDAY_EVENING;
        return new ShockPlan(
                List.of(
                        new Shock.Surge(
                                new TreeSet<>(Set.of(ZoneId.of("WSP-AREA"))),
                                new TreeSet<>(),
                                Set.of(Priority.EMERGENCY, Priority.PRIORITY),
                                3,
                                t,
                                Duration.ofMinutes(90)),
                        new Shock.SetLevel(
                                new TreeSet<>(Set.of(ZoneId.of("MAS-01"), ZoneId.of("MAS-02"))),
                                OperatingLevel.ESCORT_REQUIRED,
                                t.plus(Duration.ofMinutes(5)),
                                Duration.ofMinutes(60)),
                        new Shock.WithdrawPeople(
                                OrganisationId.of("WSP"),
                                Optional.empty(),
                                WithdrawalMode.PERSON,
                                0.3,
                                t.plus(Duration.ofMinutes(10)),
                                Duration.ofMinutes(60)),
                        new Shock.WithdrawUnits(
                                OrganisationId.of("MAS"),
                                Optional.of(UnitType.DOUBLE_CREWED_AMBULANCE),
                                0.2,
                                t.plus(Duration.ofMinutes(20)),
                                Duration.ofMinutes(30))),
                List.of(new AidPolicy(
                        OrganisationId.of("WSP"),
                        1,
                        Optional.empty(),
                        AidNeed.units(UnitType.POLICE_RESPONSE_CAR, 2, Set.of()),
                        new TreeSet<>(Set.of(OrganisationId.of("ESP"), OrganisationId.of("NSP"))),
                        new TreeSet<>(Set.of(OrganisationId.of("ESP"))),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30))),
                true,
                true);
    }

    /**
     * The simulator's writer decides on the simulation's thread ({@link SingleWriter#synchronous}); the files
     * are those of the threaded writer, byte for byte, shocks and aid included.
     */
    @Test
    void theSynchronousWriterWritesTheThreadedWritersFilesByteForByte(@TempDir Path dir) throws Exception {
        Scenario s = scenario(11, Duration.ofMinutes(90)).withPlan(everyKindOfShock());
        List<Path> threaded = RunFiles.write(run(s), dir.resolve("threaded"));
        List<Path> inline = RunFiles.write(
                run(
                        s,
                        clock -> SingleWriter.synchronous(
                                new MemoryEventLog(),
                                SimFixture.rules(),
                                clock,
                                WriterConfig.DEFAULTS.withSnapshotEveryEvents(0))),
                dir.resolve("inline"));
        assertThat(inline).hasSameSizeAs(threaded);
        for (int i = 0; i < threaded.size(); i++) {
            assertThat(Files.readAllBytes(inline.get(i)))
                    .as("%s", threaded.get(i).getFileName())
                    .isEqualTo(Files.readAllBytes(threaded.get(i)));
        }
        assertThat(Files.readString(threaded.get(1)).lines().count())
                .as("calls in incidents.csv")
                .isGreaterThan(20);
    }

    /**
     * Replications fork the region registered once (as muster-cli's {@code SimEngines.synchronous} does) instead of
     * registering it in each run's engine: the files are those of a run that registered it itself, byte for
     * byte, shocks and aid included (units' time in each status among them), for the run that registered it
     * and for one that forked it after.
     */
    @Test
    void aRunForkingTheRegisteredRegionWritesTheFilesOfOneThatRegisteredItItself(@TempDir Path dir) throws Exception {
        Scenario s = scenario(12, Duration.ofMinutes(90)).withPlan(everyKindOfShock());
        List<Path> registering = RunFiles.write(
                run(
                        s,
                        clock -> SingleWriter.synchronous(
                                new MemoryEventLog(),
                                SimFixture.rules(),
                                clock,
                                WriterConfig.DEFAULTS.withSnapshotEveryEvents(0))),
                dir.resolve("registering"));
        WriterConfig config = WriterConfig.DEFAULTS.withSnapshotEveryEvents(0);
        ScenarioRun.EngineFactory forking = new ScenarioRun.EngineFactory() {
            @Override
            public org.muster.engine.Engine start(java.time.InstantSource clock) {
                return SingleWriter.synchronous(new MemoryEventLog(), SimFixture.rules(), clock, config);
            }

            @Override
            public java.util.Optional<org.muster.engine.Engine> fork(
                    org.muster.engine.state.MusterState registered, java.time.InstantSource clock) {
                return java.util.Optional.of(SingleWriter.synchronousFrom(
                        registered, MemoryEventLog.after(registered.sequence()), SimFixture.rules(), clock, config));
            }
        };
        assertThat(ScenarioRun.registered(forking, RegionFixture.region(), s.start()))
                .as("a synchronous factory forks")
                .isPresent();
        for (String name : List.of("forked-first", "forked-again")) {
            List<Path> forked = RunFiles.write(run(s, forking), dir.resolve(name));
            assertThat(forked).hasSameSizeAs(registering);
            for (int i = 0; i < registering.size(); i++) {
                assertThat(Files.readAllBytes(forked.get(i)))
                        .as("%s: %s", name, registering.get(i).getFileName())
                        .isEqualTo(Files.readAllBytes(registering.get(i)));
            }
        }
        assertThat(Files.readString(registering.get(1)).lines().count())
                .as("calls in incidents.csv")
                .isGreaterThan(20);
        // a factory of empty engines only: each run registers the region in its own
        assertThat(ScenarioRun.registered(
                        clock -> SingleWriter.synchronous(
                                new MemoryEventLog(),
                                SimFixture.rules(),
                                clock,
                                WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                        RegionFixture.region(),
                        s.start()))
                .isEmpty();
    }

    /**
     * Move-up as a policy: the same Friday evening, seed and withdrawal of two in five of the ambulance
     * service's ambulances, run with the control room taking every move-up proposal and without; moving the
     * ambulances left to the stations that restore cover raises the ambulance service's C1 coverage.
     */
    @Test
    void takingTheMoveUpProposalsRaisesCoverAfterAmbulancesAreWithdrawn() {
        Instant t = FRIDAY_EVENING;
        ShockPlan withdrawal = ShockPlan.NONE.withShocks(List.of(new Shock.WithdrawUnits(
                OrganisationId.of("MAS"),
                Optional.of(UnitType.DOUBLE_CREWED_AMBULANCE),
                0.4,
                t.plus(Duration.ofMinutes(5)),
                Duration.ofHours(3))));
        Scenario s = scenario(5, Duration.ofMinutes(90));
        RunResult without = run(s.withPlan(withdrawal));
        RunResult with = run(s.withPlan(withdrawal.withMoveUp(true)));
        double coverWithout = meanCover(without, t.plus(Duration.ofMinutes(30)));
        double coverWith = meanCover(with, t.plus(Duration.ofMinutes(30)));
        System.out.printf(
                Locale.ROOT,
                "move-up: MAS C1 cover %.1f%% without, %.1f%% with; C1 mean response %s without, %s with%n",
                100 * coverWithout,
                100 * coverWith,
                c1Mean(without),
                c1Mean(with));
        assertThat(coverWith).isGreaterThan(coverWithout);
        // the same calls: the policy changes who goes from where, not what happens
        assertThat(with.summary().incidents()).isEqualTo(without.summary().incidents());
    }

    /** The mean of the ambulance service's C1 cover samples from {@code from} on. */
    private static double meanCover(RunResult r, Instant from) {
        return r.series().samples().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("MAS"))
                        && x.measure() == TimeSeries.Measure.COVERAGE
                        && x.category().equals(Optional.of(Priority.C1))
                        && !x.time().isBefore(from)
                        && x.value().isPresent())
                .mapToDouble(x -> x.value().getAsDouble())
                .average()
                .orElseThrow();
    }

    private static String c1Mean(RunResult r) {
        return r.summary().organisations().stream()
                .filter(o -> o.organisation().equals(OrganisationId.of("MAS")))
                .flatMap(o -> o.priorities().stream())
                .filter(p -> p.priority() == Priority.C1)
                .map(p -> p.response().count() + " calls, mean "
                        + p.response().mean().map(Duration::toString).orElse("none"))
                .findFirst()
                .orElse("none");
    }

    @Test
    void theSameSeedGivesTheSameFilesByteForByteWithEveryKindOfShock(@TempDir Path dir) throws Exception {
        Scenario s = scenario(11, Duration.ofMinutes(90)).withPlan(everyKindOfShock());
        RunResult once = run(s);
        List<Path> first = RunFiles.write(once, dir.resolve("one"));
        List<Path> second = RunFiles.write(run(s), dir.resolve("two"));
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i)))
                    .as("%s", first.get(i).getFileName())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
        // and it is not the same whatever the seed
        List<Path> other = RunFiles.write(
                run(scenario(12, Duration.ofMinutes(90)).withPlan(everyKindOfShock())), dir.resolve("three"));
        assertThat(Files.readAllBytes(other.get(1))).isNotEqualTo(Files.readAllBytes(first.get(1)));

        // each shock reached the engine and shows in the figures
        Summary sum = once.summary();
        OrganisationOperations wsp = operations(sum, "WSP");
        OrganisationOperations mas = operations(sum, "MAS");
        assertThat(mas.escortedDispatches()).isPositive();
        // escorts only where the level asked for them
        assertThat(mas.zones().stream()
                        .filter(z -> z.zone().value().equals("MAS-01")
                                || z.zone().value().equals("MAS-02"))
                        .mapToInt(OrganisationOperations.ZoneOperations::escortedDispatches)
                        .sum())
                .isEqualTo(mas.escortedDispatches());
        // withdrawn for an hour, and back: some units off the road, none for longer than the shock
        assertThat(wsp.unitTime()).containsKey(UnitStatus.UNAVAILABLE);
        assertThat(wsp.units())
                .allSatisfy(u -> assertThat(u.time().getOrDefault(UnitStatus.UNAVAILABLE, Duration.ZERO))
                        .isLessThanOrEqualTo(Duration.ofMinutes(60)));
        assertThat(mas.units()).anySatisfy(u -> assertThat(u.time()).containsKey(UnitStatus.UNAVAILABLE));
        // asked; the first neighbour asked declines every time by policy, the other lent what the engine said
        // it could spare (or declined, with nothing to spare)
        assertThat(wsp.aidAsked()).isPositive();
        assertThat(operations(sum, "ESP").aidDeclinesGiven()).isEqualTo(wsp.aidAsked());
        assertThat(wsp.aidDeclined())
                .isEqualTo(operations(sum, "ESP").aidDeclinesGiven()
                        + operations(sum, "NSP").aidDeclinesGiven());
        assertThat(operations(sum, "ESP").officerHoursLent()).isZero();
        assertThat(wsp.aidFilled() + wsp.aidPartlyFilled()).isPositive();
        assertThat(operations(sum, "NSP").officerHoursLent()).isPositive();
        assertThat(wsp.officerHoursBorrowed()).isEqualTo(operations(sum, "NSP").officerHoursLent());
        assertUnitTimeAddsUp(once);
        assertThat(sum.refused()).isZero();
    }

    /** The same scenario without its shocks: the same calls, and none of the shocks' effects. */
    @Test
    void withoutItsShocksARunShowsNoneOfTheirEffects() {
        RunResult plain = run(scenario(11, Duration.ofMinutes(30)));
        for (OrganisationOperations o : plain.summary().operations()) {
            assertThat(o.escortedDispatches() + o.reroutedCalls() + o.aidAsked() + o.aidDeclinesGiven())
                    .isZero();
            assertThat(o.unitTime()).doesNotContainKey(UnitStatus.UNAVAILABLE);
        }
        assertUnitTimeAddsUp(plain);
    }

    private static OrganisationOperations operations(Summary s, String organisation) {
        return s.operations().stream()
                .filter(o -> o.organisation().value().equals(organisation))
                .findFirst()
                .orElseThrow();
    }

    /** Conservation: each unit's time over its statuses is the run's length, and so each organisation's. */
    private static void assertUnitTimeAddsUp(RunResult r) {
        Duration length = r.scenario().duration();
        assertThat(r.summary().operations()).hasSize(5);
        for (OrganisationOperations o : r.summary().operations()) {
            assertThat(o.units()).isNotEmpty();
            for (OrganisationOperations.UnitTime u : o.units())
                assertThat(u.total()).as("%s", u.unit()).isEqualTo(length);
            assertThat(o.unitTime().values().stream().reduce(Duration.ZERO, Duration::plus))
                    .isEqualTo(length.multipliedBy(o.units().size()));
        }
    }

    @Test
    void withUnitsFreeEachCallIsDispatchedAtTheFirstRoundAfterItsDelay() {
        // a fifth of the evening's calls: units are free, so the control room sends to each call at its first
        // round at or after the call's delay, however many rounds before it had nothing to do (a round skips its
        // scan while no call can be waiting: a call coming due must end that)
        Scenario s = new Scenario(
                "test",
                FRIDAY_EVENING,
                Duration.ofHours(4),
                3,
                0.2,
                CrewConfig.defaults(),
                LiveSimulation.DEFAULT_DISPATCH_DELAY,
                LiveSimulation.DEFAULT_DISPATCH_INTERVAL);
        RunResult r = run(s);
        long interval = s.dispatchInterval().toMillis();
        Instant firstRound = s.start().plus(s.dispatchInterval());
        int checked = 0;
        for (IncidentRecord i : r.incidents()) {
            Instant due = i.received().plus(s.dispatchDelay());
            long wait = Math.max(0, Duration.between(firstRound, due).toMillis());
            Instant round = firstRound.plusMillis(-Math.floorDiv(-wait, interval) * interval);
            if (!round.isBefore(s.end())) continue;
            assertThat(i.firstDispatched()).as("%s", i).contains(round);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void everyIncidentIsFinishedOrStillOpenAndTheCountsAddUp(@TempDir Path dir) throws Exception {
        Scenario s = scenario(7, Duration.ofHours(3));
        RunResult r = run(s);
        Summary sum = r.summary();
        List<IncidentRecord> incidents = r.incidents();

        assertThat(incidents).hasSizeGreaterThan(30);
        assertThat(sum.incidents()).isEqualTo(incidents.size());
        assertThat(sum.finished() + sum.open()).isEqualTo(sum.incidents());
        assertThat(sum.finished()).isPositive();
        for (IncidentRecord i : incidents) {
            // finished exactly when its last status says so
            assertThat(i.finished().isPresent()).as("%s", i).isEqualTo(FINISHED.contains(i.status()));
            // received in the run; each step after the one before it
            assertThat(i.received()).isAfterOrEqualTo(s.start()).isBefore(s.end());
            i.firstDispatched().ifPresent(d -> {
                // the simulated control room waits its delay before dispatching
                assertThat(d).isAfterOrEqualTo(i.received().plus(s.dispatchDelay()));
                assertThat(i.unitsSent()).isNotEmpty();
            });
            i.firstArrival()
                    .ifPresent(a ->
                            assertThat(a).isAfterOrEqualTo(i.firstDispatched().orElseThrow()));
            i.finished()
                    .ifPresent(f -> assertThat(f).isAfterOrEqualTo(i.received()).isBeforeOrEqualTo(s.end()));
            assertThat(i.unitsSent().isEmpty()).isEqualTo(i.firstDispatched().isEmpty());
        }
        // the engine stamps each command with its action's simulated instant, not a step's end
        assertThat(incidents).anyMatch(i -> i.received().getEpochSecond() % 60 != 0);

        // per organisation and priority, every call is counted once, and no more responses than calls reached
        int byOrganisation = 0;
        for (Summary.OrganisationFigures o : sum.organisations()) {
            for (Summary.PriorityFigures f : o.priorities()) {
                byOrganisation += f.incidents();
                long reached = incidents.stream()
                        .filter(i -> i.organisation().equals(o.organisation()) && i.priority() == f.priority())
                        .filter(i -> i.firstArrival().isPresent())
                        .count();
                assertThat((long) f.response().count()).isLessThanOrEqualTo(reached);
                assertThat(f.queued()).isBetween(0, f.incidents());
                int zoned = o.zones().stream()
                        .flatMap(z -> z.priorities().stream())
                        .filter(z -> z.priority() == f.priority())
                        .mapToInt(Summary.PriorityFigures::incidents)
                        .sum();
                assertThat(zoned).isLessThanOrEqualTo(f.incidents());
                // the kinds of call of the priority share out its calls, responses and waiting calls exactly
                List<Summary.TypeFigures> kinds = o.types().stream()
                        .filter(t -> t.kind().priority() == f.priority())
                        .toList();
                assertThat(kinds.stream()
                                .mapToInt(Summary.TypeFigures::incidents)
                                .sum())
                        .isEqualTo(f.incidents());
                assertThat(kinds.stream().mapToInt(t -> t.response().count()).sum())
                        .isEqualTo(f.response().count());
                assertThat(kinds.stream().mapToInt(t -> t.response().waiting()).sum())
                        .isEqualTo(f.response().waiting());
                assertThat(kinds.stream()
                                .flatMap(t -> t.response().oldestWait().stream())
                                .max(Duration::compareTo))
                        .isEqualTo(f.response().oldestWait());
                for (Summary.TypeFigures t : kinds) {
                    assertThat(t.incidents())
                            .isEqualTo(incidents.stream()
                                    .filter(i -> i.organisation().equals(o.organisation())
                                            && i.priority() == f.priority()
                                            && i.type().equals(t.kind().type()))
                                    .count());
                    assertThat(t.response().target()).isEqualTo(f.response().target());
                }
            }
        }
        assertThat(byOrganisation).isEqualTo(sum.incidents());
        // the ambulance service's C2 calls are measured against the national standard
        assertThat(sum.organisations().stream()
                        .flatMap(o -> o.priorities().stream())
                        .filter(f -> f.priority() == Priority.C2))
                .anyMatch(f -> f.response().count() > 0
                        && f.response().target().p90().equals(java.util.Optional.of(Duration.ofMinutes(40))));

        // the CSV has a row per incident
        List<Path> files = RunFiles.write(r, dir);
        assertThat(Files.readAllLines(files.get(1))).hasSize(incidents.size() + 1);
        assertThat(Files.readString(files.get(0))).contains("\"incidents\": " + incidents.size());
        assertUnitTimeAddsUp(r);
    }
}
