package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.Zone;
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
 * A police escort there before the ambulance it escorts: it guards the scene, and the work there is the
 * ambulance crew's. A short job on scene drawn for the escort closed the call before the ambulance came.
 */
class EscortCrewTest {
    private static final IncidentId CALL = IncidentId.of("ESCORTED-1");
    private static final OrganisationId MAS = OrganisationId.of("MAS");

    @Test
    void anEscortThereFirstWaitsWithTheSceneForTheAmbulance() {
        MemoryEventLog log = new MemoryEventLog();
        TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
        SingleWriter engine = SimFixture.engine(log, clock);
        CrewConfig crews =
                CrewConfig.defaults().withOnScene(Duration.ofMinutes(2)).withTurnout(Duration.ofSeconds(30));
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
            // crews attacked everywhere in the ambulance service's area
            for (Zone z : s.zones().values())
                if (z.organisation().equals(MAS))
                    engine.execute(Commands.env(
                            new Command.SetOperatingLevel(z.id(), OperatingLevel.ESCORT_REQUIRED, Optional.empty()),
                            "crews attacked"));
            Unit police = s.units().values().stream()
                    .filter(u -> u.type() == UnitType.POLICE_RESPONSE_CAR && u.status() == UnitStatus.AVAILABLE)
                    .min(Comparator.comparing((Unit u) -> u.id().value()))
                    .orElseThrow();
            GeoPoint scene = RegionFixture.network().snap(base(s, police)).onRoad();
            // the ambulance based furthest away: the escort is there long before it
            Unit ambulance = s.units().values().stream()
                    .filter(u -> u.type() == UnitType.DOUBLE_CREWED_AMBULANCE
                            && u.organisation().equals(MAS)
                            && u.status() == UnitStatus.AVAILABLE)
                    .max(Comparator.comparingDouble((Unit u) -> base(s, u).distanceMetersTo(scene))
                            .thenComparing(u -> u.id().value()))
                    .orElseThrow();
            engine.execute(Commands.env(Commands.incident(CALL.value(), "MAS", "CHEST_PAIN", scene), ""));
            engine.execute(Commands.env(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY), ""));
            engine.execute(Commands.env(new Command.AssignUnit(CALL, police.id(), AssignmentRole.ESCORT), ""));
            long from = log.lastSequence();
            Instant end = clock.instant().plus(Duration.ofHours(2));
            while (clock.instant().isBefore(end)
                    && engine.state().findIncident(CALL).map(i -> i.isOpen()).orElse(false)) {
                clock.advance(Duration.ofSeconds(20));
                sim.step(clock.instant());
            }
            List<RecordedEvent> events = log.listRange(from, log.lastSequence());
            Instant escortThere = when(
                    events, e -> e instanceof Event.UnitArrived a && a.unit().equals(police.id()));
            Instant ambulanceThere = when(
                    events, e -> e instanceof Event.UnitArrived a && a.unit().equals(ambulance.id()));
            Instant closed = when(
                    events,
                    e -> e instanceof Event.IncidentStatusChanged c
                            && c.incident().equals(CALL)
                            && c.to() == IncidentStatus.CLOSED);
            assertThat(ambulanceThere)
                    .as("the ambulance comes after the escort's two minutes on scene, or the test shows nothing")
                    .isAfter(escortThere.plus(Duration.ofMinutes(3)));
            // the crew's work starts when it arrives: two minutes of it, not the escort's
            assertThat(closed).isAfterOrEqualTo(ambulanceThere.plus(Duration.ofMinutes(1)));
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
