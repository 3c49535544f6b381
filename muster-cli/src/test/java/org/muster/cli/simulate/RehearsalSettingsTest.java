package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a rehearsal takes from its scenario for the demo's server, and says of it when it starts. */
class RehearsalSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aRehearsalSaysWhatItIsJudgedBy() throws Exception {
        Path file = Files.writeString(dir.resolve("r.yml"), """
                region:
                  generated:
                    seed: 7
                start: 2026-11-20T18:00:00Z
                duration: 6h
                targets:
                  WSP: {EMERGENCY: 15m, PRIORITY: 60m}
                zoneTargets:
                  WSP-03: {EMERGENCY: 'mean 12m, p90 20m'}
                demand:
                  agencies: {police: 2}
                policies:
                  carsHeld: 2
                """);
        org.muster.cli.demo.DemoScenario rehearsal = RehearseCommand.read(file);
        assertThat(rehearsal.targetsInWords())
                .isEqualTo("the national standards for the ambulance service; WSP EMERGENCY p90 15m, WSP PRIORITY p90"
                        + " 1h, zone WSP-03 EMERGENCY mean 12m p90 20m; none where the scenario sets none");
        assertThat(rehearsal.agencyScalesInWords()).isEqualTo(" (and by agency on top: police 2x)");
        assertThat(rehearsal.serverSettings())
                .containsEntry("muster.targets.WSP.EMERGENCY", "p90 PT15M")
                .containsEntry("muster.zone-targets.WSP-03.EMERGENCY", "mean PT12M, p90 PT20M")
                .containsEntry("muster.dispatch.cars-held", "2")
                .containsEntry("muster.dispatch.rule", "nearest");
    }
}
