package org.muster.domain.event;

import java.time.Instant;
import org.muster.domain.Check;
import org.muster.domain.command.Actor;
import org.muster.domain.command.CommandId;

/**
 * An event as it stands in the log: its place in the one sequence (from 1, without gaps), when it was
 * recorded, and the command, actor and reason it came from.
 */
public record RecordedEvent(long sequence, Instant at, CommandId command, Actor actor, String reason, Event event) {
    public RecordedEvent {
        if (sequence < 1) throw new IllegalArgumentException("sequence starts at 1: " + sequence);
        Check.present("at", at);
        Check.present("command", command);
        Check.present("actor", actor);
        Check.present("reason", reason);
        Check.present("event", event);
    }
}
