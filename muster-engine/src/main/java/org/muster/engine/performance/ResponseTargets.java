package org.muster.engine.performance;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.incident.Priority;

/**
 * Response-time standards per priority: a mean and a 90th centile, either optional. The defaults are the
 * national reference numbers: ambulance C1 mean 7 min and 90th centile 15; C2 18 and 40; C3 and C4 90th
 * centiles 120 and 180 min; police emergency attendance 15 min (urban).
 */
public record ResponseTargets(Map<Priority, Target> byPriority, ClockStop clockStop) {
    /** One priority's standard. */
    public record Target(Optional<Duration> mean, Optional<Duration> p90) {
        static Target of(Integer meanMinutes, Integer p90Minutes) {
            return new Target(
                    Optional.ofNullable(meanMinutes).map(Duration::ofMinutes),
                    Optional.ofNullable(p90Minutes).map(Duration::ofMinutes));
        }
    }

    /** Which arrival stops an incident's clock. */
    public enum ClockStop {
        /** The first unit that meets the incident's first requirement: the most appropriate resource. */
        MOST_APPROPRIATE,
        /** Any unit's arrival. */
        FIRST_ARRIVAL
    }

    public static final ResponseTargets DEFAULTS = new ResponseTargets(defaults(), ClockStop.MOST_APPROPRIATE);

    public ResponseTargets {
        byPriority = Map.copyOf(byPriority);
    }

    public Target targetFor(Priority p) {
        return byPriority.getOrDefault(p, new Target(Optional.empty(), Optional.empty()));
    }

    private static Map<Priority, Target> defaults() {
        Map<Priority, Target> m = new EnumMap<>(Priority.class);
        m.put(Priority.C1, Target.of(7, 15));
        m.put(Priority.C2, Target.of(18, 40));
        m.put(Priority.C3, Target.of(null, 120));
        m.put(Priority.C4, Target.of(null, 180));
        m.put(Priority.EMERGENCY, Target.of(null, 15));
        return m;
    }
}
