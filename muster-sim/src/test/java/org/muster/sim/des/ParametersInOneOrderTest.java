package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.engine.performance.ResponseTargets;

/**
 * {@code report.html} lists the scenario's parameters as they print. Sets and maps whose order changes from one
 * Java run to the next ({@code Set.of}, {@code Map.of}) made the same seed write another report in a second
 * process; what the parameters hold is kept sorted instead.
 */
class ParametersInOneOrderTest {
    @Test
    void aSurgesCategoriesPrintMostUrgentFirstWhateverOrderTheyCameIn() {
        Shock.Surge surge = new Shock.Surge(
                new java.util.TreeSet<>(),
                new java.util.TreeSet<>(),
                Set.of(Priority.C4, Priority.C2, Priority.C3, Priority.C1),
                0.5,
                Instant.parse("2026-12-07T00:00:00Z"),
                Duration.ofHours(1));
        assertThat(surge.toString()).contains("categories=[C1, C2, C3, C4]");
    }

    @Test
    void organisationsOwnTargetsPrintInTheOrderOfTheirIds() {
        Map<String, Map<String, String>> configured = new HashMap<>();
        for (String org : new String[] {"WSP", "NSP", "ESP", "MFRS", "AAA", "ZZZ"})
            configured.put(org, Map.of("EMERGENCY", "20m", "PRIORITY", "1h"));
        String printed = ResponseTargets.DEFAULTS.withConfigured(configured).toString();
        assertThat(printed)
                .containsSubsequence("C1=", "C2=", "C3=", "C4=")
                .containsSubsequence("AAA=", "ESP=", "MFRS=", "NSP=", "WSP=", "ZZZ=")
                .containsSubsequence("WSP={EMERGENCY=", "PRIORITY=");
    }
}
