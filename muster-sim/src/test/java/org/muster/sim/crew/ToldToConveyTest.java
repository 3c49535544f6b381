package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.Commands;

/**
 * A crew its dispatcher sets conveying (TRANSPORTING with no hospital named, where the crew itself would not have
 * conveyed) takes its patient to hospital, hands over and comes back available: the walk of the live demo found
 * one left TRANSPORTING for seven hours once its call closed, the move to AVAILABLE refused.
 */
class ToldToConveyTest {
    private static final IncidentId FALL = IncidentId.of("FALL-1");

    @Test
    void aCrewSetConveyingByItsDispatcherHandsOverAndComesBack() {
        CrewConfig crews = CrewConfig.defaults()
                .withConveyShares(Map.of(IncidentTypeCode.of("FALL"), 0.0))
                .withOnScene(Duration.ofMinutes(10))
                .withTurnout(Duration.ofSeconds(30));
        try (CrewRun run = new CrewRun(crews)) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint scene = run.sceneAt(ambulance);
            run.execute(Commands.incident(FALL.value(), ambulance.organisation().value(), "FALL", scene));
            run.execute(new Command.AssignUnit(FALL, ambulance.id(), AssignmentRole.PRIMARY));
            long from = run.log.lastSequence();
            // on scene: the dispatcher (not the crew) says it is conveying
            for (int i = 0; i < 180 && run.state().getUnit(ambulance.id()).status() != UnitStatus.ON_SCENE; i++)
                run.step(Duration.ofSeconds(20));
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.ON_SCENE);
            run.execute(
                    new Command.ChangeUnitStatus(ambulance.id(), UnitStatus.TRANSPORTING, Optional.empty()),
                    "crew conveying, says the radio");
            run.runUntilClosed(FALL);
            for (int i = 0; i < 36 && run.state().getUnit(ambulance.id()).status() != UnitStatus.AVAILABLE; i++)
                run.step(Duration.ofMinutes(5));
            List<UnitStatus> statuses = run.log.listRange(from, run.log.lastSequence()).stream()
                    .map(RecordedEvent::event)
                    .filter(e ->
                            e instanceof Event.UnitStatusChanged c && c.unit().equals(ambulance.id()))
                    .map(e -> ((Event.UnitStatusChanged) e).to())
                    .toList();
            assertThat(statuses)
                    .as("to hospital, handed over, and back")
                    .containsSubsequence(UnitStatus.TRANSPORTING, UnitStatus.AT_HOSPITAL, UnitStatus.AVAILABLE);
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.AVAILABLE);
        }
    }
}
