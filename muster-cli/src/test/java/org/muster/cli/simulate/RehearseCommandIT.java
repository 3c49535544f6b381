package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.demo.DemoCommand;
import org.muster.cli.demo.DemoSettings;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.engine.state.MusterState;
import picocli.CommandLine;

/**
 * {@code muster rehearse FILE}: a scenario rehearsed on the live dashboard. Its shocks reach the running
 * service as a supervisor's commands at their times, and its surges raise the calls, while the people answer them.
 */
class RehearseCommandIT {
    private static final String DISORDER = """
            name: rehearsal
            region:
              generated:
                seed: 7
            start: 2026-11-20T18:00:00Z
            duration: 6h
            seed: 3
            shocks:
              - withdraw:
                  organisation: WSP
                  people: 0.5
                  at: 0s
                  for: 6h
              - level:
                  zones: [MAS-01]
                  level: ESCORT_REQUIRED
                  at: 0s
                  for: 6h
              - surge:
                  types: [PUBLIC_DISORDER]
                  zones: [WSP-01, WSP-02]
                  factor: 40
                  at: 0s
                  for: 6h
            targets:
              WSP: {EMERGENCY: 12m}
            zoneTargets:
              WSP-03: {EMERGENCY: 25m}
            service:
              onScene:
                police: [1m, 1m, 1m, 1m]
              spread: 0
            policies:
              dispatchRule: sameZone
              carsHeld: 2
            """;

    @TempDir
    Path dir;

    @Test
    void aScenariosShocksAndSurgesReachTheRunningServiceAtTheirTimes() throws Exception {
        Path file = Files.writeString(dir.resolve("disorder.yml"), DISORDER);
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo)
                .parseArgs(
                        "--port",
                        "0",
                        "--speed",
                        "120",
                        "--dir",
                        dir.resolve("demo").toString());
        try (DemoCommand.Running running =
                demo.rehearsing(RehearseCommand.read(file)).start()) {
            // the demo's clock starts at the scenario's start
            assertThat(running.start()).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
            var node = running.server().node();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && disorderCalls(node.engine().state()) < 3) Thread.sleep(500);
            MusterState state = node.engine().state();
            // the level, set by the scenario's supervisor
            var level = state.findZone(ZoneId.of("MAS-01")).orElseThrow().level();
            assertThat(level.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
            assertThat(level.setBy()).isEqualTo("sim:supervisor");
            assertThat(level.since())
                    .as("the shock due at the start lands there, not after the server's start-up")
                    .hasValueSatisfying(at ->
                            assertThat(Duration.between(running.start(), at)).isLessThan(Duration.ofMinutes(2)));
            // half of Westshire's officers withdrawn: cars off the road for want of a crew
            assertThat(state.units().values().stream()
                            .filter(u -> u.organisation().equals(OrganisationId.of("WSP")))
                            .filter(u -> u.status() == UnitStatus.UNAVAILABLE))
                    .isNotEmpty();
            // the surge: disorder calls in Westshire's towns, forty times as often as the demo's
            assertThat(disorderCalls(state)).isGreaterThanOrEqualTo(3);

            // judged by the scenario's targets, exactly, as ./muster simulate judges the file
            ResponseTargets targets = node.responses().targets();
            assertThat(targets.targetFor(OrganisationId.of("WSP"), Priority.EMERGENCY)
                            .p90())
                    .contains(Duration.ofMinutes(12));
            assertThat(targets.targetFor(ZoneId.of("WSP-03"), OrganisationId.of("WSP"), Priority.EMERGENCY)
                            .p90())
                    .contains(Duration.ofMinutes(25));
            assertThat(targets.targetFor(OrganisationId.of("ESP"), Priority.EMERGENCY)
                            .isSet())
                    .as("the demo's own 20 minutes for the forces give way to the scenario's, which sets none here")
                    .isFalse();
            // and dispatched by its policy: its own zone's crews first, two cars kept for C1
            assertThat(node.engine().rules().dispatch())
                    .isEqualTo(new DispatchPolicy(DispatchPolicy.Rule.SAME_ZONE, true, 2));
            assertThat(DemoSettings.read(dir.resolve("demo")).orElseThrow().rehearsal())
                    .as("./muster board and project --dir read the rehearsal's settings from beside the store")
                    .hasValueSatisfying(r -> assertThat(r.settings())
                            .containsEntry("muster.targets.WSP.EMERGENCY", "p90 PT12M")
                            .containsEntry("muster.dispatch.rule", "same-zone"));

            // its crews are the scenario's: a police crew clears a minute after it arrives, not half an hour, watched
            // over twenty simulated minutes
            java.util.Set<String> arrived = new java.util.HashSet<>();
            Instant until = node.clock().instant().plus(Duration.ofMinutes(20));
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && node.clock().instant().isBefore(until)) {
                state = node.engine().state();
                Instant now = node.clock().instant();
                for (Incident i : state.incidents().values()) {
                    if (!police(state, i.organisation())) continue;
                    for (Assignment a : i.assignments()) {
                        if (a.arrivedAt().isEmpty()) continue;
                        arrived.add(i.id().value() + " " + a.unit().value());
                        state.findUnit(a.unit())
                                .filter(u -> u.status() == UnitStatus.ON_SCENE)
                                .ifPresent(u -> assertThat(Duration.between(u.statusSince(), now))
                                        .as(u.callsign() + " on scene at " + i.id())
                                        .isLessThan(Duration.ofMinutes(3)));
                    }
                }
                Thread.sleep(500);
            }
            assertThat(arrived).as("police crews that arrived at their calls").isNotEmpty();
        }
    }

    private static boolean police(MusterState state, OrganisationId organisation) {
        return state.findOrganisation(organisation)
                .map(o -> o.agency() == Agency.POLICE)
                .orElse(false);
    }

    private static long disorderCalls(MusterState state) {
        return state.incidents().values().stream()
                .filter(i -> i.type().value().equals("PUBLIC_DISORDER"))
                .count();
    }

    @Test
    void aScenarioTheDemoCannotPlayIsRefusedBeforeAnythingStarts() throws Exception {
        Path stations = Files.writeString(dir.resolve("stations.yml"), """
                region:
                  generated:
                    seed: 7
                start: 2026-11-20T18:00:00Z
                duration: 6h
                demand:
                  poisson:
                    - {type: FALL, perHour: 4.5, at: MAS-AS003}
                """);
        assertThatThrownBy(() -> RehearseCommand.read(stations))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SCENARIO=")
                .hasMessageContaining("must take its calls from the demand model");
        // the region is the scenario's own
        Path disorder = Files.writeString(dir.resolve("disorder.yml"), DISORDER);
        assertThat(org.muster.cli.Main.run("rehearse", disorder.toString(), "--seed", "5", "--port", "0"))
                .isEqualTo(2);
        Path missing = dir.resolve("nowhere.yml");
        assertThatThrownBy(() -> RehearseCommand.read(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a scenario file that exists");
        assertThat(dir.resolve("demo")).doesNotExist();
    }
}
