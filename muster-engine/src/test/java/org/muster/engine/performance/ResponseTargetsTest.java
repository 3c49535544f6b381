package org.muster.engine.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Response-time targets as a service's settings write them. */
class ResponseTargetsTest {
    /**
     * A scenario's targets written out as the service's settings and read back by the service's reader are the
     * same targets: a rehearsal's server judges as the simulator run of the same file does.
     */
    @Test
    void targetsWrittenAsSettingsReadBackTheSame() {
        ResponseTargets targets = ResponseTargets.DEFAULTS
                .withConfigured(Map.of(
                        "POL", Map.of("EMERGENCY", "15m", "PRIORITY", "mean 25m, p90 1h"),
                        "AMB", Map.of("C2", "mean 30m")))
                .withConfiguredZones(Map.of("AMB-N", Map.of("EMERGENCY", "20m")));

        var settings = targets.settings();
        assertThat(settings)
                .containsEntry("muster.targets.POL.EMERGENCY", "p90 PT15M")
                .containsEntry("muster.targets.POL.PRIORITY", "mean PT25M, p90 PT1H")
                .containsEntry("muster.targets.AMB.C2", "mean PT30M")
                .containsEntry("muster.zone-targets." + "AMB-N" + ".EMERGENCY", "p90 PT20M")
                .hasSize(4);
        Map<String, Map<String, String>> own = new HashMap<>();
        Map<String, Map<String, String>> zones = new HashMap<>();
        settings.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            (parts[1].equals("targets") ? own : zones)
                    .computeIfAbsent(parts[2], k -> new HashMap<>())
                    .put(parts[3], value);
        });
        assertThat(ResponseTargets.DEFAULTS.withConfigured(own).withConfiguredZones(zones))
                .isEqualTo(targets);
        assertThat(ResponseTargets.DEFAULTS.settings())
                .as("the national standards are every service's own")
                .isEmpty();
    }
}
