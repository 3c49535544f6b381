package org.muster.engine.coverage;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.Check;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * Live coverage, kept current from the engine's events. Subscribe it to the engine; read it from any
 * thread.
 *
 * <p>On the writer's thread it only notes which units the events touched and the state after them (a
 * few microseconds); the catch-up — placing moved units on the road, one forward search per moved unit
 * that must count, adding and taking away cells — runs on the executor given at start. A single-thread
 * executor keeps road searches off the writer's thread; {@code Runnable::run} runs them on it, so the
 * figures are current the moment the engine answers. Catch-ups coalesce: a unit that moved ten times
 * since the last one is searched from once. Reading ({@link #report}, {@link #preview}) catches up first,
 * so it always reflects every event delivered so far.
 */
public final class CoverageTracker implements EventListener {
    private static final Logger LOG = Logger.getLogger(CoverageTracker.class.getName());

    private final CoverageModel model;
    private final Executor catchUp;

    private final Object pendingLock = new Object();
    // Guarded by pendingLock: what arrived since the last catch-up, and the last sequence handed over.
    private Set<UnitId> pendingUnits = new HashSet<>();
    private boolean pendingDiff;
    private MusterState pendingState;
    private long delivered;

    // Guarded by this: the state the model reflects.
    private MusterState applied;

    private CoverageTracker(CoverageModel model, Executor catchUp, MusterState start) {
        this.model = model;
        this.catchUp = catchUp;
        this.applied = start;
        this.delivered = start.sequence();
    }

    /**
     * Coverage of {@code cells} by the units of {@code state}, computed now on the caller's thread, then
     * kept current by {@link #onEvents} with catch-ups on {@code catchUp}. Subscribe it to the engine whose
     * state this is; batches it already includes are ignored, and batches missed before it was subscribed
     * are caught up with the next one.
     */
    public static CoverageTracker start(DemandCells cells, CoverageConfig config, MusterState state, Executor catchUp) {
        Check.present("cells", cells);
        Check.present("config", config);
        Check.present("state", state);
        Check.present("catchUp", catchUp);
        CoverageTracker tracker = new CoverageTracker(new CoverageModel(cells, config), catchUp, state);
        synchronized (tracker) {
            tracker.model.reconcileClosures(state);
            for (UnitId id : state.units().keySet()) tracker.model.reconcile(id, state);
        }
        return tracker;
    }

    /**
     * Notes the units the events name; events of other kinds, or a gap in the sequence, make the catch-up
     * compare every unit with the state it last saw, by identity, so that a change to a unit that no event
     * of this batch names is never missed.
     */
    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        Set<UnitId> named = new HashSet<>();
        boolean other = false;
        for (RecordedEvent recorded : events) {
            switch (recorded.event()) {
                case Event.UnitRegistered e -> named.add(e.unit().id());
                case Event.UnitStatusChanged e -> named.add(e.unit());
                case Event.UnitMoved e -> named.add(e.unit());
                case Event.CrewChanged e -> named.add(e.unit());
                case Event.UnitLent e -> named.add(e.unit()); // counted for its host from now
                case Event.UnitReturned e -> named.add(e.unit());
                default -> other = true;
            }
        }
        // Reported positions are not logged (sequence 0): a batch of them alone leaves the sequence as it
        // was, and only the logged events can show a gap.
        RecordedEvent firstLogged =
                events.stream().filter(RecordedEvent::logged).findFirst().orElse(null);
        synchronized (pendingLock) {
            // already in the state the tracker started from
            if (after.sequence() < delivered || (firstLogged != null && after.sequence() <= delivered)) return;
            boolean gap = events.isEmpty()
                    || (firstLogged == null ? after.sequence() != delivered : firstLogged.sequence() != delivered + 1);
            pendingUnits.addAll(named);
            pendingDiff |= other || gap;
            pendingState = after;
            delivered = after.sequence();
        }
        catchUp.execute(this::catchUpLogged);
    }

    /** Coverage as of every event delivered so far. */
    public synchronized CoverageReport report() {
        catchUpNow();
        return model.report(applied);
    }

    /**
     * Coverage now and as it would be if these units left (went off duty, were withdrawn, were sent
     * away). The live figures do not change.
     *
     * @throws org.muster.domain.NotFoundException naming the first unit that does not exist
     */
    public synchronized CoveragePreview preview(Collection<UnitId> leaving) {
        Check.present("leaving", leaving);
        catchUpNow();
        return model.preview(leaving, applied);
    }

    /** The last event the figures include. */
    public synchronized long sequence() {
        catchUpNow();
        return applied.sequence();
    }

    /**
     * Reaches worked out so far: one per unit placed anew and needed, never one per status change (a place
     * searched before is not searched again: {@code DemandCells} keeps its reach).
     */
    public synchronized long searchCount() {
        return model.searches();
    }

    private void catchUpLogged() {
        try {
            synchronized (this) {
                catchUpNow();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "coverage could not catch up with the events", e);
            throw e;
        }
    }

    private void catchUpNow() {
        Set<UnitId> units;
        boolean diff;
        MusterState next;
        synchronized (pendingLock) {
            if (pendingState == null) return;
            units = pendingUnits;
            diff = pendingDiff;
            next = pendingState;
            pendingUnits = new HashSet<>();
            pendingDiff = false;
            pendingState = null;
        }
        if (diff && next.units() != applied.units()) units.addAll(changedUnits(applied, next));
        // a closure or a reopening: every counted unit searched again, before the units' own changes
        if (diff) model.reconcileClosures(next);
        for (UnitId id : units) model.reconcile(id, next);
        applied = next;
    }

    /** Units added, removed or replaced between two states: the state's maps share unchanged entries. */
    private static Set<UnitId> changedUnits(MusterState before, MusterState after) {
        Set<UnitId> changed = new HashSet<>();
        for (Map.Entry<UnitId, Unit> e : after.units().entrySet()) {
            if (before.units().get(e.getKey()) != e.getValue()) changed.add(e.getKey());
        }
        for (UnitId id : before.units().keySet()) {
            if (!after.units().containsKey(id)) changed.add(id);
        }
        return changed;
    }
}
