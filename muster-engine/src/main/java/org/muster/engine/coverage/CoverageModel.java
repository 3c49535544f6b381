package org.muster.engine.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.GeoPoint;
import org.muster.domain.NotFoundException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.SnappedLocation;

/**
 * The incremental core of coverage. Per unit, the cells it reaches from where it is (one forward road
 * search when it has moved and is needed); per layer and cell, how many counted units reach the cell; per
 * layer and zone, the demand covered once and twice. A unit that starts or stops counting adds or takes
 * away its cells, and only a cell whose count crosses 1 or 2 changes a sum, so an update costs the cells
 * of one unit, not the whole area.
 *
 * <p>Not thread-safe: {@link CoverageTracker} guards it.
 */
final class CoverageModel {
    private final DemandCells cells;
    private final CoverageConfig config;
    private final Map<CoverageLayer, Layer> layers = new HashMap<>();
    private final Map<UnitId, Tracked> units = new HashMap<>();
    private long searches;
    /** The state's closures last placed on the roads (compared by identity: a change makes a new map). */
    private Object closures;

    private ClosedRoads closed = ClosedRoads.none();

    CoverageModel(DemandCells cells, CoverageConfig config) {
        this.cells = cells;
        this.config = config;
    }

    /**
     * Counts per cell and covered demand per zone, for one layer; and for each zone of the layer's organisation
     * judged by a time of its own ({@link CoverageConfig#timeFor}), the counts of its cells within that time.
     */
    private static final class Layer {
        final CoverageLayer key;
        final CellCounts counts;
        final Sums sums;
        /** By zone number, the counts within the zone's own time; only for the zones that have one. */
        final Map<Integer, CellCounts> ownCounts = new HashMap<>();

        Layer(CoverageLayer key, int cellCount, long[] ownMillis) {
            this.key = key;
            this.counts = new CellCounts(cellCount);
            this.sums = new Sums(ownMillis);
            for (int z = 0; z < ownMillis.length; z++)
                if (ownMillis[z] > 0) ownCounts.put(z, new CellCounts(cellCount));
        }
    }

    /**
     * By zone number, the time in milliseconds within which the layer's units cover the zone where it differs from
     * the layer's standard's (a zone of the layer's organisation with a target of its own), else 0. The one rule,
     * {@link CoverageConfig#timeFor}, for the live model and the reference alike.
     */
    static long[] ownMillis(DemandCells cells, CoverageConfig config, MusterState state, CoverageLayer layer) {
        long[] out = new long[cells.zoneCount()];
        CoverageStandard standard = layer.standard();
        for (int z = 0; z < out.length; z++) {
            ZoneId zone = cells.zone(z);
            boolean its = state.findZone(zone)
                    .filter(x -> x.organisation().equals(layer.organisation()))
                    .isPresent();
            if (!its) continue;
            java.time.Duration time = config.timeFor(standard, layer.organisation(), zone);
            if (!time.equals(standard.target())) out[z] = time.toMillis();
        }
        return out;
    }

    /**
     * What one unit's search must reach: its standards, then a standard at each other time a zone of its
     * organisation is judged by; and for each standard, the zones judged by a time of their own with the index of
     * that time among those searched.
     */
    record Search(List<CoverageStandard> searched, int[][] ownZones, int[][] ownIndex) {
        static Search of(List<CoverageStandard> standards, List<long[]> ownMillisByStandard) {
            List<CoverageStandard> searched = new ArrayList<>(standards);
            int[][] zones = new int[standards.size()][];
            int[][] index = new int[standards.size()][];
            for (int k = 0; k < standards.size(); k++) {
                long[] own = ownMillisByStandard.get(k);
                List<Integer> zs = new ArrayList<>();
                List<Integer> is = new ArrayList<>();
                for (int z = 0; z < own.length; z++) {
                    if (own[z] == 0) continue;
                    CoverageStandard at = standards.get(k).withTarget(java.time.Duration.ofMillis(own[z]));
                    int i = searched.indexOf(at);
                    if (i < 0) {
                        searched.add(at);
                        i = searched.size() - 1;
                    }
                    zs.add(z);
                    is.add(i);
                }
                zones[k] = zs.stream().mapToInt(Integer::intValue).toArray();
                index[k] = is.stream().mapToInt(Integer::intValue).toArray();
            }
            return new Search(List.copyOf(searched), zones, index);
        }
    }

