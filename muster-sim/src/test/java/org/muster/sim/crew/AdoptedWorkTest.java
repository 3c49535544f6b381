package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.SingleWriter;
import org.muster.sim.Agenda;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.live.LiveSimulation;

/**
 * A fork of the live state (a projection's) goes on from how long each unit has already been at its step. The
 * crews used to start every step afresh, so a crew 100 minutes on scene drew a whole new time on scene and a
 * projection's units stayed busy longer than they would: its breaches were forecast too soon.
 *
 * <p>The live state: four ambulances at falls, one on scene for 100 minutes (longer than 99 in 100 of the
 * defaults' draws for a fall, median 35 minutes) and one just arrived at another, one at hospital for 100 minutes
 * (longer than nearly every handover, median 20 minutes) and one just there. It is forked with each of {@link
 * #SEEDS} seeds, as a projection's runs are, and each fork's crews, taking over, run with no new calls. Before
 * the crews went on from the time spent, the unit 100 minutes on scene cleared in a median of 28 minutes against
 * 37 for the one just arrived, and the one 100 minutes at hospital left in 18 against 20.
 */
class AdoptedWorkTest {
    private static final int SEEDS = 12;
    private static final Duration LONG = Duration.ofMinutes(100);

    private static UnitId longOnScene;
    private static UnitId justOnScene;
    private static UnitId longAtHospital;
    private static UnitId justAtHospital;
    /** For each unit, when it left its status in each fork, after the fork's instant. */
    private static final Map<UnitId, List<Duration>> left = new TreeMap<>(Comparator.comparing(UnitId::value));

    @BeforeAll
    static void forkTheLiveStateWithEachSeed() {
        try (CrewRun run = new CrewRun(CrewConfig.defaults())) {
            // the run's own crews are never stepped: the live service's units are put where they are by hand
            List<Unit> ambulances = run.state().units().values().stream()
                    .filter(u -> u.type() == UnitType.DOUBLE_CREWED_AMBULANCE && u.status() == UnitStatus.AVAILABLE)
                    .sorted(Comparator.comparing((Unit u) -> u.id().value()))
                    .limit(4)
                    .toList();
            assertThat(ambulances).hasSize(4);
            longOnScene = ambulances.get(0).id();
            longAtHospital = ambulances.get(1).id();
            justOnScene = ambulances.get(2).id();
            justAtHospital = ambulances.get(3).id();
            onScene(run, ambulances.get(0), "LONG-SCENE");
            atHospital(run, ambulances.get(1), "LONG-HOSPITAL");
            run.clock.advance(LONG);
            onScene(run, ambulances.get(2), "NEW-SCENE");
            atHospital(run, ambulances.get(3), "NEW-HOSPITAL");
            MusterState live = run.state();
            Instant at = run.clock.instant();
            assertThat(live.getUnit(longOnScene).statusSince()).isEqualTo(at.minus(LONG));
            assertThat(live.getUnit(justOnScene).statusSince()).isEqualTo(at);
            for (long seed = 1; seed <= SEEDS; seed++) fork(live, run, at, seed);
        }
    }

    private static void onScene(CrewRun run, Unit ambulance, String call) {
        run.execute(Commands.incident(call, ambulance.organisation().value(), "FALL", run.sceneAt(ambulance)));
        run.execute(new Command.AssignUnit(IncidentId.of(call), ambulance.id(), AssignmentRole.PRIMARY));
        run.execute(new Command.ChangeUnitStatus(ambulance.id(), UnitStatus.ON_SCENE, Optional.empty()));
    }

    private static void atHospital(CrewRun run, Unit ambulance, String call) {
        onScene(run, ambulance, call);
        run.execute(new Command.ChangeUnitStatus(ambulance.id(), UnitStatus.TRANSPORTING, Optional.empty()));
        run.execute(new Command.ChangeUnitStatus(ambulance.id(), UnitStatus.AT_HOSPITAL, Optional.empty()));
    }

    /** One fork of the live state at {@code at}, run until every unit has left its status (four hours at most). */
    private static void fork(MusterState live, CrewRun run, Instant at, long seed) {
        Map<UnitId, UnitStatus> from = Map.of(
                longOnScene, UnitStatus.ON_SCENE,
                justOnScene, UnitStatus.ON_SCENE,
                longAtHospital, UnitStatus.AT_HOSPITAL,
                justAtHospital, UnitStatus.AT_HOSPITAL);
        // told on the writer's thread
        Map<UnitId, Instant> leaving = new java.util.concurrent.ConcurrentHashMap<>();
        Agenda agenda = new Agenda(at);
        try (SingleWriter fork = SingleWriter.fork(live, run.engine.rules(), agenda);
                var listening = fork.subscribe((events, after) -> {
                    for (RecordedEvent e : events)
                        if (e.event() instanceof Event.UnitStatusChanged c && c.from() == from.get(c.unit()))
                            leaving.putIfAbsent(c.unit(), e.at());
                });
                LiveSimulation sim = LiveSimulation.builder(fork, RegionFixture.region(), at)
                        .agenda(agenda)
                        .roads(RegionFixture.network())
                        .seed(seed)
                        .profile(DemandProfile.busyEvening().scaledBy(0))
                        .autoDispatch(false)
                        .positionsOnDemand()
                        .adoptingWorkInProgress()
                        .build()) {
            for (Instant t = at; leaving.size() < from.size() && t.isBefore(at.plus(Duration.ofHours(4))); ) {
                t = t.plus(Duration.ofMinutes(1));
                sim.step(t);
            }
        }
        assertThat(leaving)
                .as("every unit left its status within four hours, seed " + seed)
                .hasSize(from.size());
        leaving.forEach((unit, when) ->
                left.computeIfAbsent(unit, u -> new ArrayList<>()).add(Duration.between(at, when)));
    }

    private static double medianMinutes(List<Duration> times) {
        List<Long> sorted = times.stream().map(Duration::toSeconds).sorted().toList();
        int n = sorted.size();
        return (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 120.0;
    }

    @Test
    void aCrewLongOnSceneAtTheForkClearsLongBeforeOneJustArrived() {
        double overdue = medianMinutes(left.get(longOnScene));
        double fresh = medianMinutes(left.get(justOnScene));
        assertThat(fresh).as("just arrived: a whole time on scene still to go").isGreaterThan(20);
        assertThat(overdue)
                .as("100 minutes on scene already: clears in %s minutes against %s", overdue, fresh)
                .isLessThan(fresh / 2);
        assertThat(left.get(longOnScene))
                .as("the rest of its work, not nothing: it is not free at the fork's instant")
                .allSatisfy(d -> assertThat(d).isPositive());
    }

    @Test
    void aCrewLongAtHospitalAtTheForkLeavesLongBeforeOneJustThere() {
        double overdue = medianMinutes(left.get(longAtHospital));
        double fresh = medianMinutes(left.get(justAtHospital));
        assertThat(fresh).as("just there: a whole handover still to go").isGreaterThan(10);
        assertThat(overdue)
                .as("100 minutes at hospital already: leaves in %s minutes against %s", overdue, fresh)
                .isLessThan(fresh / 2);
        assertThat(left.get(longAtHospital))
                .as("leaves soon after the fork, not all at its instant")
                .allSatisfy(d -> assertThat(d).isPositive().isLessThan(Duration.ofMinutes(20)));
    }
}
