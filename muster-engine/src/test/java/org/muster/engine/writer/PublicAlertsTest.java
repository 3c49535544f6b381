package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.Sorted;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.publicalert.Advice;
import org.muster.domain.publicalert.AlertArea;
import org.muster.domain.publicalert.AlertSeverity;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertContent;
import org.muster.domain.publicalert.PublicAlertId;
import org.muster.domain.publicalert.PublicAlertStatus;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/**
 * Public alerts through the writer: issued for the organisation's own zones or a drawn area, updated and
 * cancelled, each a new version with its time; the state rebuilt from the log, and from a snapshot, is the
 * same.
 */
class PublicAlertsTest {
    private static final OrganisationId POL = OrganisationId.of("POL");
    private static final PublicAlertId PA = PublicAlertId.of("PA-1");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private MemoryEventLog log;
    private SingleWriter engine;

    @BeforeEach
    void start() {
        log = new MemoryEventLog();
        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static PublicAlertContent content(Advice advice, Set<ZoneId> zones, Optional<Instant> expires) {
        List<GeoPoint> drawn = zones.isEmpty()
                ? List.of(
                        GeoPoint.of(52.5, -1.9),
                        GeoPoint.of(52.51, -1.9),
                        GeoPoint.of(52.51, -1.91),
                        GeoPoint.of(52.5, -1.9))
                : List.of();
        return new PublicAlertContent(
                "Police incident",
                "",
                advice,
                AlertSeverity.SEVERE,
                new AlertArea("North", Sorted.setOf(zones), drawn),
                expires);
    }

    @Test
    void anAlertIsIssuedUpdatedAndCancelledAsVersionsAndReplaysTheSame() {
        Instant issuedAt = clock.instant();
        engine.execute(env(new Command.IssuePublicAlert(
                PA,
                POL,
                content(Advice.STAY_INDOORS, Set.of(ZoneId.of("POL-N")), Optional.of(issuedAt.plusSeconds(3600))))));
        clock.advance(Duration.ofMinutes(10));
        engine.execute(
                env(new Command.UpdatePublicAlert(PA, content(Advice.AVOID_THE_AREA, Set.of(), Optional.empty()))));
        PublicAlert updated = engine.state().getPublicAlert(PA);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.content().advice()).isEqualTo(Advice.AVOID_THE_AREA);
        assertThat(updated.issued()).containsExactly(issuedAt, issuedAt.plusSeconds(600));
        assertThat(updated.isCurrent(clock.instant())).isTrue();

        clock.advance(Duration.ofMinutes(5));
        engine.execute(env(new Command.CancelPublicAlert(PA)));
        PublicAlert cancelled = engine.state().getPublicAlert(PA);
        assertThat(cancelled.status()).isEqualTo(PublicAlertStatus.CANCELLED);
        assertThat(cancelled.version()).isEqualTo(3);
        assertThat(cancelled.isCurrent(clock.instant())).isFalse();
        assertThatThrownBy(() -> engine.execute(env(new Command.CancelPublicAlert(PA))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cancelled");

        MusterState now = engine.state();
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(now);
        assertThat(MusterState.fromSnapshot(now.toSnapshot("x")).publicAlerts()).isEqualTo(now.publicAlerts());
    }

    @Test
    void anAlertForAnotherOrganisationsZoneOrAlreadyExpiredOrUnderATakenIdIsRefused() {
        long before = engine.state().sequence();
        assertThatThrownBy(() -> engine.execute(env(new Command.IssuePublicAlert(
                        PA, POL, content(Advice.STAY_INDOORS, Set.of(ZoneId.of("AMB-N")), Optional.empty())))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("area.zones")
                .hasMessageContaining("must be a zone of POL");
        assertThatThrownBy(() -> engine.execute(env(new Command.IssuePublicAlert(
                        PA, POL, content(Advice.EVACUATE, Set.of(), Optional.of(clock.instant()))))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expires");
        assertThatThrownBy(() -> engine.execute(
                        env(new Command.UpdatePublicAlert(PA, content(Advice.EVACUATE, Set.of(), Optional.empty())))))
                .isInstanceOf(NotFoundException.class);
        assertThat(engine.state().sequence()).isEqualTo(before);
        engine.execute(env(new Command.IssuePublicAlert(PA, POL, content(Advice.MONITOR, Set.of(), Optional.empty()))));
        assertThatThrownBy(() -> engine.execute(env(
                        new Command.IssuePublicAlert(PA, POL, content(Advice.MONITOR, Set.of(), Optional.empty())))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("exists already");
    }
}
