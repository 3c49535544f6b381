package org.muster.domain.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;

/**
 * The read model of finished incidents (closed, cancelled or merged) once they have left the live state:
 * the live state holds the open work, this holds the history a person may still look up. The engine saves
 * an incident here with the event that archives it from the state (in the same transaction where the log
 * keeps both: {@code EventLog.append(batch, leaving)}), so an incident is always in one or the other.
 *
 * <p>Implementations live in the store module (a table) and in the engine (in memory, for the simulator and
 * tests). All methods may throw {@link org.muster.domain.TransientException} when storage fails.
 */
public interface ClosedIncidents {

    /**
     * No read model: it keeps nothing, so the engine archives nothing (it refuses to take an incident out of
     * the state with nowhere to keep it) and every incident stays in the live state, as before there was one.
     */
    ClosedIncidents NONE = new ClosedIncidents() {
        @Override
        public void save(Incident incident) {}

        @Override
        public Optional<Incident> findIncident(IncidentId id) {
            return Optional.empty();
        }

        @Override
        public List<Incident> listClosed(
                Collection<OrganisationId> organisations, Instant from, Instant to, int limit) {
            checkQuery(from, to, limit);
            return List.of();
        }
    };

    /** The most {@link #listClosed} answers at once, so that one request cannot read the whole history. */
    int MAX_LIMIT = 1_000;

    /**
     * Saves the finished incident as it stands; saving the same incident again replaces it, so a save
     * repeated after a crash does no harm.
     *
     * @throws IllegalArgumentException when the incident is still open
     */
    void save(Incident incident);

    /**
     * Saves several at once, as {@link #save} saves each: in one transaction where the store has them, so that
     * archiving keeps up with a busy control room's closing calls.
     */
    default void saveAll(List<Incident> incidents) {
        incidents.forEach(this::save);
    }

    Optional<Incident> findIncident(IncidentId id);

    /**
     * The organisations' finished incidents that finished in {@code [from, to)}, the most recently finished
     * first (ties by id), at most {@code limit}.
     *
     * @throws InvalidInputException when {@code limit} is not 1 to {@link #MAX_LIMIT} or {@code to} is before
     *     {@code from}
     */
    List<Incident> listClosed(Collection<OrganisationId> organisations, Instant from, Instant to, int limit);

    /** When the incident finished: the time of its last timeline entry (the one that finished it). */
    static Instant finishedAt(Incident incident) {
        return incident.timeline().isEmpty()
                ? incident.receivedAt()
                : incident.timeline().getLast().at();
    }

    /** Checks the arguments every implementation of {@link #listClosed} takes. */
    static void checkQuery(Instant from, Instant to, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) throw InvalidInputException.of("limit", limit, "must be 1 to " + MAX_LIMIT);
        if (to.isBefore(from)) throw InvalidInputException.of("to", to, "must not be before from " + from);
    }

    /** Checks what {@link #save} takes. */
    static void checkFinished(Incident incident) {
        if (incident.isOpen())
            throw new IllegalArgumentException(
                    "incident " + incident.id() + " is " + incident.status() + ": only a finished incident is saved");
    }
}
