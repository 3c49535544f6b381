package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.Main;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;

/**
 * {@code scenarios/rutland-day.yml} run as shipped by {@code ./muster simulate}: a day on the real roads of
 * the Rutland extract, with the hand-made zones, stations and units of {@code scenarios/rutland/}. Skipped,
 * saying why, where {@code ../shared/data} is absent.
 */
class RutlandScenarioTest {
    private static final Path SCENARIO = Path.of("..", "scenarios", "rutland-day.yml");
    private static final GeoPoint OAKHAM_AMBULANCE_STATION = GeoPoint.of(52.672071, -0.73271);
    private static final GeoPoint UPPINGHAM = GeoPoint.of(52.5886, -0.7238);

    /** Where the scenario's {@code region.files.osm} points: ../shared/data beside the repository. */
    private static Path rutland() {
        return Path.of("..", "..", "shared", "data", "rutland-2022.osm.pbf");
    }

    /** One row of incidents.csv, by column name. */
    private record Row(Map<String, String> fields) {
        String get(String column) {
            return fields.get(column);
        }

        Duration response() {
            return Duration.between(Instant.parse(get("first_dispatched")), Instant.parse(get("first_arrival")));
        }

        boolean arrived() {
            return !get("first_arrival").isEmpty();
        }
    }

    private static List<Row> incidents(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("incidents.csv"));
        List<String> header = Arrays.asList(lines.getFirst().split(",", -1));
        List<Row> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) m.put(header.get(i), f[i]);
            out.add(new Row(m));
        }
        return out;
    }

    @Test
    void aDayInRutlandIsDispatchedOnItsRoadsAndTheSameSeedWritesTheSameFiles(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isRegularFile(rutland()),
                "the Rutland extract is absent (" + rutland().toAbsolutePath()
                        + "): scenarios/rutland-day.yml is not run");
        Path regions = dir.resolve("regions");
        for (String out : List.of("a", "b"))
            assertThat(Main.run(
                            "simulate",
                            SCENARIO.toString(),
                            "--out",
                            dir.resolve(out).toString(),
                            "--regions",
                            regions.toString(),
                            "--quiet"))
                    .isZero();
        for (String file : List.of("incidents.csv", "summary.json", "timeseries.csv", "report.html"))
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));

        List<Row> rows = incidents(dir.resolve("a"));
        // every organisation of the files had calls, in its own zones, and the control room sent its units
        assertThat(rows.stream().map(r -> r.get("organisation")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("LP", "EMAS", "LFRS");
        assertThat(rows.size()).isGreaterThan(50);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("zone")).startsWith(r.get("organisation") + "-"));
        assertThat(rows.stream().filter(r -> r.get("status").equals("CLOSED")).count())
                .as("calls closed")
                .isGreaterThan(rows.size() * 8L / 10);
        assertThat(rows.stream().filter(r -> !r.get("units").isEmpty()))
                .allSatisfy(r -> assertThat(r.get("units")).startsWith(r.get("organisation") + "-U"));
        List<Row> arrived = rows.stream().filter(Row::arrived).toList();
        // a crew reaches any call within the county in well under an hour, and never at once
        assertThat(arrived)
                .allSatisfy(r -> assertThat(r.response()).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(45)));

        // the drive to Uppingham is the roads' time from Oakham, where every ambulance is based
        try (RoadNetwork roads = RoadNetwork.load(
                rutland(),
                RoadNetworkConfig.defaults(regions.resolve("graph-cache")).withShowProgress(false))) {
            Route route = roads.findRoute(RoadProfile.EMERGENCY, OAKHAM_AMBULANCE_STATION, UPPINGHAM)
                    .orElseThrow();
            Duration road = route.travelTime();
            assertThat(road).isBetween(Duration.ofMinutes(6), Duration.ofMinutes(20));
            List<Duration> toUppingham = arrived.stream()
                    .filter(r -> r.get("zone").equals("EMAS-UPPINGHAM"))
                    .map(Row::response)
                    .sorted()
                    .toList();
            List<Duration> inOakham = arrived.stream()
                    .filter(r -> r.get("zone").equals("EMAS-OAKHAM"))
                    .map(Row::response)
                    .sorted()
                    .toList();
            assertThat(toUppingham).isNotEmpty();
            assertThat(inOakham).isNotEmpty();
            Duration median = toUppingham.get(toUppingham.size() / 2);
            // turnout (a minute) plus the road time, give or take where in the town the call is
            assertThat(median).isBetween(road.minusMinutes(3), road.plusMinutes(6));
            assertThat(inOakham.get(inOakham.size() / 2)).isLessThan(median);
            // the roads wind, but the A6003 is fast: a crew driving the straight line at the 13 m/s of a region
            // without roads (StraightJourneys) would arrive later than these did
            double straight = OAKHAM_AMBULANCE_STATION.distanceMetersTo(UPPINGHAM);
            assertThat(route.distanceMeters()).isGreaterThan(straight * 1.05);
            assertThat(median).isLessThan(Duration.ofSeconds(Math.round(straight / 13)));
        }
    }
}
