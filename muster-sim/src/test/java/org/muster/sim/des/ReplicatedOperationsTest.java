package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitStatus;

class ReplicatedOperationsTest {
    private static final Instant START = Instant.parse("2026-11-20T18:00:00Z");

    private static OrganisationOperations mas(int escorted, double lent, long availableSeconds) {
        return new OrganisationOperations(
                OrganisationId.of("MAS"),
                1,
                escorted,
                0,
                0,
                0,
                0,
                0,
                lent,
                0,
                escorted * 0.5,
                Map.of(UnitStatus.AVAILABLE, Duration.ofSeconds(availableSeconds)),
                List.of(new OrganisationOperations.ZoneOperations(ZoneId.of("MAS-01"), 1, escorted)),
                List.of());
    }

    private static Summary summary(long seed, List<OrganisationOperations> operations) {
        return new Summary("s", seed, START, START.plusSeconds(3600), 0, 0, 0, 0, 0, List.of(), operations, List.of());
    }

    @Test
    void eachOperationsFigureIsEstimatedOverTheReplicationsAndAnAbsentOrganisationCountsAsNothing() {
        OrganisationOperations wsp = new OrganisationOperations(
                OrganisationId.of("WSP"), 0, 0, 3, 1, 1, 2, 0, 0, 12.5, 0, Map.of(), List.of(), List.of());
        ReplicatedSummary r = ReplicatedSummary.of(List.of(
                summary(1, List.of(mas(2, 1.0, 3000), wsp)), summary(2, List.of(mas(4, 3.0, 3600)))));

        ReplicatedOperations m = r.operations().getFirst();
        assertThat(m.organisation().value()).isEqualTo("MAS");
        assertThat(figure(m.figures(), "escortedDispatches").estimate().mean()).hasValue(3.0);
        assertThat(figure(m.figures(), "escortedDispatches").estimate().n()).isEqualTo(2);
        assertThat(figure(m.figures(), "officerHoursLent").estimate().mean()).hasValue(2.0);
        assertThat(figure(m.figures(), "standingOffHours").estimate().mean()).hasValue(1.5);
        assertThat(figure(m.unitSeconds(), "AVAILABLE").estimate().mean()).hasValue(3300.0);
        assertThat(figure(m.zones().getFirst().figures(), "escortedDispatches")
                        .estimate()
                        .mean())
                .hasValue(3.0);
        // Westshire asked in one replication only: nothing in the other
        ReplicatedOperations w = r.operations().get(1);
        assertThat(figure(w.figures(), "aidAsked").estimate().mean()).hasValue(1.5);
        assertThat(figure(w.figures(), "officerHoursBorrowed").estimate().mean())
                .hasValue(6.25);

        String json = r.toJson();
        assertThat(json)
                .contains("\"operations\": [", "\"unitSecondsByStatus\": {", "\"AVAILABLE\": {")
                .contains("\"escortedDispatches\": {\n        \"mean\": 3.00");
    }

    private static ReplicatedSummary.Figure figure(List<ReplicatedSummary.Figure> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
