package org.muster.geo.road;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.road.RoadClosure;

/**
 * Travel times looked up in a table instead of searched for each question: the simulator's fast mode
 * ({@code travel: tabled}, docs/simulator.md). The roads' rectangle is cut into square cells; each cell with
 * a road near its centre is placed on the road there, and a cell's row — the road travel time and distance
 * from it to every other cell — comes from one search of the road network the first time a unit stands in
 * it (units stand at a few dozen stations most of the time, so few rows are ever searched). A time is then
 * the time between the two points' cells: a lookup, not a search. Within one cell, or between cells no road
 * joins, it is the straight line at {@link #STRAIGHT_LINE_METERS_PER_SECOND}.
 *
 * <p>What it gives up, and why a simulation may accept it: a time is off by up to a cell's width at each end
 * (about a minute at 500 m cells), and road closures are ignored (the simulator places none). Snapping and
 * everything else is the network's (which remembers the points it placed). Thread-safe: rows are computed once, whichever thread asks first, and are
 * the same whoever computes them.
 */
public final class TabledTravelTimes implements TravelTimes {
    /** The default cell's side. */
    public static final double DEFAULT_CELL_METERS = 500;

    /** A straight line's speed where the table has no road time: within a cell, or across water. */
    public static final double STRAIGHT_LINE_METERS_PER_SECOND = 10;

    private static final double METERS_PER_DEGREE_LAT = 111_320;

    private final RoadNetwork network;
    private final double cellMeters;
    private final GeoBounds bounds;
    private final int columns;
    private final int rows;
    private final double latStep;
    private final double lonStep;
    /** Each cell's place on the roads, or null when no road passes near its centre. */
    private final SnappedLocation[] anchors;

    private final DestinationIndex<Integer> cellIndex;
    /** Per profile, each origin cell's row: millis then meters to every cell, -1 where unreached. */
    private final List<ConcurrentHashMap<Integer, long[]>> tables = new ArrayList<>();

