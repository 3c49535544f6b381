package org.muster.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.engine.aid.AidHours;

/**
 * A lending over midnight is shared between the two days' situation reports: the walk of the demo found one
 * counted whole on both (19.07 unit-hours over two days for 13.15 lent).
 */
class SitrepAidHoursTest {
    private static final Instant DAY_ONE = Instant.parse("2026-12-04T00:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-12-05T00:00:00Z");
    private static final Instant DAY_THREE = Instant.parse("2026-12-06T00:00:00Z");

    /** Deployed 20:30, at the host 21:00 to 10:00 the next day, home at 10:30: a crew of two. */
    private static final AidHours.Line OVERNIGHT = new AidHours.Line(
            AidRequestId.of("AID-1"),
            UnitId.of("ESP-U1"),
            Callsign.of("EP-ARV1"),
            OrganisationId.of("ESP"),
            OrganisationId.of("WSP"),
            Instant.parse("2026-12-04T20:30:00Z"),
            Optional.of(Instant.parse("2026-12-04T21:00:00Z")),
            Optional.of(Instant.parse("2026-12-05T10:00:00Z")),
            13.0,
            2,
            0.5,
            0.5,
            AidHours.TravelBasis.MEASURED,
            2 * 14.0);

    @Test
    void aLendingOverMidnightIsSharedBetweenItsDays() {
        Sitrep.DayShare first = Sitrep.withinDay(OVERNIGHT, DAY_ONE, DAY_TWO);
        Sitrep.DayShare second = Sitrep.withinDay(OVERNIGHT, DAY_TWO, DAY_THREE);
        assertThat(first.unitHours()).as("21:00 to midnight at the host").isCloseTo(3.0, within(1e-9));
        assertThat(first.officerHours()).as("two officers, 20:30 to midnight").isCloseTo(7.0, within(1e-9));
        assertThat(second.unitHours()).as("midnight to 10:00").isCloseTo(10.0, within(1e-9));
        assertThat(second.officerHours())
                .as("two officers, midnight to home at 10:30")
                .isCloseTo(21.0, within(1e-9));
        assertThat(first.unitHours() + second.unitHours()).isCloseTo(OVERNIGHT.hours(), within(1e-9));
        assertThat(first.officerHours() + second.officerHours()).isCloseTo(OVERNIGHT.officerHours(), within(1e-9));
    }

    @Test
    void oneStillLentCountsToTheEndOfTheDay() {
        var stillLent = new AidHours.Line(
                OVERNIGHT.request(),
                OVERNIGHT.unit(),
                OVERNIGHT.callsign(),
                OVERNIGHT.home(),
                OVERNIGHT.host(),
                OVERNIGHT.start(),
                OVERNIGHT.arrived(),
                Optional.empty(),
                3.0,
                2,
                0.5,
                0.0,
                AidHours.TravelBasis.NOT_YET,
                7.0);
        Sitrep.DayShare day = Sitrep.withinDay(stillLent, DAY_ONE, DAY_TWO);
        assertThat(day.unitHours()).isCloseTo(3.0, within(1e-9));
        assertThat(day.officerHours()).isCloseTo(7.0, within(1e-9));
    }
}
