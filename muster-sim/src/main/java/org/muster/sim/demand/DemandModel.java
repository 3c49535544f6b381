package org.muster.sim.demand;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.ZoneId;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.SnappedLocation;

/**
 * Calls as a non-homogeneous Poisson process: a rate for every zone, incident type and hour of the week,
 * constant within each local hour. The rate of type {@code t} in zone {@code z} of agency {@code a} in hour
 * {@code h} is
 *
 * <pre>
 *   mean(a) × scale × shape(a, h) × share(t) × boost(t, h) / norm(a) × population(z) / population(a)
 * </pre>
 *
 * where {@code norm(a)} makes the agency's rate average {@code mean(a) × scale} over the week and {@code
 * scale} is the region's units over the profile's reference units.
 *
 * <p>{@link #arrivals} is a pure function of the window and the random generator, so a discrete-event
 * simulator and the live simulation draw the same calls from the same seed. Instances are immutable; one
 * generator must not be shared between threads.
 */
public final class DemandModel implements CallSource {
    private static final double METERS_PER_DEGREE = 111_320;
    private static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    private static final int PLACE_TRIES = 20;

    /** Where on the road a call's location lies; {@link #NONE} leaves it where it was drawn. */
    @FunctionalInterface
    public interface RoadSnap {
        RoadSnap NONE = Optional::of;

        /** The nearest point on a road, or empty when no road is near enough. */
        Optional<GeoPoint> onRoad(GeoPoint point);

        static RoadSnap of(RoadNetwork network) {
            Check.present("network", network);
            return point -> network.findSnap(point).map(SnappedLocation::onRoad);
        }
    }

    /** One zone and type and its rate in one hour of the week. */
    private record Cell(Source source, IncidentType type, double ratePerHour) {}

    private record Source(DemandZone zone, GeoBounds bounds) {}

    /** The cells of one hour of the week, with their running total for drawing one in proportion. */
    private record HourTable(Cell[] cells, double[] cumulative, double total) {}

    private final List<Source> sources;
    private final DemandProfile profile;
    private final IncidentTypeCatalogue catalogue;
    private final double scale;
    private final RoadSnap snap;
    private final HourTable[] byHourOfWeek;
    private final List<Surge> surges;

    private DemandModel(
            List<DemandZone> zones,
            DemandProfile profile,
            IncidentTypeCatalogue catalogue,
            double scale,
            RoadSnap snap) {
        this.byHourOfWeek = new HourTable[7 * 24];
        this.surges = List.of();
        this.profile = Check.present("profile", profile);
        this.catalogue = Check.present("catalogue", catalogue);
        Check.range("scale", scale, 0, 1e6);
        this.scale = scale;
        this.snap = Check.present("snap", snap);
        List<Source> list = new ArrayList<>();
        for (DemandZone z : Check.present("zones", zones)) {
            list.add(new Source(z, z.area().bounds()));
        }
        this.sources = List.copyOf(list);
        buildTables();
    }

    private DemandModel(DemandModel base, List<Surge> surges) {
        this.sources = base.sources;
        this.profile = base.profile;
        this.catalogue = base.catalogue;
        this.scale = base.scale;
        this.snap = base.snap;
        this.byHourOfWeek = base.byHourOfWeek;
        this.surges = List.copyOf(surges);
    }

    /**
     * This model with the surges' windows raising (or lowering) their calls' rates; the calls outside every
     * window are drawn exactly as this model draws them.
     */
    public DemandModel withSurges(List<Surge> more) {
        Check.present("surges", more);
        List<Surge> all = new ArrayList<>(surges);
        all.addAll(more);
        return new DemandModel(this, all);
    }

    /**
     * A model over the given zones.
     *
     * @param scale multiplies the profile's rates: a region's units over {@link DemandProfile#referenceUnits}
     */
    public static DemandModel of(
            List<DemandZone> zones,
            DemandProfile profile,
            IncidentTypeCatalogue catalogue,
            double scale,
            RoadSnap snap) {
        return new DemandModel(zones, profile, catalogue, scale, snap);
    }

    /**
     * The model of a generated region: its smallest zones, populated from its settlements, the rates
     * scaled to its units.
     */
    public static DemandModel forRegion(
            GeneratedRegion region, DemandProfile profile, IncidentTypeCatalogue catalogue, RoadSnap snap) {
        Check.present("region", region);
        double scale = (double) region.counts().units() / profile.referenceUnits();
        return new DemandModel(RegionDemand.zones(region), profile, catalogue, scale, snap);
    }

