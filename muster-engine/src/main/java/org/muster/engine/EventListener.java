package org.muster.engine;

import java.util.List;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.state.MusterState;

/**
 * Receives durable events in order. Called on the writer's thread, so it must be quick: a projection that
 * needs time copies what it needs and hands off.
 */
@FunctionalInterface
public interface EventListener {
    void onEvents(List<RecordedEvent> events, MusterState after);
}
