package org.muster.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.Engine;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.springframework.stereotype.Component;

/**
 * The receiving side of a handover: when an incident that came from another Muster service (an EIDO imported
 * from an organisation a peer holds) is dispatched, reached, closed or cancelled here, the status goes back to
 * that peer, on the incident the sender knows ({@link Peers#reportStatus}). Sent from a thread of its own, never
 * the writer's; only by the writer node, so that a standby following the same log does not send it twice. A peer
 * that does not answer is tried again a few times, then the status is given up and logged: the sender's incident
 * is its own and goes on without it.
 */
@Component
public final class HandoverStatusSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HandoverStatusSender.class.getName());
    private static final Set<IncidentStatus> REPORTED = EnumSet.of(
            IncidentStatus.ASSIGNED, IncidentStatus.ON_SCENE, IncidentStatus.CLOSED, IncidentStatus.CANCELLED);
    private static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private static final String INCIDENT = ":incident:";

    private final MusterNode node;
    private final Peers peers;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "handover-status");
        t.setDaemon(true);
        return t;
    });
    private final Engine.Subscription subscription;

    public HandoverStatusSender(MusterNode node, Peers peers) {
        this.node = node;
        this.peers = peers;
        this.subscription = node.engine().subscribe(this::onEvents);
    }

    /** On the writer's thread: hand the statuses worth reporting to the sending thread, never waiting. */
    private void onEvents(List<RecordedEvent> events, MusterState after) {
        // a service with no peers has nobody to report to: not even a look-up per status
        if (peers.isEmpty() || !node.isWriter()) return;
        for (RecordedEvent e : events) {
            if (!(e.event() instanceof Event.IncidentStatusChanged c) || !REPORTED.contains(c.to())) continue;
            Optional<OrganisationId> organisation =
                    after.findIncident(c.incident()).map(Incident::organisation);
            if (organisation.isEmpty()) continue;
            sending.execute(() -> report(c.incident(), organisation.get(), c.to(), e.at()));
        }
    }

    private void report(IncidentId incident, OrganisationId organisation, IncidentStatus status, Instant at) {
        Optional<ReceivedIncident> received = node.log().receivedIncidents().findReceived(incident);
        if (received.isEmpty()) return;
        Optional<OrganisationId> sender = senderOrganisation(received.get().sender());
        Optional<IncidentId> senderIncident = senderIncident(received.get().senderIncident());
        if (sender.isEmpty() || senderIncident.isEmpty()) return;
        var peer = peers.findHolding(sender.get());
        if (peer.isEmpty()) return;
        var report = new Peers.StatusReport(organisation, incident, status, at);
        Optional<Integer> answer = Optional.empty();
        for (int attempt = 0; attempt <= RETRIES.size(); attempt++) {
            answer = peers.reportStatus(peer.get().getValue(), senderIncident.get(), report);
            if (answer.isPresent() && answer.get() < 500) break;
            if (attempt < RETRIES.size() && !pause(RETRIES.get(attempt))) return;
        }
        if (answer.isEmpty() || answer.get() >= 300)
            LOG.warning("status " + status + " of " + incident + " not taken by peer "
                    + peer.get().getKey() + " for its " + senderIncident.get() + ": "
                    + answer.map(s -> "HTTP " + s).orElse("no answer"));
    }

    /** {@code urn:muster:WSP}, as a Muster sender names itself, is WSP; another sender's name is none of ours. */
    static Optional<OrganisationId> senderOrganisation(String sender) {
        if (!sender.startsWith("urn:muster:") || sender.indexOf(':', "urn:muster:".length()) >= 0)
            return Optional.empty();
        return parsed(() -> OrganisationId.of(sender.substring("urn:muster:".length())));
    }

    /** {@code urn:muster:WSP:incident:I-7}, the incident component's id a Muster sender writes, is I-7. */
    static Optional<IncidentId> senderIncident(String component) {
        int at = component.startsWith("urn:muster:") ? component.indexOf(INCIDENT) : -1;
        if (at < 0) return Optional.empty();
        String rest = component.substring(at + INCIDENT.length());
        int end = rest.indexOf(':');
        String id = end < 0 ? rest : rest.substring(0, end);
        return parsed(() -> IncidentId.of(id));
    }

    private static <T> Optional<T> parsed(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (org.muster.domain.MusterException e) {
            return Optional.empty();
        }
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        subscription.close();
        sending.shutdownNow();
        try {
            sending.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.FINE, "stopped waiting for the handover status sender", e);
        }
    }
}
