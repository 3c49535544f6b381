package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * Where a zone collapses along a sweep: the value at which the share of replications breached, fitted as never
 * falling with the size, reaches half. With two replications one breach is half, so a breach at one size that the next sizes
 * do not repeat is noise, not the size the zone gives way at (the walkout's sweep had a Westshire district
 * "collapse" at a 5 % withdrawal and breach at no size again until 30 %).
 */
class SweepCollapseTest {

    private static SweepResult.ZoneCurve curve(OptionalDouble without, double... breached) {
        List<Double> shares = new ArrayList<>();
        List<OptionalDouble> hours = new ArrayList<>();
        for (double b : breached) {
            shares.add(b);
            hours.add(b > 0 ? OptionalDouble.of(2) : OptionalDouble.empty());
        }
        return new SweepResult.ZoneCurve(
                OrganisationId.of("WSP"), ZoneId.of("WSP-02"), shares, hours, without, Optional.empty());
    }

    @Test
    void aZoneCollapsesWhereItStartsToBreachAtEveryLargerSize() {
        // the walkout's WSP-02 over 0, 0.05, ..., 0.5 with two replications
        assertThat(curve(OptionalDouble.of(0), 0, 0.5, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5)
                        .collapseIndex())
                .contains(6);
        assertThat(curve(OptionalDouble.empty(), 0, 0, 1, 1).collapseIndex()).contains(2);
        assertThat(curve(OptionalDouble.empty(), 1, 1, 1).collapseIndex()).contains(0);
    }

    /** One size that breached in one run of three, among sizes that breached in two or three, is noise too. */
    @Test
    void aDipAmongBreachingSizesIsNotWhereItRecovers() {
        // the walkout's Larkwich over 0, 0.05, ..., 0.5 with three replications: it "collapsed" at 0.45
        assertThat(curve(
                                OptionalDouble.of(0),
                                0,
                                2 / 3.0,
                                1,
                                2 / 3.0,
                                1,
                                2 / 3.0,
                                2 / 3.0,
                                2 / 3.0,
                                1 / 3.0,
                                2 / 3.0,
                                2 / 3.0)
                        .collapseIndex())
                .contains(1);
        assertThat(SweepResult.nonDecreasing(List.of(0.0, 0.5, 0.0, 0.5, 0.5, 0.0)))
                .containsExactly(0, 0.25, 0.25, 1 / 3.0, 1 / 3.0, 1 / 3.0);
    }

    @Test
    void aZoneThatBreachesAtSomeSizesButNotTheLargestNeverCollapses() {
        assertThat(curve(OptionalDouble.empty(), 0, 0.5, 0, 0.5, 0.5, 0).collapseIndex())
                .isEmpty();
        assertThat(curve(OptionalDouble.empty(), 0, 0, 0).collapseIndex()).isEmpty();
    }

    @Test
    void aZoneThatBreachesWithoutTheShockIsNotSaidToCollapse() {
        assertThat(curve(OptionalDouble.of(1), 1, 1, 1).collapseIndex()).isEmpty();
        assertThat(curve(OptionalDouble.of(0.5), 0, 1, 1).collapseIndex()).isEmpty();
    }
}
