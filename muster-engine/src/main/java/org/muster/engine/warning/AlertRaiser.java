package org.muster.engine.warning;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.SavedProjection;
import org.muster.engine.state.MusterState;

/**
 * The one way Muster's own watch — capacity, status limits, surges, hotspots — puts alerts in the log.
 * Each batch of events is handed, on the raiser's own thread, to every {@link AlertSource}; then what the
 * sources say should be active is compared with the alerts in the state: a new condition (or a new state
 * of one, red after amber) is raised by a {@code RaiseAlert} command, which replaces the alert it follows;
 * an active alert whose condition is over is resolved by a {@code ResolveAlert}. Both are commands from
 * {@link Actor#SYSTEM}, so that the alert and its end stand in the audit trail and a supervisor's decision
 * can follow.
 *
 * <p>Command ids are made from the alert ids, which the sources make from what the alert is about, so a
 * restart that sees the same conditions again raises nothing twice. An alert a supervisor dismissed stays
 * dismissed while its condition stays the same.
 */
public final class AlertRaiser implements EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AlertRaiser.class.getName());
    /** A snapshot waits this long for the alert thread to reach it; past it, it is saved without. */
    private static final long CAPTURE_WAIT_SECONDS = 30;

    private final Engine engine;
    private final List<AlertSource> sources;
    private final Engine.Subscription subscription;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("muster-alerts").daemon(true).unstarted(r));
    /** What was last submitted per key, until the state shows it: a raise's state, or "resolve ID". */
    private final Map<String, String> submitted = new ConcurrentHashMap<>();

    private volatile MusterState latest;

    public AlertRaiser(Engine engine, List<AlertSource> sources) {
        this.engine = engine;
        this.sources = List.copyOf(sources);
        this.latest = engine.state();
        this.subscription = engine.subscribe(this);
    }

    /** Early warning alone, as before capacity and status limits joined it. */
    public AlertRaiser(Engine engine, WarningProjection warnings) {
        this(engine, List.of(warnings));
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        Instant at = events.get(events.size() - 1).at();
        worker.execute(() -> {
            try {
                for (AlertSource source : sources) source.onEvents(events, after);
                latest = after;
                reconcile(after, at);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the alert watch failed on a batch of events; it goes on with the next", e);
            }
        });
    }

    /**
     * Looks again at {@code now} without new events: a unit passes its status's time limit with nothing
     * else happening. The caller's clock is Muster's.
     */
    public void tick(Instant now) {
        worker.execute(() -> {
            try {
                reconcile(latest, now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the alert watch failed on a tick; it goes on with the next", e);
            }
        });
    }

    /**
     * {@code source}, fed here on the alert thread, as the writer saves it with snapshots: its memento is
     * taken on the alert thread right after the batches heard so far, so at the snapshot's sequence when
     * the writer asks on its own thread just after publishing the snapshot's batch.
     */
    public <M extends Record> SavedProjection<M> savedFromAlertThread(SavedProjection<M> source) {
        return new SavedProjection<>() {
            @Override
            public String name() {
                return source.name();
            }

            @Override
            public Class<M> mementoType() {
                return source.mementoType();
            }

            @Override
            public Supplier<M> capture() {
                CompletableFuture<Supplier<M>> taken = CompletableFuture.supplyAsync(source::capture, worker);
                return () -> {
                    try {
                        return taken.get(CAPTURE_WAIT_SECONDS, TimeUnit.SECONDS).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted waiting for " + source.name(), e);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("could not take " + source.name() + " on the alert thread", e);
                    }
                };
            }

            @Override
            public void restore(M memento) {
                source.restore(memento);
            }

            @Override
            public void onEvents(List<RecordedEvent> events, MusterState after) {
                // fed through the raiser, not directly
            }
        };
    }

    /** Waits until the events heard so far have been looked at and their alerts submitted. */
    public void awaitIdle() {
        try {
            worker.submit(() -> {}).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void reconcile(MusterState state, Instant now) {
        Map<String, Alert> latestByKey = new HashMap<>();
        for (Alert a : state.alerts().values()) {
            latestByKey.merge(a.key(), a, (x, y) -> newer(x, y) ? x : y);
        }
        for (AlertSource source : sources) {
            Set<String> wanted = new HashSet<>();
            List<AlertSource.Condition> conditions;
            try {
                conditions = source.listConditions(state, now);
            } catch (RuntimeException e) {
                // one source failing must not silence the others: its own alerts stand as they are (none is
                // resolved for want of an answer) until it answers again
                LOG.log(
                        Level.WARNING,
                        "the " + source.getClass().getSimpleName() + " alert source failed; the others go on",
                        e);
                continue;
            }
            for (AlertSource.Condition c : conditions) {
                wanted.add(c.key());
                Alert last = latestByKey.get(c.key());
                if ((last != null && c.isStoodForBy(last))
                        || state.findAlert(c.id()).isPresent()) continue;
                if (c.state().equals(submitted.get(c.key()))) continue;
                submit(
                        c.key(),
                        c.state(),
                        commandIdOf("raise-", c.id()),
                        "Muster's " + c.kind() + " watch",
                        c.raiseCommand());
            }
            for (Alert a : latestByKey.values()) {
                // a dismissed alert is marked over too, so that its dismissal does not silence the next time
                boolean goingOn = a.status().isActive()
                        || (a.status() == org.muster.domain.alert.AlertStatus.DISMISSED && !a.isOver());
                if (!goingOn || !source.owns(a.key()) || wanted.contains(a.key())) continue;
                String mark = "resolve " + a.id().value();
                if (mark.equals(submitted.get(a.key()))) continue;
                submit(
                        a.key(),
                        mark,
                        commandIdOf("resolve-", a.id()),
                        "Muster's " + a.kind() + " watch",
                        new Command.ResolveAlert(a.id(), source.resolution(a, state)));
            }
        }
    }

    /** Where what raised the active alert stands now, in the words of the source that owns it: see {@link AlertSource#standingNow}. */
    public Optional<String> standingNow(Alert alert, MusterState state, Instant now) {
        if (!alert.status().isActive()) return Optional.empty();
        for (AlertSource source : sources) {
            if (source.owns(alert.key())) return source.standingNow(alert, state, now);
        }
        return Optional.empty();
    }

    /**
     * The id of the raiser's command on an alert: the prefix and the alert's id, its head cut to fit the 64
     * characters a command id may have (an id made by {@link AlertSource#idOf} always fits; one in an older log
     * may not).
     */
    static String commandIdOf(String prefix, AlertId id) {
        String value = id.value();
        int room = 64 - prefix.length();
        return prefix + (value.length() <= room ? value : value.substring(value.length() - room));
    }

    /** The active alert of a key (there is at most one) stands for it; else the one raised last. */
    private static boolean newer(Alert x, Alert y) {
        if (x.status().isActive() != y.status().isActive()) return x.status().isActive();
        int byTime = x.raisedAt().compareTo(y.raisedAt());
        return byTime != 0 ? byTime > 0 : x.id().value().compareTo(y.id().value()) > 0;
    }

    private void submit(String key, String mark, String commandId, String reason, Command command) {
        CommandId id = CommandId.of(commandId); // before the mark: a refused id must leave the next look free to try
        submitted.put(key, mark);
        engine.submit(new CommandEnvelope(id, Actor.SYSTEM, reason, command)).whenComplete((result, failure) -> {
            if (failure == null) return;
            // refused (the state moved on meanwhile) or not durable: let the next look try again
            submitted.remove(key, mark);
            LOG.log(Level.FINE, "alert command " + commandId + " not applied: " + failure.getMessage());
        });
    }

    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }
}
