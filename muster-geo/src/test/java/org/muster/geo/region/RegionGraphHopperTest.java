package org.muster.geo.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.config.Profile;
import com.graphhopper.util.GHUtility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Station;

/** The generated OpenStreetMap file imports in GraphHopper as a real extract would, and its towns are joined up. */
class RegionGraphHopperTest {
    @TempDir
    static Path dir;

    private static GeneratedRegion region;
    private static GraphHopper hopper;

    @BeforeAll
    static void importRegion() {
        region = RegionGenerator.generate(RegionSpec.defaults(7), dir.resolve("region"));
        hopper = new GraphHopper()
                .setOSMFile(region.osmFile().toString())
                .setGraphHopperLocation(dir.resolve("graph").toString())
                .setEncodedValuesString("car_access, car_average_speed, road_class")
                .setProfiles(new Profile("car").setCustomModel(GHUtility.loadCustomModelFromJar("car.json")))
                .importOrLoad();
    }

    private static GHResponse route(GeoPoint from, GeoPoint to) {
        return hopper.route(new GHRequest(from.lat(), from.lon(), to.lat(), to.lon()).setProfile("car"));
    }

    @Test
    void everyJunctionBecomesAGraphNode() {
        assertThat((long) hopper.getBaseGraph().getNodes())
                .isEqualTo(region.counts().junctions());
    }

    @Test
    void everySettlementIsReachableFromTheCityAndBack() {
        List<RegionManifest.SettlementEntry> settlements = region.manifest().settlements();
        GeoPoint city =
                GeoPoint.of(settlements.getFirst().lat(), settlements.getFirst().lon());
        List<String> failures = new ArrayList<>();
        for (RegionManifest.SettlementEntry s : settlements.subList(1, settlements.size())) {
            GeoPoint p = GeoPoint.of(s.lat(), s.lon());
            GHResponse there = route(city, p);
            GHResponse back = route(p, city);
            if (there.hasErrors() || back.hasErrors())
                failures.add(s.name() + ": " + there.getErrors() + back.getErrors());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyStationAndUnitCanReachTheCityAndBeReachedFromIt() {
        GeoPoint city = GeoPoint.of(
                region.manifest().settlements().getFirst().lat(),
                region.manifest().settlements().getFirst().lon());
        List<GeoPoint> points = new ArrayList<>();
        RegionFiles.readStations(region.stationsFile()).stream()
                .map(Station::location)
                .forEach(points::add);
        RegionFiles.readUnits(region.unitsFile()).stream()
                .map(UnitRecord::position)
                .forEach(points::add);
        for (GeoPoint p : points) {
            GHResponse there = route(city, p);
            GHResponse back = route(p, city);
            assertThat(there.hasErrors() || back.hasErrors())
                    .as("route to and from %s", p)
                    .isFalse();
            // Snapped to a road junction it stands on, not somewhere down the road.
            assertThat(there.getBest().getWaypoints().get(1).lat)
                    .isCloseTo(p.lat(), org.assertj.core.data.Offset.offset(0.0005));
        }
    }

    @Test
    void theMotorwayCarriesTrafficBetweenTheCityAndATown() {
        List<RegionManifest.SettlementEntry> settlements = region.manifest().settlements();
        GeoPoint city =
                GeoPoint.of(settlements.getFirst().lat(), settlements.getFirst().lon());
        long viaMotorway = settlements.stream()
                .filter(s -> s.kind() == SettlementKind.TOWN)
                .map(s -> hopper.route(new GHRequest(city.lat(), city.lon(), s.lat(), s.lon())
                        .setProfile("car")
                        .setPathDetails(List.of("road_class"))))
                .filter(r -> r.getBest().getPathDetails().get("road_class").stream()
                        .anyMatch(d -> d.getValue().toString().equals("motorway")))
                .count();

        assertThat(viaMotorway).isPositive();
    }
}
