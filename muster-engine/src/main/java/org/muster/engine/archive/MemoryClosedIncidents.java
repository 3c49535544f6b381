package org.muster.engine.archive;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;

/**
 * The read model of closed incidents in memory, beside the in-memory event log: what the simulator and the
 * engine's tests archive to. It lives as long as the log it goes with.
 */
public final class MemoryClosedIncidents implements ClosedIncidents {
    private final Map<IncidentId, Incident> incidents = new ConcurrentHashMap<>();

    @Override
    public void save(Incident incident) {
        ClosedIncidents.checkFinished(incident);
        incidents.put(incident.id(), incident);
    }

    @Override
    public Optional<Incident> findIncident(IncidentId id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public List<Incident> listClosed(Collection<OrganisationId> organisations, Instant from, Instant to, int limit) {
        ClosedIncidents.checkQuery(from, to, limit);
        Set<OrganisationId> orgs = Set.copyOf(organisations);
        return incidents.values().stream()
                .filter(i -> orgs.contains(i.organisation()))
                .filter(i -> {
                    Instant at = ClosedIncidents.finishedAt(i);
                    return !at.isBefore(from) && at.isBefore(to);
                })
                .sorted(Comparator.comparing(ClosedIncidents::finishedAt)
                        .reversed()
                        .thenComparing(Incident::id))
                .limit(limit)
                .toList();
    }

    /** How many incidents it holds. */
    public int size() {
        return incidents.size();
    }
}
