package org.muster.engine.coverage;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.organisation.ZoneId;

/**
 * Coverage of one layer: over all demand, and over each of the organisation's zones.
 *
 * @param availableUnits the units counted (available and placed on the road network)
 * @param overall over every demand cell
 * @param byZone over the cells of each zone of the layer's organisation
 */
public record LayerCoverage(
        CoverageLayer layer, int availableUnits, CoverageFigure overall, SortedMap<ZoneId, CoverageFigure> byZone) {
    public LayerCoverage {
        byZone = Collections.unmodifiableSortedMap(new TreeMap<>(byZone));
    }

    public Optional<CoverageFigure> findZone(ZoneId zone) {
        return Optional.ofNullable(byZone.get(zone));
    }
}