    /** Whether the cell lies in zone number {@code zone}. */
    static boolean inZone(DemandCells cells, int cell, int zone) {
        for (int z : cells.zonesOf(cell)) if (z == zone) return true;
        return false;
    }

    /**
     * A layer's covered demand, in thousandths, overall and per zone number; and per zone judged by a time of its
     * own, the demand covered within that time ({@code ownOnceByZone}), which its figure is.
     */
    static final class Sums {
        int units;
        long onceMilli;
        long twiceMilli;
        final long[] onceByZone;
        final long[] twiceByZone;
        /** By zone number, the zone's own time (0 for none): shared, never changed. */
        final long[] ownMillis;

        final long[] ownOnceByZone;
        final long[] ownTwiceByZone;

        Sums(long[] ownMillis) {
            this.ownMillis = ownMillis;
            onceByZone = new long[ownMillis.length];
            twiceByZone = new long[ownMillis.length];
            ownOnceByZone = new long[ownMillis.length];
            ownTwiceByZone = new long[ownMillis.length];
        }

        Sums copy() {
            Sums c = new Sums(ownMillis);
            c.units = units;
            c.onceMilli = onceMilli;
            c.twiceMilli = twiceMilli;
            System.arraycopy(onceByZone, 0, c.onceByZone, 0, onceByZone.length);
            System.arraycopy(twiceByZone, 0, c.twiceByZone, 0, twiceByZone.length);
            System.arraycopy(ownOnceByZone, 0, c.ownOnceByZone, 0, ownOnceByZone.length);
            System.arraycopy(ownTwiceByZone, 0, c.ownTwiceByZone, 0, ownTwiceByZone.length);
            return c;
        }

        /**
         * Accounts for a cell of zone number {@code zone}, judged by its own time, whose count of units within that
         * time went from {@code before} to {@code after}.
         */
        void ownCellCountChanged(DemandCells cells, int zone, int cell, int before, int after) {
            long w = cells.weightMilli(cell);
            ownOnceByZone[zone] += crossing(before, after, 1) * w;
            ownTwiceByZone[zone] += crossing(before, after, 2) * w;
        }

        /** Accounts for a cell whose count of units went from {@code before} to {@code after}. */
        void cellCountChanged(DemandCells cells, int cell, int before, int after) {
            long once = crossing(before, after, 1);
            long twice = crossing(before, after, 2);
            if (once == 0 && twice == 0) return;
            long w = cells.weightMilli(cell);
            onceMilli += once * w;
            twiceMilli += twice * w;
            for (int z : cells.zonesOf(cell)) {
                onceByZone[z] += once * w;
                twiceByZone[z] += twice * w;
            }
        }

        /** +1 when the count rose to the threshold, -1 when it fell below it, else 0. */
        private static long crossing(int before, int after, int threshold) {
            if (before < threshold && after >= threshold) return 1;
            if (before >= threshold && after < threshold) return -1;
            return 0;
        }
    }

    /** What the model knows of one unit. */
    private static final class Tracked {
        final OrganisationId organisation;
        final UnitType type;
        final List<CoverageStandard> standards;
        /** Per standard, the layers the unit counts in: its organisation's, and its type's when reported. */
        final Layer[][] layersByStandard;
        /** Its standards and the zones' own times, searched at once. */
        final Search search;

        Optional<GeoPoint> point = Optional.empty();
        /** Null while the unit has not counted since it moved: placing a point is a search of the roads' index. */
        Optional<SnappedLocation> place = Optional.empty();
        /** Null when the unit moved since the last search (or never needed one). */
        UnitReach reach;

