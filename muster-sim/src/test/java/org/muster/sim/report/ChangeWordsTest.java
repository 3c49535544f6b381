package org.muster.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A change from the baseline as report.html writes it: signed as it is shown. */
class ChangeWordsTest {
    @Test
    void aChangeThatRoundsToNothingHasNoSign() {
        assertThat(ReportHtml.change("meanSeconds", -0.3)).isEqualTo("0 s");
        assertThat(ReportHtml.change("meanSeconds", 0.4)).isEqualTo("0 s");
        assertThat(ReportHtml.change("withinTarget", -0.0004)).isEqualTo("0.0 points");
        assertThat(ReportHtml.change("queued", -0.04)).isEqualTo("0.0");
        assertThat(ReportHtml.change("queued", 0)).isEqualTo("0");
    }

    @Test
    void anyOtherChangeIsSignedAsItGoes() {
        assertThat(ReportHtml.change("meanSeconds", -13.2)).isEqualTo("−13 s");
        assertThat(ReportHtml.change("meanWithWaitingSeconds", 59.6)).isEqualTo("+1 min 0 s");
        assertThat(ReportHtml.change("p90Seconds", 69)).isEqualTo("+1 min 9 s");
        assertThat(ReportHtml.change("withinTarget", -0.006)).isEqualTo("−0.6 points");
        assertThat(ReportHtml.change("queued", 1.5)).isEqualTo("+1.5");
    }

    @Test
    void aTimeUnderAMinuteIsInSecondsAlone() {
        // the kinds table's longest wait read "0 min 6 s"
        assertThat(ReportHtml.clock(6.2)).isEqualTo("6 s");
        assertThat(ReportHtml.clock(59.4)).isEqualTo("59 s");
        assertThat(ReportHtml.clock(59.6)).isEqualTo("1 min 0 s");
        assertThat(ReportHtml.clock(242)).isEqualTo("4 min 2 s");
        assertThat(ReportHtml.clock(3960)).isEqualTo("1 h 6 min");
    }
}
