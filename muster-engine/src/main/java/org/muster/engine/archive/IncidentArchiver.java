package org.muster.engine.archive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.ConflictException;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * Takes finished incidents (closed, cancelled, merged) out of the live state. For each incident a batch
 * finishes it saves the incident to the engine's read model of closed incidents ({@code
 * engine.rules().closedIncidents()}), then submits {@code ArchiveIncident} as {@link Actor#SYSTEM}, whose
 * event removes it from the state: the log records when it left, so replay removes it at the same point.
 *
 * <p>Subscribe it after the projections that count finished incidents (response times): they have taken the
 * batch that finished an incident before the archive command is even submitted, so their figures keep it.
 * The save happens first, so an incident is always in the state or in the read model; a crash between the
 * two is repaired at start, when every finished incident still in the state is saved and archived again (the
 * save replaces, and the command id, made from the incident's, is answered from the log if it was logged).
 * The work runs on the archiver's own thread: a save is a write to the store, too slow for the writer's.
 */
public final class IncidentArchiver implements EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IncidentArchiver.class.getName());

    private final Engine engine;
    private final ClosedIncidents read;
    private volatile boolean closing;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("muster-archiver").daemon(true).unstarted(r));
    /** Finished incidents whose save or archive failed transiently: tried again with the next batch. */
    private final Set<IncidentId> retry = ConcurrentHashMap.newKeySet();

    private final Engine.Subscription subscription;

    private IncidentArchiver(Engine engine) {
        this.engine = engine;
        this.read = engine.rules().closedIncidents();
        this.subscription = engine.subscribe(this);
    }

    /**
     * Starts archiving the engine's finished incidents, those finished before now (a crash, or a store from
     * before incidents were archived) first.
     */
    public static IncidentArchiver start(Engine engine) {
        IncidentArchiver archiver = new IncidentArchiver(engine);
        MusterState now = engine.state();
        List<IncidentId> finished = now.incidents().values().stream()
                .filter(i -> !i.isOpen())
                .map(Incident::id)
                .sorted()
                .toList();
        archiver.worker.execute(() -> archiver.archive(finished, now));
        return archiver;
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        Set<IncidentId> finished = new LinkedHashSet<>();
        for (RecordedEvent e : events) {
            switch (e.event()) {
                case Event.IncidentStatusChanged c when c.to().isTerminal() -> finished.add(c.incident());
                case Event.IncidentMerged m -> finished.add(m.duplicate());
                default -> {}
            }
        }
        if (finished.isEmpty() && retry.isEmpty()) return;
        worker.execute(() -> {
            Set<IncidentId> ids = new LinkedHashSet<>(retry);
            retry.removeAll(ids);
            ids.addAll(finished);
            archive(List.copyOf(ids), after);
        });
    }

    private void archive(List<IncidentId> ids, MusterState state) {
        if (closing) return; // a start saves and archives whatever is left
        List<Incident> finished = new ArrayList<>();
        for (IncidentId id : ids)
            state.findIncident(id).filter(i -> !i.isOpen()).ifPresent(finished::add); // else archived meanwhile
        if (finished.isEmpty()) return;
        try {
            read.saveAll(finished); // one transaction for all that finished together
        } catch (RuntimeException e) {
            if (closing) return;
            LOG.log(
                    Level.WARNING,
                    "could not save " + finished.size() + " closed incidents; they stay in the state for now",
                    e);
            finished.forEach(i -> retry.add(i.id()));
            return;
        }
        for (Incident incident : finished) {
            IncidentId id = incident.id();
            engine.submit(new CommandEnvelope(
                            CommandId.of("archive-" + id.value()),
                            Actor.SYSTEM,
                            "finished, its figures recorded: kept in the read model of closed incidents",
                            new Command.ArchiveIncident(id)))
                    .whenComplete((result, failure) -> {
                        if (failure == null || closing) return;
                        Throwable cause =
                                failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                                        ? c.getCause()
                                        : failure;
                        // already archived (a repeat at start) or gone: nothing to do; anything else, try again
                        if (cause instanceof ConflictException || cause instanceof NotFoundException) return;
                        LOG.log(Level.FINE, "archiving " + id + " not applied: " + cause.getMessage());
                        retry.add(id);
                    });
        }
    }

    /** Waits until the batches heard so far have been saved and their archive commands submitted. */
    public void awaitIdle() {
        try {
            worker.submit(() -> {}).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops at once: what is not archived yet stays in the state, and the next start archives it. */
    @Override
    public void close() {
        closing = true;
        subscription.close();
        worker.shutdownNow();
    }
}
