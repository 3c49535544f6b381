package org.muster.geo.road;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.muster.domain.Check;

/**
 * How much faster than a car an emergency vehicle travels on each class of road, and the speed it never
 * exceeds. The factor multiplies GraphHopper's average car speed for the road (which already reflects its
 * {@code maxspeed} tag); the result is then capped at {@code maxSpeedKmh}.
 *
 * @param factorByRoadClass speed factor per road class, each in [0.05, 3]; classes not listed use {@code
 *     otherFactor}
 * @param otherFactor factor for every road class not in the map, in [0.05, 3]
 * @param maxSpeedKmh the emergency vehicle's top speed in km/h, in [5, 250]
 */
public record EmergencySpeeds(Map<RoadClass, Double> factorByRoadClass, double otherFactor, double maxSpeedKmh) {
    private static final double MIN_FACTOR = 0.05;
    private static final double MAX_FACTOR = 3;

    public EmergencySpeeds {
        Check.present("emergencySpeeds.factorByRoadClass", factorByRoadClass);
        Check check = Check.collecting();
        EnumMap<RoadClass, Double> copy = new EnumMap<>(RoadClass.class);
        for (Map.Entry<RoadClass, Double> e : factorByRoadClass.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                check.add("emergencySpeeds.factorByRoadClass", factorByRoadClass, "must not hold null");
                continue;
            }
            String field =
                    "emergencySpeeds.factorByRoadClass." + e.getKey().name().toLowerCase(Locale.ROOT);
            double factor = e.getValue();
            check.attempt(() -> Check.range(field, factor, MIN_FACTOR, MAX_FACTOR));
            copy.put(e.getKey(), factor);
        }
        check.attempt(() -> Check.range("emergencySpeeds.otherFactor", otherFactor, MIN_FACTOR, MAX_FACTOR));
        check.attempt(() -> Check.range("emergencySpeeds.maxSpeedKmh", maxSpeedKmh, 5, 250));
        check.throwIfAny();
        factorByRoadClass = Map.copyOf(copy);
    }

    /**
     * About 1.2 times car speed on urban and rural roads, a little less on motorways and trunk roads (where
     * cars already drive near the limit), car speed on service roads and living streets, never above 130
     * km/h.
     */
    public static EmergencySpeeds defaults() {
        EnumMap<RoadClass, Double> factors = new EnumMap<>(RoadClass.class);
        factors.put(RoadClass.MOTORWAY, 1.1);
        factors.put(RoadClass.TRUNK, 1.15);
        factors.put(RoadClass.PRIMARY, 1.2);
        factors.put(RoadClass.SECONDARY, 1.2);
        factors.put(RoadClass.TERTIARY, 1.2);
        factors.put(RoadClass.UNCLASSIFIED, 1.2);
        factors.put(RoadClass.RESIDENTIAL, 1.2);
        factors.put(RoadClass.LIVING_STREET, 1.0);
        factors.put(RoadClass.SERVICE, 1.0);
        return new EmergencySpeeds(factors, 1.0, 130);
    }

    /** The factor for one road class. */
    public double factor(RoadClass roadClass) {
        return factorByRoadClass.getOrDefault(roadClass, otherFactor);
    }

    public EmergencySpeeds withFactor(RoadClass roadClass, double factor) {
        EnumMap<RoadClass, Double> factors = new EnumMap<>(RoadClass.class);
        factors.putAll(factorByRoadClass);
        factors.put(Check.present("roadClass", roadClass), factor);
        return new EmergencySpeeds(factors, otherFactor, maxSpeedKmh);
    }

    public EmergencySpeeds withMaxSpeedKmh(double maxSpeedKmh) {
        return new EmergencySpeeds(factorByRoadClass, otherFactor, maxSpeedKmh);
    }

    /**
     * A canonical text of every setting, in a fixed order, so equal configurations hash equally (the graph
     * cache is keyed by it).
     */
    public String canonicalText() {
        String factors = Arrays.stream(RoadClass.values())
                .map(c -> c.name() + "=" + format(factor(c)))
                .collect(Collectors.joining(","));
        return "factors[" + factors + "],other=" + format(otherFactor) + ",max=" + format(maxSpeedKmh);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
