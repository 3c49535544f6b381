package org.muster.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load bench's own bookkeeping: a lag must be timed against its own event's answer. */
class LoadBenchTest {

    @Test
    void an_event_is_never_timed_against_the_answer_a_whole_ring_before_it() {
        LoadBench.Answers answers = new LoadBench.Answers(8);
        answers.answered(3, 1_000);
        assertThat(answers.at(3)).isEqualTo(1_000);
        // sequence 11 shares 3's slot: before its own answer it has none, not 3's
        assertThat(answers.at(11)).isZero();
        answers.answered(11, 9_000);
        assertThat(answers.at(11)).isEqualTo(9_000);
        assertThat(answers.at(3)).isZero();
        assertThat(answers.at(0)).isZero();
    }

    @Test
    void percentiles_come_from_the_recorded_durations() {
        LoadBench.Histogram h = new LoadBench.Histogram();
        for (int i = 1; i <= 100; i++) h.record(i * 1_000_000L); // 1..100 ms
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentileMillis(50)).isBetween(49.0, 52.0);
        assertThat(h.percentileMillis(99)).isBetween(98.0, 102.0);
    }
}
