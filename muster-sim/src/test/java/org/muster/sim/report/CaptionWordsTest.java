package org.muster.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.muster.engine.performance.ResponseTargets.Source;
import org.muster.engine.performance.ResponseTargets.Target;
import org.muster.sim.des.Estimate;

/** How report.html puts a chart's target, the calls left waiting and counts beside a baseline, as a planner reads them. */
class CaptionWordsTest {
    @Test
    void aTargetWithOnlyA90thCentileSaysWhatItIs() {
        // a force's own target: no mean, a 90th centile (the report once read "..., 90th 15 min 0 s")
        assertThat(ReportHtml.targetWords(
                        new Target(Optional.empty(), Optional.of(Duration.ofMinutes(15)), Source.ORGANISATION)))
                .isEqualTo("; target 90th centile 15 min 0 s");
        assertThat(ReportHtml.targetWords(new Target(
                        Optional.of(Duration.ofMinutes(7)), Optional.of(Duration.ofMinutes(15)), Source.NATIONAL)))
                .isEqualTo("; target mean 7 min 0 s, 90th centile 15 min 0 s");
        assertThat(ReportHtml.targetWords(Target.NONE)).isEmpty();
    }

    @Test
    void callsLeftWaitingAreCountedForOneRunAndAveragedOverSeveral() {
        assertThat(ReportHtml.waitingWords(estimate(1, 1.0))).isEqualTo(", 1 still waiting at the end");
        assertThat(ReportHtml.waitingWords(estimate(2, 1.5)))
                .isEqualTo(", 1.5 still waiting at the end (mean of 2 runs)");
        assertThat(ReportHtml.waitingWords(estimate(3, 0))).isEmpty();
    }

    @Test
    void countsBesideTheBaselineAreWholeWhereTheyAreWhole() {
        assertThat(ReportHtml.count(65)).isEqualTo("65");
        assertThat(ReportHtml.count(0)).isEqualTo("0");
        assertThat(ReportHtml.count(1.5)).isEqualTo("1.5");
    }

    @Test
    void theQueuesAxisStepsInWholeCalls() {
        assertThat(ReportHtml.waitingTop(1)).isEqualTo(4);
        assertThat(ReportHtml.waitingTop(3.5)).isEqualTo(4);
        assertThat(ReportHtml.waitingTop(7)).isEqualTo(8);
        assertThat(ReportHtml.waitingTop(30)).isEqualTo(40);
    }

    private static Estimate estimate(int n, double mean) {
        return new Estimate(n, OptionalDouble.of(mean), OptionalDouble.empty(), OptionalDouble.empty());
    }
}
