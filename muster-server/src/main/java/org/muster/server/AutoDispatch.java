package org.muster.server;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.incident.Incident;

/**
 * Something that will dispatch to waiting calls by itself, such as the demo's simulated control room: when
 * it will act on an incident if nobody does first, so the queue can count down to it. A real control room
 * has none.
 */
@FunctionalInterface
public interface AutoDispatch {
    AutoDispatch NONE = (incident, now) -> Optional.empty();

    /** When it will dispatch to {@code incident}, in Muster's time; empty when it will not. */
    Optional<Instant> dispatchAt(Incident incident, Instant now);
}
