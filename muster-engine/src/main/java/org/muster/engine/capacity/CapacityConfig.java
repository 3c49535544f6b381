package org.muster.engine.capacity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.unit.UnitStatus;

/**
 * How capacity is judged.
 *
 * @param amberMargin a zone with at least its minimum but fewer than minimum + margin available is amber
 * @param statusLimits how long a unit may stay in a status before it is flagged (a crew at hospital past a
 *     45-minute handover, a crew transporting for over an hour)
 */
public record CapacityConfig(int amberMargin, Map<UnitStatus, Duration> statusLimits) {
    public static final CapacityConfig DEFAULTS = new CapacityConfig(1, defaultLimits());

    public CapacityConfig {
        Check.atLeast("amberMargin", amberMargin, 0);
        statusLimits = Map.copyOf(Check.present("statusLimits", statusLimits));
        statusLimits.forEach((status, limit) -> {
            if (limit.isNegative() || limit.isZero())
                throw InvalidInputException.of("statusLimits." + status, limit, "must be more than 0");
        });
    }

    private static Map<UnitStatus, Duration> defaultLimits() {
        Map<UnitStatus, Duration> limits = new EnumMap<>(UnitStatus.class);
        limits.put(UnitStatus.AT_HOSPITAL, Duration.ofMinutes(45));
        // an hour on the road with a patient is no journey to hospital in England: a crew lost, or a status
        // never moved on (set TRANSPORTING with its call since closed)
        limits.put(UnitStatus.TRANSPORTING, Duration.ofMinutes(60));
        limits.put(UnitStatus.ON_SCENE, Duration.ofMinutes(90));
        limits.put(UnitStatus.DISPATCHED, Duration.ofMinutes(10));
        return limits;
    }
}
