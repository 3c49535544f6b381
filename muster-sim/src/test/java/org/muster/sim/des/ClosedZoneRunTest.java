package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muster.domain.event.Event;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/**
 * A CLOSED zone in a scenario: its calls' crews wait at the rendezvous point until the simulated supervisor
 * grants tactical clearance, the shock's {@code clearanceAfter} after each call, and then go on to the scene.
 */
class ClosedZoneRunTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");
    private static final Duration CLEARANCE = Duration.ofMinutes(15);
    private static final ZoneId LARKWICH = ZoneId.of("MAS-01");

    @Test
    void crewsReachACallInAClosedZoneOnlyOnceItsClearanceIsGranted() {
        Scenario s = new Scenario(
                        "closed",
                        FRIDAY_EVENING,
                        Duration.ofMinutes(90),
                        3,
                        1.0,
                        CrewConfig.defaults().withPositionInterval(Duration.ofMinutes(1)),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withPlan(ShockPlan.NONE.withShocks(List.of(new Shock.SetLevel(
                        new TreeSet<>(Set.of(LARKWICH)),
                        OperatingLevel.CLOSED,
                        FRIDAY_EVENING,
                        Duration.ofMinutes(60),
                        Optional.of(CLEARANCE)))));
        MemoryEventLog log = new MemoryEventLog();
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        log, SimFixture.rules(), clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                ScenarioRun.Progress.NONE);

        List<IncidentRecord> closedZoneCalls = r.incidents().stream()
                .filter(i -> i.organisation().equals(OrganisationId.of("MAS")))
                .filter(i -> i.zone().filter(LARKWICH::equals).isPresent())
                .filter(i -> i.received().isBefore(FRIDAY_EVENING.plus(Duration.ofMinutes(40))))
                .toList();
        assertThat(closedZoneCalls).isNotEmpty();
        // every one was reached, and none before its clearance
        for (IncidentRecord i : closedZoneCalls) {
            assertThat(i.firstArrival()).as("%s reached", i.id()).isPresent();
            assertThat(i.firstArrival().get())
                    .as("%s", i.id())
                    .isAfterOrEqualTo(i.received().plus(CLEARANCE));
        }
        // the clearances are the simulated supervisor's, and crews waited at the rendezvous point for them
        var events = log.listRange(0, log.lastSequence());
        assertThat(events)
                .filteredOn(e -> e.event() instanceof Event.TacticalClearanceGranted)
                .isNotEmpty()
                .allMatch(e -> e.actor().equals(ShockDriver.SUPERVISOR));
        assertThat(events)
                .anyMatch(e -> e.event() instanceof Event.UnitStatusChanged c
                        && c.to() == org.muster.domain.unit.UnitStatus.AT_RENDEZVOUS);
    }
}
