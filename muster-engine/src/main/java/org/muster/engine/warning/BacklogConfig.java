package org.muster.engine.warning;

import java.time.Duration;
import org.muster.domain.InvalidInputException;

/**
 * How far ahead the backlog forecast looks.
 *
 * @param horizon a breach later than this is not forecast: the rates it rests on will have changed.
 *     Default 12 hours.
 */
public record BacklogConfig(Duration horizon) {
    public static final BacklogConfig DEFAULTS = new BacklogConfig(Duration.ofHours(12));

    public BacklogConfig {
        if (horizon == null || horizon.isNegative() || horizon.isZero() || horizon.compareTo(Duration.ofDays(7)) > 0) {
            throw InvalidInputException.of("horizon", horizon, "must be more than 0 and at most 7 days");
        }
    }
}
