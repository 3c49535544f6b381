package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.live.LiveSimulation;
import org.muster.sim.testing.SimFixture;

/**
 * An escort-required sector: the recommender tells the dispatcher "the expected arrival is the later of the
 * two", and the simulated crews behave so. An ambulance whose call has a police escort on its way stands off
 * at the scene and goes in when the escort arrives, so escorts cost response time, as on the street.
 */
class EscortRunTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");
    private static final ZoneId LARKWICH = ZoneId.of("MAS-01");

    @Test
    void anAmbulanceGoesInNoEarlierThanItsEscort() {
        Scenario s = new Scenario(
                        "escorted",
                        FRIDAY_EVENING,
                        Duration.ofMinutes(120),
                        5,
                        1.5,
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withPlan(ShockPlan.NONE.withShocks(List.of(new Shock.SetLevel(
                        new TreeSet<>(Set.of(LARKWICH)),
                        OperatingLevel.ESCORT_REQUIRED,
                        FRIDAY_EVENING,
                        Duration.ofMinutes(120),
                        Optional.empty()))));
        MemoryEventLog log = new MemoryEventLog();
        RunResult result = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.synchronous(
                        log, SimFixture.rules(), clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                ScenarioRun.Progress.NONE);

        // per call: its escorts, and when each unit arrived
        Map<IncidentId, Set<UnitId>> escorts = new HashMap<>();
        Map<IncidentId, Map<UnitId, Instant>> arrivals = new HashMap<>();
        Map<IncidentId, Instant> closed = new HashMap<>();
        for (RecordedEvent e : log.listRange(0, log.lastSequence())) {
            if (e.event() instanceof Event.UnitAssigned a && a.role() == AssignmentRole.ESCORT)
                escorts.computeIfAbsent(a.incident(), i -> new TreeSet<>()).add(a.unit());
            if (e.event() instanceof Event.UnitArrived a)
                arrivals.computeIfAbsent(a.incident(), i -> new HashMap<>()).putIfAbsent(a.unit(), e.at());
            if (e.event() instanceof Event.IncidentStatusChanged c && c.to() == IncidentStatus.CLOSED)
                closed.put(c.incident(), e.at());
        }
        assertThat(escorts).isNotEmpty();
        int waited = 0;
        int judged = 0;
        for (var call : escorts.entrySet()) {
            Map<UnitId, Instant> arrived = arrivals.getOrDefault(call.getKey(), Map.of());
            List<Instant> escortArrivals = call.getValue().stream()
                    .map(arrived::get)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            for (var crew : arrived.entrySet()) {
                if (call.getValue().contains(crew.getKey())) continue;
                judged++;
                // an ambulance on scene before every escort is there would have gone in alone
                assertThat(escortArrivals)
                        .as("%s: %s went in at %s", call.getKey(), crew.getKey(), crew.getValue())
                        .isNotEmpty()
                        .anyMatch(t -> !t.isAfter(crew.getValue()));
                if (escortArrivals.contains(crew.getValue())) waited++;
            }
        }
        assertThat(judged).isPositive();
        // the crews that went in the moment their escort came had stood off for it: the service's lost crew-time
        double stoodOff = result.summary().operations().stream()
                .filter(o -> o.organisation().value().equals("MAS"))
                .findFirst()
                .orElseThrow()
                .standingOffHours();
        assertThat(waited).isPositive();
        assertThat(stoodOff).isPositive();
        // the work on scene is the crews', not the escort's: no escorted call closes before a crew was there
        for (var call : escorts.entrySet()) {
            Instant end = closed.get(call.getKey());
            if (end == null) continue;
            assertThat(arrivals.getOrDefault(call.getKey(), Map.of()).entrySet())
                    .as("%s closed at %s", call.getKey(), end)
                    .anyMatch(a -> !call.getValue().contains(a.getKey())
                            && !a.getValue().isAfter(end));
        }
        // and some crews were there first and waited: they went in the moment their escort arrived
        assertThat(waited).isPositive();
    }
}
