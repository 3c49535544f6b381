package org.muster.engine.warning;

import java.time.Duration;
import java.util.Optional;
import org.muster.domain.Check;

/**
 * The expected wait for a unit and when the wait target will be breached.
 *
 * @param offeredLoad arrivals × mean job time, in Erlangs: how many units the calls keep busy on average
 * @param utilisation {@code offeredLoad / availableUnits}; 1 or more means the queue grows without end
 *     (infinite when no unit is available)
 * @param probabilityOfWaiting Erlang C: the chance a new call finds every unit busy (1 when the queue is not
 *     stable)
 * @param expectedWait the mean wait for a unit in the steady state of M/M/c; empty when the queue is not
 *     stable and has no steady state
 * @param probabilityWithinTarget in the steady state, the chance a call waits no longer than the target (0
 *     when not stable)
 * @param queueGrowthPerHour how fast the waiting calls grow, {@code arrivals − units × services per unit}
 *     per hour; negative when the backlog drains
 * @param timeToBreach from now, when the wait of a call reaches the target in the fluid model: zero if
 *     already breached, empty if not within the horizon
 * @param summary the forecast in words
 */
public record BacklogForecast(
        double offeredLoad,
        double utilisation,
        double probabilityOfWaiting,
        Optional<Duration> expectedWait,
        double probabilityWithinTarget,
        double queueGrowthPerHour,
        Optional<Duration> timeToBreach,
        String summary) {
    public BacklogForecast {
        Check.present("expectedWait", expectedWait);
        Check.present("timeToBreach", timeToBreach);
        Check.present("summary", summary);
    }

    /** Whether arrivals are slower than the units can serve them, so the queue has a steady state. */
    public boolean stable() {
        return utilisation < 1;
    }
}
