package org.muster.domain.event;

import java.time.Instant;
import org.muster.domain.Check;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandId;

/**
 * An event as it stands in the log: its place in the one sequence (from 1, without gaps), when it was
 * recorded, and the command, actor and reason it came from.
 *
 * <p>Sequence 0 marks an event that is not in the log: a unit's reported position, which goes to the
 * {@link org.muster.domain.log.PositionTrack} and reaches the listeners with the logged events of its
 * batch. Anything that counts, resumes or deduplicates by sequence skips it ({@link #logged()}).
 */
public record RecordedEvent(long sequence, Instant at, CommandId command, Actor actor, String reason, Event event) {
    /** The sequence of an event that is not in the log. */
    public static final long NOT_LOGGED = 0;

    public RecordedEvent {
        if (sequence < NOT_LOGGED)
            throw new IllegalArgumentException("sequence starts at 1, or is 0 when not logged: " + sequence);
        Check.present("at", at);
        Check.present("command", command);
        Check.present("actor", actor);
        Check.present("reason", reason);
        Check.present("event", event);
    }

    /** Whether the event is in the log, with a place in its sequence; a reported position is not. */
    public boolean logged() {
        return sequence != NOT_LOGGED;
    }
}
