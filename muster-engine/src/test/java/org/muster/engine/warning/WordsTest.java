package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void anExpectedCountBelowOneKeepsTwoSignificantFiguresSoItNeverReadsZero() {
        assertThat(Words.expected(0.0297)).isEqualTo("0.030");
        assertThat(Words.expected(0.034)).isEqualTo("0.034");
        assertThat(Words.expected(0.00031)).isEqualTo("0.00031");
        assertThat(Words.expected(0.95)).isEqualTo("0.95");
        assertThat(Words.expected(0.996)).as("rounds up to one").isEqualTo("1.0");
        assertThat(Words.expected(4.5)).isEqualTo("4.5");
        assertThat(Words.expected(12.04)).isEqualTo("12.0");
    }
}
