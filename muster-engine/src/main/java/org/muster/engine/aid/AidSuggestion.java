package org.muster.engine.aid;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;

/**
 * An organisation that could answer a mutual aid request, and why.
 *
 * @param suitable its units that meet the need and are free now (available, not lent, not held by a request)
 * @param spare how many of those it can lend without any of its zones falling below a safe minimum
 * @param spareCount what the spare units bring: units, or people with the skill for a need of people
 * @param proposed the spare units it would send, fastest first, no more than the request still needs
 * @param firstArrival travel time of the fastest proposed unit to the rendezvous point
 * @param allArrive travel time of the slowest proposed unit: when the whole set could be there
 * @param coverage the coverage it would lose by sending the proposed units, when a coverage model is given
 * @param reasons the suggestion in words: what it can spare and what holds the rest back, travel, coverage
 */
public record AidSuggestion(
        OrganisationId organisation,
        int suitable,
        int spare,
        int spareCount,
        List<UnitId> proposed,
        Optional<Duration> firstArrival,
        Optional<Duration> allArrive,
        Optional<CoverageLoss> coverage,
        List<String> reasons) {
    public AidSuggestion {
        proposed = List.copyOf(proposed);
        reasons = List.copyOf(reasons);
    }
}
