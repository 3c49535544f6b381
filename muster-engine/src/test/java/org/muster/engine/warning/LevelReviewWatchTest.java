package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.org;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/** A raised zone past its review time is an alert to its organisation until the level is set again or lowered. */
class LevelReviewWatchTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private final TestClock clock = TestClock.at("2026-12-04T20:00:00Z");
    private final LevelReviewWatch watch = new LevelReviewWatch();
    private SingleWriter engine;

    @BeforeEach
    void start() {
        engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void level(OperatingLevel level, Duration reviewIn, String why) {
        engine.execute(env(
                new Command.SetOperatingLevel(
                        NORTH, level, Optional.of(clock.instant().plus(reviewIn)), Optional.empty()),
                why));
    }

    @Test
    void aLevelPastItsReviewTimeIsAnAlertUntilSetAgainOrLowered() {
        level(OperatingLevel.ESCORT_REQUIRED, Duration.ofHours(6), "crews attacked at the flats");
        assertThat(watch.listConditions(engine.state(), clock.instant())).isEmpty();

        clock.advance(Duration.ofHours(6).plusMinutes(1));
        var due = watch.listConditions(engine.state(), clock.instant());
        assertThat(due).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("level-review:AMB-N");
            assertThat(c.organisations()).containsExactly(org("AMB"));
            assertThat(c.summary())
                    .contains(
                            "escort required", "crews attacked at the flats", "review was due at 2026-12-05T02:00:00Z");
            assertThat(c.evidence()).containsEntry("level", "ESCORT_REQUIRED");
        });

        // kept, with a new review time: no alert until that one passes, and then a new one
        level(OperatingLevel.ESCORT_REQUIRED, Duration.ofHours(2), "still dangerous");
        assertThat(watch.listConditions(engine.state(), clock.instant())).isEmpty();
        clock.advance(Duration.ofHours(3));
        assertThat(watch.listConditions(engine.state(), clock.instant()))
                .singleElement()
                .satisfies(c -> assertThat(c.id()).isNotEqualTo(due.getFirst().id()));

        // lowered: nothing to review
        engine.execute(env(
                new Command.SetOperatingLevel(NORTH, OperatingLevel.NORMAL, Optional.empty(), Optional.empty()),
                "calm"));
        assertThat(watch.listConditions(engine.state(), clock.instant())).isEmpty();
    }
}