        boolean counted;

        Tracked(
                OrganisationId organisation,
                UnitType type,
                List<CoverageStandard> standards,
                Layer[][] layers,
                Search search) {
            this.organisation = organisation;
            this.type = type;
            this.standards = standards;
            this.layersByStandard = layers;
            this.search = search;
        }
    }

    long searches() {
        return searches;
    }

    /**
     * Places the state's road closures when they changed since the last call, and then searches again from
     * each unit whose last search came to a stretch closed before or after (a junction at its end): only
     * those can gain or lose cells, so a closure costs the searches of the units near it, not of all.
     * Closures change seldom; units' moves do not re-place them.
     */
    void reconcileClosures(MusterState state) {
        if (state.roadClosures() == closures) return;
        boolean first = closures == null;
        closures = state.roadClosures();
        ClosedRoads before = closed;
        ClosedRoads next = cells.network().closeRoads(state.listRoadClosures());
        if (first && next.isEmpty() && before.isEmpty()) return;
        closed = next;
        List<UnitId> again = new ArrayList<>();
        for (Map.Entry<UnitId, Tracked> e : units.entrySet()) {
            Tracked t = e.getValue();
            if (t.reach == null || !(t.reach.touches(before) || t.reach.touches(next))) continue;
            setCounted(t, false);
            t.reach = null;
            again.add(e.getKey());
        }
        for (UnitId id : again) reconcile(id, state);
    }

    /**
     * Brings one unit in line with {@code state}: counted or not by its status, placed again and searched from
     * only when it must count and has moved since it was last placed and searched from.
     */
    void reconcile(UnitId id, MusterState state) {
        Unit unit = state.units().get(id);
        Tracked t = units.get(id);
        if (t != null && (unit == null || !t.organisation.equals(unit.workingFor()) || t.type != unit.type())) {
            setCounted(t, false);
            units.remove(id);
            t = null;
        }
        if (unit == null) return;
        if (t == null) {
            List<CoverageStandard> standards = standardsFor(config, unit, state);
            if (standards.isEmpty()) return; // a type that counts towards no target is not measured
            Layer[][] layers = layersFor(unit, standards, state);
            List<long[]> own = new ArrayList<>();
            for (Layer[] l : layers) own.add(l[0].sums.ownMillis);
            t = new Tracked(unit.workingFor(), unit.type(), standards, layers, Search.of(standards, own));
            units.put(id, t);
        }
        Optional<GeoPoint> point = unit.position().map(Position::point);
        if (!point.equals(t.point)) {
            setCounted(t, false);
            t.point = point;
            t.place = null;
            t.reach = null;
        }
        boolean counts = config.countedStatuses().contains(unit.status());
        // placed only when it would count: a crew on its way reports a new point at every sample, never counted
        if (counts && t.place == null)
            t.place = point.flatMap(p -> cells.network().findSnap(p));
        boolean count = counts && t.place.isPresent();
        if (count && t.reach == null) {
            // the reach kept per place holds only while no road is closed; with closures, search around them
            t.reach = closed.isEmpty()
                    ? cells.reachFrom(t.place.get(), config.profile(), t.search.searched())
                    : UnitReach.search(cells, config.profile(), t.search.searched(), t.place.get(), closed);
            searches++;
        }
        setCounted(t, count);
    }

    /**
     * The standards a unit counts towards for the organisation it works for: none while it is lent to one of
     * another service (a police car escorting for the ambulance service covers no ambulance call, and is not
     * its home force's to send meanwhile).
     */
    static List<CoverageStandard> standardsFor(CoverageConfig config, Unit unit, MusterState state) {
        boolean ownService = state.findOrganisation(unit.workingFor())
                .map(o -> CoverageConfig.coversFor(o, unit.type()))
                .orElse(true);
        return ownService ? config.standardsFor(unit.workingFor(), unit.type()) : List.of();
    }

