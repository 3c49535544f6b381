package org.muster.geo.road;

import java.nio.file.Path;
import java.util.Locale;
import org.muster.domain.Check;

/**
 * How a road network is imported, cached and queried.
 *
 * @param cacheDir where prepared graphs are kept, one sub-directory per (file, graph settings) key
 * @param emergencySpeeds the emergency profile's speed factors
 * @param maxSnapDistanceMeters how far from the nearest road a location may lie and still be placed on it
 * @param contractionHierarchies whether to prepare contraction hierarchies, which make {@link
 *     RoadNetwork#findRoute} (the point-to-point baseline) fast at the cost of a longer import; the
 *     one-to-many search does not use them
 * @param minNetworkSize road components with fewer edges than this are islands: nothing snaps to them
 *     (GraphHopper's {@code prepare.min_network_size})
 * @param showProgress whether an import draws a progress bar on standard error
 * @param turnRestrictions whether OpenStreetMap's turn restrictions are imported and obeyed (by the
 *     one-to-many searches and GraphHopper's routes alike); off only to measure what they cost or change
 */
public record RoadNetworkConfig(
        Path cacheDir,
        EmergencySpeeds emergencySpeeds,
        double maxSnapDistanceMeters,
        boolean contractionHierarchies,
        int minNetworkSize,
        boolean showProgress,
        boolean turnRestrictions) {
    public static final double DEFAULT_MAX_SNAP_DISTANCE_METERS = 500;
    public static final int DEFAULT_MIN_NETWORK_SIZE = 200;

    public RoadNetworkConfig {
        Check.present("cacheDir", cacheDir);
        Check.present("emergencySpeeds", emergencySpeeds);
        Check.range("maxSnapDistanceMeters", maxSnapDistanceMeters, 1, 100_000);
        Check.atLeast("minNetworkSize", minNetworkSize, 0);
    }

    /**
     * Default emergency speeds, 500 m snapping, contraction hierarchies on, islands under 200 edges ignored,
     * turn restrictions obeyed.
     */
    public static RoadNetworkConfig defaults(Path cacheDir) {
        return new RoadNetworkConfig(
                cacheDir,
                EmergencySpeeds.defaults(),
                DEFAULT_MAX_SNAP_DISTANCE_METERS,
                true,
                DEFAULT_MIN_NETWORK_SIZE,
                true,
                true);
    }

    public RoadNetworkConfig withEmergencySpeeds(EmergencySpeeds speeds) {
        return new RoadNetworkConfig(
                cacheDir,
                speeds,
                maxSnapDistanceMeters,
                contractionHierarchies,
                minNetworkSize,
                showProgress,
                turnRestrictions);
    }

    public RoadNetworkConfig withMaxSnapDistanceMeters(double meters) {
        return new RoadNetworkConfig(
                cacheDir,
                emergencySpeeds,
                meters,
                contractionHierarchies,
                minNetworkSize,
                showProgress,
                turnRestrictions);
    }

    public RoadNetworkConfig withContractionHierarchies(boolean enabled) {
        return new RoadNetworkConfig(
                cacheDir,
                emergencySpeeds,
                maxSnapDistanceMeters,
                enabled,
                minNetworkSize,
                showProgress,
                turnRestrictions);
    }

    public RoadNetworkConfig withMinNetworkSize(int edges) {
        return new RoadNetworkConfig(
                cacheDir,
                emergencySpeeds,
                maxSnapDistanceMeters,
                contractionHierarchies,
                edges,
                showProgress,
                turnRestrictions);
    }

    public RoadNetworkConfig withTurnRestrictions(boolean obeyed) {
        return new RoadNetworkConfig(
                cacheDir,
                emergencySpeeds,
                maxSnapDistanceMeters,
                contractionHierarchies,
                minNetworkSize,
                showProgress,
                obeyed);
    }

    public RoadNetworkConfig withShowProgress(boolean show) {
        return new RoadNetworkConfig(
                cacheDir,
                emergencySpeeds,
                maxSnapDistanceMeters,
                contractionHierarchies,
                minNetworkSize,
                show,
                turnRestrictions);
    }

    /**
     * The settings that shape the prepared graph, as canonical text: two configurations with equal text
     * share a cached graph. Snapping distance and progress output do not change the graph, so they are
     * left out. The profiles themselves (access rules, custom models) are in it too, so a graph prepared
     * by an older Muster is never loaded by one whose profiles differ.
     */
    public String graphSettingsText() {
        return String.format(
                Locale.ROOT,
                "emergency{%s};ch=%s;minNetworkSize=%d;profiles{%s}",
                emergencySpeeds.canonicalText(),
                contractionHierarchies,
                minNetworkSize,
                GraphHopperSetup.describe(emergencySpeeds, turnRestrictions));
    }
}
