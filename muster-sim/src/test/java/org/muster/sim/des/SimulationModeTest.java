package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/**
 * The faster ways to run a scenario: positions reported on demand and tabled travel times. Each still gives
 * the same files for the same seed, keeps every unit's time, and dispatches the calls as the routed run does;
 * on demand, far fewer positions are reported.
 */
class SimulationModeTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");
    private static final Duration LENGTH = Duration.ofMinutes(60);

    private static final SimulationMode ROUTED_EVERY_INTERVAL = SimulationMode.DEMO;
    private static final SimulationMode ROUTED_ON_DEMAND =
            SimulationMode.DEMO.withPositions(SimulationMode.Positions.ON_DEMAND);
    private static final SimulationMode TABLED_ON_DEMAND = ROUTED_ON_DEMAND.withTravel(SimulationMode.Travel.TABLED);

    private record Ran(RunResult result, long positions) {}

    /** Each mode's first run, shared by the tests (a run is the same for its seed whenever it is made). */
    private static final java.util.Map<SimulationMode, Ran> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Ran runOnce(SimulationMode mode) {
        return RUNS.computeIfAbsent(mode, SimulationModeTest::run);
    }

    private static Ran run(SimulationMode mode) {
        Scenario s = new Scenario(
                        "modes",
                        FRIDAY_EVENING,
                        LENGTH,
                        5,
                        2.0, // twice the demo's calls: a queue forms, so the control room recommends often
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withMode(mode);
        AtomicLong positions = new AtomicLong();
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> {
                    SingleWriter w = SingleWriter.synchronous(
                            new MemoryEventLog(),
                            SimFixture.rules(),
                            clock,
                            WriterConfig.DEFAULTS.withSnapshotEveryEvents(0));
                    w.subscribe((events, after) -> {
                        for (RecordedEvent e : events)
                            if (e.event() instanceof Event.UnitMoved) positions.incrementAndGet();
                    });
                    return w;
                },
                s,
                ScenarioRun.Progress.NONE);
        return new Ran(r, positions.get());
    }

    private static long dispatched(RunResult r) {
        return r.incidents().stream()
                .filter(i -> i.firstDispatched().isPresent())
                .count();
    }

    private static void assertUnitTimeAddsUp(RunResult r) {
        for (OrganisationOperations o : r.summary().operations())
            for (OrganisationOperations.UnitTime u : o.units())
                assertThat(u.total()).as("%s", u.unit()).isEqualTo(LENGTH);
    }

    @Test
    void positionsOnDemandAreFewAndTheCallsAreServedAsWithPositionsEveryInterval() {
        Ran every = runOnce(ROUTED_EVERY_INTERVAL);
        Ran onDemand = runOnce(ROUTED_ON_DEMAND);

        assertThat(onDemand.positions())
                .as("positions reported on demand against every 15 s of driving (%d)", every.positions())
                .isPositive()
                // with a queue the control room reads positions at most rounds, so this is where it saves least
                .isLessThan(every.positions() * 3 / 4);
        assertThat(onDemand.result().incidents()).hasSameSizeAs(every.result().incidents());
        assertThat(dispatched(onDemand.result()))
                .as("calls dispatched")
                .isGreaterThanOrEqualTo(dispatched(every.result()) * 9 / 10);
        assertThat(onDemand.result().summary().finished())
                .as("calls finished")
                .isGreaterThanOrEqualTo(every.result().summary().finished() * 8 / 10);
        assertUnitTimeAddsUp(onDemand.result());
    }

    @Test
    void tabledTravelGivesTheSameFilesForTheSameSeedAndServesTheCalls(@TempDir Path dir) throws Exception {
        Ran routed = runOnce(ROUTED_ON_DEMAND);
        Ran tabled = runOnce(TABLED_ON_DEMAND);
        List<Path> first = RunFiles.write(tabled.result(), dir.resolve("one"));
        List<Path> second = RunFiles.write(run(TABLED_ON_DEMAND).result(), dir.resolve("two"));
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i)))
                    .as("%s", first.get(i).getFileName())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
        assertThat(tabled.result().incidents()).hasSameSizeAs(routed.result().incidents());
        assertThat(dispatched(tabled.result()))
                .as("calls dispatched")
                .isGreaterThanOrEqualTo(dispatched(routed.result()) * 9 / 10);
        // arrivals come when the table says, not at once nor never
        List<Long> tabledArrivals = arrivalSeconds(tabled.result());
        List<Long> routedArrivals = arrivalSeconds(routed.result());
        assertThat(tabledArrivals).hasSizeGreaterThan(routedArrivals.size() * 8 / 10);
        double tabledMean =
                tabledArrivals.stream().mapToLong(Long::longValue).average().orElseThrow();
        double routedMean =
                routedArrivals.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(tabledMean)
                .as("mean dispatch to arrival, tabled, against routed %.0f s", routedMean)
                .isBetween(routedMean * 0.6, routedMean * 1.5);
        assertUnitTimeAddsUp(tabled.result());
    }

    /** Seconds from the first dispatch to the first arrival, for each call reached. */
    private static List<Long> arrivalSeconds(RunResult r) {
        return r.incidents().stream()
                .filter(i -> i.firstDispatched().isPresent() && i.firstArrival().isPresent())
                .map(i -> Duration.between(
                                i.firstDispatched().get(), i.firstArrival().get())
                        .toSeconds())
                .toList();
    }
}
