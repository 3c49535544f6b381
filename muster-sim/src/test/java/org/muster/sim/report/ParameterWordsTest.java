package org.muster.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.sim.des.RecordedCall;

/** The report's parameters in words. */
class ParameterWordsTest {
    @Test
    void recordedCallsAreCountedNotListedOneByOne() {
        List<RecordedCall> calls = new ArrayList<>();
        Instant start = Instant.parse("2026-12-04T18:13:40.974Z");
        String[] whose = {"MAS", "WSP", "MAS", "ESP", "MAS", "WSP"};
        for (int i = 0; i < whose.length; i++)
            calls.add(new RecordedCall(
                    start.plusSeconds(900L * i),
                    OrganisationId.of(whose[i]),
                    IncidentTypeCode.of("FALL"),
                    GeoPoint.of(52.5, -1.2)));
        assertThat(ParameterWords.of(calls))
                .isEqualTo("6 recorded calls from 2026-12-04 18:13 to 19:28 UTC: MAS 3, WSP 2, ESP 1");
        assertThat(ParameterWords.of(List.of(calls.getFirst())))
                .isEqualTo("1 recorded call at 2026-12-04 18:13 UTC: MAS 1");
        assertThat(ParameterWords.of(List.of())).isEqualTo("none");
    }
}
