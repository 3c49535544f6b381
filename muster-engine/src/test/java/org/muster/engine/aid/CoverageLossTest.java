package org.muster.engine.aid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;

/** How a suggestion puts what lending would cost its offerer's coverage. */
class CoverageLossTest {
    @Test
    void aFallIsGivenFromAndTo() {
        assertThat(new CoverageLoss(Priority.EMERGENCY, 0.412, 0.38).words())
                .isEqualTo("its EMERGENCY coverage would fall from 41.2% to 38.0%");
    }

    @Test
    void unitsThatReachNothingMoreLeaveItWhereItStands() {
        assertThat(new CoverageLoss(Priority.EMERGENCY, 0.23209, 0.23209).words())
                .isEqualTo("its EMERGENCY coverage would stay at 23.2%");
        assertThat(new CoverageLoss(Priority.C1, 0.50001, 0.49999).words())
                .as("a fall too small to show at one decimal")
                .isEqualTo("its C1 coverage would stay at 50.0%");
    }
}
