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

    /** Counts per cell and covered demand per zone, for one layer. */
    private static final class Layer {
        final CoverageLayer key;
        final CellCounts counts;
        final Sums sums;

        Layer(CoverageLayer key, int cellCount, int zoneCount) {
            this.key = key;
            this.counts = new CellCounts(cellCount);
            this.sums = new Sums(zoneCount);
        }
    }

    /** A layer's covered demand, in thousandths, overall and per zone number. */
    static final class Sums {
        int units;
        long onceMilli;
        long twiceMilli;
        final long[] onceByZone;
        final long[] twiceByZone;

        Sums(int zoneCount) {
            onceByZone = new long[zoneCount];
            twiceByZone = new long[zoneCount];
        }

        Sums copy() {
            Sums c = new Sums(onceByZone.length);
            c.units = units;
            c.onceMilli = onceMilli;
            c.twiceMilli = twiceMilli;
            System.arraycopy(onceByZone, 0, c.onceByZone, 0, onceByZone.length);
            System.arraycopy(twiceByZone, 0, c.twiceByZone, 0, twiceByZone.length);
            return c;
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

        Optional<GeoPoint> point = Optional.empty();
        /** Null while the unit has not counted since it moved: placing a point is a search of the roads' index. */
        Optional<SnappedLocation> place = Optional.empty();
        /** Null when the unit moved since the last search (or never needed one). */
        UnitReach reach;

        boolean counted;

        Tracked(OrganisationId organisation, UnitType type, List<CoverageStandard> standards, Layer[][] layers) {
            this.organisation = organisation;
            this.type = type;
            this.standards = standards;
            this.layersByStandard = layers;
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
            t = new Tracked(unit.workingFor(), unit.type(), standards, layersFor(unit, standards));
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
                    ? cells.reachFrom(t.place.get(), config.profile(), t.standards)
                    : UnitReach.search(cells, config.profile(), t.standards, t.place.get(), closed);
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

    private Layer[][] layersFor(Unit unit, List<CoverageStandard> standards) {
        Layer[][] out = new Layer[standards.size()][];
        for (int k = 0; k < out.length; k++) {
            CoverageLayer all = new CoverageLayer(unit.workingFor(), standards.get(k), Optional.empty());
            if (config.byUnitType()) {
                CoverageLayer ofType = new CoverageLayer(unit.workingFor(), standards.get(k), Optional.of(unit.type()));
                out[k] = new Layer[] {layer(all), layer(ofType)};
            } else {
                out[k] = new Layer[] {layer(all)};
            }
        }
        return out;
    }

    private Layer layer(CoverageLayer key) {
        return layers.computeIfAbsent(key, k -> new Layer(k, cells.size(), cells.zoneCount()));
    }

    private void setCounted(Tracked t, boolean counted) {
        if (t.counted == counted) return;
        int delta = counted ? 1 : -1;
        int[] byTime = t.reach.cellsByTime();
        for (int k = 0; k < t.standards.size(); k++) {
            int within = t.reach.countWithin()[k];
            for (Layer l : t.layersByStandard[k]) {
                l.sums.units += delta;
                for (int i = 0; i < within; i++) {
                    int cell = byTime[i];
                    int after = l.counts.add(cell, delta);
                    l.sums.cellCountChanged(cells, cell, after - delta, after);
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
            // the organisation's area: its outermost zones (none of them within another of its own), summed
            long areaDemand = 0;
            long areaOnce = 0;
            long areaTwice = 0;
            for (int z = 0; z < cells.zoneCount(); z++) {
                ZoneId zone = cells.zone(z);
                Optional<Zone> own =
                        state.findZone(zone).filter(x -> x.organisation().equals(key.organisation()));
                if (own.isEmpty()) continue;
                byZone.put(zone, CoverageFigure.ofMilli(cells.zoneDemandMilli(z), s.onceByZone[z], s.twiceByZone[z]));
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
            out.add(new LayerCoverage(key, s.units, overall, area, byZone));
        }
        return new CoverageReport(state.sequence(), out);
    }
}
