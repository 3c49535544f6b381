package org.muster.engine.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.muster.domain.event.Event;
import org.muster.engine.state.MusterState;

/**
 * The events a command has produced so far and the state they lead to, so that a decision with several
 * steps (suspend skills, then take under-crewed units off the road) sees the effect of its earlier steps.
 */
final class Draft {
    private final Evolver.Context context;
    private final List<Event> events = new ArrayList<>();
    private MusterState state;

    Draft(MusterState state, Instant now, String actor, String reason) {
        this.state = state;
        this.context = new Evolver.Context(now, actor, reason);
    }

    Draft add(Event event) {
        state = Evolver.apply(state, event, context);
        events.add(event);
        return this;
    }

    MusterState state() {
        return state;
    }

    /** Who gave the command: the actor the log names. */
    String actor() {
        return context.actor();
    }

    Instant now() {
        return context.at();
    }

    List<Event> events() {
        return List.copyOf(events);
    }
}
