package org.muster.store;

import java.util.List;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;

/**
 * The event log as the store provides it: the domain's {@link EventLog} plus lookups by command, which the
 * engine uses to answer a retried command from the log instead of applying it twice.
 *
 * <p>All methods throw {@link org.muster.domain.TransientException} when the storage cannot be reached or
 * fails, and {@link IllegalStateException} once the store is closed.
 */
public interface EventStore extends EventLog {

    /** The backend this log is stored in. */
    StoreConfig.Backend backend();

    /** Whether any event of this command is in the log. */
    boolean containsCommand(CommandId command);

    /** The events of one command, in sequence order; empty when the command is not in the log. */
    List<RecordedEvent> listCommandEvents(CommandId command);

    /** Every command with at least one event in the log, once each, in the order of its first event. */
    List<CommandId> listCommandIds();
}
