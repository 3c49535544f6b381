package org.muster.engine.warning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.geo.cell.CellIndex;

/**
 * Finds space–time clusters of hostile or obstructed incidents over H3 cells: at each time bin's close, a
 * prospective space–time permutation scan (see {@link SpaceTimeScan}) of the last {@code studyBins} bins
 * for clusters that are still going on, that is whose window ends with the bin just closed.
 *
 * <p>Incremental like {@link SurgeDetector}: {@link #observe} counts an incident as it arrives (a late one
 * in the open bin), {@link #advanceTo} closes the bins time has passed and returns their alerts in order.
 * A bin is scanned only if its latest {@code maxWindowBins} bins hold at least {@code minCases}
 * incidents, since no smaller cluster could be reported.
 *
 * <p>Deterministic: the Monte Carlo replicas of the scan of bin {@code b} draw from a generator seeded by
 * the caller's seed and {@code b}, so a replay of the same incidents raises the same alerts however the
 * calls were split. Not thread-safe: one thread feeds it.
 */
public final class HotspotDetector {
    private final HotspotConfig config;
    private final CellIndex grid;
    private final SpaceTimeScan.Parameters parameters;
    private final long binMillis;
    private final long seed;
    private final ZoneFinder zoneOf;
    private final ArrayDeque<Case> cases = new ArrayDeque<>();
    private long openBin;
    private long lastCaseBin = Long.MIN_VALUE / 2;

    private record Case(long bin, long cell, OrganisationId organisation) {}

    /**
     * @param config the method's parameters
     * @param grid the cells incidents are counted in
     * @param start when watching began; the bin holding it is the first counted
     * @param seed seeds the Monte Carlo replicas
     * @param zoneOf an organisation's zone at a point, for the proposed action: the zone, at the cluster's
     *     centre, of the organisation with most calls in the cluster; where it has none, nothing is proposed
     */
    public HotspotDetector(HotspotConfig config, CellIndex grid, Instant start, long seed, ZoneFinder zoneOf) {
        this.config = Check.present("config", config);
        this.grid = Check.present("grid", grid);
        Check.present("start", start);
        this.zoneOf = Check.present("zoneOf", zoneOf);
        this.parameters = SpaceTimeScan.Parameters.of(config);
        this.binMillis = config.binWidth().toMillis();
        this.seed = seed;
        this.openBin = Math.floorDiv(start.toEpochMilli(), binMillis);
    }

    /** A detector whose alerts propose no action, for when zones are not known. */
    public HotspotDetector(HotspotConfig config, CellIndex grid, Instant start, long seed) {
        this(config, grid, start, seed, (point, organisation) -> Optional.empty());
    }

    /** What a snapshot keeps of the detector: its bins and the cases still in the study period. */
    public record Memento(long openBin, long lastCaseBin, List<CaseAt> cases) {
        public Memento {
            cases = List.copyOf(cases);
        }
    }

    /** One counted incident: its bin, its H3 cell and its organisation. */
    public record CaseAt(long bin, long cell, OrganisationId organisation) {}

    /** The detector as it stands; only the thread that feeds it may call this. */
    public Memento memento() {
        return new Memento(
                openBin,
                lastCaseBin,
                cases.stream()
                        .map(c -> new CaseAt(c.bin(), c.cell(), c.organisation()))
                        .toList());
    }

    /** Puts the detector back as {@code memento} has it. */
    public void restore(Memento memento) {
        openBin = memento.openBin();
        lastCaseBin = memento.lastCaseBin();
        cases.clear();
        for (CaseAt c : memento.cases()) cases.addLast(new Case(c.bin(), c.cell(), c.organisation()));
    }

    public HotspotConfig config() {
        return config;
    }

    /** The start of the bin now being counted; every bin before it is closed. */
    public Instant openBinStart() {
        return Instant.ofEpochMilli(openBin * binMillis);
    }

    /**
     * Counts one incident of an organisation if its type is one the detector scans, after closing every bin
     * that ends at or before {@code at}; returns the alerts of the bins closed.
     */
    public List<HotspotAlert> observe(Instant at, GeoPoint where, IncidentTypeCode type, OrganisationId organisation) {
        Check.present("at", at);
        Check.present("where", where);
        Check.present("type", type);
        Check.present("organisation", organisation);
        var alerts = advanceTo(at);
        if (config.types().contains(type)) {
            cases.addLast(new Case(openBin, grid.cellOf(where, config.h3Resolution()), organisation));
            lastCaseBin = openBin;
        }
        return alerts;
    }

