package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void theIntervalIsStudentsTWithOneDegreeOfFreedomFewerThanTheValues() {
        // mean 3, standard error sqrt(2.5 / 5); t(4 degrees, 0.975) = 2.776445 from the tables
        Estimate e = Estimate.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0));
        assertThat(e.n()).isEqualTo(5);
        assertThat(e.mean().getAsDouble()).isEqualTo(3.0);
        double half = 2.776445 * Math.sqrt(2.5 / 5);
        assertThat(e.low().getAsDouble()).isCloseTo(3 - half, within(1e-5));
        assertThat(e.high().getAsDouble()).isCloseTo(3 + half, within(1e-5));
        // two values: t(1 degree, 0.975) = 12.7062, far wider than the normal's 1.96
        Estimate two = Estimate.of(List.of(10.0, 12.0));
        assertThat(two.high().getAsDouble() - 11).isCloseTo(12.7062 * 1.0, within(1e-3));
    }

    @Test
    void oneValueHasNoIntervalAndNoneHasNoMean() {
        Estimate one = Estimate.of(List.of(7.0));
        assertThat(one.mean().getAsDouble()).isEqualTo(7.0);
        assertThat(one.low()).isEmpty();
        assertThat(one.high()).isEmpty();
        assertThat(Estimate.of(List.of()).mean()).isEmpty();
        // equal values: an interval of no width, not a division by zero
        Estimate same = Estimate.of(List.of(4.0, 4.0, 4.0));
        assertThat(same.low().getAsDouble()).isEqualTo(4.0);
        assertThat(same.high().getAsDouble()).isEqualTo(4.0);
    }

    @Test
    void anIntervalStopsWhereTheFigureCannotGo() {
        // a count seen once in three replications: Student's interval reaches below zero, which no count can
        Estimate count = Estimate.ofAmounts(List.of(0.0, 0.0, 1.0));
        assertThat(Estimate.of(List.of(0.0, 0.0, 1.0)).low().getAsDouble()).isNegative();
        assertThat(count.low().getAsDouble()).isZero();
        assertThat(count.mean().getAsDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(count.high().getAsDouble()).isCloseTo(1 / 3.0 + 4.302653 * Math.sqrt(1 / 9.0), within(1e-5));
        // a share near 1 stays within 100 %
        Estimate share = Estimate.ofShares(List.of(1.0, 0.8, 1.0));
        assertThat(share.high().getAsDouble()).isEqualTo(1.0);
        assertThat(share.low().getAsDouble()).isLessThan(0.8);
    }
}
