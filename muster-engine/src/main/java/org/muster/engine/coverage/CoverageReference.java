package org.muster.engine.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.unit.Unit;
import org.muster.engine.state.MusterState;
import org.muster.geo.road.ClosedRoads;
import org.muster.geo.road.SnappedLocation;

/**
 * Coverage computed from nothing: every counted unit placed and searched from, every cell's count of
 * units per layer, then every cell's demand summed. The plain reference the incremental {@link
 * CoverageTracker} must equal, and the cost a system without incremental updates pays on every change.
 */
public final class CoverageReference {
    private CoverageReference() {}

    /** Coverage of {@code cells} by the units of {@code state}, along no road closed in it. */
    public static CoverageReport compute(DemandCells cells, CoverageConfig config, MusterState state) {
        Check.present("cells", cells);
        Check.present("config", config);
        Check.present("state", state);
        Map<CoverageLayer, int[]> counts = new HashMap<>();
        // per layer, zone judged by a time of its own, the counts of its cells within that time
        Map<CoverageLayer, Map<Integer, int[]>> ownCounts = new HashMap<>();
        Map<CoverageLayer, CoverageModel.Sums> sums = new HashMap<>();
        ClosedRoads closed = state.listRoadClosures().isEmpty()
                ? ClosedRoads.none()
                : cells.network().closeRoads(state.listRoadClosures());
        List<Unit> units = state.units().values().stream()
                .sorted(Comparator.comparing(u -> u.id().value()))
                .toList();
        for (Unit unit : units) {
            List<CoverageStandard> standards = CoverageModel.standardsFor(config, unit, state);
            List<long[]> own = new ArrayList<>();
            for (CoverageStandard s : standards)
                own.add(CoverageModel.ownMillis(
                        cells, config, state, new CoverageLayer(unit.workingFor(), s, Optional.empty())));
            CoverageModel.Search search = CoverageModel.Search.of(standards, own);
            Optional<SnappedLocation> place =
                    unit.position().flatMap(p -> cells.network().findSnap(p.point()));
            boolean counted = place.isPresent() && config.countedStatuses().contains(unit.status());
            UnitReach reach = counted
                    ? UnitReach.search(cells, config.profile(), search.searched(), place.get(), closed)
                    : UnitReach.NOTHING;
            for (int k = 0; k < standards.size(); k++) {
                List<CoverageLayer> layers = config.byUnitType()
                        ? List.of(
                                new CoverageLayer(unit.workingFor(), standards.get(k), Optional.empty()),
                                new CoverageLayer(unit.workingFor(), standards.get(k), Optional.of(unit.type())))
                        : List.of(new CoverageLayer(unit.workingFor(), standards.get(k), Optional.empty()));
                long[] ownMillis = own.get(k);
                for (CoverageLayer layer : layers) {
                    int[] perCell = counts.computeIfAbsent(layer, l -> new int[cells.size()]);
                    CoverageModel.Sums s = sums.computeIfAbsent(layer, l -> new CoverageModel.Sums(ownMillis));
                    Map<Integer, int[]> perZone = ownCounts.computeIfAbsent(layer, l -> new HashMap<>());
                    if (!counted) continue;
                    s.units++;
                    for (int i = 0; i < reach.countWithin()[k]; i++) perCell[reach.cellsByTime()[i]]++;
                    for (int j = 0; j < search.ownZones()[k].length; j++) {
                        int zone = search.ownZones()[k][j];
                        int[] ofZone = perZone.computeIfAbsent(zone, z -> new int[cells.size()]);
                        for (int i = 0; i < reach.countWithin()[search.ownIndex()[k][j]]; i++) {
                            int cell = reach.cellsByTime()[i];
                            if (CoverageModel.inZone(cells, cell, zone)) ofZone[cell]++;
                        }
                    }
                }
            }
        }
        counts.forEach((layer, perCell) -> sum(cells, perCell, sums.get(layer)));
        ownCounts.forEach((layer, perZone) -> perZone.forEach((zone, perCell) -> {
            CoverageModel.Sums s = sums.get(layer);
            for (int c = 0; c < perCell.length; c++) {
                long w = cells.weightMilli(c);
                if (perCell[c] >= 1) s.ownOnceByZone[zone] += w;
                if (perCell[c] >= 2) s.ownTwiceByZone[zone] += w;
            }
        }));
        return CoverageModel.report(cells, state, sums);
    }

    private static void sum(DemandCells cells, int[] perCell, CoverageModel.Sums s) {
        for (int c = 0; c < perCell.length; c++) {
            long w = cells.weightMilli(c);
            if (perCell[c] >= 1) {
                s.onceMilli += w;
                for (int z : cells.zonesOf(c)) s.onceByZone[z] += w;
            }
            if (perCell[c] >= 2) {
                s.twiceMilli += w;
                for (int z : cells.zonesOf(c)) s.twiceByZone[z] += w;
            }
        }
    }
}
