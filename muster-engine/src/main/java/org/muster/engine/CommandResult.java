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

    /**
     * The sequence of the last event in the log, or 0 when the command wrote nothing to it: a reported
     * position, whose one event went to the position track (its sequence is 0 too).
     */
    public long lastSequence() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).logged()) return events.get(i).sequence();
        }
        return 0;
    }
}
