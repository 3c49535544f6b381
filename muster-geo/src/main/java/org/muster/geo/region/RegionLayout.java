package org.muster.geo.region;

import java.util.List;

/**
 * The planned road network: towns with their street grids, and the roads and motorways between them.
 * Everything the OSM writer, the zone planner and the station planner need, decided before any file is
 * written.
 */
record RegionLayout(
        RegionSpec spec,
        LocalProjection projection,
        double widthMeters,
        double heightMeters,
        List<Town> towns,
        RoadNodes roadNodes,
        List<WayPlan> roads,
        int motorways,
        int motorwayJunctions) {
    RegionLayout {
        towns = List.copyOf(towns);
        roads = List.copyOf(roads);
    }

    long gridNodeCount() {
        return towns.stream().mapToLong(Town::nodeCount).sum();
    }

    /**
     * Nodes where ways meet or end, which GraphHopper keeps as graph nodes: every grid node, each
     * motorway's two terminals, and per motorway junction the two slip-road ends and the two points on
     * each carriageway where slip roads leave and join.
     */
    long junctionCount() {
        return gridNodeCount() + 2L * motorways + 6L * motorwayJunctions;
    }

    long nodeCount() {
        return gridNodeCount() + roadNodes.size();
    }

    long gridWayCount() {
        return towns.stream().mapToLong(t -> t.nx + t.ny).sum();
    }

    long wayCount() {
        return gridWayCount() + roads.size();
    }

    double minX() {
        return -widthMeters / 2;
    }

    double maxX() {
        return widthMeters / 2;
    }

    double minY() {
        return -heightMeters / 2;
    }

    double maxY() {
        return heightMeters / 2;
    }

    long count(SettlementKind kind) {
        return towns.stream().filter(t -> t.kind == kind).count();
    }
}
