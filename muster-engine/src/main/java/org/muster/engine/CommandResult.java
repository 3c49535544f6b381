package org.muster.engine;

import java.util.List;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;

/**
 * The outcome of an accepted command: its events, durable.
 *
 * @param repeated true when the command id was already in the log and this answers from it
 */
public record CommandResult(CommandId command, List<RecordedEvent> events, boolean repeated) {
    public CommandResult {
        events = List.copyOf(events);
    }

    /** The sequence of the last event, or 0 when the command changed nothing. */
    public long lastSequence() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
    }
}
