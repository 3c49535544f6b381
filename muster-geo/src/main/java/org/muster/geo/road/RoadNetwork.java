package org.muster.geo.road;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.ResponsePath;
import com.graphhopper.routing.DijkstraBidirectionRef;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.index.LocationIndex;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PMap;
import com.graphhopper.util.Parameters;
import com.graphhopper.util.PointList;
import com.graphhopper.util.exceptions.ConnectionNotFoundException;
import com.graphhopper.util.exceptions.PointNotFoundException;
import com.graphhopper.util.exceptions.PointOutOfBoundsException;
import com.graphhopper.util.shapes.BBox;
import com.graphhopper.util.shapes.GHPoint3D;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.MusterException;
import org.muster.domain.road.RoadClosure;
import org.muster.domain.road.RoadClosureId;
import org.muster.geo.road.internal.Anchor;
import org.muster.geo.road.internal.AvoidingWeighting;
import org.muster.geo.road.internal.ClosedEdges;
import org.muster.geo.road.internal.ClosurePlacer;
import org.muster.geo.road.internal.ForwardGraph;
import org.muster.geo.road.internal.GraphCache;
import org.muster.geo.road.internal.ImportProgress;
import org.muster.geo.road.internal.NearestSearch;
import org.muster.geo.road.internal.OsmFileCheck;
import org.muster.geo.road.internal.ProgressGraphHopper;
import org.muster.geo.road.internal.ReachSearch;
import org.muster.geo.road.internal.ReverseGraph;
import org.muster.geo.road.internal.TurnRestrictions;

/**
 * A road network loaded from OpenStreetMap: snapping, one-to-many travel times and point-to-point routes.
 *
 * <p>Thread-safe: any number of threads may snap, search and route at once. Close it to release the graph.
 */
public final class RoadNetwork implements TravelTimes, AutoCloseable {
    private static final RoadProfile[] PROFILES = RoadProfile.values();

    private final ProgressGraphHopper hopper;
    private final RoadNetworkConfig config;
    private final RoadNetworkInfo info;
    private final BaseGraph graph;
    private final LocationIndex locationIndex;
    private final BooleanEncodedValue[] islandByProfile;
    private final ThreadLocal<Weighting[]> weightings;
    private final AtomicReferenceArray<NearestSearch> searchByProfile = new AtomicReferenceArray<>(PROFILES.length);
    private final AtomicReferenceArray<ReachSearch> reachByProfile = new AtomicReferenceArray<>(PROFILES.length);
    private final AtomicReferenceArray<TurnRestrictions> turnsByProfile = new AtomicReferenceArray<>(PROFILES.length);
    /**
     * Per edge, whether {@link #closest} may place a point on it, found the first time the index offers the edge:
     * the answer depends on the edge alone (its flags, islands and the profiles' fixed weightings), and working
     * it out (three weightings, both ways) cost more than the rest of a placing. Racing threads write the same
     * value, so a plain array is safe.
     */
    private final byte[] snappable;

    /** Points recently placed on the nearest road ({@link #nearestRoad}); the answers, not a search's state. */
    private final java.util.concurrent.ConcurrentHashMap<GeoPoint, Optional<SnappedLocation>> placings =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How many placings are kept at most: some 20 MB, and a day or more of a region's positions. It is the only
     * memory of placings (a travel-time table asks the network), so it holds a tabled simulation's stations, scenes
     * and drives' ends over many replications before it starts afresh.
     */
    static final int MOST_PLACINGS_KEPT = 100_000;

    private static final byte UNKNOWN = 0;
    private static final byte SNAPPABLE = 1;
    private static final byte NOT_SNAPPABLE = 2;

    private RoadNetwork(ProgressGraphHopper hopper, RoadNetworkConfig config, RoadNetworkInfo info) {
        this.hopper = hopper;
        this.config = config;
        this.info = info;
        this.graph = hopper.getBaseGraph();
        this.locationIndex = hopper.getLocationIndex();
        this.snappable = new byte[graph.getEdges()];
        this.islandByProfile = new BooleanEncodedValue[PROFILES.length];
        for (RoadProfile p : PROFILES) {
            islandByProfile[p.ordinal()] =
                    hopper.getEncodingManager().getBooleanEncodedValue(Subnetwork.key(p.profileName()));
        }
        // GraphHopper's custom weightings are made per request and not promised to be thread-safe.
        this.weightings = ThreadLocal.withInitial(() -> {
            Weighting[] w = new Weighting[PROFILES.length];
            for (RoadProfile p : PROFILES) w[p.ordinal()] = createWeighting(p);
            return w;
        });
    }

