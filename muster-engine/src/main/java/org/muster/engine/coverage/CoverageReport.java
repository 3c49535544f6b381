package org.muster.engine.coverage;

import java.util.List;
import java.util.Optional;
import org.muster.domain.NotFoundException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitType;

/**
 * Coverage as of one point in the event sequence: a figure per organisation, standard and (where
 * configured) unit type, each over all demand and per zone.
 *
 * @param sequence the last event the figures include
 * @param layers sorted by organisation, standard, then unit type (all types first)
 */
public record CoverageReport(long sequence, List<LayerCoverage> layers) {
    public CoverageReport {
        layers = List.copyOf(layers);
    }

    /** The organisation's figure for a category, over all its units or those of one type. */
    public Optional<LayerCoverage> findLayer(
            OrganisationId organisation, Priority category, Optional<UnitType> unitType) {
        return layers.stream()
                .filter(l -> l.layer().organisation().equals(organisation)
                        && l.layer().standard().category() == category
                        && l.layer().unitType().equals(unitType))
                .findFirst();
    }

    /** Like {@link #findLayer} for all of the organisation's units, but throws when there is no such layer. */
    public LayerCoverage getLayer(OrganisationId organisation, Priority category) {
        return findLayer(organisation, category, Optional.empty())
                .orElseThrow(() -> new NotFoundException("coverage layer", organisation + " " + category));
    }
}
