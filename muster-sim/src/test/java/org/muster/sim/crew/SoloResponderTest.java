package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sim.crew.CrewRun.arrived;
import static org.muster.sim.crew.CrewRun.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.Commands;

/**
 * A paramedic's car sent with an ambulance to a C1 call (ARP's car first, the conveying ambulance behind):
 * the car's crew treats, and a patient who needs hospital waits with it for the ambulance, which takes them
 * in; the call is not closed under the car.
 */
class SoloResponderTest {
    private static final IncidentId ARREST = IncidentId.of("ARREST-1");

    @Test
    void aCarsPatientWhoNeedsHospitalWaitsForTheAmbulanceSentBehindIt() {
        CrewConfig crews = CrewConfig.defaults()
                .withConveyShares(Map.of(IncidentTypeCode.of("CARDIAC_ARREST"), 1.0))
                .withOnScene(Duration.ofMinutes(2))
                .withTurnout(Duration.ofSeconds(30));
        try (CrewRun run = new CrewRun(crews)) {
            Unit car = run.firstAvailable(UnitType.RAPID_RESPONSE_CAR);
            GeoPoint scene = run.sceneAt(car);
            // the ambulance based furthest away: it arrives well after the car's work on scene is done
            Unit ambulance = run.furthestAvailable(UnitType.DOUBLE_CREWED_AMBULANCE, car.organisation(), scene);
            run.execute(Commands.incident(ARREST.value(), car.organisation().value(), "CARDIAC_ARREST", scene));
            run.execute(new Command.AssignUnit(ARREST, car.id(), AssignmentRole.PRIMARY));
            run.execute(new Command.AssignUnit(ARREST, ambulance.id(), AssignmentRole.PRIMARY));
            List<RecordedEvent> events = run.runUntilClosed(ARREST);
            Instant carThere = arrived(events, car.id());
            Instant ambulanceThere = arrived(events, ambulance.id());
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
        }
    }
}
