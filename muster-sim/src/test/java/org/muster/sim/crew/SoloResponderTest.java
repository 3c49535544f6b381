package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.Unit;
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
 * A paramedic's car sent with an ambulance to a C1 call (ARP's car first, the conveying ambulance behind):
 * the car's crew treats, and a patient who needs hospital waits with it for the ambulance, which takes them
 * in; the call is not closed under the car.
 */
class SoloResponderTest {
    private static final IncidentId ARREST = IncidentId.of("ARREST-1");

    @Test
    void aCarsPatientWhoNeedsHospitalWaitsForTheAmbulanceSentBehindIt() {
        MemoryEventLog log = new MemoryEventLog();
        TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
        SingleWriter engine = SimFixture.engine(log, clock);
        CrewConfig crews = CrewConfig.defaults()
                .withConveyShares(Map.of(IncidentTypeCode.of("CARDIAC_ARREST"), 1.0))
                .withOnScene(Duration.ofMinutes(2))
                .withTurnout(Duration.ofSeconds(30));
        LiveSimulation sim = LiveSimulation.builder(engine, RegionFixture.region(), clock.instant())
                .roads(RegionFixture.network())
                .seed(1)
                .profile(DemandProfile.busyEvening().scaledBy(0))
                .crews(crews)
                .autoDispatch(false)
                .positionsOnDemand()
                .build();
        try {
            MusterState s = engine.state();
            Unit car = s.units().values().stream()
                    .filter(u -> u.type() == UnitType.RAPID_RESPONSE_CAR && u.status() == UnitStatus.AVAILABLE)
                    .min(Comparator.comparing((Unit u) -> u.id().value()))
                    .orElseThrow();
            GeoPoint scene = RegionFixture.network().snap(base(s, car)).onRoad();
            // the ambulance based furthest away: it arrives well after the car's work on scene is done
            Unit ambulance = s.units().values().stream()
                    .filter(u -> u.type() == UnitType.DOUBLE_CREWED_AMBULANCE
                            && u.organisation().equals(car.organisation())
                            && u.status() == UnitStatus.AVAILABLE)
                    .max(Comparator.comparingDouble((Unit u) -> base(s, u).distanceMetersTo(scene))
                            .thenComparing(u -> u.id().value()))
                    .orElseThrow();
            engine.execute(Commands.env(
                    Commands.incident(ARREST.value(), car.organisation().value(), "CARDIAC_ARREST", scene), ""));
            engine.execute(Commands.env(new Command.AssignUnit(ARREST, car.id(), AssignmentRole.PRIMARY), ""));
            engine.execute(Commands.env(new Command.AssignUnit(ARREST, ambulance.id(), AssignmentRole.PRIMARY), ""));
            long from = log.lastSequence();
            Instant end = clock.instant().plus(Duration.ofHours(2));
            while (clock.instant().isBefore(end)
                    && engine.state().findIncident(ARREST).map(i -> i.isOpen()).orElse(false)) {
                clock.advance(Duration.ofSeconds(20));
                sim.step(clock.instant());
            }
            List<RecordedEvent> events = log.listRange(from, log.lastSequence());
            Instant carThere = when(
                    events, e -> e instanceof Event.UnitArrived a && a.unit().equals(car.id()));
            Instant ambulanceThere = when(
                    events, e -> e instanceof Event.UnitArrived a && a.unit().equals(ambulance.id()));
            Instant closed = when(
                    events,
                    e -> e instanceof Event.IncidentStatusChanged c
                            && c.incident().equals(ARREST)
                            && c.to() == IncidentStatus.CLOSED);
            assertThat(ambulanceThere)
                    .as("the ambulance comes after the car's two minutes' work, or the test shows nothing")
                    .isAfter(carThere.plus(Duration.ofMinutes(3)));
            assertThat(closed).as("the call stays open for the ambulance").isAfterOrEqualTo(ambulanceThere);
            assertThat(events.stream()
                            .map(RecordedEvent::event)
                            .anyMatch(e -> e instanceof Event.UnitStatusChanged c
                                    && c.unit().equals(ambulance.id())
                                    && c.to() == UnitStatus.TRANSPORTING))
                    .as("the ambulance conveys the car's patient")
                    .isTrue();
            assertThat(events.stream()
                            .map(RecordedEvent::event)
                            .anyMatch(e -> e instanceof Event.UnitStatusChanged c
                                    && c.unit().equals(car.id())
                                    && c.to() == UnitStatus.TRANSPORTING))
                    .isFalse();
        } finally {
            sim.close();
            engine.close();
        }
    }

    private static GeoPoint base(MusterState s, Unit u) {
        return u.homeStation().flatMap(s::findStation).map(Station::location).orElseThrow();
    }

    private static Instant when(List<RecordedEvent> events, java.util.function.Predicate<Event> what) {
        Optional<RecordedEvent> found =
                events.stream().filter(e -> what.test(e.event())).findFirst();
        assertThat(found).as("an event the run should have recorded").isPresent();
        return found.get().at();
    }
}
