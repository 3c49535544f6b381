package org.muster.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.MusterException;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.engine.Engine;

/**
 * Lets a mutual aid request that was not filled lapse: once its report-by time has passed while it is still
 * open with nothing accepted, Muster itself expires it (actor {@code muster}), so that the request does not
 * linger on every party's board. Its reason in the log says what the answers came to ({@link
 * AidRequest#expiryReason}): who declined and why, whose offer was not taken up, who never answered. A
 * request with accepted units is left for its requester to deploy or cancel.
 */
final class AidExpiry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AidExpiry.class.getName());
    static final Actor ACTOR = Actor.of("muster");

    private final Engine engine;
    private final java.time.Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("muster-aid-expiry").daemon(true).unstarted(r));

    AidExpiry(Engine engine, java.time.Clock clock, Duration every) {
        this.engine = engine;
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::expireDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Expires every open request past its report-by time; each by a command named after the request. */
    void expireDue() {
        Instant now = clock.instant();
        for (AidRequest r : engine.state().listOpenAidRequests()) {
            if (r.status() != AidRequestStatus.OPEN || now.isBefore(r.reportBy())) continue;
            try {
                engine.execute(new CommandEnvelope(
                        CommandId.of("expire-" + r.id().value()),
                        ACTOR,
                        // what the answers came to: who declined and why, who never answered
                        r.expiryReason(),
                        new Command.ExpireAidRequest(r.id())));
            } catch (MusterException e) {
                // answered meanwhile, or cancelled: nothing to do
                LOG.log(Level.FINE, "did not expire " + r.id() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not expire " + r.id(), e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