    /** Closes every bin that ends at or before {@code now}; returns their alerts in bin order. */
    public List<HotspotAlert> advanceTo(Instant now) {
        Check.present("now", now);
        long target = Math.floorDiv(now.toEpochMilli(), binMillis);
        var alerts = new ArrayList<HotspotAlert>();
        while (openBin < target) {
            if (openBin > lastCaseBin + config.maxWindowBins() - 1) {
                openBin = target; // nothing recent enough to form a cluster until the next incident
                break;
            }
            alerts.addAll(close(openBin));
            openBin++;
        }
        long oldest = openBin - config.studyBins();
        while (!cases.isEmpty() && cases.peekFirst().bin() < oldest) cases.removeFirst();
        return alerts;
    }

    private List<HotspotAlert> close(long bin) {
        long oldest = bin - config.studyBins() + 1;
        long recentFrom = bin - config.maxWindowBins() + 1;
        int recent = 0;
        var inStudy = new ArrayList<Case>();
        for (var c : cases) {
            if (c.bin() < oldest || c.bin() > bin) continue;
            inStudy.add(c);
            if (c.bin() >= recentFrom) recent++;
        }
        if (recent < config.minCases()) return List.of();
        long[] cells = new long[inStudy.size()];
        int[] ages = new int[inStudy.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = inStudy.get(i).cell();
            ages[i] = (int) (bin - inStudy.get(i).bin());
        }
        var random = new SplittableRandom(seed ^ (bin * 0x9E3779B97F4A7C15L));
        var clusters = SpaceTimeScan.scan(grid, cells, ages, parameters, random);
        var alerts = new ArrayList<HotspotAlert>();
        for (var cluster : clusters) alerts.add(alert(cluster, bin, cells.length, callsBy(cluster, bin, inStudy)));
        return alerts;
    }

    /** How many of the cluster's calls each organisation made: whose calls formed it. */
    private static Map<OrganisationId, Integer> callsBy(SpaceTimeScan.Cluster c, long bin, List<Case> cases) {
        var disc = Arrays.stream(c.disc()).boxed().collect(java.util.stream.Collectors.toSet());
        var out = new TreeMap<OrganisationId, Integer>();
        for (var k : cases) {
            if (k.bin() > bin - c.windowBins() && disc.contains(k.cell())) out.merge(k.organisation(), 1, Integer::sum);
        }
        return out;
    }

    private HotspotAlert alert(
            SpaceTimeScan.Cluster c, long bin, int studyCases, Map<OrganisationId, Integer> callsBy) {
        Instant end = Instant.ofEpochMilli((bin + 1) * binMillis);
        Instant start = Instant.ofEpochMilli((bin + 1 - c.windowBins()) * binMillis);
        var centre = grid.centreOf(c.centre());
        double ratio = c.count() / c.expected();
        List<String> cells = Arrays.stream(c.disc()).mapToObj(grid::address).toList();
        Duration window = config.binWidth().multipliedBy(c.windowBins());
        String summary = c.count() + " hostile or obstructed incidents in " + plural(cells.size(), "cell")
                + " around " + String.format(java.util.Locale.ROOT, "%.5f,%.5f", centre.lat(), centre.lon())
                + " (H3 " + grid.address(c.centre()) + ") in the " + Words.duration(window) + " to " + end
                + " against " + Words.expected(c.expected()) + " expected, " + Words.number(ratio)
                + " times (p = " + Words.probability(c.pValue()) + ")";
        // the organisation with most calls in it (the first by code of equals) is asked to act
        var action = callsBy.entrySet().stream()
                .max(Comparator.comparing(Map.Entry<OrganisationId, Integer>::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .flatMap(most -> zoneOf.zoneOf(centre, most.getKey()))
                .map(zone -> ProposedAction.raiseZone(zone, OperatingLevel.ESCORT_REQUIRED, summary));
        return new HotspotAlert(
                cells,
                grid.address(c.centre()),
                centre,
                c.ringK(),
                start,
                end,
                c.windowBins(),
                c.count(),
                c.expected(),
                ratio,
                c.logLikelihoodRatio(),
                c.pValue(),
                config.replications(),
                studyCases,
                Sorted.setOf(callsBy.keySet()),
                summary,
                action);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
