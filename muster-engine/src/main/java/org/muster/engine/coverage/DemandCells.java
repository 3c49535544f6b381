package org.muster.engine.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.Destination;
import org.muster.geo.road.DestinationIndex;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * The demand that coverage measures: H3 cells over an area, each with a weight and a representative point
 * (its centre placed on the road), indexed once for the road search so that finding the cells a unit
 * reaches costs one lookup per junction the search settles.
 *
 * <p>Weights are kept as whole thousandths ({@link #MILLI}) so that coverage, added and taken away unit by
 * unit, sums exactly and an incremental figure equals a recomputed one to the last digit.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class DemandCells {
    /** About 0.74 km² a cell, 460 m from centre to corner: finer than a unit's reach, coarser than a street. */
    public static final int DEFAULT_RESOLUTION = 8;

    public static final int MIN_RESOLUTION = 4;
    public static final int MAX_RESOLUTION = 11;

    /** The largest weight of one cell; with a million cells the sums still fit a long in thousandths. */
    public static final double MAX_WEIGHT = 1e9;

    static final long MILLI = 1000;

    private final TravelTimes network;
    private final int resolution;
    private final List<DemandCell> cells;
    private final long[] weightMilli;
    private final int[][] zonesOfCell;
    private final List<ZoneId> zones;
    private final long[] zoneDemandMilli;
    private final long totalMilli;
    private final int unplaced;
    private final DestinationIndex<Integer> index;

    private DemandCells(
            TravelTimes network,
            int resolution,
            List<DemandCell> cells,
            long[] weightMilli,
            int[][] zonesOfCell,
            List<ZoneId> zones,
            List<Destination<Integer>> destinations) {
        this.network = network;
        this.resolution = resolution;
        this.cells = List.copyOf(cells);
        this.weightMilli = weightMilli;
        this.zonesOfCell = zonesOfCell;
        this.zones = List.copyOf(zones);
        this.zoneDemandMilli = new long[zones.size()];
        long total = 0;
        for (int c = 0; c < weightMilli.length; c++) {
            total += weightMilli[c];
            for (int z : zonesOfCell[c]) zoneDemandMilli[z] += weightMilli[c];
        }
        this.totalMilli = total;
        this.unplaced = cells.size() - destinations.size();
        this.index = network.indexDestinations(destinations);
    }

    /**
     * Cells of {@code grid} over {@code network}'s whole area at the default resolution, of equal weight,
     * without zones.
     */
    public static Builder over(TravelTimes network, CellIndex grid) {
        return new Builder(Check.present("network", network), Check.present("grid", grid));
    }

    /** How near a road a point must lie to count among the places calls come from, for {@link #ofService}. */
    public static final double NEAR_ROAD_METERS = 100;

    /**
     * The demand the service measures against, in one place for all that read it: the live coverage, move-up's
     * proposals, mutual aid's "coverage each would lose" (on the dashboard and from {@code aid suggest}), and
     * the simulator's coverage over time. Cells over the whole network, each weighted by the share of it that
     * lies near a road ({@link DemandWeights#nearRoads}, {@value #NEAR_ROAD_METERS} m): the population proxy
     * where no incident history is at hand.
     *
     * <p>Not every cell alike: fields, woods and water with no road hold no calls and no unit can reach them.
     * Counted as demand, they held coverage down whatever the units did: on the demo's region 853 of its
     * 1,396 ambulance cells, so that its C2 coverage could not rise above 39 % with every crew free.
     */
    public static DemandCells ofService(TravelTimes network, CellIndex grid, Rules.ZoneLocator zones) {
        return over(network, grid)
                .demand(DemandWeights.nearRoads(grid, network, NEAR_ROAD_METERS))
                .zones(zones)
                .build();
    }

    /** The cells' settings; {@link #build} places every cell on the road. */
    public static final class Builder {
        private final TravelTimes network;
        private final CellIndex grid;
        private int resolution = DEFAULT_RESOLUTION;
        private GeoBounds area;
        private DemandWeights weights = DemandWeights.uniform();
        private Rules.ZoneLocator zones = Rules.ZoneLocator.NONE;

        private Builder(TravelTimes network, CellIndex grid) {
            this.network = network;
            this.grid = grid;
            this.area = network.bounds();
        }

        /** H3 resolution, {@value #MIN_RESOLUTION} (coarse) to {@value #MAX_RESOLUTION} (fine). */
        public Builder resolution(int h3Resolution) {
            if (h3Resolution < MIN_RESOLUTION || h3Resolution > MAX_RESOLUTION) {
                throw InvalidInputException.of(
                        "resolution",
                        h3Resolution,
                        "must be an H3 resolution from " + MIN_RESOLUTION + " to " + MAX_RESOLUTION);
            }
            this.resolution = h3Resolution;
            return this;
        }

        /** The rectangle to cover with cells (those whose centre lies inside it); the network's by default. */
        public Builder area(GeoBounds bounds) {
            this.area = Check.present("area", bounds);
            return this;
        }

        public Builder demand(DemandWeights demandWeights) {
            this.weights = Check.present("demand", demandWeights);
            return this;
        }

        /** Which zones each cell lies in (by its centre), for figures per zone; none by default. */
        public Builder zones(Rules.ZoneLocator locator) {
            this.zones = Check.present("zones", locator);
            return this;
        }

        /**
         * Lists the area's cells, weighs them, drops those of no demand, and places each centre on the road.
         *
         * @throws InvalidInputException naming every cell whose weight is negative, not finite or too large
         */
        public DemandCells build() {
            long[] ids = grid.cellsOver(area, resolution);
            Arrays.sort(ids); // H3 order keeps neighbours close, and the order must not depend on the platform
            Check check = Check.collecting();
            List<DemandCell> cells = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            List<List<ZoneId>> cellZones = new ArrayList<>();
            List<Destination<Integer>> destinations = new ArrayList<>();
            TreeSet<ZoneId> allZones = new TreeSet<>();
            for (long id : ids) {
                GeoPoint centre = grid.centreOf(id);
                double weight = this.weights.weightOf(id, centre);
                if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
                    check.add(
                            "demand",
                            weight,
                            "of cell " + Long.toHexString(id) + " must be between 0 and " + MAX_WEIGHT);
                    continue;
                }
                long milli = Math.round(weight * MILLI);
                if (milli == 0) continue;
                Optional<SnappedLocation> onRoad = placeOnRoad(network, grid, id, centre);
                List<ZoneId> inZones = List.copyOf(new TreeSet<>(zones.zonesAt(centre)));
                int number = cells.size();
                onRoad.ifPresent(s -> destinations.add(new Destination<>(number, s)));
                cells.add(new DemandCell(
                        id, centre, milli / (double) MILLI, onRoad.map(SnappedLocation::onRoad), inZones));
                weights.add(milli);
                cellZones.add(inZones);
                allZones.addAll(inZones);
            }
            check.throwIfAny();
            List<ZoneId> zoneList = List.copyOf(allZones);
            TreeMap<ZoneId, Integer> zoneNumber = new TreeMap<>();
            for (ZoneId z : zoneList) zoneNumber.put(z, zoneNumber.size());
            long[] weightMilli = new long[cells.size()];
            int[][] zonesOfCell = new int[cells.size()][];
            for (int i = 0; i < weightMilli.length; i++) {
                weightMilli[i] = weights.get(i);
                zonesOfCell[i] =
                        cellZones.get(i).stream().mapToInt(zoneNumber::get).toArray();
            }
            return new DemandCells(network, resolution, cells, weightMilli, zonesOfCell, zoneList, destinations);
        }
    }

    /**
     * The cell's centre on the nearest road; when none lies near enough (a centre in fields, a cell at the
     * edge of the map), the first of its seven children, nearest the centre first, that can be placed: a
     * cell with demand almost always has a road somewhere in it, and units must be able to reach it.
     */
    private static Optional<SnappedLocation> placeOnRoad(
            TravelTimes network, CellIndex grid, long cell, GeoPoint centre) {
        Optional<SnappedLocation> atCentre = network.findSnap(centre);
        int resolution = grid.resolutionOf(cell);
        if (atCentre.isPresent() || resolution >= CellIndex.MAX_RESOLUTION) return atCentre;
        List<GeoPoint> children = new ArrayList<>();
        for (long child : grid.listChildren(cell, resolution + 1)) children.add(grid.centreOf(child));
        children.sort(Comparator.comparingDouble(centre::distanceMetersTo));
        for (GeoPoint p : children) {
            Optional<SnappedLocation> placed = network.findSnap(p);
            if (placed.isPresent()) return placed;
        }
        return Optional.empty();
    }

    public TravelTimes network() {
        return network;
    }

    /** A reach's question: where from, at whose speeds, to which targets. */
    private record ReachKey(org.muster.domain.GeoPoint from, RoadProfile profile, List<Long> targetMillis) {}

    /** Reaches already searched, most from units standing at their stations again; bounded. */
    private final java.util.concurrent.ConcurrentHashMap<ReachKey, UnitReach> reaches =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MOST_REACHES_KEPT = 20_000;

    /**
     * The cells reached from {@code at} for each standard: searched once per place, profile and targets, then
     * kept, since the roads and cells never change and units come back to the same stations all day (and,
     * in the simulator, in every replication). The same answer as a search, whichever thread asks.
     */
    UnitReach reachFrom(SnappedLocation at, RoadProfile profile, List<CoverageStandard> standards) {
        List<Long> targets =
                standards.stream().map(CoverageStandard::targetMillis).toList();
        ReachKey key = new ReachKey(at.requested(), profile, targets);
        UnitReach known = reaches.get(key);
        if (known != null) return known;
        if (reaches.size() >= MOST_REACHES_KEPT) reaches.clear();
        UnitReach searched = UnitReach.search(this, profile, standards, at, ClosedRoads.none());
        reaches.putIfAbsent(key, searched);
        return searched;
    }

    public int resolution() {
        return resolution;
    }

    /** How many cells hold demand. */
    public int size() {
        return cells.size();
    }

    /** The cells, in H3 order; a cell's position here is its number in coverage. */
    public List<DemandCell> listCells() {
        return cells;
    }

    public double totalDemand() {
        return totalMilli / (double) MILLI;
    }

    /** Every zone some cell lies in, sorted. */
    public List<ZoneId> listZones() {
        return zones;
    }

    /** Cells with demand but no road near enough to place them on: counted in the demand, never covered. */
    public int countUnplaced() {
        return unplaced;
    }

    long weightMilli(int cell) {
        return weightMilli[cell];
    }

    int[] zonesOf(int cell) {
        return zonesOfCell[cell];
    }

    int zoneCount() {
        return zones.size();
    }

    ZoneId zone(int number) {
        return zones.get(number);
    }

    long zoneDemandMilli(int zone) {
        return zoneDemandMilli[zone];
    }

    long totalMilli() {
        return totalMilli;
    }

    /** The placed cells as destinations keyed by cell number. */
    DestinationIndex<Integer> index() {
        return index;
    }
}
