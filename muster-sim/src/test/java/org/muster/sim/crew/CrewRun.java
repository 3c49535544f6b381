package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/**
 * One call worked by the simulated crews alone, for the crew tests: the region's engine with no demand and no
 * simulated dispatcher, the test's own commands, then simulated time in 20-second steps until the call
 * closes (or two hours pass), and the events logged since.
 */
final class CrewRun implements AutoCloseable {
    final MemoryEventLog log = new MemoryEventLog();
    final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    final SingleWriter engine = SimFixture.engine(log, clock);
    private final LiveSimulation sim;

    CrewRun(CrewConfig crews) {
        sim = LiveSimulation.builder(engine, RegionFixture.region(), clock.instant())
                .roads(RegionFixture.network())
                .seed(1)
                .profile(DemandProfile.busyEvening().scaledBy(0))
                .crews(crews)
                .autoDispatch(false)
                .positionsOnDemand()
                .build();
    }

    MusterState state() {
        return engine.state();
    }

    void execute(Command command) {
        execute(command, "");
    }

    void execute(Command command, String reason) {
        engine.execute(Commands.env(command, reason));
    }

    /** The first available unit of the type, by id. */
    Unit firstAvailable(UnitType type) {
        return state().units().values().stream()
                .filter(u -> u.type() == type && u.status() == UnitStatus.AVAILABLE)
                .min(Comparator.comparing((Unit u) -> u.id().value()))
                .orElseThrow();
    }

    /** The organisation's available unit of the type based furthest from {@code place}. */
    Unit furthestAvailable(UnitType type, OrganisationId organisation, GeoPoint place) {
        MusterState s = state();
        return s.units().values().stream()
                .filter(u ->
                        u.type() == type && u.organisation().equals(organisation) && u.status() == UnitStatus.AVAILABLE)
                .max(Comparator.comparingDouble((Unit u) -> base(u).distanceMetersTo(place))
                        .thenComparing(u -> u.id().value()))
                .orElseThrow();
    }

    /** The organisation's available unit of the type based nearest {@code place}. */
    Unit nearestAvailable(UnitType type, OrganisationId organisation, GeoPoint place) {
        MusterState s = state();
        return s.units().values().stream()
                .filter(u ->
                        u.type() == type && u.organisation().equals(organisation) && u.status() == UnitStatus.AVAILABLE)
                .min(Comparator.comparingDouble((Unit u) -> base(u).distanceMetersTo(place))
                        .thenComparing(u -> u.id().value()))
                .orElseThrow();
    }

    /** Where the unit is based. */
    GeoPoint base(Unit u) {
        return u.homeStation()
                .flatMap(state()::findStation)
                .map(Station::location)
                .orElseThrow();
    }

    /** The road point at the unit's base: a scene it is next to. */
    GeoPoint sceneAt(Unit u) {
        return RegionFixture.network().snap(base(u)).onRoad();
    }

    /** The crews' time standing off for escorts so far, by organisation. */
    java.util.Map<OrganisationId, Duration> standingOff() {
        return sim.standingOff(clock.instant());
    }

    /** Steps the crews through {@code d} of simulated time, 20 seconds at a time. */
    void step(Duration d) {
        Instant end = clock.instant().plus(d);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(20));
            sim.step(clock.instant());
        }
    }

    /** Steps the crews until the call is no longer open (two hours at most); the events logged meanwhile. */
    List<RecordedEvent> runUntilClosed(IncidentId call) {
        long from = log.lastSequence();
        Instant end = clock.instant().plus(Duration.ofHours(2));
        while (clock.instant().isBefore(end)
                && engine.state().findIncident(call).map(i -> i.isOpen()).orElse(false)) {
            clock.advance(Duration.ofSeconds(20));
            sim.step(clock.instant());
        }
        return log.listRange(from, log.lastSequence());
    }

    /** When the first event that matches was logged; the run must have logged one. */
    static Instant when(List<RecordedEvent> events, Predicate<Event> what) {
        Optional<RecordedEvent> found =
                events.stream().filter(e -> what.test(e.event())).findFirst();
        assertThat(found).as("an event the run should have recorded").isPresent();
        return found.get().at();
    }

    /** When the unit arrived at its call; the run must have logged it. */
    static Instant arrived(List<RecordedEvent> events, UnitId unit) {
        return when(events, e -> e instanceof Event.UnitArrived a && a.unit().equals(unit));
    }

    @Override
    public void close() {
        sim.close();
        engine.close();
    }
}