    /**
     * Loads the road network of an OpenStreetMap file ({@code .osm.pbf}, or OSM XML named {@code .osm}),
     * from {@code config.cacheDir()} when it was imported before with the same graph settings, else by
     * importing it there first (with a progress bar on standard error when configured).
     *
     * @throws InvalidInputException when the file is missing, unreadable, empty, not OpenStreetMap, or
     *     holds no roads a car may use; the cache is then left as it was
     */
    public static RoadNetwork load(Path osmFile, RoadNetworkConfig config) {
        Check.present("osmFile", osmFile);
        Check.present("config", config);
        OsmFileCheck.check(osmFile);
        GraphCache.Entry entry = new GraphCache(config.cacheDir())
                .obtain(osmFile, config.graphSettingsText(), dir -> importGraph(osmFile, dir, config));
        ProgressGraphHopper hopper = GraphHopperSetup.create(entry.dir(), config);
        // A cached graph is only read: no lock files, and a missing preparation is an error, not a redo.
        hopper.setAllowWrites(false);
        if (!hopper.load()) {
            throw new IllegalStateException("the cached road graph in " + entry.dir() + " cannot be loaded");
        }
        RoadNetworkInfo info = new RoadNetworkInfo(
                osmFile,
                entry.osmSha256(),
                entry.dir(),
                entry.importedNow(),
                hopper.getBaseGraph().getNodes(),
                hopper.getBaseGraph().getEdges());
        return new RoadNetwork(hopper, config, info);
    }

