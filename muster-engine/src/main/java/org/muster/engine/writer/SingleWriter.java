package org.muster.engine.writer;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.MusterException;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;
import org.muster.engine.CommandResult;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.rules.Decider;
import org.muster.engine.rules.Evolver;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * The engine's single writer: one thread takes queued commands in batches, decides each against the
 * state left by the ones before it, appends the batch's events to the log in one transaction (group
 * commit), and only then publishes the new state and completes the callers' futures.
 */
public final class SingleWriter implements Engine {
    private static final Logger LOG = Logger.getLogger(SingleWriter.class.getName());

    private record Pending(CommandEnvelope envelope, CompletableFuture<CommandResult> result) {}

    private record Outcome(Pending pending, List<RecordedEvent> events) {}

    private final EventLog log;
    private final Decider decider;
    private final InstantSource clock;
    private final WriterConfig config;
    private final BlockingQueue<Pending> inbox = new LinkedBlockingQueue<>();
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    /** Written only by the writer thread. */
    private final Map<CommandId, CommandSpan> applied = new HashMap<>();

    private final Thread thread;
    private volatile MusterState published;
    private volatile boolean closing;
    private Instant lastTime = Instant.EPOCH;
    private long lastSnapshotSequence;

    private SingleWriter(EventLog log, Rules rules, InstantSource clock, WriterConfig config, MusterState recovered) {
        this.log = log;
        this.decider = new Decider(rules);
        this.clock = clock;
        this.config = config;
        this.published = recovered;
        this.lastSnapshotSequence = recovered.sequence();
        this.thread = Thread.ofPlatform().name("muster-writer").daemon(true).unstarted(this::run);
    }

    /**
     * Rebuilds the state from the log's latest snapshot and the events after it, then starts writing.
     */
    public static SingleWriter start(EventLog log, Rules rules, InstantSource clock, WriterConfig config) {
        Recovery recovery = Recovery.replay(log);
        SingleWriter writer = new SingleWriter(log, rules, clock, config, recovery.state());
        writer.applied.putAll(recovery.commands());
        writer.lastTime = recovery.lastTime();
        writer.thread.start();
        return writer;
    }

    @Override
    public CompletableFuture<CommandResult> submit(CommandEnvelope command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (closing) {
            result.completeExceptionally(new TransientException("the writer is shutting down"));
            return result;
        }
        inbox.add(new Pending(command, result));
        return result;
    }

    @Override
    public MusterState state() {
        return published;
    }

    @Override
    public Rules rules() {
        return decider.rules();
    }

    @Override
    public Subscription subscribe(EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                if (closing && inbox.isEmpty()) break;
                Pending first = closing ? inbox.poll() : inbox.take();
                if (first == null) continue;
                batch.add(first);
                inbox.drainTo(batch, config.maxBatchCommands() - 1);
                process(batch);
            } catch (InterruptedException e) {
                // close() interrupts to wake us; the loop drains what is queued, then stops.
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "writer failed on a batch; its commands are refused", e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Pending> batch) {
        MusterState working = published;
        Instant now = clock.instant();
        if (now.isBefore(lastTime)) now = lastTime; // event times never go backwards
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<RecordedEvent> toAppend = new ArrayList<>();
        Map<CommandId, CommandSpan> inBatch = new HashMap<>();
        for (Pending p : batch) {
            CommandId id = p.envelope().id();
            if (applied.containsKey(id) || inBatch.containsKey(id)) {
                outcomes.add(new Outcome(p, List.of()));
                continue;
            }
            try {
                List<Event> events = decider.decide(working, p.envelope(), now);
                if (events.isEmpty()) throw new IllegalStateException("a command produced no event: " + p.envelope());
                MusterState next = working;
                List<RecordedEvent> recorded = new ArrayList<>(events.size());
                for (Event e : events) {
                    RecordedEvent r = new RecordedEvent(
                            next.sequence() + 1,
                            now,
                            id,
                            p.envelope().actor(),
                            p.envelope().reason(),
                            e);
                    next = Evolver.apply(next, r);
                    recorded.add(r);
                }
                working = next;
                toAppend.addAll(recorded);
                inBatch.put(id, new CommandSpan(recorded.get(0).sequence(), next.sequence()));
                outcomes.add(new Outcome(p, recorded));
            } catch (MusterException e) {
                p.result().completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "bug while deciding " + p.envelope(), e);
                p.result().completeExceptionally(e);
            }
        }
        if (!toAppend.isEmpty()) {
            try {
                log.append(toAppend);
            } catch (RuntimeException e) {
                TransientException failure = e instanceof TransientException t
                        ? t
                        : new TransientException("the event log refused the batch", e);
                outcomes.forEach(o -> o.pending().result().completeExceptionally(failure));
                return;
            }
            lastTime = now;
            applied.putAll(inBatch);
            published = working;
        }
        // Listeners hear of the events before the callers do, so a caller that goes on to read a
        // projection sees its own command in it.
        if (!toAppend.isEmpty()) publish(toAppend, working);
        for (Outcome o : outcomes) {
            if (o.events().isEmpty()) answerRepeated(o.pending());
            else
                o.pending()
                        .result()
                        .complete(new CommandResult(o.pending().envelope().id(), o.events(), false));
        }
        if (!toAppend.isEmpty()) maybeSnapshot(working);
    }

    private void answerRepeated(Pending p) {
        CommandSpan range = applied.get(p.envelope().id());
        if (range == null) {
            // The same id twice in one batch whose append failed: the first was refused, so is this.
            p.result()
                    .completeExceptionally(
                            new TransientException("the first submission of this command failed; submit it again"));
            return;
        }
        p.result().complete(new CommandResult(p.envelope().id(), log.listRange(range.first() - 1, range.last()), true));
    }

    private void publish(List<RecordedEvent> events, MusterState after) {
        List<RecordedEvent> view = List.copyOf(events);
        for (EventListener l : listeners) {
            try {
                l.onEvents(view, after);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener failed; the events are durable and the writer goes on", e);
            }
        }
    }

    private void maybeSnapshot(MusterState state) {
        if (config.snapshotEveryEvents() == 0 || state.sequence() - lastSnapshotSequence < config.snapshotEveryEvents())
            return;
        try {
            log.saveSnapshot(state.toSnapshot(log.hashAt(state.sequence())));
            lastSnapshotSequence = state.sequence();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot failed; replay will be longer but nothing is lost", e);
        }
    }
}
