package org.muster.engine.rules;

import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.unit.CrewingRules;

/** The configuration the engine decides by: the incident-type catalogue and the crewing rules. */
public record Rules(IncidentTypeCatalogue catalogue, CrewingRules crewing) {
    public static Rules defaults() {
        return new Rules(IncidentTypeCatalogue.defaults(), CrewingRules.defaults());
    }
}
