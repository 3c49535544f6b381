package org.muster.engine.performance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.muster.domain.escalation.Escalation;

/**
 * Response times of one group (a priority in an organisation or zone) over one window, against its target,
 * and the calls of the group still waiting for the arrival that stops their clock.
 *
 * <p>A mean over calls reached only flatters a service that has not reached its worst calls. So the calls
 * still waiting stand beside it ({@code waiting}, {@code oldestWait}), those already past the target are
 * counted as breaches ({@code waitingOverTarget}), and the {@code WithWaiting} figures count every waiting
 * call at its wait so far, the least its response can be. The breach flags and {@code compliance} use them.
 *
 * @param count responses (clock stopped) in the window
 * @param mean of the responses only
 * @param p90 nearest-rank 90th centile of the responses only
 * @param breachesMean whether the mean, counting waiting calls at their wait so far, is over its target
 *     (false when there is no target, or nothing to measure)
 * @param breachesP90 as {@code breachesMean}, for the 90th centile
 * @param waiting calls still waiting for the clock-stopping arrival
 * @param oldestWait the longest of their waits so far; empty when none waits
 * @param waitingOverTarget waiting calls already past the target's limit (its 90th centile, else its mean):
 *     breaches whatever happens next
 * @param meanWithWaiting the mean over responses and waiting calls at their wait so far
 * @param p90WithWaiting the 90th centile over the same
 * @param withinTarget the responses within the target's limit; empty without a target, as {@code compliance}
 * @param compliance the share of calls (responses and waiting calls already past the limit) within the
 *     limit; empty without a target or without any such call
 * @param targetsSuspended the organisation's escalation level has suspended its targets ({@link #judgedUnder}):
 *     the figures still count, beside the target, but no breach is held against them ({@code breachesMean},
 *     {@code breachesP90} false, {@code waitingOverTarget} 0)
 */
public record ResponseStats(
        int count,
        Optional<Duration> mean,
        Optional<Duration> p90,
        ResponseTargets.Target target,
        boolean breachesMean,
        boolean breachesP90,
        int waiting,
        Optional<Duration> oldestWait,
        int waitingOverTarget,
        Optional<Duration> meanWithWaiting,
        Optional<Duration> p90WithWaiting,
        Optional<Integer> withinTarget,
        Optional<Double> compliance,
        boolean targetsSuspended) {

    static ResponseStats of(List<Duration> times, ResponseTargets.Target target) {
        return of(times, List.of(), target);
    }

    /**
     * @param times the group's response times
     * @param waits the waits so far of the group's calls not reached yet
     */
    static ResponseStats of(List<Duration> times, List<Duration> waits, ResponseTargets.Target target) {
        Optional<Duration> mean = mean(times);
        Optional<Duration> p90 = p90(times);
        List<Duration> all = new java.util.ArrayList<>(times);
        all.addAll(waits);
        Optional<Duration> meanAll = mean(all);
        Optional<Duration> p90All = p90(all);
        boolean overMean = over(meanAll, target.mean());
        boolean overP90 = over(p90All, target.p90());
        Optional<Duration> oldest = waits.stream().max(Duration::compareTo);
        Optional<Duration> limit = target.limit();
        int waitingOver = limit.map(l ->
                        (int) waits.stream().filter(w -> w.compareTo(l) > 0).count())
                .orElse(0);
        Optional<Integer> within = limit.map(
                l -> (int) times.stream().filter(t -> t.compareTo(l) <= 0).count());
        int judged = times.size() + waitingOver;
        Optional<Double> compliance =
                within.flatMap(n -> judged == 0 ? Optional.empty() : Optional.of((double) n / judged));
        return new ResponseStats(
                times.size(),
                mean,
                p90,
                target,
                overMean,
                overP90,
                waits.size(),
                oldest,
                waitingOver,
                meanAll,
                p90All,
                within,
                compliance,
                false);
    }

    /**
     * These figures as the boards judge them under the organisation's escalation: while its level has suspended
     * its targets, the same figures against the same target, with no breach held against them (no {@code
     * breachesMean}, {@code breachesP90} or {@code waitingOverTarget}) and {@code targetsSuspended} saying why;
     * otherwise these. The one breach judgement that {@code GET /kpis}, {@code /kpis/zones} (and so the
     * dashboard's Response tab), {@code board} and the situation report make.
     */
    public ResponseStats judgedUnder(Escalation escalation) {
        if (!escalation.targetsSuspended()) return this;
        return new ResponseStats(
                count,
                mean,
                p90,
                target,
                false,
                false,
                waiting,
                oldestWait,
                0,
                meanWithWaiting,
                p90WithWaiting,
                withinTarget,
                compliance,
                true);
    }

    private static boolean over(Optional<Duration> value, Optional<Duration> target) {
        return value.isPresent() && target.isPresent() && value.get().compareTo(target.get()) > 0;
    }

    private static Optional<Duration> mean(List<Duration> times) {
        if (times.isEmpty()) return Optional.empty();
        long sum = 0;
        for (Duration t : times) sum += t.toMillis();
        return Optional.of(Duration.ofMillis(Math.round((double) sum / times.size())));
    }

    /** Nearest rank: the value below which 90% of the times fall. */
    private static Optional<Duration> p90(List<Duration> times) {
        if (times.isEmpty()) return Optional.empty();
        long[] millis = times.stream().mapToLong(Duration::toMillis).sorted().toArray();
        return Optional.of(Duration.ofMillis(millis[(int) Math.ceil(0.9 * millis.length) - 1]));
    }
}
