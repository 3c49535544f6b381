package org.muster.engine.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestCells;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/** Early warning end to end: incidents created through the engine, alerts out of the projection. */
class WarningProjectionTest {
    private static final ZoneId NORTH = ZoneId.of("POL-N");
    /** Overlaps the police zone everywhere, and is listed first: a police surge must still be police's. */
    private static final ZoneId AMBULANCE_NORTH = ZoneId.of("AMB-N");

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aBurstOfObstructedAccessCallsRaisesASurgeForTheZoneAndTheForceAndAHotspot() {
        var clock = TestClock.at("2026-11-23T00:00:00Z");
        var hotspotConfig = HotspotConfig.DEFAULTS.withReplications(199, 0.005);
        var projection = new WarningProjection(
                SurgeConfig.DEFAULTS,
                hotspotConfig,
                TestCells.grid(),
                p -> List.of(AMBULANCE_NORTH, NORTH),
                clock.instant(),
                11,
                Duration.ofHours(6),
                SurgeBaseline.none());
        MusterState end;
        var recorded = new ArrayList<RecordedEvent>();
        try (var engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            engine.subscribe(projection);
            engine.subscribe((events, state) -> recorded.addAll(events));
            int id = 0;
            // 50 quiet hours: one obstructed-access call an hour, somewhere among ten streets 2 km apart.
            for (int hour = 0; hour < 50; hour++) {
                engine.execute(env(incident("I" + ++id, "POL", "OBSTRUCTED_ACCESS", street(hour % 10))));
                clock.advance(HOUR);
            }
            assertThat(projection.listAlerts()).isEmpty();
            // Then eight in one hour at one estate.
            for (int i = 0; i < 8; i++) {
                engine.execute(env(incident("I" + ++id, "POL", "OBSTRUCTED_ACCESS", estate(i))));
                clock.advance(Duration.ofMinutes(5));
            }
            // A welfare call after the hour has passed closes the bin.
            clock.advance(Duration.ofMinutes(30));
            engine.execute(env(incident("I" + ++id, "POL", "WELFARE_CONCERN", street(0))));
            end = engine.state();
        }

        var alerts = projection.listAlerts();
        assertThat(alerts)
                .extracting(Alert::key)
                .containsExactlyInAnyOrder(
                        "surge:zone:POL-N:OBSTRUCTED_ACCESS",
                        "surge:organisation:POL:OBSTRUCTED_ACCESS",
                        "hotspot:" + TestCells.grid().address(TestCells.grid().cellOf(estate(0), 8)));
        var zoneSurge = (SurgeAlert) alerts.stream()
                .filter(a -> a.key().startsWith("surge:zone"))
                .findFirst()
                .orElseThrow();
        assertThat(zoneSurge.count()).isEqualTo(8);
        assertThat(zoneSurge.baselineMean()).isEqualTo(1.0);
        assertThat(zoneSurge.summary()).startsWith("obstructed access incidents in zone POL-N at 8.0 times the");
        assertThat(zoneSurge.proposedAction()).hasValueSatisfying(action -> {
            assertThat(action.zone()).isEqualTo(NORTH);
            assertThat(action.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
        });
        var hotspot = (HotspotAlert) alerts.stream()
                .filter(a -> a instanceof HotspotAlert)
                .findFirst()
                .orElseThrow();
        assertThat(hotspot.count()).isEqualTo(8);
        assertThat(hotspot.proposedAction().orElseThrow().level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
        // formed by police calls: addressed to the police, proposing the police zone, not the ambulance one
        assertThat(hotspot.organisations()).containsExactly(OrganisationId.of("POL"));
        assertThat(hotspot.proposedAction().orElseThrow().zone()).isEqualTo(NORTH);
        var conditions = projection.listConditions(end, clock.instant());
        // the force is asked to raise its zone to elevated: an escort-required police zone would change nothing
        assertThat(conditions)
                .filteredOn(c -> c.organisations().contains(OrganisationId.of("POL")))
                .hasSize(3)
                .allSatisfy(c -> {
                    assertThat(c.organisations()).containsExactly(OrganisationId.of("POL"));
                    c.proposedAction().ifPresent(action -> {
                        assertThat(action.zone()).isEqualTo(NORTH);
                        assertThat(action.level()).isEqualTo(OperatingLevel.ELEVATED);
                    });
                });
        // and the ambulance service, whose zone the calls lie in, to require escorts there: once for the zone's
        // surge, once for the hotspot
        assertThat(conditions)
                .filteredOn(c -> c.organisations().contains(OrganisationId.of("AMB")))
                .extracting(AlertSource.Condition::key)
                .containsExactlyInAnyOrder(
                        "surge:zone:POL-N:OBSTRUCTED_ACCESS:escorts:AMB-N",
                        "hotspot:" + TestCells.grid().address(TestCells.grid().cellOf(estate(0), 8))
                                + ":escorts:AMB-N");
        assertThat(conditions)
                .filteredOn(c -> c.organisations().contains(OrganisationId.of("AMB")))
                .allSatisfy(c -> {
                    assertThat(c.organisations()).containsExactly(OrganisationId.of("AMB"));
                    assertThat(c.proposedAction()).hasValueSatisfying(action -> {
                        assertThat(action.zone()).isEqualTo(AMBULANCE_NORTH);
                        assertThat(action.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
                    });
                    assertThat(c.summary()).contains("in AMB's zone AMB-N: crews sent there may need a police escort");
                });
        assertThat(conditions)
                .filteredOn(c -> c.key().equals("surge:zone:POL-N:OBSTRUCTED_ACCESS:escorts:AMB-N"))
                .singleElement()
                .satisfies(c -> assertThat(c.evidence())
                        .as("the eight calls of the surge's window, not the quiet hours before it")
                        .containsEntry("calls_in_zone", "8")
                        .containsEntry("police_zone", "POL-N"));
        assertThat(conditions)
                .filteredOn(c -> c.kind().equals("surge"))
                .allSatisfy(c -> assertThat(c.evidence()).containsEntry("baseline", "history"));

        // the service's zone already requires escorts (a shock, its supervisor): nothing to ask it, and an alert
        // asking it is over, saying so; lowered while the surge goes on, it is asked again
        MusterState escorted = end.withZone(end.getZone(AMBULANCE_NORTH)
                .withLevel(new org.muster.domain.organisation.ZoneLevel(
                        OperatingLevel.ESCORT_REQUIRED,
                        "disorder",
                        "amb-supervisor",
                        java.util.Optional.of(clock.instant()),
                        java.util.Optional.empty(),
                        java.util.Optional.empty())));
        assertThat(projection.listConditions(escorted, clock.instant()))
                .filteredOn(c -> c.organisations().contains(OrganisationId.of("AMB")))
                .isEmpty();
        var asked = conditions.stream()
                .filter(c -> c.key().equals("surge:zone:POL-N:OBSTRUCTED_ACCESS:escorts:AMB-N"))
                .findFirst()
                .orElseThrow();
        var raised = org.muster.engine.testing.TestAlerts.raised(asked, clock.instant());
        assertThat(projection.resolution(raised, escorted))
                .isEqualTo("AMB-N is ESCORT_REQUIRED now: nothing left to ask");

        // A replay of the same events, in one batch, raises the same alerts.
        var replay = new WarningProjection(
                SurgeConfig.DEFAULTS,
                hotspotConfig,
                TestCells.grid(),
                p -> List.of(AMBULANCE_NORTH, NORTH),
                recorded.getFirst().at(),
                11,
                Duration.ofHours(6),
                SurgeBaseline.none());
        replay.onEvents(List.copyOf(recorded), end);
        assertThat(replay.listAlerts()).isEqualTo(alerts);

        // Alerts are raised again while a window (up to 24 bins) holds the burst, and kept 6 hours after.
        replay.advanceTo(alerts.getFirst().raisedAt().plus(Duration.ofHours(24 + 6)));
        assertThat(replay.listAlerts()).isEmpty();
    }

    @Test
    void withTooLittleHistoryASurgeIsJudgedAgainstTheConfiguredBaselineAndSaysSo() {
        var clock = TestClock.at("2026-11-23T00:00:00Z");
        // the demand model, say: one obstructed-access call every two hours, anywhere in the force
        SurgeBaseline model = (key, from, to) -> key.type().value().equals("OBSTRUCTED_ACCESS")
                ? OptionalDouble.of(Duration.between(from, to).toMinutes() / 120.0)
                : OptionalDouble.empty();
        var projection = WarningProjection.withDefaults(
                TestCells.grid(), p -> List.of(AMBULANCE_NORTH, NORTH), clock.instant(), 3, model);
        var none = WarningProjection.withDefaults(
                TestCells.grid(), p -> List.of(AMBULANCE_NORTH, NORTH), clock.instant(), 3);
        MusterState end;
        try (var engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            engine.subscribe(projection);
            engine.subscribe(none);
            int id = 0;
            // two ordinary hours, then eight calls in the third: Muster has watched for less than 3 hours
            for (int hour = 0; hour < 2; hour++) {
                engine.execute(env(incident("I" + ++id, "POL", "OBSTRUCTED_ACCESS", street(hour))));
                clock.advance(HOUR);
            }
            for (int i = 0; i < 8; i++) {
                engine.execute(env(incident("I" + ++id, "POL", "OBSTRUCTED_ACCESS", street(i))));
                clock.advance(Duration.ofMinutes(5));
            }
            clock.advance(Duration.ofMinutes(30));
            engine.execute(env(incident("I" + ++id, "POL", "WELFARE_CONCERN", street(0))));
            end = engine.state();
        }

        assertThat(none.listAlerts())
                .as("without a baseline, nothing for about 50 hours")
                .isEmpty();
        var surge = projection.listConditions(end, clock.instant()).stream()
                .filter(c -> c.key().equals("surge:zone:POL-N:OBSTRUCTED_ACCESS"))
                .findFirst()
                .orElseThrow();
        assertThat(surge.evidence())
                .containsEntry("baseline", "configured")
                .containsEntry("count", "8")
                .containsEntry("expected", "0.50");
        assertThat(surge.summary()).contains("times the configured baseline");
        assertThat(surge.organisations()).containsExactly(OrganisationId.of("POL"));
        assertThat(surge.proposedAction().orElseThrow().zone()).isEqualTo(NORTH);
    }

    private static GeoPoint street(int i) {
        return GeoPoint.of(TestRegion.CENTRE.lat() + 0.018 * (i % 5), TestRegion.CENTRE.lon() + 0.03 * (i / 5));
    }

    private static GeoPoint estate(int i) {
        return GeoPoint.of(TestRegion.CENTRE.lat() - 0.03 + 0.0004 * i, TestRegion.CENTRE.lon() - 0.05);
    }
}
