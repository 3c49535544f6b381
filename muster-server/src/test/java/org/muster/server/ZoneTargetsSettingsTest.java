package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.performance.ResponseTargets;

/**
 * {@code muster.zone-targets.<ZONE>.<PRIORITY>} as the server binds it: a rural zone's own target beside its
 * force's, the one every zone figure of the service is judged against; a bad one refused naming the key.
 */
class ZoneTargetsSettingsTest {
    private static final OrganisationId WSP = OrganisationId.of("WSP");

    @Test
    void aZonesOwnTargetReplacesItsForcesWithinTheZone() {
        ResponseTargets targets = MusterProperties.of(Map.of(
                        "muster.targets.WSP.EMERGENCY", "15m",
                        "muster.zone-targets.WSP-03.EMERGENCY", "20m"))
                .responseTargets();
        assertThat(targets.targetFor(ZoneId.of("WSP-03"), WSP, Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(20));
        assertThat(targets.targetFor(ZoneId.of("WSP-01"), WSP, Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(15));
        assertThat(targets.targetFor(WSP, Priority.EMERGENCY).p90()).contains(Duration.ofMinutes(15));
    }

    @Test
    void aBadZoneTargetIsRefusedNamingTheKeyAndTheValue() {
        MusterProperties settings =
                MusterProperties.of(Map.of("muster.zone-targets.WSP-03.EMERGENCY", "twenty minutes"));
        assertThatThrownBy(settings::responseTargets)
                .hasMessageContaining("muster.zone-targets.WSP-03.EMERGENCY")
                .hasMessageContaining("twenty minutes");
    }
}
