package org.muster.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.PositionTrack;
import org.muster.engine.CommandResult;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.SavedProjection;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.LogFollower;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventStore;
import org.muster.store.WriterLease;

/**
 * The engine a node serves: its {@link SingleWriter} while it is the writer, a {@link LogFollower} while it
 * stands by. On SQLite the node is the writer from the start and for good. On PostgreSQL it is the writer
 * while it holds the {@link WriterLease}: it renews it every {@code renew-every}, and a standby looks at it
 * every {@code follow-every} and takes it once it has run out, catches up to the log's end and starts its
 * writer. A writer that finds its lease taken stops writing (its appends were fenced anyway) and stands by.
 * Listeners subscribe once, here, and hear every event in order across the changes.
 */
final class NodeEngine implements Engine {
    private static final Logger LOG = Logger.getLogger(NodeEngine.class.getName());

    private final EventStore log;
    private final PositionTrack positions;
    private final Rules rules;
    private final Clock clock;
    private final WriterConfig config;
    private final MusterProperties.Standby standby;
    private final String nodeName;
    private final Optional<WriterLease> lease;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SavedProjection<?>> saved = new CopyOnWriteArrayList<>();
    private final EventListener relaying = this::relay;
    private final ScheduledExecutorService leaseTicks = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("muster-writer-lease").daemon(true).unstarted(r));

    /** The writer or the follower: what commands, reads and listeners go to now. */
    private volatile Engine active;

    private volatile long epoch;
    private volatile long renewedAtNanos;
    private volatile Optional<WriterLease.Holder> lastSeen = Optional.empty();
    private volatile boolean closed;
    /** Set by {@link #stopRenewing}: a node that froze does not let its lease go either. */
    private volatile boolean keepLeaseAtClose;

    private NodeEngine(
            EventStore log,
            PositionTrack positions,
            Rules rules,
            Clock clock,
            WriterConfig config,
            MusterProperties.Standby standby) {
        this.log = log;
        this.positions = positions;
        this.rules = rules;
        this.clock = clock;
        this.config = config;
        this.standby = standby;
        this.nodeName = standby.node().isEmpty() ? defaultNodeName() : standby.node();
        this.lease = log.writerLease();
    }

    /**
     * Rebuilds the state and starts as the writer when the lease is free (always on SQLite), else as a
     * standby. Nothing is followed or renewed until {@link #begin}, so that the node's listeners miss nothing.
     */
    static NodeEngine start(
            EventStore log,
            PositionTrack positions,
            Rules rules,
            Clock clock,
            WriterConfig config,
            MusterProperties.Standby standby) {
        NodeEngine node = new NodeEngine(log, positions, rules, clock, config, standby);
        Optional<Long> taken = node.lease.isEmpty()
                ? Optional.of(0L)
                : node.lease.get().tryAcquire(node.nodeName, standby.advertisedUrl(), standby.lease());
        if (taken.isPresent()) {
            node.becomeWriterAt(taken.get());
        } else {
            LogFollower follower = LogFollower.start(log, positions, rules, node::refusal);
            follower.subscribe(node.relaying);
            node.active = follower;
            node.lastSeen = node.lease.get().findHolder();
            LOG.info(node.nodeName + " stands by: the writer is " + node.describeWriter());
        }
        return node;
    }

    /** Starts following the log (a standby) and renewing or watching the lease. */
    void begin() {
        if (active instanceof LogFollower follower) follower.follow(standby.followEvery());
        if (lease.isEmpty()) return;
        long every =
                Math.min(standby.renewEvery().toMillis(), standby.followEvery().toMillis());
        leaseTicks.scheduleWithFixedDelay(this::tickLogged, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether this node is the writer now. */
    boolean isWriter() {
        return active instanceof SingleWriter;
    }

    /** The writer as last seen in the lease; this node's own when it is the writer. */
    Optional<WriterLease.Holder> writer() {
        return lastSeen;
    }

    String nodeName() {
        return nodeName;
    }

    /** Saves {@code projection} with the writer's snapshots, whichever writer this node runs. */
    void saveWithSnapshots(SavedProjection<?> projection) {
        saved.add(projection);
        if (active instanceof SingleWriter w) w.saveWithSnapshots(projection);
    }

    @Override
    public CompletableFuture<CommandResult> submit(CommandEnvelope command) {
        return active.submit(command);
    }

    @Override
    public CommandResult execute(CommandEnvelope command) {
        return Engine.await(submit(command), config.executeTimeout());
    }

    @Override
    public MusterState state() {
        return active.state();
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

    /** Stops renewing and lets the lease go at once, so that a standby need not wait for it to run out. */
    @Override
    public synchronized void close() {
        closed = true;
        leaseTicks.shutdownNow();
        boolean wasWriter = isWriter();
        active.close();
        if (wasWriter && lease.isPresent() && !keepLeaseAtClose) {
            try {
                lease.get().release(epoch);
            } catch (RuntimeException e) {
                LOG.warning("could not release the writer lease; a standby takes over when it runs out: " + e);
            }
        }
    }

    /**
     * Stops renewing without letting the lease go, as a writer that froze would: for tests and the failover
     * bench, which then close the node as if it died.
     */
    void stopRenewing() {
        keepLeaseAtClose = true;
        leaseTicks.shutdownNow();
    }

    // --- the lease

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "the writer lease could not be looked at; trying again", e);
        }
    }

    private synchronized void tick() {
        if (closed) return;
        WriterLease writerLease = lease.orElseThrow();
        if (isWriter()) {
            boolean kept;
            try {
                kept = writerLease.renew(epoch, standby.lease());
                if (kept) renewedAtNanos = System.nanoTime();
            } catch (TransientException e) {
                // the database unreachable: the lease may still be ours until it runs out
                kept = System.nanoTime() - renewedAtNanos < standby.lease().toNanos();
                LOG.warning("could not renew the writer lease: " + e.getMessage());
            }
            if (!kept) standBy();
            return;
        }
        Optional<WriterLease.Holder> holder = writerLease.findHolder();
        lastSeen = holder;
        if (holder.isPresent() && !holder.get().expired()) return;
        Optional<Long> taken = writerLease.tryAcquire(nodeName, standby.advertisedUrl(), standby.lease());
        if (taken.isPresent()) takeOver(taken.get());
    }

    /** Catches up to the end of the log, which no other node can extend now, and starts the writer. */
    private void takeOver(long newEpoch) {
        long from = System.nanoTime();
        LogFollower follower = (LogFollower) active;
        follower.close();
        log.fenceAppends(newEpoch);
        follower.catchUp();
        becomeWriterAt(newEpoch);
        long caughtUp = follower.state().sequence();
        // the writer replayed from the newest snapshot: anything past the follower's end reaches the listeners
        if (active.state().sequence() > caughtUp) {
            List<RecordedEvent> missed = log.listRange(caughtUp, active.state().sequence());
            relay(missed, active.state());
        }
        LOG.info(nodeName + " took over as the writer at epoch " + newEpoch + ", event "
                + active.state().sequence() + ", in "
                + Duration.ofNanos(System.nanoTime() - from).toMillis()
                + " ms");
    }

    private void becomeWriterAt(long newEpoch) {
        if (newEpoch > 0) log.fenceAppends(newEpoch);
        this.epoch = newEpoch;
        this.renewedAtNanos = System.nanoTime();
        SingleWriter writer = SingleWriter.start(log, positions, rules, clock, config);
        saved.forEach(writer::saveWithSnapshots);
        writer.subscribe(relaying);
        active = writer;
        lastSeen = newEpoch > 0
                ? Optional.of(new WriterLease.Holder(newEpoch, nodeName, standby.advertisedUrl(), false))
                : Optional.empty();
    }

    /** The lease was taken: stop writing (the appends are refused anyway) and follow the new writer. */
    private void standBy() {
        SingleWriter writer = (SingleWriter) active;
        LOG.warning(nodeName + " lost the writer lease at epoch " + epoch + "; standing by");
        LogFollower follower = LogFollower.from(writer.state(), log, positions, rules, this::refusal);
        follower.subscribe(relaying);
        active = follower;
        writer.close();
        lastSeen = Optional.empty();
        follower.follow(standby.followEvery());
    }

    private TransientException refusal() {
        Optional<WriterLease.Holder> holder = lastSeen;
        return TransientException.notTheWriter(
                "this Muster node (" + nodeName + ") is a standby and takes no commands: send them to the writer, "
                        + describeWriter(),
                holder.filter(h -> !h.expired()).map(WriterLease.Holder::url).orElse(""));
    }

    private String describeWriter() {
        return lastSeen.filter(h -> !h.expired())
                .map(h -> h.node() + (h.url().isEmpty() ? "" : " at " + h.url()) + " (epoch " + h.epoch() + ")")
                .orElse("none at the moment: a standby takes over within seconds; try again shortly");
    }

    private void relay(List<RecordedEvent> events, MusterState after) {
        for (EventListener l : listeners) {
            try {
                l.onEvents(events, after);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener failed; the events are durable and the node goes on", e);
            }
        }
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "muster";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