    private static void importGraph(Path osmFile, Path dir, RoadNetworkConfig config) {
        ProgressGraphHopper hopper = GraphHopperSetup.create(dir, config);
        hopper.setOSMFile(osmFile.toString());
        ImportProgress progress = config.showProgress() ? ImportProgress.start(osmFile, System.err) : null;
        try {
            hopper.reportTo(progress);
            hopper.importOrLoad();
        } catch (MusterException e) {
            throw e;
        } catch (RuntimeException e) {
            InvalidInputException refused = OsmFileCheck.refuse(osmFile, "cannot be imported: " + rootMessage(e));
            refused.initCause(e);
            throw refused;
        } finally {
            hopper.close();
            if (progress != null) progress.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public RoadNetworkInfo info() {
        return info;
    }

    public RoadNetworkConfig config() {
        return config;
    }

    @Override
    public double maxSnapDistanceMeters() {
        return config.maxSnapDistanceMeters();
    }

    /** The rectangle holding every road of the network. */
    @Override
    public GeoBounds bounds() {
        BBox box = graph.getBounds();
        return new GeoBounds(GeoPoint.of(box.minLat, box.minLon), GeoPoint.of(box.maxLat, box.maxLon));
    }

    /**
     * Every road of the graph once, each stretch between two junctions with its shape: for drawing the
     * network on a map when no tile server is configured. Islands are included; they are roads too.
     */
    public List<RoadLine> listRoadLines() {
        EnumEncodedValue<com.graphhopper.routing.ev.RoadClass> roadClass = hopper.getEncodingManager()
                .getEnumEncodedValue(
                        com.graphhopper.routing.ev.RoadClass.KEY, com.graphhopper.routing.ev.RoadClass.class);
        List<RoadLine> lines = new ArrayList<>(graph.getEdges());
        AllEdgesIterator edge = graph.getAllEdges();
        while (edge.next()) {
            PointList shape = edge.fetchWayGeometry(FetchMode.ALL);
            List<GeoPoint> points = new ArrayList<>(shape.size());
            for (int i = 0; i < shape.size(); i++) points.add(GeoPoint.of(shape.getLat(i), shape.getLon(i)));
            if (points.size() < 2) continue;
            lines.add(new RoadLine(edge.get(roadClass).toString(), points));
        }
        return lines;
    }

    /**
     * Places {@code point} on the nearest road that every profile may drive and that belongs to the main
     * network (not an island), if one lies within {@link RoadNetworkConfig#maxSnapDistanceMeters()}.
     */
    @Override
    public Optional<SnappedLocation> findSnap(GeoPoint point) {
        Check.present("location", point);
        return nearestRoad(point).filter(s -> s.offRoadMeters() <= config.maxSnapDistanceMeters());
    }

    /**
     * Places {@code point} on the nearest road however far it is: a call for help from a field or a hillside
     * is still served from the nearest road point, the rest on foot ({@link SnappedLocation#offRoadMeters()}).
     * Empty only when no road is near enough for the index to find at all.
     */
    @Override
    public Optional<SnappedLocation> findNearestRoad(GeoPoint point) {
        Check.present("location", point);
        return nearestRoad(point);
    }

    /**
     * The point placed on the nearest road, however far, remembered for a while: the same point is placed
     * again and again within minutes (a unit's reported position by the recommender, by coverage and by the
     * crew's next route; a call's place by its dispatch and by the crew arriving there), and a placing depends
     * on the point alone. At most {@link #MOST_PLACINGS_KEPT} are kept; past that the memory starts afresh.
     */
    private Optional<SnappedLocation> nearestRoad(GeoPoint point) {
        Optional<SnappedLocation> kept = placings.get(point);
        if (kept != null) return kept;
        Snap snap = closest(point);
        Optional<SnappedLocation> placed = snap.isValid() ? Optional.of(toLocation(point, snap)) : Optional.empty();
        if (placings.size() >= MOST_PLACINGS_KEPT) placings.clear();
        placings.putIfAbsent(point, placed);
        return placed;
    }

    /** How many placings are kept now ({@link #nearestRoad}), for the tests. */
    int placingsKept() {
        return placings.size();
    }

    /**
     * Like {@link #findSnap} but refuses a location too far from any road.
     *
     * @throws InvalidInputException naming the location, its distance from the nearest road and the limit
     */
    @Override
    public SnappedLocation snap(GeoPoint point) {
        Check.present("location", point);
        Snap snap = closest(point);
        String allowed = "at most " + formatDistance(config.maxSnapDistanceMeters()) + " allowed";
        if (!snap.isValid()) {
            throw InvalidInputException.of("location", point, "has no road near it; " + allowed);
        }
        if (snap.getQueryDistance() > config.maxSnapDistanceMeters()) {
            throw InvalidInputException.of(
                    "location",
                    point,
                    "is " + formatDistance(snap.getQueryDistance()) + " from the nearest road; " + allowed);
        }
        return toLocation(point, snap);
    }

    /**
     * Places each closure on this network's roads (any road some profile may drive; a single point within
     * the snap distance), for {@link ArrivalQuery#withClosedRoads}. Reads the graph only.
     */
    @Override
    public ClosedRoads closeRoads(Collection<RoadClosure> closures) {
        Check.present("closures", closures);
        if (closures.isEmpty()) return ClosedRoads.none();
        ClosurePlacer placer = new ClosurePlacer(graph, locationIndex, anyProfile(), config.maxSnapDistanceMeters());
        TreeMap<RoadClosureId, Integer> stretches = new TreeMap<>();
        IntStream.Builder all = IntStream.builder();
        for (RoadClosure closure : closures) {
            int[] edges = placer.edges(closure.kind(), closure.points());
            stretches.put(closure.id(), edges.length);
            for (int edge : edges) all.add(edge);
        }
        int[] edges = all.build().toArray();
        List<GeoPoint> ends = new ArrayList<>(2 * edges.length);
        var nodes = graph.getNodeAccess();
        for (int e : edges) {
            EdgeIteratorState edge = graph.getEdgeIteratorState(e, Integer.MIN_VALUE);
            for (int node : new int[] {edge.getBaseNode(), edge.getAdjNode()})
                ends.add(GeoPoint.of(nodes.getLat(node), nodes.getLon(node)));
        }
        return new ClosedRoads(this, ClosedEdges.of(edges), ends, stretches);
    }

    /** Edges some profile may drive, in at least one direction. */
    private EdgeFilter anyProfile() {
        Weighting[] w = weightings.get();
        return edge -> {
            for (RoadProfile p : PROFILES) {
                Weighting weighting = w[p.ordinal()];
                if (Double.isFinite(weighting.calcEdgeWeight(edge, false))
                        || Double.isFinite(weighting.calcEdgeWeight(edge, true))) return true;
            }
            return false;
        };
    }

    /** Prepares origins for {@link #listFastestArrivals}; every location must come from this network. */
    @Override
    public <T> OriginIndex<T> indexOrigins(Collection<Origin<T>> origins) {
        Check.present("origins", origins);
        List<Origin<T>> list = new ArrayList<>(origins);
        for (Origin<T> origin : list) requireOwn(origin.location());
        return new OriginIndex<>(list, this);
    }

    /**
     * Who can get to {@code destination} first: the accepted origins in order of road travel time to it,
     * at most {@code query.limit()} of them and none slower than {@code query.maxTravelTime()}, found by
     * one search from the destination over the roads against their direction of travel. Origins that
     * cannot reach the destination (one-way streets, a separate network) are not listed.
     *
     * @param accept which origins count, asked at most once per origin and only for origins the search
     *     reaches; it must not block
     */
    @Override
    public <T> List<Arrival<T>> listFastestArrivals(
            SnappedLocation destination, OriginIndex<T> origins, Predicate<? super T> accept, ArrivalQuery query) {
        Check.present("destination", destination);
        Check.present("origins", origins);
        Check.present("accept", accept);
        Check.present("query", query);
        requireOwn(destination);
        if (!origins.belongsTo(this)) throw new IllegalArgumentException("origins were indexed by another network");
        requireOwn(query.closedRoads());
        RoadProfile profile = query.profile();
        List<NearestSearch.Hit> hits = search(profile)
                .search(
                        destination.anchor(profile),
                        origins.table(profile),
                        origin -> accept.test(origins.key(origin)),
                        query.limit(),
                        query.maxTravelTime().toMillis(),
                        query.closedRoads().edges());
        List<Arrival<T>> arrivals = new ArrayList<>(hits.size());
        for (NearestSearch.Hit hit : hits) {
            arrivals.add(new Arrival<>(origins.key(hit.origin()), hit.travelTimeMillis(), hit.distanceMeters()));
        }
        return arrivals;
    }

    /** Prepares destinations for {@link Reach#listReached}; every location must come from this network. */
    @Override
    public <T> DestinationIndex<T> indexDestinations(Collection<Destination<T>> destinations) {
        Check.present("destinations", destinations);
        List<Destination<T>> list = new ArrayList<>(destinations);
        for (Destination<T> destination : list) requireOwn(destination.location());
        return new DestinationIndex<>(list, this);
    }

    /**
     * Everything {@code origin} can reach within {@code maxTravelTime}: one search from it over the roads in
     * their direction of travel, settling every junction up to the limit and no further. What a unit
     * covers; the forward counterpart of {@link #listFastestArrivals}.
     *
     * @throws InvalidInputException when the limit is negative or longer than {@link ArrivalQuery#UNLIMITED}
     */
    @Override
    public Reach reach(SnappedLocation origin, RoadProfile profile, Duration maxTravelTime, ClosedRoads closed) {
        Check.present("origin", origin);
        Check.present("closed", closed);
        requireOwn(closed);
        Check.present("profile", profile);
        Check.present("maxTravelTime", maxTravelTime);
        requireOwn(origin);
        if (maxTravelTime.isNegative() || maxTravelTime.compareTo(ArrivalQuery.UNLIMITED) > 0) {
            throw InvalidInputException.of(
                    "maxTravelTime", maxTravelTime, "must be between 0 and " + ArrivalQuery.UNLIMITED);
        }
        return new Reach(
                origin,
                profile,
                maxTravelTime,
                reachSearch(profile).search(origin.anchor(profile), maxTravelTime.toMillis(), closed.edges()),
                graph.getNodeAccess(),
                this);
    }

    /**
     * Asks GraphHopper for the fastest route from {@code from} to {@code to}, snapping both as GraphHopper
     * does (without this network's distance limit), using contraction hierarchies when prepared. This is
     * what a dispatch system built on a routing service does per unit; here it is the oracle and the
     * baseline for {@link #listFastestArrivals}.
     *
     * @return empty when no road route connects the two
     * @throws InvalidInputException when a point cannot be placed on any road, or lies outside the
     *     network's bounding box (GraphHopper refuses those even near a road; {@link #snap} does not)
     */
    @Override
    public Optional<Route> findRoute(RoadProfile profile, GeoPoint from, GeoPoint to) {
        return route(profile, from, to, false).map(RouteShape::route);
    }

    /**
     * As {@link #findRoute(RoadProfile, GeoPoint, GeoPoint)}, along no road of {@code closed}. With nothing
     * closed it is GraphHopper's own route; with roads closed, GraphHopper's bidirectional Dijkstra over the
     * profile's weighting with the closed edges weighing infinity (contraction hierarchies are prepared
     * for the open graph, so they cannot serve it), between the two points snapped to the nearest road the
     * profile may drive.
     */
    @Override
    public Optional<Route> findRoute(RoadProfile profile, GeoPoint from, GeoPoint to, ClosedRoads closed) {
        return routeShape(profile, from, to, closed, false).map(RouteShape::route);
    }

    /** As {@link #findRouteShape(RoadProfile, GeoPoint, GeoPoint)}, along no road of {@code closed}. */
    public Optional<RouteShape> findRouteShape(RoadProfile profile, GeoPoint from, GeoPoint to, ClosedRoads closed) {
        return routeShape(profile, from, to, closed, true);
    }

    private Optional<RouteShape> routeShape(
            RoadProfile profile, GeoPoint from, GeoPoint to, ClosedRoads closed, boolean shape) {
        Check.present("closed", closed);
        requireOwn(closed);
        if (closed.isEmpty()) return route(profile, from, to, shape);
        Check.present("profile", profile);
        Check.present("from", from);
        Check.present("to", to);
        Weighting base = weightings.get()[profile.ordinal()];
        BooleanEncodedValue island = islandByProfile[profile.ordinal()];
        EdgeFilter drivable = edge -> !edge.get(island)
                && (Double.isFinite(base.calcEdgeWeight(edge, false))
                        || Double.isFinite(base.calcEdgeWeight(edge, true)));
        Snap start = locationIndex.findClosest(from.lat(), from.lon(), drivable);
        if (!start.isValid()) throw InvalidInputException.of("from", from, "has no road near it");
        Snap end = locationIndex.findClosest(to.lat(), to.lon(), drivable);
        if (!end.isValid()) throw InvalidInputException.of("to", to, "has no road near it");
        QueryGraph queryGraph = QueryGraph.create(graph, List.of(start, end));
        Weighting avoiding = queryGraph.wrapWeighting(new AvoidingWeighting(base, closed.edges(), graph.getEdges()));
        com.graphhopper.routing.Path path = new DijkstraBidirectionRef(
                        queryGraph,
                        avoiding,
                        avoiding.hasTurnCosts() ? TraversalMode.EDGE_BASED : TraversalMode.NODE_BASED)
                .calcPath(start.getClosestNode(), end.getClosestNode());
        if (!path.isFound()) return Optional.empty();
        List<GeoPoint> points = new ArrayList<>();
        if (shape) {
            PointList pl = path.calcPoints();
            for (int i = 0; i < pl.size(); i++) points.add(GeoPoint.of(pl.getLat(i), pl.getLon(i)));
        }
        return Optional.of(new RouteShape(new Route(path.getTime(), path.getDistance()), points));
    }

    /**
     * As {@link #findRoute}, with the route's shape: every point of the roads it follows, so that a vehicle
     * moved along it stays on the road. Costs more than {@link #findRoute}; the dispatch searches never
     * need it.
     */
    public Optional<RouteShape> findRouteShape(RoadProfile profile, GeoPoint from, GeoPoint to) {
        return route(profile, from, to, true);
    }

    private Optional<RouteShape> route(RoadProfile profile, GeoPoint from, GeoPoint to, boolean shape) {
        Check.present("profile", profile);
        Check.present("from", from);
        Check.present("to", to);
        GHRequest request = new GHRequest(from.lat(), from.lon(), to.lat(), to.lon()).setProfile(profile.profileName());
        request.putHint(Parameters.Routing.INSTRUCTIONS, false);
        request.putHint(Parameters.Routing.CALC_POINTS, shape);
        // Bidirectional Dijkstra over the hierarchy, not GraphHopper's default A*: both find the fastest route,
        // and A* works out the profile's top speed for its estimate afresh for every route asked.
        request.setAlgorithm(Parameters.Algorithms.DIJKSTRA_BI);
        GHResponse response = hopper.route(request);
        if (response.hasErrors()) {
            for (Throwable error : response.getErrors()) {
                if (error instanceof PointNotFoundException notFound) {
                    boolean isFrom = notFound.getPointIndex() == 0;
                    throw InvalidInputException.of(
                            isFrom ? "from" : "to",
                            isFrom ? from : to,
                            error instanceof PointOutOfBoundsException
                                    ? "lies outside the road network's area " + bounds()
                                    : "has no road near it");
                }
            }
            if (response.getErrors().stream().allMatch(e -> e instanceof ConnectionNotFoundException)) {
                return Optional.empty();
            }
            throw new IllegalStateException("GraphHopper could not route: " + response.getErrors());
        }
        ResponsePath best = response.getBest();
        java.util.List<GeoPoint> points = new java.util.ArrayList<>();
        if (shape) {
            var pl = best.getPoints();
            for (int i = 0; i < pl.size(); i++) points.add(new GeoPoint(pl.getLat(i), pl.getLon(i)));
        }
        return Optional.of(new RouteShape(new Route(best.getTime(), best.getDistance()), points));
    }

    @Override
    public void close() {
        hopper.close();
    }

    private NearestSearch search(RoadProfile profile) {
        NearestSearch search = searchByProfile.get(profile.ordinal());
        if (search != null) return search;
        synchronized (searchByProfile) {
            // Built on first use: a network queried with one profile never pays for the other.
            search = searchByProfile.get(profile.ordinal());
            if (search == null) {
                Weighting weighting = createWeighting(profile);
                search = new NearestSearch(ReverseGraph.build(graph, weighting), turnRestrictions(profile, weighting));
                searchByProfile.set(profile.ordinal(), search);
            }
            return search;
        }
    }

    private ReachSearch reachSearch(RoadProfile profile) {
        ReachSearch search = reachByProfile.get(profile.ordinal());
        if (search != null) return search;
        synchronized (reachByProfile) {
            // Built on first use, like the reverse graph: a network never searched forward never pays for it.
            search = reachByProfile.get(profile.ordinal());
            if (search == null) {
                Weighting weighting = createWeighting(profile);
                search = new ReachSearch(ForwardGraph.build(graph, weighting), turnRestrictions(profile, weighting));
                reachByProfile.set(profile.ordinal(), search);
            }
            return search;
        }
    }

    /** The turns {@code profile} may not take, read once and shared by its searches in both directions. */
    private TurnRestrictions turnRestrictions(RoadProfile profile, Weighting weighting) {
        TurnRestrictions turns = turnsByProfile.get(profile.ordinal());
        if (turns != null) return turns;
        synchronized (turnsByProfile) {
            turns = turnsByProfile.get(profile.ordinal());
            if (turns == null) {
                turns = TurnRestrictions.read(graph, weighting);
                turnsByProfile.set(profile.ordinal(), turns);
            }
            return turns;
        }
    }

    /** How many turns {@code profile} may not take, and at how many junctions: for tests and benchmarks. */
    public TurnCount countTurnRestrictions(RoadProfile profile) {
        Check.present("profile", profile);
        TurnRestrictions turns = turnRestrictions(profile, createWeighting(profile));
        return new TurnCount(turns.size(), turns.junctionCount());
    }

    /**
     * The turn restrictions a profile obeys on this network.
     *
     * @param turns forbidden turns (one per pair of roads at a junction: an {@code only_*} restriction
     *     forbids every other way out of its road)
     * @param junctions junctions with at least one forbidden turn
     */
    public record TurnCount(int turns, int junctions) {}

    private Weighting createWeighting(RoadProfile profile) {
        return hopper.createWeighting(hopper.getProfile(profile.profileName()), new PMap());
    }

    private void requireOwn(ClosedRoads closed) {
        if (!closed.belongsTo(this)) throw new IllegalArgumentException("closed roads were placed on another network");
    }

    private void requireOwn(SnappedLocation location) {
        if (!location.belongsTo(this)) {
            throw new IllegalArgumentException("location " + location + " was snapped by another network");
        }
    }

    private Snap closest(GeoPoint point) {
        Weighting[] w = weightings.get();
        EdgeFilter everyProfile = edge -> {
            int id = edge.getEdge();
            byte known = snappable[id];
            if (known != UNKNOWN) return known == SNAPPABLE;
            boolean ok = isSnappable(edge, w);
            snappable[id] = ok ? SNAPPABLE : NOT_SNAPPABLE;
            return ok;
        };
        return locationIndex.findClosest(point.lat(), point.lon(), everyProfile);
    }

    /** Whether a point may be placed on the edge: every profile may drive it one way or the other, off islands. */
    private boolean isSnappable(EdgeIteratorState edge, Weighting[] w) {
        for (RoadProfile p : PROFILES) {
            if (edge.get(islandByProfile[p.ordinal()])) return false;
            Weighting weighting = w[p.ordinal()];
            if (!Double.isFinite(weighting.calcEdgeWeight(edge, false))
                    && !Double.isFinite(weighting.calcEdgeWeight(edge, true))) return false;
        }
        return true;
    }

    /**
     * Splits the snapped edge the way GraphHopper does for a route (a query graph with one virtual node)
     * and keeps the times of the four half-edges, so partial edges cost what they cost in a route.
     */
    private SnappedLocation toLocation(GeoPoint point, Snap snap) {
        QueryGraph queryGraph = QueryGraph.create(graph, snap);
        int closest = snap.getClosestNode();
        GHPoint3D onRoad = snap.getSnappedPoint();
        Anchor[] anchors = new Anchor[PROFILES.length];
        if (!queryGraph.isVirtualNode(closest)) {
            for (RoadProfile p : PROFILES) anchors[p.ordinal()] = Anchor.atNode(closest);
        } else {
            EdgeIteratorState edge = snap.getClosestEdge();
            HalfEdges halves = HalfEdges.of(queryGraph, graph.getEdges(), edge, closest);
            Weighting[] w = weightings.get();
            for (RoadProfile p : PROFILES) anchors[p.ordinal()] = halves.anchor(w[p.ordinal()]);
        }
        return new SnappedLocation(point, GeoPoint.of(onRoad.lat, onRoad.lon), snap.getQueryDistance(), anchors, this);
    }

    /**
     * The four virtual half-edges GraphHopper's query graph makes around one virtual node: base to snap,
     * snap to base, snap to adjacent, adjacent to snap, stored in that order after the real edges.
     */
    private record HalfEdges(
            EdgeIteratorState edge,
            EdgeIteratorState baseToSnap,
            EdgeIteratorState snapToBase,
            EdgeIteratorState snapToAdj,
            EdgeIteratorState adjToSnap) {
        static HalfEdges of(QueryGraph queryGraph, int realEdges, EdgeIteratorState edge, int virtualNode) {
            int first = 2 * realEdges;
            HalfEdges halves = new HalfEdges(
                    edge,
                    queryGraph.getEdgeIteratorStateForKey(first),
                    queryGraph.getEdgeIteratorStateForKey(first + 1),
                    queryGraph.getEdgeIteratorStateForKey(first + 2),
                    queryGraph.getEdgeIteratorStateForKey(first + 3));
            if (halves.baseToSnap.getBaseNode() != edge.getBaseNode()
                    || halves.baseToSnap.getAdjNode() != virtualNode
                    || halves.snapToAdj.getBaseNode() != virtualNode
                    || halves.snapToAdj.getAdjNode() != edge.getAdjNode()) {
                throw new IllegalStateException("GraphHopper's virtual edge layout changed; snapping needs a review");
            }
            return halves;
        }

        Anchor anchor(Weighting weighting) {
            return new Anchor(
                    edge.getEdge(),
                    edge.getBaseNode(),
                    edge.getAdjNode(),
                    baseToSnap.getDistance(),
                    snapToAdj.getDistance(),
                    millis(weighting, baseToSnap),
                    millis(weighting, snapToBase),
                    millis(weighting, snapToAdj),
                    millis(weighting, adjToSnap));
        }

        private static int millis(Weighting weighting, EdgeIteratorState halfEdge) {
            if (!Double.isFinite(weighting.calcEdgeWeight(halfEdge, false))) return Anchor.UNREACHABLE;
            return (int) Math.min(Integer.MAX_VALUE / 4, weighting.calcEdgeMillis(halfEdge, false));
        }
    }

    static String formatDistance(double meters) {
        return meters < 1000
                ? String.format(Locale.ROOT, "%.0f m", meters)
                : String.format(Locale.ROOT, "%.1f km", meters / 1000);
    }
}
