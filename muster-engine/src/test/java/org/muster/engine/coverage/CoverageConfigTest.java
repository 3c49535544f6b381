package org.muster.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;

/** Targets default to DESIGN.md's reference numbers; bad ones are refused naming field, value and rule. */
class CoverageConfigTest {
    @Test
    void defaultsAreTheReferenceNumbers() {
        CoverageConfig c = CoverageConfig.DEFAULTS;
        assertThat(c.standardsFor(Agency.AMBULANCE))
                .extracting(CoverageStandard::category, CoverageStandard::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Priority.C1, Duration.ofMinutes(7)),
                        org.assertj.core.groups.Tuple.tuple(Priority.C2, Duration.ofMinutes(18)));
        assertThat(c.standardsFor(Agency.POLICE))
                .containsExactly(new CoverageStandard(Agency.POLICE, Priority.EMERGENCY, Duration.ofMinutes(15)));
        assertThat(c.standardsFor(Agency.FIRE)).isEmpty();
    }

    @Test
    void aTargetCanBeChangedOrAdded() {
        CoverageConfig c = CoverageConfig.DEFAULTS
                .withTarget(Agency.POLICE, Priority.EMERGENCY, Duration.ofMinutes(20))
                .withTarget(Agency.FIRE, Priority.EMERGENCY, Duration.ofMinutes(10));
        assertThat(c.standardsFor(Agency.POLICE))
                .extracting(CoverageStandard::target)
                .containsExactly(Duration.ofMinutes(20));
        assertThat(c.standardsFor(Agency.FIRE))
                .extracting(CoverageStandard::target)
                .containsExactly(Duration.ofMinutes(10));
    }

    @Test
    void badStandardsAreRefused() {
        assertThatThrownBy(() -> new CoverageStandard(Agency.POLICE, Priority.C1, Duration.ofMinutes(7)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standard.category")
                .hasMessageContaining("C1")
                .hasMessageContaining("POLICE");
        assertThatThrownBy(() -> new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standard.target")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> CoverageConfig.DEFAULTS.withStandards(List.of(
                        new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ofMinutes(7)),
                        new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ofMinutes(8)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("repeats AMBULANCE C1");
        assertThatThrownBy(() -> CoverageConfig.DEFAULTS.withStandards(List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standards");
        assertThatThrownBy(() -> CoverageConfig.DEFAULTS.withCountedStatuses(Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("countedStatuses");
    }
}