    private Layer[][] layersFor(Unit unit, List<CoverageStandard> standards, MusterState state) {
        Layer[][] out = new Layer[standards.size()][];
        for (int k = 0; k < out.length; k++) {
            CoverageLayer all = new CoverageLayer(unit.workingFor(), standards.get(k), Optional.empty());
            if (config.byUnitType()) {
                CoverageLayer ofType = new CoverageLayer(unit.workingFor(), standards.get(k), Optional.of(unit.type()));
                out[k] = new Layer[] {layer(all, state), layer(ofType, state)};
            } else {
                out[k] = new Layer[] {layer(all, state)};
            }
        }
        return out;
    }

    private Layer layer(CoverageLayer key, MusterState state) {
        return layers.computeIfAbsent(key, k -> new Layer(k, cells.size(), ownMillis(cells, config, state, k)));
    }

    private void setCounted(Tracked t, boolean counted) {
        if (t.counted == counted) return;
        int delta = counted ? 1 : -1;
        int[] byTime = t.reach.cellsByTime();
        for (int k = 0; k < t.standards.size(); k++) {
            int within = t.reach.countWithin()[k];
            int[] ownZones = t.search.ownZones()[k];
            int[] ownIndex = t.search.ownIndex()[k];
            for (Layer l : t.layersByStandard[k]) {
                l.sums.units += delta;
                for (int i = 0; i < within; i++) {
                    int cell = byTime[i];
                    int after = l.counts.add(cell, delta);
                    l.sums.cellCountChanged(cells, cell, after - delta, after);
                }
                // a zone judged by a time of its own: its cells within that time
                for (int j = 0; j < ownZones.length; j++) {
                    int zone = ownZones[j];
                    CellCounts own = l.ownCounts.get(zone);
                    int ownWithin = t.reach.countWithin()[ownIndex[j]];
                    for (int i = 0; i < ownWithin; i++) {
                        int cell = byTime[i];
                        if (!inZone(cells, cell, zone)) continue;
                        int after = own.add(cell, delta);
                        l.sums.ownCellCountChanged(cells, zone, cell, after - delta, after);
                    }
                }
            }
        }
        t.counted = counted;
    }

    CoverageReport report(MusterState state) {
        Map<CoverageLayer, Sums> sums = new HashMap<>();
        layers.forEach((key, l) -> sums.put(key, l.sums));
        return CoverageModel.report(cells, state, sums);
    }

