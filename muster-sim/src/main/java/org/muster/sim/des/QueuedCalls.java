package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import org.muster.domain.incident.Incident;
import org.muster.engine.dispatch.DispatchQueue;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * Which calls a run counts as queued at an instant: those the dispatch queue shows as waiting
 * ({@link DispatchQueue#needsUnits}: no unit yet, short of units, or of the escort their crews wait for) that have
 * waited past the simulated control room's handling time. The one rule for the longest queue, the queue over
 * time and a mutual aid policy's trigger.
 */
final class QueuedCalls {
    private QueuedCalls() {}

    static boolean isQueued(MusterState state, Incident i, Rules.ZoneLocator zones, Instant now, Duration handling) {
        return !i.receivedAt().plus(handling).isAfter(now) && DispatchQueue.needsUnits(state, i, zones);
    }
}
