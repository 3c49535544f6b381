package org.muster.engine.moveup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageStandard;
import org.muster.engine.coverage.DemandCell;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.rules.PlacedClosures;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.Destination;
import org.muster.geo.road.DestinationIndex;
import org.muster.geo.road.Reach;
import org.muster.geo.road.Reached;
import org.muster.geo.road.SnappedLocation;
import org.muster.geo.road.TravelTimes;

/**
 * Proposes move-up for one organisation's units of one type: which available units to move to which of
 * its stations to restore the most demand-weighted coverage within the type's target ({@link #targetFor}: the
 * coverage standards the service reports cover by), by {@link ExpectedCoverage}
 * over the organisation's demand cells, with the busy fraction read from the live state (of its units of
 * that type on the road, the share committed). One forward road search per available unit (what it covers
 * and how long each station is from it), kept while the unit stands where it is; each station's own
 * cover is searched once and kept.
 *
 * <p>Thread-safe; the state is only read.
 */
public final class MoveUpPlanner {
    private final TravelTimes network;
    private final DemandCells cells;
    private final MoveUpConfig config;
    private final CoverageConfig coverage;
    private final DestinationIndex<Integer> cellIndex;
    /** Each station's place and cover, by station and target: an ambulance station is reached in 7 minutes for
     * its ambulances, a police station in 15 for its cars. */
    private final Map<SiteKey, Optional<Site>> sites = new ConcurrentHashMap<>();

    private record SiteKey(StationId station, Duration target) {}
    /**
     * What each available unit covers and how far each station is from where it stands, kept while it
     * stands there: units wait at stations for long, so most plans search for the newly freed alone.
     */
    private final Map<UnitId, UnitReach> reaches = new ConcurrentHashMap<>();

    private record UnitReach(GeoPoint at, Duration target, int[] covers, Map<StationId, Long> millis) {}

    private final PlacedClosures closures;
    /** The closures the kept searches were made under: other closures make them all again. */
    private ClosedRoads keptUnder = ClosedRoads.none();

    /** More units than any region holds: past it the kept searches are dropped and made again. */
    private static final int MAX_KEPT = 20_000;

    /** A station placed on the road, with the cells covered from it. */
    private record Site(Station station, SnappedLocation location, int[] covers) {}

