package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.sim.project.Outlook;
import org.muster.sim.project.ZoneOutlook;

/** {@code ./muster project}'s words: a time that one run gave is no range, and the columns stay in line. */
class ProjectTextTest {
    private static final Instant AT = Instant.parse("2026-12-04T20:20:00Z");

    @Test
    void oneRunsBreachIsGivenAsATimeAndSeveralAsARange() {
        Instant once = Instant.parse("2026-12-04T23:05:00Z");
        String text = ProjectCommand.asText(new Outlook(
                AT,
                Duration.ofHours(6),
                5,
                1,
                1.0,
                java.util.Map.of(),
                AT.minus(Duration.ofHours(2)),
                "the region's demand model",
                List.of(
                        zone("MAS-AREA", "Midshire Ambulance Service area", Priority.C1, 1, once, once, once),
                        zone(
                                "MAS-03",
                                "Farwell Sector",
                                Priority.C2,
                                3,
                                once,
                                once.plus(Duration.ofMinutes(40)),
                                once.plus(Duration.ofMinutes(95))),
                        new ZoneOutlook(
                                OrganisationId.of("MAS"),
                                ZoneId.of("MAS-01"),
                                "Larkwich Sector",
                                Priority.C3,
                                Duration.ofHours(2),
                                false,
                                0,
                                5,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())),
                List.of(OrganisationId.of("ESP"), OrganisationId.of("WSP"))));
        assertThat(text)
                .contains("C1 90th centile over 15 min: breaches around 23:05 UTC, in 1 of 5 runs")
                .contains("C2 90th centile over 40 min: breaches around 23:45 UTC (23:05-00:40), in 3 of 5 runs")
                .contains("1 zone targets not projected to breach")
                .contains("not projected, with no 90th-centile target (muster.targets sets one): ESP, WSP");
        List<String> rows = text.lines().filter(l -> l.contains("90th centile")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).indexOf(" C1 "))
                .as("the category starts in one column")
                .isEqualTo(rows.get(1).indexOf(" C2 "));
    }

    /**
     * A zone breaching now breaches at each run's first look, a sample on: that time, printed as "around 20:35",
     * read as a forecast a quarter of an hour away. It is given as how many runs go on breaching; and the
     * instant is to the second, not the nanosecond.
     */
    @Test
    void aZoneBreachingNowIsNotGivenTheRunsFirstLookAsItsTime() {
        Instant firstLook = AT.plus(Duration.ofMinutes(15));
        String text = ProjectCommand.asText(new Outlook(
                AT.plusNanos(495_890_240),
                Duration.ofHours(6),
                5,
                1,
                1.12,
                java.util.Map.of(),
                AT.minus(Duration.ofHours(2)),
                "the region's demand model",
                List.of(new ZoneOutlook(
                        OrganisationId.of("WSP"),
                        ZoneId.of("WSP-01"),
                        "Larkwich District",
                        Priority.EMERGENCY,
                        Duration.ofMinutes(15),
                        true,
                        5,
                        5,
                        Optional.of(firstLook),
                        Optional.of(firstLook),
                        Optional.of(firstLook))),
                List.of()));
        assertThat(text)
                .startsWith("PROJECTION from 2026-12-04T20:20:00Z for 6.0 hours")
                .contains("EMERGENCY 90th centile over 15 min: breaching now, and in 5 of 5 runs ahead")
                .doesNotContain("20:35");
    }

    private static ZoneOutlook zone(
            String id, String name, Priority p, int breaching, Instant earliest, Instant median, Instant latest) {
        return new ZoneOutlook(
                OrganisationId.of("MAS"),
                ZoneId.of(id),
                name,
                p,
                p == Priority.C1 ? Duration.ofMinutes(15) : Duration.ofMinutes(40),
                false,
                breaching,
                5,
                Optional.of(earliest),
                Optional.of(median),
                Optional.of(latest));
    }
}
