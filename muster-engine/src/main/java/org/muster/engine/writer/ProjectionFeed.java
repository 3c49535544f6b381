package org.muster.engine.writer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.SavedSnapshot;
import org.muster.engine.EventListener;
import org.muster.engine.SavedProjection;
import org.muster.engine.rules.Evolver;
import org.muster.engine.state.MusterState;

/**
 * Feeds projections each event with the state as it stood right after that event, not after the batch or
 * the log's end: a call's zone level, a unit's organisation are judged as they were when it happened, so
 * that the figures are the same live, after a restart and when looking back. The state is folded event by
 * event as {@link Recovery} does.
 *
 * <p>Live, it listens on the writer's thread; in a replay it is fed from the log. Not thread-safe beyond
 * that one feeding thread. Reported positions that are not in the log reach it live only: a replay judges
 * a unit's place by the last position the log or snapshot holds.
 */
public final class ProjectionFeed implements EventListener {
    private static final int PAGE = 10_000;
    private final List<SavedProjection<?>> projections;
    private MusterState state;

    private ProjectionFeed(List<SavedProjection<?>> projections, MusterState state) {
        this.projections = List.copyOf(projections);
        this.state = state;
    }

    /**
     * Brings fresh projections to the state after event {@code upTo}: from the newest snapshot at or before
     * it that holds every projection's part (restored, then the events after it), or, when a part is
     * missing, from the first event.
     *
     * @throws org.muster.domain.TransientException when the log cannot be read
     */
    public static ProjectionFeed replay(EventLog log, List<SavedProjection<?>> projections, long upTo) {
        Map<String, Class<?>> types = new HashMap<>();
        for (SavedProjection<?> p : projections) types.put(p.name(), p.mementoType());
        Optional<SavedSnapshot> saved = log.findSnapshotAtOrBefore(upTo, types)
                .filter(s -> s.parts().keySet().containsAll(types.keySet()));
        MusterState start = MusterState.empty();
        if (saved.isPresent()) {
            start = MusterState.fromSnapshot(saved.get().state());
            for (SavedProjection<?> p : projections) restore(p, saved.get());
        }
        ProjectionFeed feed = new ProjectionFeed(projections, start);
        // in pages, so that a replay from the first event holds one page in memory, not the log
        for (long from = start.sequence(); from < upTo; from = Math.min(upTo, from + PAGE))
            feed.feed(log.listRange(from, Math.min(upTo, from + PAGE)));
        return feed;
    }

    /**
     * A feed of {@code projections} that stand at {@code state} (replayed together with others, some of
     * which are fed elsewhere live), to subscribe to the writer.
     */
    public static ProjectionFeed continuing(List<SavedProjection<?>> projections, MusterState state) {
        return new ProjectionFeed(projections, state);
    }

    /**
     * Feeds {@code listeners} that keep nothing in snapshots every event from the first to {@code upTo},
     * each with the state as it stood after it. Its time grows with the log: for projections not yet saved.
     */
    public static void replayFromFirst(EventLog log, List<EventListener> listeners, long upTo) {
        MusterState state = MusterState.empty();
        for (long from = 0; from < upTo; from = Math.min(upTo, from + PAGE)) {
            for (RecordedEvent e : log.listRange(from, Math.min(upTo, from + PAGE))) {
                state = Evolver.apply(state, e);
                List<RecordedEvent> one = List.of(e);
                for (EventListener l : listeners) l.onEvents(one, state);
            }
        }
    }

    private static <M extends Record> void restore(SavedProjection<M> p, SavedSnapshot saved) {
        p.restore(saved.findPart(p.name(), p.mementoType()).orElseThrow());
    }

    /** The state after the last event fed. */
    public MusterState state() {
        return state;
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        if (events.getFirst().sequence() == 0) {
            // reported positions, not in the log (sequence 0): the writer publishes them on their own,
            // and the state after them is the one they stood in
            for (RecordedEvent e : events) tell(e, after);
            state = after;
            return;
        }
        if (events.getFirst().sequence() != state.sequence() + 1) {
            throw new IllegalStateException("the projections stand at event " + state.sequence()
                    + " but were given events from " + events.getFirst().sequence());
        }
        MusterState s = state;
        int last = events.size() - 1;
        for (int i = 0; i < last; i++) {
            RecordedEvent e = events.get(i);
            s = Evolver.apply(s, e);
            tell(e, s);
        }
        // the writer already holds the state after the batch's last event
        tell(events.get(last), after);
        state = after;
    }

    private void feed(List<RecordedEvent> events) {
        for (RecordedEvent e : events) {
            state = Evolver.apply(state, e);
            tell(e, state);
        }
    }

    private void tell(RecordedEvent e, MusterState after) {
        List<RecordedEvent> one = List.of(e);
        for (SavedProjection<?> p : projections) p.onEvents(one, after);
    }
}
