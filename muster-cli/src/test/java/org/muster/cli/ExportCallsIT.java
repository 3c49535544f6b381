package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * A planner rehearses a service's own evening: {@code ./muster export calls} writes the calls its log received
 * as the file a scenario's {@code demand.replay} reads, and {@code ./muster simulate} replays exactly those calls,
 * each at its own time. Duplicates, calls cancelled before anyone was sent and calls outside every zone are left
 * out, as a projection leaves them out when it learns from the same log.
 */
class ExportCallsIT {
    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-20T18:00:00Z");

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServicesOwnCallsAreExportedAndReplayedAtTheirOwnTimes() throws Exception {
        String store = "sqlite:" + dir.resolve("muster.db");
        Path data = CommandLineTest.dataWithRegionZones(dir);
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(Commands.env(c));
            List<Station> stations = engine.state().stations().values().stream()
                    .filter(st -> st.kind() == StationKind.AMBULANCE_STATION || st.kind() == StationKind.POLICE_STATION)
                    .sorted(Comparator.comparing(st -> st.id().value()))
                    .toList();
            for (int n = 0; n < 8; n++) {
                clock.advance(Duration.ofMinutes(7));
                Station st = stations.get(n % stations.size());
                boolean ambulance = st.kind() == StationKind.AMBULANCE_STATION;
                engine.execute(Commands.env(Commands.incident(
                        "CALL-" + n,
                        st.organisation().value(),
                        ambulance ? "CHEST_PAIN" : "THEFT_REPORT",
                        new GeoPoint(st.location().lat() + 0.003, st.location().lon() - 0.002))));
            }
            clock.advance(Duration.ofMinutes(3));
            // the same call again, linked to the first: one call, not two
            Station first = stations.getFirst();
            engine.execute(Commands.env(Commands.incident(
                    "DUP",
                    first.organisation().value(),
                    first.kind() == StationKind.AMBULANCE_STATION ? "CHEST_PAIN" : "THEFT_REPORT",
                    new GeoPoint(
                            first.location().lat() + 0.003, first.location().lon() - 0.002))));
            engine.execute(Commands.env(new Command.LinkDuplicate(IncidentId.of("DUP"), IncidentId.of("CALL-0"))));
            // a call taken in error and cancelled before anyone went
            engine.execute(Commands.env(Commands.incident(
                    "ERROR",
                    "MAS",
                    "FALL",
                    new GeoPoint(first.location().lat(), first.location().lon()))));
            engine.execute(Commands.env(new Command.CancelIncident(IncidentId.of("ERROR"))));
            // a call at a place none of the service's zones holds (London): taken, and warned about
            engine.execute(Commands.env(Commands.incident("AWAY", "MAS", "FALL", new GeoPoint(51.5, -0.12))));
            clock.advance(Duration.ofMinutes(5));
        }

        Run exported = CommandLineTest.run("export", "calls", "--store", store, "--data", data.toString());
        assertThat(exported.exit()).as(exported.err()).isZero();
        List<String> lines = exported.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("received,organisation,type,lat,lon");
        assertThat(lines).hasSize(1 + 8);
        assertThat(lines.get(1)).startsWith("2026-11-20T18:07:00Z,");
        assertThat(lines.get(8)).startsWith("2026-11-20T18:56:00Z,");
        assertThat(exported.out()).doesNotContain(",51.500000,");
        assertThat(exported.err()).contains("8 calls received from ", "replay them from a scenario");

        Run police = CommandLineTest.run(
                "export", "calls", "--store", store, "--data", data.toString(), "--org", "WSP", "--org", "NSP");
        assertThat(police.exit()).as(police.err()).isZero();
        assertThat(police.out().lines().skip(1)).allMatch(l -> l.contains(",WSP,") || l.contains(",NSP,"));

        // bad input is named, field, value and what was allowed
        Run unknown =
                CommandLineTest.run("export", "calls", "--store", store, "--data", data.toString(), "--org", "XX");
        assertThat(unknown.exit()).isEqualTo(ErrorHandler.INVALID);
        assertThat(unknown.err()).contains("--org", "XX", "is not an organisation of the log", "MAS");
        Run backwards = CommandLineTest.run(
                "export",
                "calls",
                "--store",
                store,
                "--data",
                data.toString(),
                "--from",
                "2026-11-20T20:00:00Z",
                "--to",
                "2026-11-20T19:00:00Z");
        assertThat(backwards.exit()).isEqualTo(ErrorHandler.INVALID);
        assertThat(backwards.err()).contains("--from", "2026-11-20T20:00:00Z", "must be before --to");
        // a moment as every command that looks back reads one: an instant, a time of day, an event's number
        Run later = CommandLineTest.run(
                "export", "calls", "--store", store, "--data", data.toString(), "--from", "2026-11-20T18:30:00Z");
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(later.out().lines().skip(1))
                .isNotEmpty()
                .hasSizeLessThan(8)
                .allMatch(l -> l.compareTo("2026-11-20T18:30:00Z") >= 0);
        Run garbled = CommandLineTest.run(
                "export", "calls", "--store", store, "--data", data.toString(), "--from", "yesterday", "--to", "99999");
        assertThat(garbled.exit()).isEqualTo(ErrorHandler.INVALID);
        assertThat(garbled.err())
                .contains("--from", "yesterday", "an event's sequence number such as 1200", "HH:MM")
                .contains("--to", "99999", "must be an event of the log, 1 to ");
        Run noZones = CommandLineTest.run(
                "export",
                "calls",
                "--store",
                store,
                "--data",
                dir.resolve("none").toString());
        assertThat(noZones.exit()).isEqualTo(ErrorHandler.INVALID);
        assertThat(noZones.err()).contains("--data", "must hold the zones' geometry");

        // the planner's rehearsal: the same calls, each at its own time, on the same region
        Files.writeString(dir.resolve("calls.csv"), exported.out());
        Path scenario = Files.writeString(dir.resolve("friday.yml"), """
                region:
                  generated:
                    seed: 7
                start: 2026-11-20T18:00:00Z
                duration: 2h
                demand:
                  replay: calls.csv
                """);
        assertThat(Main.run(
                        "simulate",
                        scenario.toString(),
                        "--out",
                        dir.resolve("out").toString(),
                        "--regions",
                        dir.resolve("regions").toString(),
                        "--quiet"))
                .isZero();
        List<String> replayed = Files.readAllLines(dir.resolve("out/incidents.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .map(f -> f[6] + "," + f[2] + "," + f[4])
                .sorted()
                .toList();
        List<String> recorded = lines.stream()
                .skip(1)
                .map(l -> l.split(","))
                .map(f -> f[0] + "," + f[1] + "," + f[2])
                .sorted()
                .toList();
        assertThat(replayed).isEqualTo(recorded);

        // "the same evening with twice the calls": each recorded call comes twice, as recorded and once more
        // in the half hour after it, whatever the seed
        assertThat(Main.run(
                        "simulate",
                        scenario.toString(),
                        "--out",
                        dir.resolve("doubled").toString(),
                        "--regions",
                        dir.resolve("regions").toString(),
                        "--sweep",
                        "demand.scale=1..2:1",
                        "--quiet"))
                .isZero();
        List<String[]> doubled = Files.readAllLines(dir.resolve("doubled/demand.scale=2/incidents.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .toList();
        assertThat(doubled).hasSize(2 * recorded.size());
        assertThat(doubled.stream().map(f -> f[6] + "," + f[2] + "," + f[4]).toList())
                .as("each recorded call, at its own time, among them")
                .containsAll(recorded);
    }
}
