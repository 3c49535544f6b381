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
 * A crew its dispatcher sets AT_HOSPITAL while it is still driving its patient in is at the hospital from then
 * on: it hands over and comes back available. The walk of the live demo found one stranded AT_HOSPITAL: the
 * crew drove on, arrived to say AT_HOSPITAL again, was refused, and did nothing more.
 */
class ToldAtHospitalTest {
    private static final IncidentId FALL = IncidentId.of("FALL-1");

    @Test
    void aCrewSetAtHospitalByItsDispatcherWhileDrivingThereHandsOverAndComesBack() {
        CrewConfig crews = CrewConfig.defaults()
                .withConveyShares(Map.of(IncidentTypeCode.of("FALL"), 1.0))
                .withOnScene(Duration.ofMinutes(10))
                .withTurnout(Duration.ofSeconds(30));
        try (CrewRun run = new CrewRun(crews)) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint scene = run.sceneAt(ambulance);
            run.execute(Commands.incident(FALL.value(), ambulance.organisation().value(), "FALL", scene));
            run.execute(new Command.AssignUnit(FALL, ambulance.id(), AssignmentRole.PRIMARY));
            long from = run.log.lastSequence();
            // the crew conveys of its own accord; on its way, the dispatcher says it is at hospital
            for (int i = 0; i < 360 && run.state().getUnit(ambulance.id()).status() != UnitStatus.TRANSPORTING; i++)
                run.step(Duration.ofSeconds(20));
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.TRANSPORTING);
            run.execute(
                    new Command.ChangeUnitStatus(ambulance.id(), UnitStatus.AT_HOSPITAL, Optional.empty()),
                    "crew at hospital, says the radio");
            run.step(Duration.ofSeconds(20));
            Unit there = run.state().getUnit(ambulance.id());
            assertThat(there.hospital()).as("named by the crew as it set off").isPresent();
            assertThat(there.position().map(p -> p.point()))
                    .as("stands at the hospital it was taking the patient to, not where its drive had got to")
                    .isEqualTo(
                            there.hospital().map(h -> run.state().getStation(h).location()));
            for (int i = 0; i < 36 && run.state().getUnit(ambulance.id()).status() != UnitStatus.AVAILABLE; i++)
                run.step(Duration.ofMinutes(5));
            List<UnitStatus> statuses = run.log.listRange(from, run.log.lastSequence()).stream()
                    .map(RecordedEvent::event)
                    .filter(e ->
                            e instanceof Event.UnitStatusChanged c && c.unit().equals(ambulance.id()))
                    .map(e -> ((Event.UnitStatusChanged) e).to())
                    .toList();
            assertThat(statuses)
                    .as("handed over, and back")
                    .containsSubsequence(
                            UnitStatus.TRANSPORTING,
                            UnitStatus.AT_HOSPITAL,
                            UnitStatus.RETURNING,
                            UnitStatus.AVAILABLE);
            assertThat(statuses).as("the crew does not say it again").containsOnlyOnce(UnitStatus.AT_HOSPITAL);
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.AVAILABLE);
        }
    }
}
