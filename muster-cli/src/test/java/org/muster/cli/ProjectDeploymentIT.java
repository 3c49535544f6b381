package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.server.app.MusterServer;

/**
 * {@code ./muster project --config FILE} (or {@code --store URL --osm FILE}) on a deployment's store (no demo
 * folder, no generated region's demand model): a node ran a day of an ambulance service's calls; the command
 * learns the demand from them and projects under the deployment's own targets, as the node itself does, and says
 * plainly what it needs when it is not given it.
 */
class ProjectDeploymentIT {
    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-16T07:00:00Z");

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeploymentProjectsFromItsOwnCalls() throws Exception {
        String store = "sqlite:" + dir.resolve("muster.db");
        Path data = CommandLineTest.dataWithRegionZones(dir);
        String osm = RegionFixture.region().osmFile().toString();
        // the deployment's configuration file: a force's own target, and an ambulance C2 target stricter
        // than the national one
        Path config = dir.resolve("muster.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "muster.store=" + store,
                        "muster.data=" + data,
                        "muster.osm=" + osm,
                        "muster.targets.WSP.EMERGENCY=p90 15m",
                        "muster.targets.MAS.C2=p90 10m",
                        ""));
        MusterProperties settings = MusterServer.settings(java.util.Optional.of(config), Map.of());
        assertThat(settings.targets()).containsKeys("WSP", "MAS");
        int calls = 0;
        try (MusterNode node = MusterNode.start(settings, clock.asClock())) {
            for (var c : RegionCommands.of(RegionFixture.region()))
                node.engine().execute(Commands.env(c));
            List<Station> stations = node.engine().state().stations().values().stream()
                    .filter(st -> st.organisation().equals(OrganisationId.of("MAS"))
                            && st.kind() == StationKind.AMBULANCE_STATION)
                    .sorted(Comparator.comparing(st -> st.id().value()))
                    .toList();
            for (int step = 0; step < 35; step++) {
                clock.advance(Duration.ofMinutes(45));
                Station st = stations.get(step % stations.size());
                String id = "CALL-" + step;
                node.engine()
                        .execute(Commands.env(Commands.incident(
                                id,
                                "MAS",
                                "CHEST_PAIN",
                                new GeoPoint(
                                        st.location().lat() + 0.002,
                                        st.location().lon() + 0.002))));
                String unit = node.engine().state().units().values().stream()
                        .filter(u -> u.organisation().value().equals("MAS")
                                && u.type() == UnitType.DOUBLE_CREWED_AMBULANCE
                                && u.status() == UnitStatus.AVAILABLE)
                        .findFirst()
                        .orElseThrow()
                        .id()
                        .value();
                node.engine().execute(Commands.env(Commands.assign(id, unit)));
                node.engine()
                        .execute(Commands.env(new org.muster.domain.command.Command.CloseIncident(IncidentId.of(id))));
                calls++;
            }
            clock.advance(Duration.ofMinutes(5));
            // the day's last event, so that the store's "now" is after the last call
            node.engine()
                    .execute(Commands.env(new org.muster.domain.command.Command.ChangeUnitStatus(
                            node.engine().state().units().values().stream()
                                    .filter(u -> u.status() == UnitStatus.AVAILABLE)
                                    .findFirst()
                                    .orElseThrow()
                                    .id(),
                            UnitStatus.UNAVAILABLE,
                            java.util.Optional.of(org.muster.domain.unit.UnavailableReason.OFF_DUTY))));
        }

        Run noRoads = CommandLineTest.run("project", "--store", store, "--hours", "1");
        assertThat(noRoads.exit()).isEqualTo(2);
        assertThat(noRoads.err()).contains("--osm", "(none)", "must name the service's road network");
        Run noStore = CommandLineTest.run("project", "--store", "sqlite:" + dir.resolve("none.db"), "--osm", osm);
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.err()).contains("--store", "none.db", "must name an existing event log");

        Run projected = CommandLineTest.run(
                "project",
                "--store",
                store,
                "--osm",
                osm,
                "--data",
                data.toString(),
                "--hours",
                "1",
                "--replications",
                "2",
                "--json");
        assertThat(projected.exit()).as(projected.err()).isZero();
        assertThat(projected.err()).contains("project: 2 of 2 runs done", "demand from the service's own");
        JsonNode outlook = new ObjectMapper().readTree(projected.out());
        assertThat(outlook.path("demand").asText())
                .isEqualTo("the service's own " + calls + " calls over the last 26 hours");
        assertThat(outlook.path("zones")).isNotEmpty();
        assertThat(outlook.path("replications").asInt()).isEqualTo(2);

        // with the deployment's configuration file: its own targets, and the node's own answer, zone for zone
        Run configured = CommandLineTest.run(
                "project", "--config", config.toString(), "--hours", "1", "--replications", "2", "--json");
        assertThat(configured.exit()).as(configured.err()).isZero();
        JsonNode fromCli = new ObjectMapper().readTree(configured.out());
        assertThat(targets(fromCli, "WSP", "EMERGENCY"))
                .as("a force's zones are projected against the target it configured")
                .isNotEmpty()
                .containsOnly(900L);
        assertThat(targets(fromCli, "MAS", "C2")).isNotEmpty().containsOnly(600L);
        try (MusterNode node = MusterNode.start(settings, clock.asClock())) {
            var fromNode = node.project(new org.muster.sim.project.Projector.Request(Duration.ofHours(1), 2, 1));
            assertThat(fromCli.path("at").asText()).isEqualTo(fromNode.at().toString());
            List<String> cli = new java.util.ArrayList<>();
            fromCli.path("zones")
                    .forEach(z -> cli.add(String.join(
                            " ",
                            z.path("zone").asText(),
                            z.path("priority").asText(),
                            Long.toString(z.path("targetP90").asLong()),
                            z.path("breachingNow").asText(),
                            z.path("breaching").asText(),
                            z.path("median").asText())));
            List<String> api = fromNode.zones().stream()
                    .map(z -> String.join(
                            " ",
                            z.zone().value(),
                            z.priority().name(),
                            Long.toString(z.targetP90().toSeconds()),
                            Boolean.toString(z.breachingNow()),
                            Integer.toString(z.breaching()),
                            z.median().map(Object::toString).orElse("null")))
                    .toList();
            assertThat(cli)
                    .as("the command line answers as the running service")
                    .isEqualTo(api);
        }
    }

    private static List<Long> targets(JsonNode outlook, String organisation, String priority) {
        List<Long> out = new java.util.ArrayList<>();
        outlook.path("zones").forEach(z -> {
            if (z.path("organisation").asText().equals(organisation)
                    && z.path("priority").asText().equals(priority))
                out.add(z.path("targetP90").asLong()); // seconds, as the API writes durations
        });
        return out;
    }
}
