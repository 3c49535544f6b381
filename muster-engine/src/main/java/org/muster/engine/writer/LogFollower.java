package org.muster.engine.writer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.PositionTrack;
import org.muster.engine.CommandResult;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.rules.Evolver;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * The read side of a node that is not the writer (a standby on a shared PostgreSQL): it reads the events
 * another node appends, by sequence, applies them as a restart would and tells its listeners, so that its
 * state, projections and stream stay current; it places the units at the track's latest fixes, which are
 * not in the log. It takes no command: {@link #submit} answers with the refusal it was given, which names
 * the writer.
 */
public final class LogFollower implements Engine {
    private static final Logger LOG = Logger.getLogger(LogFollower.class.getName());

    private final EventLog log;
    private final PositionTrack positions;
    private final Rules rules;
    private final Supplier<TransientException> refusal;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MusterState state;
    private volatile Thread follower;

    private LogFollower(
            EventLog log,
            PositionTrack positions,
            Rules rules,
            Supplier<TransientException> refusal,
            MusterState start) {
        this.log = log;
        this.positions = positions;
        this.rules = rules;
        this.refusal = refusal;
        this.state = start;
    }

    /**
     * Rebuilds the state from the log's newest snapshot and the events after it, as a writer's start does. It
     * does not follow the log until {@link #follow} is called, so that listeners subscribed meanwhile miss
     * nothing.
     *
     * @param refusal what a command is answered with: names the writer
     */
    public static LogFollower start(
            EventLog log, PositionTrack positions, Rules rules, Supplier<TransientException> refusal) {
        return new LogFollower(
                log, positions, rules, refusal, Recovery.replay(log, positions).state());
    }

    /** Follows on from {@code state}, durable in the log: a writer that lost its lease and stands by again. */
    public static LogFollower from(
            MusterState state,
            EventLog log,
            PositionTrack positions,
            Rules rules,
            Supplier<TransientException> refusal) {
        return new LogFollower(log, positions, rules, refusal, state);
    }

    /** Starts reading the log every {@code every} on a thread of its own, until {@link #close}. */
    public void follow(Duration every) {
        if (follower != null) throw new IllegalStateException("already following the log");
        follower = Thread.ofPlatform().name("muster-log-follower").daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    catchUp();
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the database away for a while: the standby goes on serving what it has
                    LOG.log(Level.WARNING, "could not read the log's new events; trying again", e);
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        });
    }

    /**
     * Reads and applies the events appended since the last look, tells the listeners, and places the units
     * at their latest reported positions.
     *
     * @return how many events it read
     */
    public synchronized int catchUp() {
        List<RecordedEvent> read = new ArrayList<>();
        log.readAfter(state.sequence(), read::add);
        MusterState next = state;
        for (RecordedEvent e : read) next = Evolver.apply(next, e);
        next = Recovery.placedAt(next, positions.listLatest());
        state = next;
        if (!read.isEmpty()) {
            List<RecordedEvent> view = List.copyOf(read);
            for (EventListener l : listeners) {
                try {
                    l.onEvents(view, next);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a listener failed; the follower goes on", e);
                }
            }
        }
        return read.size();
    }

    /** Refused: this node is not the writer. */
    @Override
    public CompletableFuture<CommandResult> submit(CommandEnvelope command) {
        return CompletableFuture.failedFuture(refusal.get());
    }

    @Override
    public MusterState state() {
        return state;
    }

    @Override
    public Rules rules() {
        return rules;
    }

    @Override
    public Subscription subscribe(EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops following; the state stays readable. */
    @Override
    public void close() {
        Thread t = follower;
        if (t == null) return;
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
