package org.muster.engine.performance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Response times of one group (a priority in an organisation or zone) over one window, against the target.
 *
 * @param breachesMean whether the mean is over its target (false when there is no target or no response)
 */
public record ResponseStats(
        int count,
        Optional<Duration> mean,
        Optional<Duration> p90,
        ResponseTargets.Target target,
        boolean breachesMean,
        boolean breachesP90) {

    static ResponseStats of(List<Duration> times, ResponseTargets.Target target) {
        if (times.isEmpty()) return new ResponseStats(0, Optional.empty(), Optional.empty(), target, false, false);
        long[] millis = times.stream().mapToLong(Duration::toMillis).sorted().toArray();
        long sum = 0;
        for (long m : millis) sum += m;
        Duration mean = Duration.ofMillis(Math.round((double) sum / millis.length));
        // nearest-rank 90th centile: the value below which 90% of responses fall
        Duration p90 = Duration.ofMillis(millis[(int) Math.ceil(0.9 * millis.length) - 1]);
        boolean overMean = target.mean().map(t -> mean.compareTo(t) > 0).orElse(false);
        boolean overP90 = target.p90().map(t -> p90.compareTo(t) > 0).orElse(false);
        return new ResponseStats(millis.length, Optional.of(mean), Optional.of(p90), target, overMean, overP90);
    }
}