    /**
     * Coverage as it would be without the given units, computed beside the live counts: per layer, the
     * cells those units reach and how many of them reach each; a cell's sum changes only if its live
     * count less theirs crosses 1 or 2.
     *
     * @throws NotFoundException when a unit is not in {@code state}
     */
    CoveragePreview preview(Collection<UnitId> leaving, MusterState state) {
        List<UnitId> counted = new ArrayList<>();
        List<UnitId> withoutEffect = new ArrayList<>();
        Map<Layer, Map<Integer, Integer>> removed = new HashMap<>();
        // per layer, zone judged by a time of its own, and cell: how many of the leaving reach it within that time
        Map<Layer, Map<Integer, Map<Integer, Integer>>> removedOwn = new HashMap<>();
        for (UnitId id : new LinkedHashSet<>(leaving)) {
            if (state.findUnit(id).isEmpty()) throw new NotFoundException("unit", id.value());
            Tracked t = units.get(id);
            if (t == null || !t.counted) {
                withoutEffect.add(id);
                continue;
            }
            counted.add(id);
            for (int k = 0; k < t.standards.size(); k++) {
                int within = t.reach.countWithin()[k];
                for (Layer l : t.layersByStandard[k]) {
                    Map<Integer, Integer> byCell = removed.computeIfAbsent(l, x -> new HashMap<>());
                    byCell.merge(-1, 1, Integer::sum); // key -1 counts the layer's leaving units
                    for (int i = 0; i < within; i++) byCell.merge(t.reach.cellsByTime()[i], 1, Integer::sum);
                    for (int j = 0; j < t.search.ownZones()[k].length; j++) {
                        int zone = t.search.ownZones()[k][j];
                        int ownWithin = t.reach.countWithin()[t.search.ownIndex()[k][j]];
                        Map<Integer, Integer> ofZone = removedOwn
                                .computeIfAbsent(l, x -> new HashMap<>())
                                .computeIfAbsent(zone, x -> new HashMap<>());
                        for (int i = 0; i < ownWithin; i++) {
                            int cell = t.reach.cellsByTime()[i];
                            if (inZone(cells, cell, zone)) ofZone.merge(cell, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        Map<CoverageLayer, Sums> after = new HashMap<>();
        layers.forEach((key, l) -> {
            Map<Integer, Integer> gone = removed.get(l);
            if (gone == null) {
                after.put(key, l.sums);
                return;
            }
            Sums s = l.sums.copy();
            gone.forEach((cell, n) -> {
                if (cell < 0) {
                    s.units -= n;
                } else {
                    int now = l.counts.get(cell);
                    s.cellCountChanged(cells, cell, now, now - n);
                }
            });
            removedOwn
                    .getOrDefault(l, Map.of())
                    .forEach((zone, byCell) -> byCell.forEach((cell, n) -> {
                        int now = l.ownCounts.get(zone).get(cell);
                        s.ownCellCountChanged(cells, zone, cell, now, now - n);
                    }));
            after.put(key, s);
        });
        return new CoveragePreview(counted, withoutEffect, report(state), report(cells, state, after));
    }

    /** Figures for every layer from its sums; zone figures for the zones of the layer's organisation. */
    static CoverageReport report(DemandCells cells, MusterState state, Map<CoverageLayer, Sums> sums) {
        List<LayerCoverage> out = new ArrayList<>();
        for (CoverageLayer key : sums.keySet().stream().sorted().toList()) {
            Sums s = sums.get(key);
            SortedMap<ZoneId, CoverageFigure> byZone = new TreeMap<>();
            SortedMap<ZoneId, java.time.Duration> zoneTargets = new TreeMap<>();
            // the organisation's area: its outermost zones (none of them within another of its own), summed
            long areaDemand = 0;
            long areaOnce = 0;
            long areaTwice = 0;
            for (int z = 0; z < cells.zoneCount(); z++) {
                ZoneId zone = cells.zone(z);
                Optional<Zone> own =
                        state.findZone(zone).filter(x -> x.organisation().equals(key.organisation()));
                if (own.isEmpty()) continue;
                // a zone judged by a time of its own is reported by it; the area's sums keep the organisation's
                if (s.ownMillis[z] > 0) {
                    byZone.put(
                            zone,
                            CoverageFigure.ofMilli(cells.zoneDemandMilli(z), s.ownOnceByZone[z], s.ownTwiceByZone[z]));
                    zoneTargets.put(zone, java.time.Duration.ofMillis(s.ownMillis[z]));
                } else {
                    byZone.put(
                            zone, CoverageFigure.ofMilli(cells.zoneDemandMilli(z), s.onceByZone[z], s.twiceByZone[z]));
                }
                boolean outermost = own.get()
                        .parent()
                        .flatMap(state::findZone)
                        .filter(p -> p.organisation().equals(key.organisation()))
                        .isEmpty();
                if (outermost) {
                    areaDemand += cells.zoneDemandMilli(z);
                    areaOnce += s.onceByZone[z];
                    areaTwice += s.twiceByZone[z];
                }
            }
            CoverageFigure overall = CoverageFigure.ofMilli(cells.totalMilli(), s.onceMilli, s.twiceMilli);
            CoverageFigure area = byZone.isEmpty() ? overall : CoverageFigure.ofMilli(areaDemand, areaOnce, areaTwice);
            out.add(new LayerCoverage(key, s.units, overall, area, byZone, zoneTargets));
        }
        return new CoverageReport(state.sequence(), out);
    }
}
