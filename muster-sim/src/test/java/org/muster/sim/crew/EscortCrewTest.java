package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sim.crew.CrewRun.arrived;
import static org.muster.sim.crew.CrewRun.when;

import java.time.Duration;
import java.time.Instant;
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
import org.muster.domain.organisation.Zone;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.Commands;

/**
 * A police escort there before the ambulance it escorts: it guards the scene, and the work there is the
 * ambulance crew's. A short job on scene drawn for the escort closed the call before the ambulance came. An
 * escort or a crew taken off the call on the way and replaced changes who goes in, not how long the work takes.
 */
class EscortCrewTest {
    private static final IncidentId CALL = IncidentId.of("ESCORTED-1");
    private static final OrganisationId MAS = OrganisationId.of("MAS");

    /** Two minutes' work on scene, the turnout given, and crews attacked everywhere in the ambulance service's area. */
    private static CrewRun escortsEverywhere(Duration turnout) {
        CrewRun run = new CrewRun(
                CrewConfig.defaults().withOnScene(Duration.ofMinutes(2)).withTurnout(turnout));
        for (Zone z : run.state().zones().values())
            if (z.organisation().equals(MAS))
                run.execute(
                        new Command.SetOperatingLevel(z.id(), OperatingLevel.ESCORT_REQUIRED, Optional.empty()),
                        "crews attacked");
        return run;
    }