    /**
     * @param coverage the coverage standards the service measures by: a fleet is planned for the target of those
     *     its type counts towards, so that move-up and the Capacity tab judge cover alike
     */
    public MoveUpPlanner(TravelTimes network, DemandCells cells, MoveUpConfig config, CoverageConfig coverage) {
        this.network = network;
        this.cells = cells;
        this.config = config;
        this.coverage = coverage;
        this.closures = new PlacedClosures(network);
        List<Destination<Integer>> destinations = new ArrayList<>();
        List<DemandCell> list = cells.listCells();
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            list.get(i)
                    .onRoad()
                    .flatMap(network::findSnap)
                    .ifPresent(at -> destinations.add(new Destination<>(index, at)));
        }
        this.cellIndex = network.indexDestinations(destinations);
    }

    /** Fewer units of a type than this (not counting those off the road) are not worth a move-up. */
    static final int MIN_UNITS = 2;

    /**
     * An organisation's units of one type that are on the road (any status but unavailable), in id order: what a
     * move-up is planned for.
     */
    public record Fleet(Organisation organisation, UnitType type, List<Unit> units) {
        /** Whether some are committed: a fleet all available stands as planned, and nothing is moved. */
        public boolean drawnAway() {
            return units.stream().anyMatch(u -> u.status() != UnitStatus.AVAILABLE);
        }
    }

    /**
     * The fleets a move-up may be planned for, organisations in id order and types in order: those of at least
     * {@value #MIN_UNITS} units on the road. The live service's watch and the simulator's control room look at
     * the same ones.
     */
    public static List<Fleet> listFleets(MusterState state) {
        List<Fleet> out = new ArrayList<>();
        for (Organisation org : state.organisations().values().stream()
                .sorted(Comparator.comparing(o -> o.id().value()))
                .toList()) {
            TreeMap<UnitType, List<Unit>> byType = new TreeMap<>();
            for (Unit u : state.listUnitsWorkingFor(org.id())) {
                // another service's units lent to it (escorts) are not its fleet to move up, as its coverage
                // does not count them
                if (u.status() != UnitStatus.UNAVAILABLE && CoverageConfig.coversFor(org, u.type()))
                    byType.computeIfAbsent(u.type(), t -> new ArrayList<>()).add(u);
            }
            byType.forEach((type, units) -> {
                if (units.size() >= MIN_UNITS) out.add(new Fleet(org, type, List.copyOf(units)));
            });
        }
        return out;
    }

    public MoveUpConfig config() {
        return config;
    }

    /**
     * The response time a fleet is measured against, and the coverage standard it is that of: none for a type no
     * standard counts, measured against {@link MoveUpConfig#fallbackTarget}.
     */
    public record Target(Duration time, Optional<CoverageStandard> standard) {}

    /**
     * The target for units of {@code type}: the shortest of the coverage standards the type counts towards (an
     * ambulance's or a rapid response car's category 1, a police car's emergency), as the most urgent calls are
     * what moving up is for; else the configuration's fallback.
     */
    public Target targetFor(UnitType type) {
        return target(coverage.standardsFor(type));
    }

    /** As {@link #targetFor(UnitType)}, at the organisation's own targets where it has them (coverage's rule). */
    public Target targetFor(OrganisationId organisation, UnitType type) {
        return target(coverage.standardsFor(organisation, type));
    }

    private Target target(List<CoverageStandard> standards) {
        return standards.stream()
                .min(Comparator.comparing(CoverageStandard::target))
                .map(s -> new Target(s.target(), Optional.of(s)))
                .orElseGet(() -> new Target(config.fallbackTarget(), Optional.empty()));
    }

    /**
     * One proposed move.
     *
     * @param gainShare what it adds to the expected covered demand, as a share of all the organisation's
     *     demand
     */
    public record Relocation(Unit unit, Station station, Duration travelTime, double gainShare) {}

    /**
     * The organisation's proposal for one unit type.
     *
     * @param target the response time cover is measured within
     * @param busyFraction the share of its units of the type on the road that are committed
     * @param before expected covered demand now, as a share (0 to 1)
     * @param after the same once the moves are made
     */
    public record Proposal(
            OrganisationId organisation,
            UnitType type,
            Target target,
            int availableUnits,
            double busyFraction,
            double before,
            double after,
            List<Relocation> moves) {
        public Proposal {
            moves = List.copyOf(moves);
        }
    }

    /** The moves that restore the most cover for {@code organisation}'s units of {@code type}, maybe none. */
    public Proposal propose(MusterState state, OrganisationId organisation, UnitType type) {
        return propose(state, organisation, type, Map.of());
    }

    /**
     * As {@link #propose(MusterState, OrganisationId, UnitType)}, with the moves already decided and under way:
     * each available unit of {@code underWay} not yet at its station counts as standing there, and is not moved
     * again.
     */
    public Proposal propose(
            MusterState state, OrganisationId organisation, UnitType type, Map<UnitId, StationId> underWay) {
        ClosedRoads closed = closedRoads(state);
        Duration target = targetFor(organisation, type).time();
        List<Unit> onRoad = state.listUnitsWorkingFor(organisation).stream()
                .filter(u -> u.type() == type && u.status() != UnitStatus.UNAVAILABLE)
                .toList();
        List<Unit> available = new ArrayList<>();
        List<SnappedLocation> places = new ArrayList<>();
        for (Unit u : onRoad) {
            if (u.status() != UnitStatus.AVAILABLE || u.position().isEmpty()) continue;
            Optional<SnappedLocation> at = network.findSnap(u.position().get().point());
            if (at.isEmpty()) continue;
            available.add(u);
            places.add(at.get());
        }
        double busy = onRoad.isEmpty() ? 0 : Math.min(0.95, 1 - (double) available.size() / onRoad.size());
        double[] demand = demandOf(state, organisation);
        List<Site> own = state.stations().values().stream()
                .filter(st -> st.organisation().equals(organisation) && st.kind() != StationKind.HOSPITAL)
                .sorted(java.util.Comparator.comparing(st -> st.id().value()))
                .map(st -> site(st, target, closed))
                .flatMap(Optional::stream)
                .toList();
        int[][] unitCovers = new int[available.size()][];
        long[][] moveMillis = new long[available.size()][own.size()];
        for (int u = 0; u < available.size(); u++) {
            Optional<Site> bound = boundFor(available.get(u), underWay, own);
            if (bound.isPresent()) {
                unitCovers[u] = bound.get().covers();
                java.util.Arrays.fill(moveMillis[u], -1L);
                continue;
            }
            UnitReach r = reachOf(available.get(u), places.get(u), own, target, closed);
            unitCovers[u] = r.covers();
            for (int s = 0; s < own.size(); s++)
                moveMillis[u][s] = r.millis().getOrDefault(own.get(s).station().id(), -1L);
        }
        int[][] siteCovers = own.stream().map(Site::covers).toArray(int[][]::new);
        double total = 0;
        for (double d : demand) total += d;
        ExpectedCoverage.Plan plan = ExpectedCoverage.plan(
                new ExpectedCoverage.Problem(demand, unitCovers, siteCovers, moveMillis, busy),
                config.maxMoves(),
                config.maxMove().toMillis(),
                Math.max(1e-9, config.minGainShare() * total));
        List<Relocation> moves = new ArrayList<>();
        for (ExpectedCoverage.Move m : plan.moves()) {
            moves.add(new Relocation(
                    available.get(m.unit()),
                    own.get(m.site()).station(),
                    Duration.ofMillis(m.travelMillis()),
                    total == 0 ? 0 : m.gain() / total));
        }
        return new Proposal(
                organisation,
                type,
                targetFor(organisation, type),
                available.size(),
                busy,
                plan.before(),
                plan.after(),
                moves);
    }

    /** Nearer than this to where its station meets the road, a unit moving up has arrived. */
    static final double ARRIVED_METERS = 100;

    /** The station a unit is on its way to under a decided move, while it has not arrived. */
    private static Optional<Site> boundFor(Unit unit, Map<UnitId, StationId> underWay, List<Site> own) {
        StationId to = underWay.get(unit.id());
        if (to == null) return Optional.empty();
        GeoPoint at = unit.position().orElseThrow().point();
        return own.stream()
                .filter(site -> site.station().id().equals(to))
                .filter(site -> site.location().onRoad().distanceMetersTo(at) > ARRIVED_METERS)
                .findFirst();
    }

    /**
     * The closures in force, placed; when they changed, the kept searches are dropped, as a closure may
     * lengthen any drive and take cells from any unit's or station's cover.
     */
    private synchronized ClosedRoads closedRoads(MusterState state) {
        ClosedRoads closed = closures.of(state);
        if (closed != keptUnder) {
            reaches.clear();
            sites.clear();
            keptUnder = closed;
        }
        return closed;
    }

    private UnitReach reachOf(Unit unit, SnappedLocation place, List<Site> own, Duration target, ClosedRoads closed) {
        GeoPoint at = unit.position().orElseThrow().point();
        UnitReach kept = reaches.get(unit.id());
        if (kept != null
                && kept.at().equals(at)
                && kept.target().equals(target)
                && own.stream()
                        .allMatch(
                                site -> kept.millis().containsKey(site.station().id()))) return kept;
        Duration horizon = config.maxMove().compareTo(target) > 0 ? config.maxMove() : target;
        Reach reach = network.reach(place, coverage.profile(), horizon, closed);
        Map<StationId, Long> millis = new HashMap<>();
        for (Site site : own) {
            OptionalLong t = reach.findTravelTimeMillis(site.location());
            millis.put(site.station().id(), t.isPresent() ? t.getAsLong() : -1L);
        }
        UnitReach made = new UnitReach(at, target, covered(reach, target), Map.copyOf(millis));
        if (reaches.size() > MAX_KEPT) reaches.clear();
        reaches.put(unit.id(), made);
        return made;
    }

    /** Demand in the organisation's own zones; a cell in none of them counts nothing. */
    private double[] demandOf(MusterState state, OrganisationId organisation) {
        List<DemandCell> list = cells.listCells();
        double[] demand = new double[list.size()];
        Map<Object, Boolean> own = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            DemandCell c = list.get(i);
            boolean ours = c.zones().stream()
                    .anyMatch(z -> own.computeIfAbsent(
                            z,
                            k -> state.findZone(z)
                                    .map(zone -> zone.organisation().equals(organisation))
                                    .orElse(false)));
            demand[i] = ours ? c.demand() : 0;
        }
        return demand;
    }

    private Optional<Site> site(Station station, Duration target, ClosedRoads closed) {
        return sites.computeIfAbsent(
                new SiteKey(station.id(), target),
                key -> network.findSnap(station.location())
                        .map(at -> new Site(
                                station, at, covered(network.reach(at, coverage.profile(), target, closed), target))));
    }

    private int[] covered(Reach reach, Duration target) {
        long limit = target.toMillis();
        return reach.listReached(cellIndex).stream()
                .filter(r -> r.travelTimeMillis() <= limit)
                .mapToInt(Reached::key)
                .toArray();
    }
}
