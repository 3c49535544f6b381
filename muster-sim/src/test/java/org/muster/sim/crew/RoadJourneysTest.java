package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.road.ClosureKind;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.RegionFixture;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.Route;

class RoadJourneysTest {
    @Test
    void drivesAlongTheRoadsInTheRoutesTime() {
        RoadNetwork network = RegionFixture.network();
        RoadJourneys planner = RoadJourneys.of(network);
        List<Station> stations = RegionFiles.readStations(RegionFixture.region().stationsFile());
        int checked = 0;
        int positions = 0;
        int onRoad = 0;
        for (int i = 0; i + 7 < stations.size(); i += 3) {
            GeoPoint from = stations.get(i).location();
            GeoPoint to = stations.get(i + 7).location();
            Journey journey = planner.plan(from, to);
            Route route = network.findRoute(RoadProfile.EMERGENCY, from, to).orElseThrow();
            assertThat((double) journey.duration().toMillis())
                    .as("%s to %s", from, to)
                    .isCloseTo(route.travelTimeMillis(), org.assertj.core.data.Percentage.withPercentage(10));
            assertThat(journey.waypoints().size()).isGreaterThan(2);
            long steps = journey.duration().toSeconds() / 15;
            for (long s = 0; s <= steps; s++) {
                GeoPoint p = journey.positionAt(Duration.ofSeconds(15 * s));
                positions++;
                if (network.findSnap(p).filter(x -> x.offRoadMeters() < 40).isPresent()) onRoad++;
            }
            assertThat(journey.positionAt(journey.duration())).isEqualTo(journey.end());
            double along = 0;
            for (int w = 1; w < journey.waypoints().size(); w++) {
                along += journey.waypoints()
                        .get(w - 1)
                        .point()
                        .distanceMetersTo(journey.waypoints().get(w).point());
            }
            // The route's own shape: as long as the route, give or take the snaps at its ends.
            assertThat(along).isBetween(0.95 * route.distanceMeters(), 1.05 * route.distanceMeters() + 100);
            checked++;
        }
        assertThat(checked).isGreaterThan(3);
        assertThat((double) onRoad / positions)
                .as("%d of %d positions on a road", onRoad, positions)
                .isGreaterThan(0.98);
    }

    @Test
    void aCrewToldOfAClosureOnItsWayDrivesRoundIt() {
        RoadNetwork network = RegionFixture.network();
        RoadJourneys planner = RoadJourneys.of(network);
        List<Station> stations = RegionFiles.readStations(RegionFixture.region().stationsFile());
        GeoPoint from = stations.get(0).location();
        GeoPoint to = stations.get(7).location();
        List<GeoPoint> shape = network.findRouteShape(RoadProfile.EMERGENCY, from, to)
                .orElseThrow()
                .points();
        GeoPoint middle = shape.get(shape.size() / 2);
        double d = 150 / 111_200.0;
        double e = d / Math.cos(Math.toRadians(middle.lat()));
        RoadClosure flood = new RoadClosure(
                RoadClosureId.of("RC-1"),
                OrganisationId.of("MAS"),
                ClosureKind.AREA,
                List.of(
                        GeoPoint.of(middle.lat() - d, middle.lon() - e),
                        GeoPoint.of(middle.lat() - d, middle.lon() + e),
                        GeoPoint.of(middle.lat() + d, middle.lon() + e),
                        GeoPoint.of(middle.lat() + d, middle.lon() - e)),
                "flooding",
                Instant.parse("2026-11-22T18:00:00Z"),
                Instant.parse("2026-11-22T20:00:00Z"));
        MusterState open = MusterState.empty();
        MusterState closed = open.withRoadClosure(flood);

        Journey before = planner.plan(from, to, open);
        Journey round = planner.plan(from, to, closed);
        Route detour = network.findRoute(RoadProfile.EMERGENCY, from, to, network.closeRoads(List.of(flood)))
                .orElseThrow();
        assertThat(round.duration()).isGreaterThan(before.duration());
        assertThat((double) round.duration().toMillis())
                .isCloseTo(detour.travelTimeMillis(), org.assertj.core.data.Percentage.withPercentage(10));
        // the drive keeps out of the closed square: no position along it comes near its middle
        for (long s = 0; s <= round.duration().toSeconds(); s += 5)
            assertThat(round.positionAt(Duration.ofSeconds(s)).distanceMetersTo(middle))
                    .isGreaterThan(60);
        // reopened (a state without it), the crew takes the short way again
        assertThat(planner.plan(from, to, open).duration()).isEqualTo(before.duration());
    }

    @Test
    void aPointFarFromAnyRoadFallsBackToAStraightLine() {
        RoadJourneys planner = RoadJourneys.of(RegionFixture.network());
        GeoPoint sea = GeoPoint.of(51.0, -3.0);
        GeoPoint to = GeoPoint.of(51.01, -3.0);
        assertThat(planner.plan(sea, to)).isEqualTo(StraightJourneys.DEFAULT.plan(sea, to));
    }
}
