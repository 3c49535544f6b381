package org.muster.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.sim.des.Shock;

/** A scenario's parameters as a planner reads them in the report, not as Java prints them. */
class ParameterWordsTest {
    @Test
    void durationsReadAsHoursMinutesAndSeconds() {
        assertThat(ParameterWords.duration(Duration.ofHours(12))).isEqualTo("12 h");
        assertThat(ParameterWords.duration(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
        assertThat(ParameterWords.duration(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(ParameterWords.duration(Duration.ofSeconds(15))).isEqualTo("15 s");
        assertThat(ParameterWords.duration(Duration.ofMillis(500))).isEqualTo("0.5 s");
        assertThat(ParameterWords.duration(Duration.ZERO)).isEqualTo("0 s");
    }

    @Test
    void aShockIsNamedByItsKindWithItsValuesInWordsAndNoJavaLeftInIt() {
        Shock level = new Shock.SetLevel(
                new TreeSet<>(Set.of(ZoneId.of("MAS-02"), ZoneId.of("MAS-01"))),
                OperatingLevel.ESCORT_REQUIRED,
                Instant.parse("2026-11-20T19:00:00Z"),
                Duration.ofHours(12),
                Optional.empty());
        String words = ParameterWords.of(List.of(level));
        assertThat(words)
                .startsWith("[SetLevel (")
                .contains("zones [MAS-01, MAS-02]", "ESCORT_REQUIRED", "2026-11-20T19:00:00Z", "lasting 12 h")
                .contains("clearance none")
                .doesNotContain("Optional", "PT12H", "=", "value");
    }

    @Test
    void setsAndMapsReadInOneOrderWhateverOrderTheyKeep() {
        assertThat(ParameterWords.of(Set.of(Priority.C4, Priority.C2, Priority.C1)))
                .isEqualTo("[C1, C2, C4]");
        assertThat(ParameterWords.of(Map.of("WSP", Duration.ofMinutes(20), "ESP", Duration.ofMinutes(15))))
                .isEqualTo("{ESP: 15 min; WSP: 20 min}");
        assertThat(ParameterWords.of(Map.of())).isEqualTo("none");
        assertThat(ParameterWords.of(true)).isEqualTo("on");
        assertThat(ParameterWords.of(Optional.empty())).isEqualTo("none");
    }
}
