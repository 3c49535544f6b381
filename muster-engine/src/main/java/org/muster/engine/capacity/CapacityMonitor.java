package org.muster.engine.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * Keeps the capacity board current from the engine's events, on its own thread, and raises an alert for
 * every change of a zone's or an organisation's colour.
 */
public final class CapacityMonitor implements EventListener, AutoCloseable {
    /** A change of colour: a zone (with its organisation) or, with no zone, a whole organisation. */
    public record Alert(
            Instant at, long sequence, OrganisationId organisation, Optional<ZoneId> zone, Colour from, Colour to) {
        public String describe() {
            String what = zone.map(z -> "zone " + z).orElse("organisation " + organisation);
            return what + " capacity " + from + " -> " + to + (to == Colour.NONE ? ": no units available" : "");
        }
    }

    private final CapacityBoard board;
    private final Engine.Subscription subscription;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("muster-capacity").daemon(true).unstarted(r));
    private final AtomicReference<CapacityBoard.Snapshot> current = new AtomicReference<>();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    public CapacityMonitor(Engine engine, CapacityBoard board) {
        this.board = board;
        this.current.set(board.compute(engine.state()));
        this.subscription = engine.subscribe(this);
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        Instant at = events.get(events.size() - 1).at();
        worker.execute(() -> update(after, at));
    }

    private void update(MusterState state, Instant at) {
        CapacityBoard.Snapshot before = current.get();
        if (before != null && before.sequence() >= state.sequence()) return;
        CapacityBoard.Snapshot now = board.compute(state);
        current.set(now);
        List<Alert> raised = new ArrayList<>();
        for (CapacityBoard.ZoneCapacity z : now.zones()) {
            Colour was = before == null
                    ? null
                    : before.findZone(z.zone())
                            .map(CapacityBoard.ZoneCapacity::colour)
                            .orElse(null);
            if (was != null && was != z.colour())
                raised.add(new Alert(at, state.sequence(), z.organisation(), Optional.of(z.zone()), was, z.colour()));
        }
        now.organisations().forEach((org, colour) -> {
            Colour was = before == null ? null : before.organisations().get(org);
            if (was != null && was != colour)
                raised.add(new Alert(at, state.sequence(), org, Optional.empty(), was, colour));
        });
        alerts.addAll(raised);
    }

    /** The board as of the last events processed. */
    public CapacityBoard.Snapshot current() {
        return current.get();
    }

    /** Every colour change so far, oldest first. */
    public List<Alert> listAlerts() {
        return List.copyOf(alerts);
    }

    /** Waits until the events heard so far are on the board: for tests and orderly shutdown. */
    public void awaitIdle() {
        try {
            worker.submit(() -> {}).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }
}
