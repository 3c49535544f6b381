package org.muster.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ResourceRequirement;

/**
 * What Muster recommends for an incident: for each of its requirements the suitable units ranked by road
 * travel time, the ones proposed to fill it, what cannot be filled and why, and how the zones it lies in
 * change the dispatch (an escort, a rendezvous point).
 *
 * @param sequence the state the recommendation was made against
 * @param notes how zone operating levels shape this dispatch, in words
 */
public record Recommendation(
        IncidentId incident,
        long sequence,
        Instant at,
        List<Fill> fills,
        List<Shortfall> shortfalls,
        List<String> notes) {
    public Recommendation {
        fills = List.copyOf(fills);
        shortfalls = List.copyOf(shortfalls);
        notes = List.copyOf(notes);
    }

    /**
     * One requirement of the incident.
     *
     * @param role the role its units are dispatched in: a police escort's is {@code ESCORT}
     * @param stillNeeded how many more units it needs, after those already assigned
     * @param ranked suitable units, fastest first (k of them, or all on request)
     * @param proposed the fastest that fill what is still needed, none proposed for two requirements
     */
    public record Fill(
            ResourceRequirement requirement,
            AssignmentRole role,
            int stillNeeded,
            List<Candidate> ranked,
            List<Candidate> proposed) {
        public Fill {
            ranked = List.copyOf(ranked);
            proposed = List.copyOf(proposed);
        }
    }

    /** A requirement that cannot be filled, said in words: "no ARMED_RESPONSE_VEHICLE with ARMED within 1 h". */
    public record Shortfall(ResourceRequirement requirement, int missing, String reason) {}

    /** Every unit proposed, across requirements: the set to dispatch. */
    public List<Candidate> proposedSet() {
        return fills.stream().flatMap(f -> f.proposed().stream()).toList();
    }

    /** When the proposed set is all there: its slowest unit, as an escorted crew waits for its escort. */
    public Optional<Duration> expectedArrival() {
        return proposedSet().stream().map(Candidate::travelTime).max(Duration::compareTo);
    }

    /** Whether nothing suitable is to be had for what the incident still needs: "no units available". */
    public boolean noUnitsAvailable() {
        return proposedSet().isEmpty() && !shortfalls.isEmpty();
    }

    /**
     * Whether what is short is only a police escort: the crews are sent (or free to go) and wait for one nobody
     * can send. A dispatcher reads it as "no escort", not "no units", with the service's own crews free.
     */
    public boolean noEscortAvailable() {
        return noUnitsAvailable()
                && shortfalls.stream()
                        .allMatch(s -> fills.stream()
                                .anyMatch(f -> f.role() == AssignmentRole.ESCORT
                                        && f.requirement().equals(s.requirement())));
    }
}
