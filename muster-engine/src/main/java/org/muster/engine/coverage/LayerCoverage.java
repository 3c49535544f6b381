package org.muster.engine.coverage;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.organisation.ZoneId;

/**
 * Coverage of one layer: over all demand, over the organisation's own area, and over each of its zones.
 *
 * @param availableUnits the units counted (available and placed on the road network)
 * @param overall over every demand cell of the map, other organisations' areas too: how much of it the layer's
 *     units reach
 * @param area over the organisation's own area: the cells of its zones that lie in no other zone of its (a
 *     force's area, not its neighbours'); {@code overall} when it has no zone. The organisation's figure.
 * @param byZone over the cells of each zone of the layer's organisation
 */
public record LayerCoverage(
        CoverageLayer layer,
        int availableUnits,
        CoverageFigure overall,
        CoverageFigure area,
        SortedMap<ZoneId, CoverageFigure> byZone) {
    public LayerCoverage {
        byZone = Collections.unmodifiableSortedMap(new TreeMap<>(byZone));
    }

    public Optional<CoverageFigure> findZone(ZoneId zone) {
        return Optional.ofNullable(byZone.get(zone));
    }
}
