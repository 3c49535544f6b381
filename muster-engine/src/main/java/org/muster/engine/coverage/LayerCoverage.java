package org.muster.engine.coverage;

import java.time.Duration;
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
 * @param byZone over the cells of each zone of the layer's organisation, each within the time its calls are
 *     judged by: the standard's, or the zone's own ({@code zoneTargets})
 * @param zoneTargets the zones of the layer's organisation with a target of their own for the standard's category
 *     ({@code muster.zone-targets}), and the time their figure in {@code byZone} counts within, in place of the
 *     standard's (which {@code overall} and {@code area} keep)
 */
public record LayerCoverage(
        CoverageLayer layer,
        int availableUnits,
        CoverageFigure overall,
        CoverageFigure area,
        SortedMap<ZoneId, CoverageFigure> byZone,
        SortedMap<ZoneId, Duration> zoneTargets) {
    public LayerCoverage {
        byZone = Collections.unmodifiableSortedMap(new TreeMap<>(byZone));
        zoneTargets = Collections.unmodifiableSortedMap(new TreeMap<>(zoneTargets));
    }

    /** The time the zone's figure counts within: its own target's, else the standard's. */
    public Duration targetIn(ZoneId zone) {
        return zoneTargets.getOrDefault(zone, layer.standard().target());
    }

    public Optional<CoverageFigure> findZone(ZoneId zone) {
        return Optional.ofNullable(byZone.get(zone));
    }
}
