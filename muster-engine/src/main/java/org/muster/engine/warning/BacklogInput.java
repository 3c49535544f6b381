package org.muster.engine.warning;

import java.time.Duration;
import org.muster.domain.Check;

/**
 * What the backlog forecast needs to know about one zone (or organisation) now.
 *
 * @param arrivalsPerHour calls needing a unit per hour, recently (for example those of the last hour)
 * @param availableUnits units able to take calls: the servers of the queue
 * @param meanJobTime a unit's mean time per call, from dispatch until it is free again
 * @param waitingNow calls waiting for a unit now
 * @param longestWaitNow how long the longest-waiting call has waited; zero when none waits
 * @param waitTarget the longest a call should wait for a unit: the response target less the expected
 *     travel time
 */
public record BacklogInput(
        double arrivalsPerHour,
        int availableUnits,
        Duration meanJobTime,
        int waitingNow,
        Duration longestWaitNow,
        Duration waitTarget) {
    public BacklogInput {
        var check = Check.collecting();
        if (!(arrivalsPerHour >= 0 && arrivalsPerHour <= 1e6)) {
            check.add("arrivalsPerHour", arrivalsPerHour, "must be from 0 to 1000000");
        }
        if (availableUnits < 0) check.add("availableUnits", availableUnits, "must be at least 0");
        if (meanJobTime == null || meanJobTime.isNegative() || meanJobTime.isZero()) {
            check.add("meanJobTime", meanJobTime, "must be more than 0");
        }
        if (waitingNow < 0) check.add("waitingNow", waitingNow, "must be at least 0");
        if (longestWaitNow == null || longestWaitNow.isNegative()) {
            check.add("longestWaitNow", longestWaitNow, "must be 0 or more");
        } else if (waitingNow == 0 && !longestWaitNow.isZero()) {
            check.add("longestWaitNow", longestWaitNow, "must be 0 when no call is waiting");
        }
        if (waitTarget == null || waitTarget.isNegative() || waitTarget.isZero()) {
            check.add("waitTarget", waitTarget, "must be more than 0");
        }
        check.throwIfAny();
    }

    /** Calls one unit finishes per hour: {@code 1 / meanJobTime}. */
    public double servicesPerUnitHour() {
        return 3_600_000.0 / meanJobTime.toMillis();
    }
}