    @Test
    void anEscortThereFirstWaitsWithTheSceneForTheAmbulance() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(30))) {
            Unit police = run.firstAvailable(UnitType.POLICE_RESPONSE_CAR);
            GeoPoint scene = run.sceneAt(police);
            // the ambulance based furthest away: the escort is there long before it
            Unit ambulance = run.furthestAvailable(UnitType.DOUBLE_CREWED_AMBULANCE, MAS, scene);
            run.execute(Commands.incident(CALL.value(), "MAS", "CHEST_PAIN", scene));
            run.execute(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY));
            run.execute(new Command.AssignUnit(CALL, police.id(), AssignmentRole.ESCORT));
            List<RecordedEvent> events = run.runUntilClosed(CALL);
            Instant escortThere = arrived(events, police.id());
            Instant ambulanceThere = arrived(events, ambulance.id());
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
        }
    }

    @Test
    void aCrewStandingOffForItsEscortIsDivertedWithoutTurningOutAgain() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(90))) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint scene = run.sceneAt(ambulance);
            // the police car based furthest away: the ambulance, next door, stands off a long while for it
            Unit police = run.furthestAvailable(
                    UnitType.POLICE_RESPONSE_CAR,
                    run.firstAvailable(UnitType.POLICE_RESPONSE_CAR).organisation(),
                    scene);
            run.execute(Commands.incident(CALL.value(), "MAS", "FALL", scene));
            run.execute(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY));
            run.execute(new Command.AssignUnit(CALL, police.id(), AssignmentRole.ESCORT));
            run.step(Duration.ofMinutes(4)); // turned out and next door: standing off, still EN_ROUTE
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            assertThat(run.state()
                            .getIncident(CALL)
                            .findAssignment(police.id())
                            .orElseThrow()
                            .arrivedAt())
                    .isEmpty();

            IncidentId arrest = IncidentId.of("ARREST-2");
            run.execute(Commands.incident(arrest.value(), "MAS", "CARDIAC_ARREST", run.sceneAt(police)));
            run.execute(new Command.AssignUnit(arrest, ambulance.id(), AssignmentRole.PRIMARY));
            run.step(Duration.ofSeconds(20));
            // on its way again within the step, not after a 90-second turnout
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            assertThat(run.state().getIncident(arrest).findAssignment(ambulance.id()))
                    .isPresent();
        }
    }

    @Test
    void aCrewSentWithoutAnEscortStandsOffUntilOneIsSentAndArrives() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(30))) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint scene = run.sceneAt(ambulance);
            run.execute(Commands.incident(CALL.value(), "MAS", "FALL", scene));
            run.execute(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY));
            Instant sent = run.clock.instant();
            run.step(Duration.ofMinutes(10)); // next door: long since at the scene's edge, but not in
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            assertThat(run.state().getIncident(CALL).status()).isNotEqualTo(IncidentStatus.ON_SCENE);

            Unit police = run.firstAvailable(UnitType.POLICE_RESPONSE_CAR);
            Instant escortAssigned = run.clock.instant();
            run.execute(new Command.AssignUnit(CALL, police.id(), AssignmentRole.ESCORT));
            List<RecordedEvent> events = run.runUntilClosed(CALL);
            Instant escortThere = arrived(events, police.id());
            Instant ambulanceThere = arrived(events, ambulance.id());
            assertThat(ambulanceThere).as("the crew goes in with its escort").isEqualTo(escortThere);
            // its wait at the scene's edge is counted to the ambulance service: from its drive's end (next door,
            // within the first minutes) to the escort's arrival
            Duration stoodOff = run.standingOff().get(OrganisationId.of("MAS"));
            assertThat(stoodOff)
                    .isGreaterThan(Duration.between(escortAssigned, escortThere))
                    .isLessThanOrEqualTo(Duration.between(sent, escortThere));
        }
    }

    @Test
    void anEscortDivertedBeforeItArrivesIsReplacedAndTheCrewGoesInWithTheNewOneForItsUsualWork() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(30))) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint scene = run.sceneAt(ambulance);
            OrganisationId force =
                    run.firstAvailable(UnitType.POLICE_RESPONSE_CAR).organisation();
            // the police car based furthest away: still on its way when it is taken for an emergency
            Unit first = run.furthestAvailable(UnitType.POLICE_RESPONSE_CAR, force, scene);
            run.execute(Commands.incident(CALL.value(), "MAS", "CHEST_PAIN", scene));
            run.execute(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY));
            run.execute(new Command.AssignUnit(CALL, first.id(), AssignmentRole.ESCORT));
            run.step(Duration.ofMinutes(4)); // next door: standing off, its escort still on the road
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            assertThat(run.state().getUnit(first.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);

            IncidentId collision = IncidentId.of("RTC-2");
            run.execute(Commands.incident(collision.value(), force.value(), "RTC", run.sceneAt(first)));
            run.execute(new Command.AssignUnit(collision, first.id(), AssignmentRole.PRIMARY)); // diverted
            assertThat(run.state().getIncident(CALL).findAssignment(first.id())).isEmpty();
            run.step(Duration.ofMinutes(1));
            Unit second = run.nearestAvailable(UnitType.POLICE_RESPONSE_CAR, force, scene);
            run.execute(new Command.AssignUnit(CALL, second.id(), AssignmentRole.ESCORT));

            List<RecordedEvent> events = run.runUntilClosed(CALL);
            Instant escortThere = arrived(events, second.id());
            Instant ambulanceThere = arrived(events, ambulance.id());
            assertThat(ambulanceThere)
                    .as("the crew goes in with its new escort")
                    .isEqualTo(escortThere);
            assertThat(Duration.between(ambulanceThere, closed(events))).isLessThan(Duration.ofMinutes(10));
        }
    }

    @Test
    void anEscortReleasedBeforeItArrivesIsReplacedAndTheCrewGoesInWithTheNewOneForItsUsualWork() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(30))) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint scene = run.sceneAt(ambulance);
            OrganisationId force =
                    run.firstAvailable(UnitType.POLICE_RESPONSE_CAR).organisation();
            Unit first = run.furthestAvailable(UnitType.POLICE_RESPONSE_CAR, force, scene);
            run.execute(Commands.incident(CALL.value(), "MAS", "CHEST_PAIN", scene));
            run.execute(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY));
            run.execute(new Command.AssignUnit(CALL, first.id(), AssignmentRole.ESCORT));
            run.step(Duration.ofMinutes(4));
            assertThat(run.state().getUnit(first.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            // the force's dispatcher stands its car down, and another is sent a minute later
            run.execute(new Command.ReleaseUnit(CALL, first.id()), "needed elsewhere");
            run.step(Duration.ofMinutes(1));
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            Unit second = run.nearestAvailable(UnitType.POLICE_RESPONSE_CAR, force, scene);
            run.execute(new Command.AssignUnit(CALL, second.id(), AssignmentRole.ESCORT));

            List<RecordedEvent> events = run.runUntilClosed(CALL);
            Instant escortThere = arrived(events, second.id());
            assertThat(arrived(events, ambulance.id())).isEqualTo(escortThere);
            assertThat(Duration.between(escortThere, closed(events))).isLessThan(Duration.ofMinutes(10));
        }
    }

    @Test
    void aCrewDivertedFromItsEscortedCallIsReplacedAndTheReplacementGoesInForItsUsualWork() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(30))) {
            Unit police = run.firstAvailable(UnitType.POLICE_RESPONSE_CAR);
            GeoPoint scene = run.sceneAt(police);
            // the ambulance based furthest away: the escort is there, guarding the scene, when it is taken
            Unit first = run.furthestAvailable(UnitType.DOUBLE_CREWED_AMBULANCE, MAS, scene);
            run.execute(Commands.incident(CALL.value(), "MAS", "CHEST_PAIN", scene));
            run.execute(new Command.AssignUnit(CALL, first.id(), AssignmentRole.PRIMARY));
            run.execute(new Command.AssignUnit(CALL, police.id(), AssignmentRole.ESCORT));
            run.step(Duration.ofMinutes(3));
            assertThat(run.state().getUnit(police.id()).status()).isEqualTo(UnitStatus.ON_SCENE);
            assertThat(run.state().getUnit(first.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);

            IncidentId arrest = IncidentId.of("ARREST-2");
            run.execute(Commands.incident(arrest.value(), "MAS", "CARDIAC_ARREST", run.sceneAt(first)));
            run.execute(new Command.AssignUnit(arrest, first.id(), AssignmentRole.PRIMARY)); // diverted
            run.step(Duration.ofMinutes(1));
            Unit second = run.nearestAvailable(UnitType.DOUBLE_CREWED_AMBULANCE, MAS, scene);
            run.execute(new Command.AssignUnit(CALL, second.id(), AssignmentRole.PRIMARY));

            List<RecordedEvent> events = run.runUntilClosed(CALL);
            Instant replacementThere = arrived(events, second.id());
            assertThat(Duration.between(replacementThere, closed(events))).isLessThan(Duration.ofMinutes(10));
        }
    }

    @Test
    void aCrewStandingOffGoesInWhenTheZonesLevelComesDown() {
        try (CrewRun run = escortsEverywhere(Duration.ofSeconds(30))) {
            Unit ambulance = run.firstAvailable(UnitType.DOUBLE_CREWED_AMBULANCE);
            run.execute(Commands.incident(CALL.value(), "MAS", "FALL", run.sceneAt(ambulance)));
            run.execute(new Command.AssignUnit(CALL, ambulance.id(), AssignmentRole.PRIMARY));
            run.step(Duration.ofMinutes(10));
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
            for (Zone z : run.state().zones().values())
                if (z.organisation().equals(MAS))
                    run.execute(
                            new Command.SetOperatingLevel(z.id(), OperatingLevel.NORMAL, Optional.empty()),
                            "calm again");
            run.step(Duration.ofSeconds(20));
            assertThat(run.state().getUnit(ambulance.id()).status()).isEqualTo(UnitStatus.ON_SCENE);
        }
    }

    /** When the call was closed; the run must have closed it. */
    private static Instant closed(List<RecordedEvent> events) {
        return when(
                events,
                e -> e instanceof Event.IncidentStatusChanged c
                        && c.incident().equals(CALL)
                        && c.to() == IncidentStatus.CLOSED);
    }
}
