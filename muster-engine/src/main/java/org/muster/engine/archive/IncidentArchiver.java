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
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * Takes finished incidents (closed, cancelled, merged) out of the live state: for each incident a batch
 * finishes it submits {@code ArchiveIncident} as {@link Actor#SYSTEM}, whose event removes it from the state.
 * The writer keeps the incident's record in the log's read model of closed incidents with that event, in
 * the same transaction where the store has both ({@code EventLog.append(batch, leaving)}): the log records
 * when it left, replay removes it at the same point, and it is always in the state or in the read model.
 *
 * <p>Subscribe it after the projections that count finished incidents (response times): they have taken the
 * batch that finished an incident before the archive command is even submitted, so their figures keep it.
 * A crash before the command is logged leaves the incident finished in the state; a start archives every
 * such incident (the command id, made from the incident's, is answered from the log if it was logged). The
 * commands are submitted from the archiver's own thread, never the writer's.
 */
public final class IncidentArchiver implements EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IncidentArchiver.class.getName());

    private final Engine engine;
    private volatile boolean closing;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("muster-archiver").daemon(true).unstarted(r));
    /** Finished incidents whose archive failed transiently: tried again with the next batch. */
    private final Set<IncidentId> retry = ConcurrentHashMap.newKeySet();

    private final Engine.Subscription subscription;

    private IncidentArchiver(Engine engine) {
        this.engine = engine;
        this.subscription = engine.subscribe(this);
    }

    /**
     * Starts archiving the engine's finished incidents, those finished before now (a crash, or a store from
     * before incidents were archived) first.
     */
    public static IncidentArchiver start(Engine engine) {
        if (engine.rules().closedIncidents() == org.muster.domain.incident.ClosedIncidents.NONE)
            throw new IllegalArgumentException(
                    "the engine's log keeps no read model of closed incidents: there is nowhere to archive to");
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
        if (closing) return; // a start archives whatever is left
        List<Incident> finished = new ArrayList<>();
        for (IncidentId id : ids)
            state.findIncident(id).filter(i -> !i.isOpen()).ifPresent(finished::add); // else archived meanwhile
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

    /** Waits until the archive commands for the batches heard so far have been submitted. */
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
