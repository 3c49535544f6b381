package org.muster.engine.dispatch;

import java.time.Instant;
import java.util.List;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ResourceRequirement;

/**
 * What Muster recommends for an incident: for each of its requirements the suitable units ranked by road
 * travel time, the ones proposed to fill it, and what cannot be filled and why.
 *
 * @param sequence the state the recommendation was made against
 */
public record Recommendation(
        IncidentId incident, long sequence, Instant at, List<Fill> fills, List<Shortfall> shortfalls) {
    public Recommendation {
        fills = List.copyOf(fills);
        shortfalls = List.copyOf(shortfalls);
    }

    /**
     * One requirement of the incident.
     *
     * @param stillNeeded how many more units it needs, after those already assigned
     * @param ranked suitable units, fastest first (k of them, or all on request)
     * @param proposed the fastest that fill what is still needed, none proposed for two requirements
     */
    public record Fill(
            ResourceRequirement requirement, int stillNeeded, List<Candidate> ranked, List<Candidate> proposed) {
        public Fill {
            ranked = List.copyOf(ranked);
            proposed = List.copyOf(proposed);
        }
    }

    /** A requirement that cannot be filled, said in words: "no ARMED_RESPONSE_VEHICLE+ARMED within 60 min". */
    public record Shortfall(ResourceRequirement requirement, int missing, String reason) {}

    /** Every unit proposed, across requirements: the set to dispatch. */
    public List<Candidate> proposedSet() {
        return fills.stream().flatMap(f -> f.proposed().stream()).toList();
    }

    /** Whether nothing suitable is to be had for what the incident still needs: "no units available". */
    public boolean noUnitsAvailable() {
        return proposedSet().isEmpty() && !shortfalls.isEmpty();
    }
}
