package org.muster.engine.coverage;

import java.util.Comparator;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitType;

/**
 * What one coverage figure counts: an organisation's available units (all of them, or those of one type)
 * against one standard.
 *
 * @param unitType empty for every type of the organisation's units
 */
public record CoverageLayer(OrganisationId organisation, CoverageStandard standard, Optional<UnitType> unitType)
        implements Comparable<CoverageLayer> {
    private static final Comparator<CoverageLayer> ORDER = Comparator.comparing(
                    (CoverageLayer l) -> l.organisation().value())
            .thenComparing(l -> l.standard().agency())
            .thenComparing(l -> l.standard().category())
            .thenComparing(l -> l.unitType().map(t -> t.ordinal() + 1).orElse(0));

    public CoverageLayer {
        Check.present("organisation", organisation);
        Check.present("standard", standard);
        Check.present("unitType", unitType);
    }

    @Override
    public int compareTo(CoverageLayer other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return organisation + " " + unitType.map(UnitType::name).orElse("all units") + " " + standard;
    }
}
