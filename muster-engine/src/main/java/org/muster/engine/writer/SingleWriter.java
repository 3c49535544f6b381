package org.muster.engine.writer;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.MusterException;
import org.muster.domain.TransientException;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.PositionTrack;
import org.muster.engine.CommandResult;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.rules.Decider;
import org.muster.engine.rules.Evolver;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * The engine's single writer, in two stages so that deciding the next batch overlaps making the last one
 * durable:
 *
 * <ol>
 *   <li>the <em>decider</em> thread takes queued commands in batches and decides each against the state
 *       the commands before it left (including batches not yet durable);
 *   <li>the <em>committer</em> thread appends every batch waiting for it to the log in one transaction
 *       (group commit) and only then publishes the new state, tells the listeners and answers the callers.
 * </ol>
 *
 * If an append fails, that batch and every batch decided after it (they built on its state) are refused
 * with a {@link TransientException}, and the decider starts again from the last durable state. So what is
 * published, and every answer given, is always durable.
 */
public final class SingleWriter implements Engine {
    private static final Logger LOG = Logger.getLogger(SingleWriter.class.getName());
    /**
     * Decided batches waiting for the log. The committer appends all that wait in one transaction, so
     * this bounds how far deciding may run ahead of durability, not how often the log syncs. Commands are
     * bounded by {@link WriterConfig#inboxCapacity()} wherever they wait; this only keeps batches that
     * carry none (every command refused) from piling up behind a stalled append. It is high because the
     * decider cuts a batch as soon as any command waits: clients answered by one commit come back one by
     * one while the next syncs, each a batch of one or two, and a low bound (it was 8) stopped the decider
     * with most of them still queued, so they missed the next commit and the log paid a sync for a handful.
     */
    private static final int BATCHES_IN_FLIGHT = 256;

    private record Pending(CommandEnvelope envelope, CompletableFuture<CommandResult> result) {}

    /**
     * A command's fate in a batch: its new events, or, when {@code repeated}, the events its first
     * submission produced (empty when that submission is recent enough to be answered at commit time).
     */
    private record Outcome(Pending pending, List<RecordedEvent> events, boolean repeated) {}

    /**
     * A decided batch on its way to the log; {@code epoch} tells whether what it built on still stands.
     * {@code events} are for the log; {@code moved} are the reported positions, not logged (sequence 0),
     * which go to the position track; {@code leaving} are the finished incidents its events archive, as they
     * stood, for the log's read model of closed incidents.
     */
    private record Batch(
            long epoch,
            List<Outcome> outcomes,
            List<RecordedEvent> events,
            MusterState after,
            Instant time,
            List<RecordedEvent> moved,
            List<Incident> leaving) {
        static final Batch STOP =
                new Batch(-1, List.of(), List.of(), MusterState.empty(), Instant.EPOCH, List.of(), List.of());
    }

    private final EventLog log;
    private final PositionTrack positions;
    private final Decider decider;
    private final InstantSource clock;
    private final WriterConfig config;
    private final BlockingQueue<Pending> inbox;
    /** Commands taken and not answered yet, wherever they are in the writer. */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    private final BlockingQueue<Batch> toCommit = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<org.muster.engine.SavedProjection<?>> savedProjections = new CopyOnWriteArrayList<>();
    /**
     * The most recent command ids decided, durable or on their way, at most
     * {@link WriterConfig#recentCommandIds()}; older ones are asked of the log. A failed append takes its
     * ids out again. Decider and committer both use it, hence the lock.
     */
    private final Map<CommandId, CommandSpan> seen;
    /**
     * Whether {@link #seen} holds every command of the log: true after a replay from the first event until
     * the first id is forgotten. While it holds, the log need not be asked.
     */
    private volatile boolean seenComplete;
    /** Moves on when an append fails; batches of an older epoch are refused. */
    private final AtomicLong epoch = new AtomicLong();
    /**
     * Set when an append of the log failed: the log may have kept the batch all the same (the server
     * committed, and the answer was lost with the connection), so the committer reads the log's tail before
     * it appends again ({@link #settledWithLog}). The committer's own (or, synchronous, its caller's).
     */
    private boolean unsureOfLog;