    private TabledTravelTimes(RoadNetwork network, double cellMeters) {
        this.network = network;
        this.cellMeters = cellMeters;
        this.bounds = network.bounds();
        double midLat = (bounds.southWest().lat() + bounds.northEast().lat()) / 2;
        this.latStep = cellMeters / METERS_PER_DEGREE_LAT;
        this.lonStep = cellMeters / (METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(midLat)));
        this.rows = Math.max(1, (int)
                Math.ceil((bounds.northEast().lat() - bounds.southWest().lat()) / latStep));
        this.columns = Math.max(1, (int)
                Math.ceil((bounds.northEast().lon() - bounds.southWest().lon()) / lonStep));
        this.anchors = new SnappedLocation[rows * columns];
        List<Destination<Integer>> destinations = new ArrayList<>();
        for (int cell = 0; cell < anchors.length; cell++) {
            Optional<SnappedLocation> placed = network.findSnap(centre(cell));
            if (placed.isEmpty()) continue;
            anchors[cell] = placed.get();
            destinations.add(new Destination<>(cell, placed.get()));
        }
        this.cellIndex = network.indexDestinations(destinations);
        for (int i = 0; i < RoadProfile.values().length; i++) tables.add(new ConcurrentHashMap<>());
    }

    /**
     * A table over {@code network}'s roads in cells of {@code cellMeters} a side; each cell's centre is placed on
     * the roads now, the rows are searched when first needed.
     *
     * @throws InvalidInputException when the cell is under 100 m or over 10 km
     */
    public static TabledTravelTimes over(RoadNetwork network, double cellMeters) {
        Check.present("network", network);
        if (!(cellMeters >= 100 && cellMeters <= 10_000))
            throw InvalidInputException.of("cellMeters", cellMeters, "must be 100 to 10,000 m");
        return new TabledTravelTimes(network, cellMeters);
    }

    /** {@link #over(RoadNetwork, double)} in cells of {@link #DEFAULT_CELL_METERS}. */
    public static TabledTravelTimes over(RoadNetwork network) {
        return over(network, DEFAULT_CELL_METERS);
    }

    /** The network the table was searched on, which places points on the roads for it. */
    public RoadNetwork network() {
        return network;
    }

    public double cellMeters() {
        return cellMeters;
    }

    /** How many cells have a place on the roads. */
    public int cellCount() {
        return cellIndex.size();
    }

    /** How many rows have been searched so far, over every profile. */
    public int rowsSearched() {
        return tables.stream().mapToInt(ConcurrentHashMap::size).sum();
    }

    /**
     * The tabled time and distance from {@code from} to {@code to}: the road's between their cells, or the
     * straight line's within one cell or where no road joins them.
     */
    public Route findTabledRoute(RoadProfile profile, GeoPoint from, GeoPoint to) {
        Check.present("profile", profile);
        Check.present("from", from);
        Check.present("to", to);
        return tabled(profile, cellOf(from), from, cellOf(to), to);
    }

    private Route tabled(RoadProfile profile, int fromCell, GeoPoint from, int toCell, GeoPoint to) {
        if (fromCell >= 0 && toCell >= 0 && fromCell != toCell) {
            long[] row = row(profile, fromCell);
            if (row != null && row[2 * toCell] >= 0) return new Route(row[2 * toCell], row[2 * toCell + 1]);
        }
        double meters = from.distanceMetersTo(to);
        return new Route(Math.round(1000 * meters / STRAIGHT_LINE_METERS_PER_SECOND), meters);
    }

    /** The cell's row, searched on first use; null for a cell with no place on the roads. */
    private long[] row(RoadProfile profile, int cell) {
        if (anchors[cell] == null) return null;
        return tables.get(profile.ordinal()).computeIfAbsent(cell, c -> search(profile, c));
    }

    private long[] search(RoadProfile profile, int cell) {
        long[] row = new long[2 * anchors.length];
        java.util.Arrays.fill(row, -1);
        Reach reach = network.reach(anchors[cell], profile, ArrivalQuery.UNLIMITED);
        for (Reached<Integer> r : reach.listReached(cellIndex)) {
            row[2 * r.key()] = r.travelTimeMillis();
            row[2 * r.key() + 1] = Math.round(r.distanceMeters());
        }
        return row;
    }

    /** The cell a point lies in; -1 outside the roads' rectangle. */
    private int cellOf(GeoPoint p) {
        int r = (int) Math.floor((p.lat() - bounds.southWest().lat()) / latStep);
        int c = (int) Math.floor((p.lon() - bounds.southWest().lon()) / lonStep);
        if (r < 0 || c < 0 || r >= rows || c >= columns) return -1;
        return r * columns + c;
    }

    private GeoPoint centre(int cell) {
        int r = cell / columns;
        int c = cell % columns;
        return GeoPoint.of(
                Math.min(bounds.northEast().lat(), bounds.southWest().lat() + (r + 0.5) * latStep),
                Math.min(bounds.northEast().lon(), bounds.southWest().lon() + (c + 0.5) * lonStep));
    }

    @Override
    public GeoBounds bounds() {
        return bounds;
    }

    @Override
    public double maxSnapDistanceMeters() {
        return network.maxSnapDistanceMeters();
    }

    /**
     * The network's placing, which the network remembers ({@link RoadNetwork#findSnap}): units stand at stations,
     * crews report where a drive ended, a crew arrives at the scene the call was placed at.
     */
    @Override
    public Optional<SnappedLocation> findSnap(GeoPoint point) {
        return network.findSnap(point);
    }

    @Override
    public Optional<SnappedLocation> findNearestRoad(GeoPoint point) {
        return network.findNearestRoad(point);
    }

    @Override
    public SnappedLocation snap(GeoPoint point) {
        // the network's own refusal, naming how far the road is, for a point with none near it
        return findSnap(point).orElseGet(() -> network.snap(point));
    }

    /** Closures are not tabled: the simulator places none, and a table searched once cannot avoid them. */
    @Override
    public ClosedRoads closeRoads(Collection<RoadClosure> closures) {
        return ClosedRoads.none();
    }

    @Override
    public <T> OriginIndex<T> indexOrigins(Collection<Origin<T>> origins) {
        Check.present("origins", origins);
        return new OriginIndex<>(new ArrayList<>(origins), this);
    }

    /**
     * The accepted origins in order of tabled time to {@code destination} (equal times in the index's order),
     * at most {@code query.limit()}, none slower than its limit: each origin's time is looked up, none searched.
     */
    @Override
    public <T> List<Arrival<T>> listFastestArrivals(
            SnappedLocation destination, OriginIndex<T> origins, Predicate<? super T> accept, ArrivalQuery query) {
        return listFastestArrivals(destination, origins, o -> true, accept, query);
    }

    /**
     * As {@link #listFastestArrivals(SnappedLocation, OriginIndex, Predicate, ArrivalQuery)}, looking up no time
     * for an origin {@code mayAccept} rules out: a unit on scene or at hospital stands in a cell whose row may
     * not have been searched yet, and searching it for a unit that cannot be sent is most of a dispatch's cost.
     */
    @Override
    public <T> List<Arrival<T>> listFastestArrivals(
            SnappedLocation destination,
            OriginIndex<T> origins,
            Predicate<? super T> mayAccept,
            Predicate<? super T> accept,
            ArrivalQuery query) {
        Check.present("destination", destination);
        Check.present("origins", origins);
        Check.present("mayAccept", mayAccept);
        Check.present("accept", accept);
        Check.present("query", query);
        if (!origins.belongsTo(this)) throw new IllegalArgumentException("origins were indexed by another network");
        GeoPoint to = destination.onRoad();
        int toCell = cellOf(to);
        List<Origin<T>> list = origins.listOrigins();
        long limit = query.maxTravelTime().toMillis();
        List<Arrival<T>> timed = new ArrayList<>(list.size());
        for (Origin<T> o : list) {
            if (!mayAccept.test(o.key())) continue;
            GeoPoint from = o.location().onRoad();
            Route r = tabled(query.profile(), cellOf(from), from, toCell, to);
            if (r.travelTimeMillis() <= limit)
                timed.add(new Arrival<>(o.key(), r.travelTimeMillis(), r.distanceMeters()));
        }
        // a stable sort: equal times keep the index's order, as the search's ties do
        timed.sort(Comparator.comparingLong(Arrival::travelTimeMillis));
        List<Arrival<T>> out = new ArrayList<>();
        for (Arrival<T> a : timed) {
            if (out.size() >= query.limit()) break;
            if (accept.test(a.key())) out.add(a);
        }
        return out;
    }

    @Override
    public <T> DestinationIndex<T> indexDestinations(Collection<Destination<T>> destinations) {
        return network.indexDestinations(destinations);
    }

    /**
     * Coverage's forward search is the network's own: it asks what a unit reaches, not one time. {@code closed}
     * is always none here ({@link #closeRoads} places nothing).
     */
    @Override
    public Reach reach(SnappedLocation origin, RoadProfile profile, Duration maxTravelTime, ClosedRoads closed) {
        return network.reach(origin, profile, maxTravelTime);
    }

    /** The tabled route; {@code closed} is always none here ({@link #closeRoads} places nothing). */
    @Override
    public Optional<Route> findRoute(RoadProfile profile, GeoPoint from, GeoPoint to, ClosedRoads closed) {
        return Optional.of(findTabledRoute(profile, from, to));
    }
}
