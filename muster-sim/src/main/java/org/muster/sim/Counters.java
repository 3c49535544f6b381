package org.muster.sim;

import java.util.concurrent.atomic.AtomicLong;

/** What a simulation has done so far; safe to read from any thread while it runs. */
public final class Counters {
    private final AtomicLong incidentsCreated = new AtomicLong();
    private final AtomicLong unitsDispatched = new AtomicLong();
    private final AtomicLong incidentsClosed = new AtomicLong();
    private final AtomicLong positionsSent = new AtomicLong();
    private final AtomicLong statusesSent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public void incidentCreated() {
        incidentsCreated.incrementAndGet();
    }

    public void unitDispatched() {
        unitsDispatched.incrementAndGet();
    }

    public void incidentClosed() {
        incidentsClosed.incrementAndGet();
    }

    public void positionSent() {
        positionsSent.incrementAndGet();
    }

    public void statusSent() {
        statusesSent.incrementAndGet();
    }

    public void refused() {
        refused.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(
                incidentsCreated.get(),
                unitsDispatched.get(),
                incidentsClosed.get(),
                positionsSent.get(),
                statusesSent.get(),
                refused.get());
    }

    /**
     * The counters at one moment.
     *
     * @param incidentsCreated calls the demand model raised
     * @param unitsDispatched units the simulated control room assigned (a human's dispatches are not counted)
     * @param incidentsClosed incidents that reached CLOSED, by whoever's command
     * @param positionsSent position reports the crews sent
     * @param statusesSent status changes and closures the crews sent
     * @param refused simulated commands the engine refused because the state had moved on
     */
    public record Snapshot(
            long incidentsCreated,
            long unitsDispatched,
            long incidentsClosed,
            long positionsSent,
            long statusesSent,
            long refused) {}
}