    private final AtomicBoolean snapshotting = new AtomicBoolean();
    /**
     * A snapshot is not begun until this many events after the last one, when that is more than the
     * interval: {@link #SNAPSHOT_SHARE} times the events committed while the last one was being built, so
     * that under a burst building snapshots takes a bounded share of the machine instead of half of it.
     * Counted in events, not time: the engine reads no clock of its own.
     */
    private volatile long snapshotBackoff;

    private static final int SNAPSHOT_SHARE = 10;

    private final Thread deciderThread;
    private final Thread committerThread;
    /**
     * Whether the writer has no threads of its own ({@link #synchronous}): each command is decided and
     * committed on its caller's thread, by the same {@link #decideBatch} and {@link #commit} as the threads use.
     */
    private final boolean synchronous;
    /** Commands of a synchronous writer not decided yet: those its listeners submit while a command is answered. */
    private final java.util.ArrayDeque<Pending> inline = new java.util.ArrayDeque<>();
    /** The thread deciding a synchronous writer's commands now, if any; guarded by {@link #inline}. */
    private Thread inlineThread;

    private volatile MusterState published;
    private volatile boolean closing;
    private long lastSnapshotSequence;

    private SingleWriter(
            EventLog log,
            PositionTrack positions,
            Rules rules,
            InstantSource clock,
            WriterConfig config,
            MusterState recovered,
            boolean synchronous) {
        this.synchronous = synchronous;
        this.log = log;
        this.positions = positions;
        this.decider = new Decider(withTheLogsReadModel(rules, log));
        this.clock = clock;
        this.config = config;
        this.inbox = new LinkedBlockingQueue<>(config.inboxCapacity());
        this.seen = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CommandId, CommandSpan> eldest) {
                if (size() <= config.recentCommandIds()) return false;
                seenComplete = false;
                return true;
            }
        });
        this.published = recovered;
        this.lastSnapshotSequence = recovered.sequence();
        this.deciderThread =
                Thread.ofPlatform().name("muster-decider").daemon(true).unstarted(this::decideLoop);
        this.committerThread =
                Thread.ofPlatform().name("muster-committer").daemon(true).unstarted(this::commitLoop);
    }

    /**
     * The rules, reading closed incidents where the writer keeps them: the log's read model. One place decides
     * whether an incident was archived; rules that name another are a wiring mistake.
     */
    private static Rules withTheLogsReadModel(Rules rules, EventLog log) {
        ClosedIncidents kept = log.closedIncidents();
        if (rules.closedIncidents() == kept || rules.closedIncidents() == ClosedIncidents.NONE)
            return rules.withClosedIncidents(kept);
        throw new IllegalArgumentException(
                "the rules read closed incidents from another read model than the log keeps them in: "
                        + "give the log the read model (the writer archives to the log's)");
    }

    /**
     * A writer that goes on from {@code state} over a log of its own in memory, numbered afresh from 0, with
     * no read model (nothing is archived): a fork of a live engine's state for a projection of the next hours,
     * which never touches the live log. {@code rules} may be the live engine's; the fork reads no closed
     * incidents.
     */
    public static SingleWriter fork(MusterState state, Rules rules, InstantSource clock) {
        MemoryEventLog log = new MemoryEventLog();
        log.saveSnapshot(state.withSequence(0).toSnapshot(""));
        return start(log, rules.withClosedIncidents(ClosedIncidents.NONE), clock, WriterConfig.DEFAULTS);
    }

    /** Rebuilds the state from the log's latest snapshot and the events after it, then starts writing. */
    public static SingleWriter start(EventLog log, Rules rules, InstantSource clock, WriterConfig config) {
        return start(log, log.positions(), rules, clock, config);
    }

    /**
     * As {@link #start(EventLog, Rules, InstantSource, WriterConfig)}, keeping reported positions in
     * {@code positions} (the log's own track, configured: its sampling interval).
     */
    public static SingleWriter start(
            EventLog log, PositionTrack positions, Rules rules, InstantSource clock, WriterConfig config) {
        SingleWriter writer = recover(log, positions, rules, clock, config, false);
        writer.committerThread.start();
        writer.deciderThread.start();
        return writer;
    }

    /**
     * A writer with no threads of its own, for a simulation that sends one command at a time and waits for
     * each: {@link #submit} decides the command, appends it to the log, tells the listeners and answers it
     * on the caller's thread before it returns, with the same decisions, numbering and answers as {@link
     * #start} (one command to a batch), without two hand-offs between threads per command. Over a {@link
     * MemoryEventLog} nothing waits for a disk either. A command a listener submits while another is being
     * answered is decided right after it, as the threaded writer would queue it; a listener must not wait
     * for it ({@link #execute} refuses to).
     */
    public static SingleWriter synchronous(EventLog log, Rules rules, InstantSource clock, WriterConfig config) {
        return recover(log, log.positions(), rules, clock, config, true);
    }

    /**
     * A synchronous writer ({@link #synchronous}) that goes on from {@code state} as it stands, without replaying
     * anything: the simulator registers a region once and forks the registered state for each replication
     * instead of registering it again. {@code log} must end where the state does ({@link MemoryEventLog#after}),
     * so the events go on with the state's numbering. The commands that made {@code state} are not known to the
     * fork: a command sent again with one of their ids is decided afresh, so the commands after the fork must
     * carry ids of their own. Its events are timed no earlier than the clock's instant at the fork.
     *
     * @throws IllegalArgumentException when the log does not end at the state's sequence
     */
    public static SingleWriter synchronousFrom(
            MusterState state, EventLog log, Rules rules, InstantSource clock, WriterConfig config) {
        if (log.lastSequence() != state.sequence())
            throw new IllegalArgumentException("the log ends at " + log.lastSequence() + ", the state at "
                    + state.sequence() + ": a fork's log must go on from its state");
        SingleWriter writer = new SingleWriter(log, log.positions(), rules, clock, config, state, true);
        writer.seenComplete = true;
        writer.lastTime = clock.instant();
        return writer;
    }

    private static SingleWriter recover(
            EventLog log,
            PositionTrack positions,
            Rules rules,
            InstantSource clock,
            WriterConfig config,
            boolean synchronous) {
        Recovery recovery = Recovery.replay(log, positions);
        SingleWriter writer = new SingleWriter(log, positions, rules, clock, config, recovery.state(), synchronous);
        Map<CommandId, CommandSpan> replayed = recovery.commands();
        // Replayed from the first event (no snapshot, or one at 0): every id of the log is in hand.
        writer.seenComplete =
                recovery.state().sequence() == 0 || replayed.values().stream().anyMatch(span -> span.first() == 1);
        replayed.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Comparator.comparingLong(CommandSpan::first)))
                .forEach(e -> writer.seen.put(e.getKey(), e.getValue()));
        writer.lastTime = recovery.lastTime();
        return writer;
    }

    @Override
    public CompletableFuture<CommandResult> submit(CommandEnvelope command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (closing) {
            result.completeExceptionally(new TransientException("the writer is shutting down"));
            return result;
        }
        if (synchronous) return decideInline(new Pending(command, result));
        // The bound counts every command not answered yet, queued or decided and waiting for its append:
        // batches decided ahead of a stalled append must not make room for more
        if (waiting.incrementAndGet() > config.inboxCapacity() || !inbox.offer(new Pending(command, result))) {
            waiting.decrementAndGet();
            result.completeExceptionally(new TransientException("Muster is overloaded: " + config.inboxCapacity()
                    + " commands are already waiting for the writer; try again shortly"));
            return result;
        }
        result.whenComplete((answer, failure) -> waiting.decrementAndGet());
        return result;
    }

    /** Waits at most {@link WriterConfig#executeTimeout()}. */
    @Override
    public CommandResult execute(CommandEnvelope command) {
        CompletableFuture<CommandResult> answer = submit(command);
        if (synchronous && !answer.isDone() && isDecidingInline())
            throw new IllegalStateException("a listener of a synchronous writer waited for its own command "
                    + command.id() + ", which is decided only after the listener returns: submit it instead");
        return Engine.await(answer, config.executeTimeout());
    }

    /**
     * Decides and commits {@code pending}, and whatever listeners submit meanwhile, on this thread; when
     * another call is deciding already (a listener's, or another thread's), leaves it to that one.
     */
    private CompletableFuture<CommandResult> decideInline(Pending pending) {
        synchronized (inline) {
            inline.add(pending);
            if (inlineThread != null) return pending.result();
            inlineThread = Thread.currentThread();
        }
        try {
            for (Pending p = nextInline(); p != null; p = nextInline()) {
                try {
                    commit(List.of(decideBatch(List.of(p))));
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "the synchronous writer failed on " + p.envelope() + "; it is refused", e);
                    p.result().completeExceptionally(e);
                }
            }
        } finally {
            synchronized (inline) {
                // nextInline let go when the queue ran dry, and another caller may be deciding by now
                if (inlineThread == Thread.currentThread()) inlineThread = null;
            }
        }
        return pending.result();
    }

    /** The next command to decide inline; null (and no longer deciding) when none waits. */
    private Pending nextInline() {
        synchronized (inline) {
            Pending next = inline.poll();
            if (next == null) inlineThread = null;
            return next;
        }
    }

    private boolean isDecidingInline() {
        synchronized (inline) {
            return inlineThread == Thread.currentThread();
        }
    }

    /** How many command ids the writer holds in memory now; for tests of its bound. */
    int recentCommandIdsHeld() {
        return seen.size();
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

    /**
     * Saves {@code projection}'s memento with every snapshot from now on, taken at the snapshot's sequence
     * (after the listeners heard its batch). The projection must also be subscribed, before it.
     */
    public void saveWithSnapshots(org.muster.engine.SavedProjection<?> projection) {
        savedProjections.add(projection);
    }

    @Override
    public void close() {
        closing = true;
        deciderThread.interrupt();
        try {
            deciderThread.join();
            committerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A snapshot being written finishes before the log closes under it.
        for (int waited = 0; snapshotting.get() && waited < 300; waited++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Anything submitted while we were closing is answered, not left hanging.
        for (Pending p; (p = inbox.poll()) != null; ) {
            p.result().completeExceptionally(new TransientException("the writer is shutting down"));
        }
    }

    // ---- stage 1: decide ----

    private Instant lastTime = Instant.EPOCH;
    private MusterState working;
    private long workingEpoch = -1;

    private void decideLoop() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (true) {
                try {
                    if (closing && inbox.isEmpty()) break;
                    Pending first = closing ? inbox.poll() : inbox.take();
                    if (first == null) continue;
                    batch.add(first);
                    inbox.drainTo(batch, config.maxBatchCommands() - 1);
                    toCommit.put(decideBatch(batch));
                } catch (InterruptedException e) {
                    // close() interrupts to wake us; the loop decides what is queued, then stops.
                    if (!batch.isEmpty()) putUninterruptibly(decideBatch(batch));
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "the decider failed on a batch; its commands are refused", e);
                    batch.forEach(p -> p.result().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
        } finally {
            putUninterruptibly(Batch.STOP);
        }
    }

    private Batch decideBatch(List<Pending> batch) {
        long currentEpoch = epoch.get();
        if (currentEpoch != workingEpoch) {
            // First batch, or an append failed: start again from what is durable.
            working = published;
            workingEpoch = currentEpoch;
        }
        Instant now = clock.instant();
        if (now.isBefore(lastTime)) now = lastTime; // event times never go backwards
        lastTime = now;
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<RecordedEvent> events = new ArrayList<>();
        List<RecordedEvent> moved = new ArrayList<>();
        List<Incident> leaving = new ArrayList<>();
        Map<CommandId, List<RecordedEvent>> older = findOlderCommands(batch);
        for (Pending p : batch) {
            CommandId id = p.envelope().id();
            if (p.envelope().command() instanceof Command.ReportPosition) {
                decidePosition(p, now, outcomes, moved);
                continue;
            }
            if (seen.containsKey(id)) {
                outcomes.add(new Outcome(p, List.of(), true));
                continue;
            }
            List<RecordedEvent> first = older.get(id);
            if (first != null) {
                seen.put(
                        id,
                        new CommandSpan(
                                first.getFirst().sequence(), first.getLast().sequence()));
                outcomes.add(new Outcome(p, first, true));
                continue;
            }
            try {
                Decider.Decision decision = decider.decision(working, p.envelope(), now);
                if (decision.events().isEmpty())
                    throw new IllegalStateException("a command produced no event: " + p.envelope());
                long sequence = working.sequence();
                List<RecordedEvent> recorded = new ArrayList<>(decision.events().size());
                for (Event e : decision.events()) {
                    recorded.add(new RecordedEvent(
                            ++sequence,
                            now,
                            id,
                            p.envelope().actor(),
                            p.envelope().reason(),
                            e));
                    // the record the read model keeps is the incident as it stood before it left
                    if (e instanceof Event.IncidentArchived a)
                        working.findIncident(a.incident()).ifPresent(leaving::add);
                }
                working = decision.after().withSequence(sequence);
                events.addAll(recorded);
                seen.put(id, new CommandSpan(recorded.get(0).sequence(), sequence));
                outcomes.add(new Outcome(p, recorded, false));
            } catch (MusterException e) {
                p.result().completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "bug while deciding " + p.envelope(), e);
                p.result().completeExceptionally(e);
            }
        }
        prepare(events, leaving);
        return new Batch(currentEpoch, outcomes, events, working, now, moved, leaving);
    }

    /**
     * Lets the log encode and chain the batch's events (and encode the records of the incidents leaving) here, while the committer waits for the last sync,
     * instead of on the committer's thread, which every waiting caller shares.
     */
    private void prepare(List<RecordedEvent> events, List<Incident> leaving) {
        if (events.isEmpty()) return;
        try {
            log.prepare(events, leaving);
        } catch (RuntimeException e) {
            // only a hint: the append does the work again, and fails there if it must
            LOG.log(Level.FINE, "the log could not prepare a batch; the append will encode it", e);
        }
    }

    /**
     * A reported position is a fact nobody decided and most of what units send: it changes the state and
     * reaches the listeners, but goes to the position track instead of the log, taking no sequence. Its
     * command id is not remembered: a retry records the same point again, which changes nothing that
     * matters.
     */
    private void decidePosition(Pending p, Instant now, List<Outcome> outcomes, List<RecordedEvent> moved) {
        try {
            Decider.Decision decision = decider.decision(working, p.envelope(), now);
            List<RecordedEvent> recorded = new ArrayList<>(decision.events().size());
            for (Event e : decision.events()) {
                recorded.add(new RecordedEvent(
                        RecordedEvent.NOT_LOGGED,
                        now,
                        p.envelope().id(),
                        p.envelope().actor(),
                        p.envelope().reason(),
                        e));
            }
            working = decision.after().withSequence(working.sequence());
            moved.addAll(recorded);
            outcomes.add(new Outcome(p, recorded, false));
        } catch (MusterException e) {
            p.result().completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bug while deciding " + p.envelope(), e);
            p.result().completeExceptionally(e);
        }
    }

    /**
     * The logged events of the batch's commands whose ids are not among the recent ones, by command: one
     * indexed query per batch, and none while every id of the log is in memory. Only durable commands are
     * in the log; those on their way are among the recent ids.
     */
    private Map<CommandId, List<RecordedEvent>> findOlderCommands(List<Pending> batch) {
        if (seenComplete) return Map.of();
        Set<CommandId> unknown = new HashSet<>();
        for (Pending p : batch) {
            // a reported position is never in the log
            if (p.envelope().command() instanceof Command.ReportPosition) continue;
            if (!seen.containsKey(p.envelope().id())) unknown.add(p.envelope().id());
        }
        if (unknown.isEmpty()) return Map.of();
        Map<CommandId, List<RecordedEvent>> found = new HashMap<>();
        for (RecordedEvent e : log.listEventsOfCommands(unknown)) {
            found.computeIfAbsent(e.command(), c -> new ArrayList<>()).add(e);
        }
        return found;
    }

    private void putUninterruptibly(Batch batch) {
        while (true) {
            try {
                toCommit.put(batch);
                return;
            } catch (InterruptedException e) {
                // keep trying: the committer is draining
            }
        }
    }

    // ---- stage 2: commit ----

    /**
     * Takes every batch decided while the last append was being made durable and appends them together:
     * the decider cuts a batch as soon as any command waits, so without this a sync's worth of commands
     * arriving one by one would cost a sync each.
     */
    private void commitLoop() {
        List<Batch> group = new ArrayList<>();
        while (true) {
            try {
                group.add(toCommit.take());
            } catch (InterruptedException e) {
                continue;
            }
            toCommit.drainTo(group);
            // STOP is the decider's last word, so nothing follows it in the queue
            boolean stop = group.removeIf(b -> b == Batch.STOP);
            try {
                commit(group);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "the committer failed on a batch", e);
                group.forEach(
                        b -> b.outcomes().forEach(o -> o.pending().result().completeExceptionally(e)));
            }
            group.clear();
            if (stop) return;
        }
    }

    /** Appends the batches of {@code group} still standing in one transaction, then answers them in order. */
    private void commit(List<Batch> group) {
        List<Batch> standing = new ArrayList<>(group.size());
        List<RecordedEvent> events = new ArrayList<>();
        List<PositionTrack.Fix> fixes = new ArrayList<>();
        List<Incident> leaving = new ArrayList<>();
        if (unsureOfLog && !settledWithLog(group)) return;
        for (Batch batch : group) {
            if (batch.epoch() != epoch.get()) {
                refuse(
                        batch,
                        new TransientException("an earlier batch could not be made durable; submit the command again"));
            } else {
                standing.add(batch);
                events.addAll(batch.events());
                fixes.addAll(fixesOf(batch.moved()));
                leaving.addAll(batch.leaving());
            }
        }
        // Positions first: kept without the log's events that follow (a failed append), they are only
        // positions reported again by the retry; the other way round, a failed track would leave the
        // batch's events in the log unanswered.
        if (!fixes.isEmpty() && !durable(standing, () -> positions.record(fixes), "the position track")) return;
        // archived incidents' records go with the events that archive them: one transaction where the store has it
        if (!events.isEmpty() && !durable(standing, () -> log.append(events, leaving), "the event log")) {
            unsureOfLog = true;
            return;
        }
        for (Batch batch : standing) answer(batch);
    }

    /**
     * After a failed append, takes in what the log kept beyond the published state: a batch whose commit
     * reached the server though its answer did not (a primary lost with the commit already on its replica).
     * Without this the writer would decide every later batch on a state the log has moved past, and the log
     * would refuse them all for ever. The kept events are published and their commands remembered, so a
     * caller that sends one again is answered from the log; their callers were refused, never told "kept"
     * of something lost. Refuses {@code group} while the log cannot be read, and when it held more than was
     * published: the group was decided without it.
     *
     * @return whether {@code group} may be appended
     */
    private boolean settledWithLog(List<Batch> group) {
        MusterState state = published;
        List<RecordedEvent> kept;
        try {
            long tail = log.lastSequence();
            kept = tail > state.sequence() ? log.listRange(state.sequence(), tail) : List.of();
        } catch (RuntimeException e) {
            refuseAll(group, transientOf(e, "the event log could not be read after a failed append"));
            return false;
        }
        unsureOfLog = false;
        if (kept.isEmpty()) return true;
        for (RecordedEvent e : kept) {
            state = Evolver.apply(state, e);
            CommandSpan span = seen.get(e.command());
            seen.put(e.command(), new CommandSpan(span == null ? e.sequence() : span.first(), e.sequence()));
        }
        LOG.warning("the log kept events " + kept.getFirst().sequence() + ".."
                + kept.getLast().sequence()
                + " though their append failed (its answer was lost); the writer goes on from them");
        published = state;
        publish(kept, state);
        refuseAll(
                group,
                new TransientException("the writer has just taken in events the log kept from a failed append;"
                        + " submit the command again"));
        return false;
    }

    /**
     * Runs one write of the group's; when it fails, refuses every batch standing (and, through the epoch,
     * everything decided on top of them) and says so.
     */
    private boolean durable(List<Batch> standing, Runnable write, String store) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            refuseAll(standing, transientOf(e, store + " refused the batch"));
            return false;
        }
    }

    /**
     * Refuses {@code batches} and, through the epoch, everything decided on top of them. The epoch moves on
     * first: a caller answered "try again" may send again at once, and must be decided on the durable state,
     * not on the refused batch's.
     */
    private void refuseAll(List<Batch> batches, TransientException failure) {
        epoch.incrementAndGet();
        batches.forEach(batch -> refuse(batch, failure));
    }

    private static TransientException transientOf(RuntimeException e, String otherwise) {
        return e instanceof TransientException t ? t : new TransientException(otherwise, e);
    }

    /** Publishes a durable batch and answers its callers. */
    private void answer(Batch batch) {
        if (!batch.events().isEmpty() || !batch.moved().isEmpty()) {
            published = batch.after();
            // Listeners hear of the events before the callers do, so a caller that goes on to read a
            // projection sees its own command in it.
            if (!batch.events().isEmpty()) publish(batch.events(), batch.after());
            // the positions after the logged events, on their own: a listener that counts sequences sees
            // the logged events of a batch together, as before, and a call of positions alone after them
            if (!batch.moved().isEmpty()) publish(batch.moved(), batch.after());
        }
        for (Outcome o : batch.outcomes()) {
            if (o.repeated() && o.events().isEmpty()) answerRepeated(o.pending());
            else if (o.repeated())
                o.pending()
                        .result()
                        .complete(new CommandResult(o.pending().envelope().id(), o.events(), true));
            else
                o.pending()
                        .result()
                        .complete(new CommandResult(o.pending().envelope().id(), o.events(), false));
        }
        if (!batch.events().isEmpty()) maybeSnapshot(batch.after());
    }

    private static List<PositionTrack.Fix> fixesOf(List<RecordedEvent> moved) {
        List<PositionTrack.Fix> fixes = new ArrayList<>(moved.size());
        for (RecordedEvent e : moved) {
            if (e.event() instanceof Event.UnitMoved m) fixes.add(new PositionTrack.Fix(m.unit(), m.point(), e.at()));
        }
        return fixes;
    }

    private void refuse(Batch batch, TransientException failure) {
        for (Outcome o : batch.outcomes()) {
            if (!o.repeated()) seen.remove(o.pending().envelope().id());
            o.pending().result().completeExceptionally(failure);
        }
    }

    private void answerRepeated(Pending p) {
        CommandSpan span = seen.get(p.envelope().id());
        if (span == null) { // forgotten since it was decided: the log has it if it is durable
            List<RecordedEvent> logged =
                    log.listEventsOfCommands(Set.of(p.envelope().id()));
            if (!logged.isEmpty()) {
                p.result().complete(new CommandResult(p.envelope().id(), logged, true));
                return;
            }
        }
        if (span == null || span.last() > published.sequence()) {
            p.result()
                    .completeExceptionally(new TransientException(
                            "the first submission of this command is not durable; submit it again"));
            return;
        }
        p.result().complete(new CommandResult(p.envelope().id(), log.listRange(span.first() - 1, span.last()), true));
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

    /**
     * Snapshots are built and written off the committer's thread: the state is immutable, so this can
     * take its time without holding up the commands behind it. One at a time; one falling due while
     * another is being written waits for the next interval.
     */
    private void maybeSnapshot(MusterState state) {
        if (config.snapshotEveryEvents() == 0
                || state.sequence() - lastSnapshotSequence < Math.max(config.snapshotEveryEvents(), snapshotBackoff))
            return;
        if (!snapshotting.compareAndSet(false, true)) return;
        lastSnapshotSequence = state.sequence();
        // taken here, on the committer's thread, so that each projection stands at the snapshot's sequence
        List<java.util.function.Supplier<org.muster.domain.log.SnapshotPart>> parts = new ArrayList<>();
        try {
            for (var p : savedProjections) {
                var memento = p.capture();
                parts.add(() -> new org.muster.domain.log.SnapshotPart(p.name(), memento.get()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a projection could not be taken; this snapshot is skipped", e);
            snapshotting.set(false);
            return;
        }
        Thread.ofPlatform().name("muster-snapshot").daemon(true).start(() -> {
            try {
                log.saveSnapshot(
                        state.toSnapshot(log.hashAt(state.sequence())),
                        parts.stream().map(java.util.function.Supplier::get).toList());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "snapshot failed; replay will be longer but nothing is lost", e);
            } finally {
                snapshotBackoff = SNAPSHOT_SHARE * Math.max(0, published.sequence() - state.sequence());
                snapshotting.set(false);
            }
        });
    }
}
