package org.muster.engine.rules;

import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.geo.road.RoadNetwork;

/** A place must be near a road of the network: a call, a rendezvous point. Refusals name the caller's field. */
public final class RoadLocations {
    private RoadLocations() {}

    public static Rules.LocationCheck of(RoadNetwork network) {
        return (field, point) -> {
            try {
                network.snap(point);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.violations().stream()
                        .map(v -> new Violation(field, v.value(), v.rule()))
                        .toList());
            }
        };
    }
}
