package org.muster.sim.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.warning.Scope;
import org.muster.engine.warning.SurgeKey;

/** The demand model as the surge detector's baseline: its rates integrated over the window asked about. */
class DemandBaselineTest {
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T19:00:00Z");
    private static DemandModel model;

    @BeforeAll
    static void build() {
        model = DemandModel.forRegion(
                RegionFixture.region(),
                DemandProfile.busyEvening(),
                IncidentTypeCatalogue.defaults(),
                DemandModel.RoadSnap.NONE);
    }

    @Test
    void aZonesExpectedCountIsItsRateOverTheWindowAndAnOrganisationsTheSumOfItsZones() {
        DemandZone zone = model.listZones().getFirst();
        IncidentTypeCode type = IncidentTypeCatalogue.defaults().listTypes().stream()
                .map(t -> t.code())
                .filter(t -> model.ratePerHour(FRIDAY_EVENING, zone.zone(), t) > 0)
                .findFirst()
                .orElseThrow();
        var baseline = DemandBaseline.of(model);
        double rate = model.ratePerHour(FRIDAY_EVENING, zone.zone(), type);

        assertThat(baseline.expectedCount(
                                SurgeKey.of(Scope.zone(zone.zone()), type),
                                FRIDAY_EVENING,
                                FRIDAY_EVENING.plus(Duration.ofMinutes(30)))
                        .getAsDouble())
                .isCloseTo(rate / 2, within(1e-9));
        double organisation = model.listZones().stream()
                .filter(z -> z.organisation().equals(zone.organisation()))
                .mapToDouble(z -> model.ratePerHour(FRIDAY_EVENING, z.zone(), type))
                .sum();
        assertThat(baseline.expectedCount(
                                SurgeKey.of(Scope.organisation(zone.organisation()), type),
                                FRIDAY_EVENING,
                                FRIDAY_EVENING.plus(Duration.ofHours(1)))
                        .getAsDouble())
                .isCloseTo(organisation, within(1e-9))
                .isGreaterThanOrEqualTo(rate);
        assertThat(baseline.expectedCount(
                        SurgeKey.of(Scope.zone(ZoneId.of("NOWHERE")), type),
                        FRIDAY_EVENING,
                        FRIDAY_EVENING.plus(Duration.ofHours(1))))
                .as("a zone the model does not cover is unknown, not quiet")
                .isEmpty();
    }
}