    public DemandProfile profile() {
        return profile;
    }

    public List<DemandZone> listZones() {
        return sources.stream().map(Source::zone).toList();
    }

    /**
     * The calls in {@code [from, to)}, in time order, drawn with {@code random}. The same window and a
     * generator in the same state give the same calls. With surges, their calls are drawn with {@code random}
     * too, so a surge changes every later call: {@link #arrivals(Instant, Instant, RandomGenerator,
     * RandomGenerator)} keeps them apart.
     */
    @Override
    public List<Arrival> arrivals(Instant from, Instant to, RandomGenerator random) {
        return arrivals(from, to, random, random);
    }

    /**
     * The calls in {@code [from, to)}, in time order: the calls this model draws without its surges, drawn
     * with {@code random} exactly as it draws them, then changed by the surges with draws from {@code
     * surges} alone. A call in a window that lowers its rate to {@code f} of itself is kept with chance
     * {@code f}; a window that raises it adds calls at {@code f - 1} times the rate. Both are exact for a
     * Poisson process (thinning and superposition), and every call the surges do not touch is the call drawn
     * without them, at the same time and place: a scenario and its baseline differ by the surges' calls, not
     * by chance (common random numbers).
     */
    @Override
    public List<Arrival> arrivals(Instant from, Instant to, RandomGenerator random, RandomGenerator surged) {
        Check.present("from", from);
        Check.present("to", to);
        Check.present("random", random);
        Check.present("surged", surged);
        if (to.isBefore(from)) throw InvalidInputException.of("to", to, "must not be before from (" + from + ")");
        List<Arrival> out = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); ) {
            ZonedDateTime local = start.atZone(profile.timeZone());
            Instant hourEnd = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = hourEnd.isBefore(to) ? hourEnd : to;
            HourTable table = table(local.getDayOfWeek(), local.getHour());
            if (table.total() > 0) drawPiece(start, end, table, random, out);
            start = end;
        }
        if (surges.isEmpty()) return out;
        List<Arrival> kept = new ArrayList<>(out.size());
        for (Arrival a : out) {
            double f = factor(a.zone(), a.type(), a.priority(), a.at());
            if (f >= 1 || surged.nextDouble() < f) kept.add(a);
        }
        List<Arrival> more = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); ) {
            ZonedDateTime local = start.atZone(profile.timeZone());
            Instant hourEnd = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = surgeEdgeBefore(start, hourEnd.isBefore(to) ? hourEnd : to);
            HourTable raised = raised(table(local.getDayOfWeek(), local.getHour()), start);
            if (raised.total() > 0) drawPiece(start, end, raised, surged, more);
            start = end;
        }
        if (more.isEmpty()) return kept;
        kept.addAll(more);
        kept.sort(java.util.Comparator.comparing(Arrival::at)); // stable: a drawn call before a surge's at one instant
        return kept;
    }

    /** The rate of all calls, per hour, at {@code at}. */
    public double ratePerHour(Instant at) {
        ZonedDateTime local = at.atZone(profile.timeZone());
        return surged(table(local.getDayOfWeek(), local.getHour()), at).total();
    }

    /** The rate of calls of one type in one zone, per hour, at {@code at}. */
    public double ratePerHour(Instant at, ZoneId zone, IncidentTypeCode type) {
        ZonedDateTime local = at.atZone(profile.timeZone());
        double rate = 0;
        for (Cell c : surged(table(local.getDayOfWeek(), local.getHour()), at).cells()) {
            if (c.source().zone().zone().equals(zone) && c.type().code().equals(type)) rate += c.ratePerHour();
        }
        return rate;
    }

    /**
     * As {@link #expectedCount(Instant, Instant)}, for one agency's calls: a projection judges each service's
     * trend on its own, a walkout doubling the police's calls and not the ambulance service's.
     */
    public double expectedCount(Instant from, Instant to, Agency agency) {
        double sum = 0;
        for (Instant start = from; start.isBefore(to); ) {
            ZonedDateTime local = start.atZone(profile.timeZone());
            Instant hourEnd = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = surgeEdgeBefore(start, hourEnd.isBefore(to) ? hourEnd : to);
            double rate = 0;
            for (Cell c :
                    surged(table(local.getDayOfWeek(), local.getHour()), start).cells())
                if (c.type().agency() == agency) rate += c.ratePerHour();
            sum += rate * Duration.between(start, end).toNanos() / NANOS_PER_HOUR;
            start = end;
        }
        return sum;
    }

    /** How many calls {@code [from, to)} holds on average: the rate integrated over the window. */
    public double expectedCount(Instant from, Instant to) {
        double sum = 0;
        for (Instant start = from; start.isBefore(to); ) {
            ZonedDateTime local = start.atZone(profile.timeZone());
            Instant hourEnd = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = surgeEdgeBefore(start, hourEnd.isBefore(to) ? hourEnd : to);
            sum += ratePerHour(start) * Duration.between(start, end).toNanos() / NANOS_PER_HOUR;
            start = end;
        }
        return sum;
    }

    private void drawPiece(Instant start, Instant end, HourTable table, RandomGenerator random, List<Arrival> out) {
        long spanNanos = Duration.between(start, end).toNanos();
        double t = 0;
        while (true) {
            // Exponential gaps: memoryless, so restarting at each hour's edge is exact.
            t += -Math.log(1 - random.nextDouble()) / table.total() * NANOS_PER_HOUR;
            if (t >= spanNanos) return;
            Instant at = start.plusNanos((long) t).truncatedTo(ChronoUnit.MILLIS);
            Cell cell = pick(table, random.nextDouble() * table.total());
            DemandZone zone = cell.source().zone();
            out.add(new Arrival(
                    at,
                    zone.organisation(),
                    zone.zone(),
                    cell.type().code(),
                    cell.type().defaultPriority(),
                    location(cell.source(), random)));
        }
    }

    /** The first surge window's edge after {@code start} and before {@code end}, else {@code end}. */
    private Instant surgeEdgeBefore(Instant start, Instant end) {
        Instant edge = end;
        for (Surge s : surges) {
            if (s.from().isAfter(start) && s.from().isBefore(edge)) edge = s.from();
            if (s.to().isAfter(start) && s.to().isBefore(edge)) edge = s.to();
        }
        return edge;
    }

    /** The hour's table with the surges active at {@code at} applied; the table itself when none is. */
    private HourTable surged(HourTable table, Instant at) {
        if (surges.stream().noneMatch(s -> !at.isBefore(s.from()) && at.isBefore(s.to()))) return table;
        List<Cell> cells = new ArrayList<>(table.cells().length);
        for (Cell c : table.cells()) {
            double rate = c.ratePerHour() * factor(c, at);
            if (rate > 0) cells.add(new Cell(c.source(), c.type(), rate));
        }
        return tableOf(cells);
    }

    /** The calls the surges active at {@code at} add to the hour's: each raised cell at its rise alone. */
    private HourTable raised(HourTable table, Instant at) {
        List<Cell> cells = new ArrayList<>();
        if (surges.stream().anyMatch(s -> !at.isBefore(s.from()) && at.isBefore(s.to())))
            for (Cell c : table.cells()) {
                double f = factor(c, at);
                if (f > 1) cells.add(new Cell(c.source(), c.type(), c.ratePerHour() * (f - 1)));
            }
        return tableOf(cells);
    }

    /** The product of the factors of the surges over a cell's calls at {@code at}: 1 when none is. */
    private double factor(Cell c, Instant at) {
        return factor(c.source().zone().zone(), c.type().code(), c.type().defaultPriority(), at);
    }

    private double factor(ZoneId zone, IncidentTypeCode type, Priority priority, Instant at) {
        double f = 1;
        for (Surge s : surges) if (s.covers(zone, type, priority, at)) f *= s.factor();
        return f;
    }

    private static Cell pick(HourTable table, double u) {
        double[] c = table.cumulative();
        int lo = 0;
        int hi = c.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return table.cells()[lo];
    }

    /** A point in the zone, near a settlement in proportion to its people, on a road when one is near. */
    private GeoPoint location(Source source, RandomGenerator random) {
        DemandZone zone = source.zone();
        double inPlaces =
                zone.places().stream().mapToDouble(DemandZone.Place::population).sum();
        double total = Math.max(zone.population(), inPlaces);
        for (int attempt = 0; attempt < PLACE_TRIES; attempt++) {
            double u = random.nextDouble() * total;
            GeoPoint drawn = null;
            for (DemandZone.Place place : zone.places()) {
                if (u < place.population()) {
                    drawn = aroundPlace(place, random);
                    break;
                }
                u -= place.population();
            }
            if (drawn == null) drawn = anywhereIn(source.bounds(), random);
            Optional<GeoPoint> placed =
                    inside(source, drawn).flatMap(snap::onRoad).flatMap(p -> inside(source, p));
            if (placed.isPresent()) return placed.get();
        }
        GeoPoint centre = zone.area().interiorPoint();
        return snap.onRoad(centre).orElse(centre);
    }

    private static GeoPoint aroundPlace(DemandZone.Place place, RandomGenerator random) {
        double sigma = place.radiusMeters() / 2;
        double lat = place.centre().lat() + random.nextGaussian() * sigma / METERS_PER_DEGREE;
        double lon = place.centre().lon()
                + random.nextGaussian()
                        * sigma
                        / (METERS_PER_DEGREE
                                * Math.cos(Math.toRadians(place.centre().lat())));
        return GeoPoint.of(Math.max(-90, Math.min(90, lat)), Math.max(-180, Math.min(180, lon)));
    }

    private static GeoPoint anywhereIn(GeoBounds b, RandomGenerator random) {
        double height = b.northEast().lat() - b.southWest().lat();
        double width = b.northEast().lon() - b.southWest().lon();
        return GeoPoint.of(
                b.southWest().lat() + random.nextDouble() * height,
                b.southWest().lon() + random.nextDouble() * width);
    }

    private static Optional<GeoPoint> inside(Source source, GeoPoint p) {
        return source.zone().area().covers(p) ? Optional.of(p) : Optional.empty();
    }

    private HourTable table(DayOfWeek day, int hour) {
        return byHourOfWeek[(day.getValue() - 1) * 24 + hour];
    }

    private void buildTables() {
        Map<Agency, List<IncidentType>> typesByAgency = new EnumMap<>(Agency.class);
        for (IncidentType t : catalogue.listTypes())
            typesByAgency.computeIfAbsent(t.agency(), a -> new ArrayList<>()).add(t);
        Map<Agency, List<Source>> sourcesByAgency = new EnumMap<>(Agency.class);
        for (Source s : sources)
            sourcesByAgency
                    .computeIfAbsent(s.zone().agency(), a -> new ArrayList<>())
                    .add(s);

        Map<Agency, Double> norm = new EnumMap<>(Agency.class);
        for (Agency a : typesByAgency.keySet()) {
            double sum = 0;
            for (DayOfWeek day : DayOfWeek.values())
                for (int h = 0; h < 24; h++) sum += rawAgencyRate(a, typesByAgency.get(a), day, h);
            norm.put(a, sum / (7 * 24));
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int h = 0; h < 24; h++) {
                List<Cell> cells = new ArrayList<>();
                for (var e : sourcesByAgency.entrySet()) {
                    Agency a = e.getKey();
                    List<IncidentType> types = typesByAgency.getOrDefault(a, List.of());
                    double n = norm.getOrDefault(a, 0.0);
                    if (types.isEmpty() || n <= 0) continue;
                    Map<Source, Double> zoneShare = zoneShares(e.getValue());
                    double mean = profile.meanPerHour().getOrDefault(a, 0.0) * scale;
                    for (Source s : e.getValue()) {
                        for (IncidentType t : types) {
                            double rate = mean
                                    * profile.shape(a, day, h)
                                    * profile.shareOf(t.code())
                                    * profile.boost(t.code(), day, h)
                                    / n
                                    * zoneShare.get(s);
                            if (rate > 0) cells.add(new Cell(s, t, rate));
                        }
                    }
                }
                byHourOfWeek[(day.getValue() - 1) * 24 + h] = tableOf(cells);
            }
        }
    }

    private double rawAgencyRate(Agency a, List<IncidentType> types, DayOfWeek day, int hour) {
        double sum = 0;
        for (IncidentType t : types)
            sum += profile.shape(a, day, hour) * profile.shareOf(t.code()) * profile.boost(t.code(), day, hour);
        return sum;
    }

    /** Each zone's share of its agency's people; equal shares when nobody lives in any of them. */
    private static Map<Source, Double> zoneShares(List<Source> zones) {
        double total = zones.stream().mapToDouble(s -> s.zone().population()).sum();
        Map<Source, Double> shares = new IdentityHashMap<>();
        for (Source s : zones) shares.put(s, total > 0 ? s.zone().population() / total : 1.0 / zones.size());
        return shares;
    }

    private static HourTable tableOf(List<Cell> cells) {
        double[] cumulative = new double[cells.size()];
        double total = 0;
        for (int i = 0; i < cells.size(); i++) {
            total += cells.get(i).ratePerHour();
            cumulative[i] = total;
        }
        return new HourTable(cells.toArray(Cell[]::new), cumulative, total);
    }
}
