package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;

/** The standby settings as the server binds them: defaults, and bad values named with the rule. */
class StandbySettingsTest {

    @Test
    void theDefaultsRenewWellWithinTheLease() {
        MusterProperties.Standby s = MusterProperties.of(Map.of()).standby();
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.renewEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.followEvery()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.advertisedUrl()).isEmpty();
    }

    @Test
    void boundFromKeys() {
        MusterProperties.Standby s = MusterProperties.of(Map.of(
                        "muster.standby.advertised-url", "https://muster-b.example:8443",
                        "muster.standby.node", "muster-b",
                        "muster.standby.lease", "PT5S",
                        "muster.standby.renew-every", "PT2S"))
                .standby();
        assertThat(s.advertisedUrl()).isEqualTo("https://muster-b.example:8443");
        assertThat(s.node()).isEqualTo("muster-b");
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRenewalSlowerThanHalfTheLeaseIsRefusedNamingBoth() {
        assertThat(refusal(Map.of("muster.standby.lease", "PT3S", "muster.standby.renew-every", "PT2S")))
                .satisfies(e -> assertThat(e.violations().getFirst().field()).isEqualTo("muster.standby.renew-every"))
                .hasMessageContaining("PT2S")
                .hasMessageContaining("at most half of muster.standby.lease (PT3S)");
    }

    @Test
    void anAdvertisedUrlMustBeHttp() {
        assertThat(refusal(Map.of("muster.standby.advertised-url", "muster-b:8080")))
                .satisfies(
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("muster.standby.advertised-url"))
                .hasMessageContaining("muster-b:8080")
                .hasMessageContaining("http:// or https:// URL");
    }

    @Test
    void aLeaseMustBePositive() {
        assertThat(refusal(Map.of("muster.standby.lease", "PT0S")))
                .satisfies(e -> assertThat(e.violations().getFirst().field()).isEqualTo("muster.standby.lease"))
                .hasMessageContaining("positive");
    }

    /** The refusal the binder's failure carries. */
    private static InvalidInputException refusal(Map<String, String> settings) {
        try {
            MusterProperties.of(settings);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof InvalidInputException i) return i;
            throw new AssertionError("not an InvalidInputException", e);
        }
        throw new AssertionError("accepted " + settings);
    }
}
