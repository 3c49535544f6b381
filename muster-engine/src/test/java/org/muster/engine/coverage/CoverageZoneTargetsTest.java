package org.muster.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.Engine;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTargets.Target;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;

/**
 * A zone with a response target of its own is judged by it on the coverage board as on the response board: its
 * figure counts what its organisation's units reach within the zone's own time, the target its calls are judged
 * against ({@code ResponseTargets.targetFor(zone, organisation, priority)}), not the organisation's. The
 * organisation's own figures (over the map and its area) and its other zones keep its target. A city zone whose
 * category 2 calls must be reached within 5 minutes of its own is covered where an ambulance can be within 5.
 */
class CoverageZoneTargetsTest {
    private static final OrganisationId MAS = OrganisationId.of("MAS");
    private static final ZoneId CITY = ZoneId.of("MAS-02");
    private static final ZoneId TOWN = ZoneId.of("MAS-01");

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private SingleWriter engine;

    @BeforeEach
    void start() {
        engine = RegionFixture.engine(clock);
        // half the crews off the road
        var units =
                engine.state().listUnits(UnitFilter.ALL.withOrganisation(MAS).withStatus(UnitStatus.AVAILABLE));
        for (int i = 0; i < units.size(); i += 2)
            engine.execute(env(new Command.ChangeUnitStatus(
                    units.get(i).id(), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static LayerCoverage c2(CoverageReport report) {
        return report.getLayer(MAS, Priority.C2);
    }

    @Test
    void aZonesOwnTargetJudgesItsCoverageAsItJudgesItsResponseTimes() {
        ResponseTargets targets =
                ResponseTargets.DEFAULTS.withZone(CITY, Priority.C2, Target.parse("muster.zone-targets", "mean 5m"));
        assertThat(targets.targetFor(CITY, MAS, Priority.C2).mean()).contains(Duration.ofMinutes(5));
        CoverageConfig config = CoverageConfig.DEFAULTS.withOwnTargets(targets);

        // what the service's ambulances reach within the organisation's 18 minutes, and within 5 everywhere
        CoverageReport within18 =
                CoverageReference.compute(RegionCells.cells(), CoverageConfig.DEFAULTS, engine.state());
        CoverageReport within5 = CoverageReference.compute(
                RegionCells.cells(),
                CoverageConfig.DEFAULTS.withOwnTargets(
                        ResponseTargets.DEFAULTS.withOwn(MAS, Priority.C2, Target.parse("t", "mean 5m"))),
                engine.state());
        assertThat(c2(within5).findZone(CITY).orElseThrow().coveredOnce())
                .as("the rural zone's coverage depends on the time it is judged by")
                .isLessThan(c2(within18).findZone(CITY).orElseThrow().coveredOnce());

        CoverageTracker tracker = CoverageTracker.start(RegionCells.cells(), config, engine.state(), Runnable::run);
        try (Engine.Subscription ignored = engine.subscribe(tracker)) {
            for (CoverageReport report : new CoverageReport[] {
                tracker.report(), CoverageReference.compute(RegionCells.cells(), config, engine.state())
            }) {
                LayerCoverage layer = c2(report);
                assertThat(layer.findZone(CITY))
                        .as("the city zone, within its own 5 minutes")
                        .contains(c2(within5).findZone(CITY).orElseThrow());
                assertThat(layer.findZone(TOWN))
                        .as("a town, within the organisation's 18")
                        .contains(c2(within18).findZone(TOWN).orElseThrow());
                assertThat(layer.area())
                        .as("the organisation's figure keeps its own target")
                        .isEqualTo(c2(within18).area());
                assertThat(layer.overall()).isEqualTo(c2(within18).overall());
                assertThat(layer.layer().standard().target()).isEqualTo(Duration.ofMinutes(18));
                assertThat(layer.zoneTargets())
                        .as("which zones are judged by a time of their own")
                        .containsExactly(java.util.Map.entry(CITY, Duration.ofMinutes(5)));
            }
            // and it stays so as crews come and go: every unit off the road, then back
            var free = engine.state()
                    .listUnits(UnitFilter.ALL.withOrganisation(MAS).withStatus(UnitStatus.AVAILABLE));
            engine.execute(env(new Command.ChangeUnitStatus(
                    free.getFirst().id(), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
            assertThat(tracker.report())
                    .isEqualTo(CoverageReference.compute(RegionCells.cells(), config, engine.state()));
            // a preview of crews leaving judges the zone by its own time too
            CoveragePreview preview =
                    tracker.preview(java.util.List.of(free.get(1).id()));
            engine.execute(env(new Command.ChangeUnitStatus(
                    free.get(1).id(), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
            assertThat(preview.after().layers())
                    .isEqualTo(CoverageReference.compute(RegionCells.cells(), config, engine.state())
                            .layers());
        }
    }
}
