package org.muster.engine.rules;

import java.util.Locale;
import java.util.Optional;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * A place must be near a road of the network: a rendezvous point. Refusals name the caller's field. A call
 * far from the roads is taken with a warning instead ({@link Rules.LocationCheck#offRoadWarning}).
 */
public final class RoadLocations {
    private RoadLocations() {}

    public static Rules.LocationCheck of(TravelTimes network) {
        return new Rules.LocationCheck() {
            @Override
            public void check(String field, GeoPoint point) {
                try {
                    network.snap(point);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(e.violations().stream()
                            .map(v -> new Violation(field, v.value(), v.rule()))
                            .toList());
                }
            }

            @Override
            public Optional<String> offRoadWarning(GeoPoint point) {
                if (network.findSnap(point).isPresent()) return Optional.empty();
                return Optional.of(network.findNearestRoad(point)
                        .map(RoadLocations::words)
                        .orElse("no road found near the caller: units cannot be routed there; send them by hand"));
            }
        };
    }

    private static String words(SnappedLocation s) {
        GeoPoint road = s.onRoad();
        return String.format(
                Locale.ROOT,
                "the caller is %s on foot from the nearest road point (%.5f, %.5f): units are routed there",
                onFoot(s.offRoadMeters()),
                road.lat(),
                road.lon());
    }

    /** A walking distance in words: metres up to a kilometre, then kilometres to one decimal. */
    public static String onFoot(double meters) {
        return meters < 1000 ? Math.round(meters) + " m" : String.format(Locale.ROOT, "%.1f km", meters / 1000);
    }
}
