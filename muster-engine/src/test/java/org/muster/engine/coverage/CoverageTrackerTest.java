package org.muster.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.accept;
import static org.muster.engine.testing.Commands.deploy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.offer;
import static org.muster.engine.testing.Commands.requestAid;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.NotFoundException;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.Engine;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;

/** Live coverage end to end: the generated region, its real road graph, the engine and its events. */
class CoverageTrackerTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");
    private static final OrganisationId WEST_POLICE = OrganisationId.of("WSP");
    private static final OrganisationId FIRE = OrganisationId.of("MFRS");

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private SingleWriter engine;
    private CoverageTracker tracker;
    private Engine.Subscription subscription;

    @BeforeEach
    void start() {
        engine = RegionFixture.engine(clock);
        tracker = CoverageTracker.start(RegionCells.cells(), CoverageConfig.DEFAULTS, engine.state(), Runnable::run);
        subscription = engine.subscribe(tracker);
    }

    @AfterEach
    void stop() {
        subscription.close();
        engine.close();
    }

    private CoverageReport reference() {
        return CoverageReference.compute(RegionCells.cells(), CoverageConfig.DEFAULTS, engine.state());
    }

    private List<Unit> available(OrganisationId org) {
        return engine.state().listUnits(UnitFilter.ALL.withOrganisation(org).withStatus(UnitStatus.AVAILABLE));
    }

    private void offTheRoad(UnitId unit) {
        engine.execute(env(new Command.ChangeUnitStatus(
                unit, UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE))));
    }

    @Test
    void theServicesDemandIsWhereTheRoadsAreSoWithEveryCrewFreeNearlyAllOfItIsReachedWithinC2() {
        // every cell of the map alike, the fields and woods that no road reaches count as calls no crew can
        // reach: they held the ambulance service's C2 coverage under half with every crew free
        DemandCells everyCell = DemandCells.over(RegionFixture.network(), org.muster.engine.testing.TestCells.grid())
                .zones(RegionCells.locator())
                .build();
        assertThat(everyCell.countUnplaced()).isGreaterThan(everyCell.size() / 2);
        double c2EveryCell = CoverageReference.compute(everyCell, CoverageConfig.DEFAULTS, engine.state())
                .getLayer(AMBULANCE, Priority.C2)
                .overall()
                .shareOnce()
                .orElseThrow();
        assertThat(c2EveryCell).isLessThan(0.5);
        // the service's demand is where the roads are: every cell of it placed, and reached
        assertThat(RegionCells.cells().countUnplaced()).isZero();
        LayerCoverage c2 = tracker.report().getLayer(AMBULANCE, Priority.C2);
        assertThat(c2.overall().shareOnce().orElseThrow()).isGreaterThan(0.95);
        // an organisation's own figure is over its own area, not the whole map: a force's is its force area's
        LayerCoverage wsp = tracker.report().getLayer(WEST_POLICE, Priority.EMERGENCY);
        assertThat(wsp.area().shareOnce().orElseThrow()).isGreaterThan(0.9);
        assertThat(wsp.area()).isEqualTo(wsp.findZone(ZoneId.of("WSP-AREA")).orElseThrow());
        assertThat(wsp.area().demand()).isLessThan(wsp.overall().demand() - 30);
        assertThat(c2.area()).isEqualTo(c2.findZone(ZoneId.of("MAS-AREA")).orElseThrow());
    }

    @Test
    void aRapidResponseCarCoversC1CallsButNotC2OnesForAC2CallsClockStopsOnlyForAnAmbulance() {
        // the catalogue's C2 calls ask for a double-crewed ambulance first; a C1 call's clock stops for the car
        List<Unit> ambulances = available(AMBULANCE);
        Unit car = ambulances.stream()
                .filter(u -> u.type() == UnitType.RAPID_RESPONSE_CAR)
                .findFirst()
                .orElseThrow();
        for (Unit u : ambulances) if (!u.id().equals(car.id())) offTheRoad(u.id());

        CoverageReport report = tracker.report();
        assertThat(report).isEqualTo(reference());
        LayerCoverage c1 = report.getLayer(AMBULANCE, Priority.C1);
        LayerCoverage c2 = report.getLayer(AMBULANCE, Priority.C2);
        assertThat(c1.availableUnits()).isOne();
        assertThat(c1.overall().shareOnce().orElseThrow()).isPositive();
        assertThat(c2.availableUnits()).isZero();
        assertThat(c2.overall().coveredOnce()).isZero();
        assertThat(report.findLayer(AMBULANCE, Priority.C2, Optional.of(UnitType.RAPID_RESPONSE_CAR)))
                .isEmpty();
        assertThat(c2.layer().standard().unitTypes()).containsExactly(UnitType.DOUBLE_CREWED_AMBULANCE);
    }

    @Test
    void aPoliceCarLentToTheAmbulanceServiceCoversNoCallsOfEither() {
        List<Unit> cars = available(WEST_POLICE).stream()
                .filter(u -> u.type() == UnitType.POLICE_RESPONSE_CAR)
                .limit(2)
                .toList();
        int westCars =
                tracker.report().getLayer(WEST_POLICE, Priority.EMERGENCY).availableUnits();
        GeoPoint rendezvous = cars.getFirst().position().orElseThrow().point();
        engine.execute(env(requestAid(
                "ESCORTS",
                "MAS",
                AidNeed.units(UnitType.POLICE_RESPONSE_CAR, 2, java.util.Set.of()),
                rendezvous,
                clock.instant().plus(java.time.Duration.ofHours(1)),
                "WSP")));
        engine.execute(env(offer(
                "O-1",
                "ESCORTS",
                "WSP",
                cars.get(0).id().value(),
                cars.get(1).id().value())));
        engine.execute(env(accept("ESCORTS", "O-1")));
        engine.execute(env(deploy("ESCORTS")));
        for (Unit c : cars) {
            engine.execute(env(new Command.ChangeUnitStatus(c.id(), UnitStatus.AT_RENDEZVOUS, Optional.empty())));
            engine.execute(env(new Command.ChangeUnitStatus(c.id(), UnitStatus.AVAILABLE, Optional.empty())));
            assertThat(engine.state().getUnit(c.id()).workingFor()).isEqualTo(AMBULANCE);
        }
        // nor are they the ambulance service's fleet to move up, by the same rule
        assertThat(org.muster.engine.moveup.MoveUpPlanner.listFleets(engine.state()))
                .noneMatch(f -> f.organisation().id().equals(AMBULANCE) && f.type() == UnitType.POLICE_RESPONSE_CAR);

        CoverageReport report = tracker.report();
        assertThat(report).isEqualTo(reference());
        // no police standard beside the ambulance service's own, and not its home force's to send meanwhile
        assertThat(report.layers())
                .filteredOn(l -> l.layer().organisation().equals(AMBULANCE))
                .extracting(l -> l.layer().standard().agency())
                .containsOnly(org.muster.domain.organisation.Agency.AMBULANCE);
        assertThat(report.getLayer(WEST_POLICE, Priority.EMERGENCY).availableUnits())
                .isEqualTo(westCars - 2);
    }

    @Test
    void startsEqualToTheFullRecomputeWithALayerPerOrganisationStandardAndType() {
        CoverageReport report = tracker.report();
        assertThat(report).isEqualTo(reference());
        assertThat(report.sequence()).isEqualTo(engine.state().sequence());

        LayerCoverage c1 = report.getLayer(AMBULANCE, Priority.C1);
        assertThat(c1.availableUnits()).isEqualTo(available(AMBULANCE).size()).isPositive();
        assertThat(c1.overall().shareOnce().orElseThrow()).isBetween(0.3, 1.0);
        assertThat(c1.overall().coveredTwice()).isLessThanOrEqualTo(c1.overall().coveredOnce());
        // A longer target covers at least as much.
        assertThat(report.getLayer(AMBULANCE, Priority.C2).overall().coveredOnce())
                .isGreaterThanOrEqualTo(c1.overall().coveredOnce());
        assertThat(report.findLayer(AMBULANCE, Priority.C1, Optional.of(UnitType.DOUBLE_CREWED_AMBULANCE)))
                .isPresent();
        assertThat(report.findLayer(WEST_POLICE, Priority.EMERGENCY, Optional.empty()))
                .isPresent();
        // Fire has no target by default, so it is not measured.
        assertThat(report.layers()).noneMatch(l -> l.layer().organisation().equals(FIRE));
    }

    @Test
    void zoneFiguresCoverTheOrganisationsOwnZonesOnly() {
        CoverageReport report = tracker.report();
        MusterState state = engine.state();
        for (LayerCoverage layer : report.layers()) {
            assertThat(layer.byZone()).isNotEmpty();
            for (ZoneId zone : layer.byZone().keySet()) {
                assertThat(state.getZone(zone).organisation())
                        .isEqualTo(layer.layer().organisation());
            }
        }
        LayerCoverage c1 = report.getLayer(AMBULANCE, Priority.C1);
        ZoneId zone = c1.byZone().firstKey();
        CoverageFigure figure = c1.findZone(zone).orElseThrow();
        assertThat(figure.demand())
                .isPositive()
                .isLessThanOrEqualTo(c1.overall().demand());
    }

    @Test
    void aStatusChangeAddsOrTakesAwayOneUnitsCellsWithoutASearch() {
        CoverageReport before = tracker.report();
        long searches = tracker.searchCount();
        Unit unit = available(AMBULANCE).get(0);

        offTheRoad(unit.id());
        CoverageReport without = tracker.report();
        assertThat(without).isEqualTo(reference());
        assertThat(without.getLayer(AMBULANCE, Priority.C1).availableUnits())
                .isEqualTo(before.getLayer(AMBULANCE, Priority.C1).availableUnits() - 1);
        assertThat(without.getLayer(AMBULANCE, Priority.C1).overall().coveredOnce())
                .isLessThanOrEqualTo(
                        before.getLayer(AMBULANCE, Priority.C1).overall().coveredOnce());
        assertThat(without.getLayer(WEST_POLICE, Priority.EMERGENCY))
                .isEqualTo(before.getLayer(WEST_POLICE, Priority.EMERGENCY));

        engine.execute(env(new Command.ChangeUnitStatus(unit.id(), UnitStatus.AVAILABLE, Optional.empty())));
        CoverageReport back = tracker.report();
        assertThat(back.layers()).isEqualTo(before.layers());
        assertThat(tracker.searchCount())
                .as("no road search for a status change")
                .isEqualTo(searches);
    }

    @Test
    void aMoveSearchesOnceFromTheNewPosition() {
        Unit unit = available(AMBULANCE).get(1);
        // somewhere it is not: two crews may stand at one station
        Unit elsewhere = available(AMBULANCE).stream()
                .filter(u -> !u.position()
                        .orElseThrow()
                        .point()
                        .equals(unit.position().orElseThrow().point()))
                .skip(5)
                .findFirst()
                .orElseThrow();
        long searches = tracker.searchCount();
        engine.execute(env(new Command.ReportPosition(
                unit.id(), elsewhere.position().orElseThrow().point())));
        assertThat(tracker.searchCount()).isEqualTo(searches + 1);
        assertThat(tracker.report()).isEqualTo(reference());
    }

    @Test
    void aUnitFarFromAnyRoadCountsForNothing() {
        Unit unit = available(AMBULANCE).get(2);
        CoverageReport before = tracker.report();
        engine.execute(env(new Command.ReportPosition(unit.id(), GeoPoint.of(50.0, -4.0))));
        CoverageReport after = tracker.report();
        assertThat(after).isEqualTo(reference());
        assertThat(after.getLayer(AMBULANCE, Priority.C1).availableUnits())
                .isEqualTo(before.getLayer(AMBULANCE, Priority.C1).availableUnits() - 1);
        assertThat(tracker.preview(List.of(unit.id())).withoutEffect()).containsExactly(unit.id());
    }

    @Test
    void aPreviewEqualsTheFiguresAfterTheUnitsLeaveAndLeavesTheLiveOnesAlone() {
        List<UnitId> leaving =
                available(AMBULANCE).stream().map(Unit::id).limit(4).toList();
        UnitId alreadyOff = available(AMBULANCE).get(10).id();
        offTheRoad(alreadyOff);
        CoverageReport live = tracker.report();

        CoveragePreview preview = tracker.preview(
                List.of(leaving.get(0), leaving.get(1), alreadyOff, leaving.get(2), leaving.get(3), leaving.get(0)));
        assertThat(preview.leaving()).containsExactlyElementsOf(leaving);
        assertThat(preview.withoutEffect()).containsExactly(alreadyOff);
        assertThat(preview.before()).isEqualTo(live);
        assertThat(tracker.report()).isEqualTo(live);

        assertThat(preview.after().getLayer(AMBULANCE, Priority.C1).overall().coveredTwice())
                .isLessThanOrEqualTo(
                        live.getLayer(AMBULANCE, Priority.C1).overall().coveredTwice());

        leaving.forEach(this::offTheRoad);
        assertThat(preview.after().layers()).isEqualTo(reference().layers());
    }

    @Test
    void aPreviewOfEveryAvailableAmbulanceLeavingLeavesNothingCovered() {
        List<UnitId> all = available(AMBULANCE).stream().map(Unit::id).toList();
        CoveragePreview preview = tracker.preview(all);
        LayerCoverage c2 = preview.after().getLayer(AMBULANCE, Priority.C2);
        assertThat(c2.availableUnits()).isZero();
        assertThat(c2.overall().coveredOnce()).isZero();
        assertThat(c2.byZone().values())
                .allSatisfy(f -> assertThat(f.shareOnce()).hasValue(0));
        assertThat(preview.after().getLayer(WEST_POLICE, Priority.EMERGENCY))
                .isEqualTo(preview.before().getLayer(WEST_POLICE, Priority.EMERGENCY));
        assertThat(preview.before().getLayer(AMBULANCE, Priority.C2).overall().coveredOnce())
                .isPositive();
    }

    @Test
    void aPreviewOfAnUnknownUnitIsRefused() {
        assertThatThrownBy(() -> tracker.preview(List.of(UnitId.of("NOPE"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("NOPE");
    }

    @Test
    void batchesMissedBeforeSubscribingAreCaughtUpWithTheNextOne() {
        CoverageTracker late =
                CoverageTracker.start(RegionCells.cells(), CoverageConfig.DEFAULTS, engine.state(), Runnable::run);
        List<Unit> units = available(AMBULANCE);
        offTheRoad(units.get(0).id()); // before the late tracker hears anything
        offTheRoad(units.get(1).id());
        try (var s = engine.subscribe(late)) {
            engine.execute(env(new Command.ReportPosition(
                    units.get(2).id(), units.get(3).position().orElseThrow().point())));
            assertThat(late.report()).isEqualTo(reference());
        }
    }

    @Test
    void catchingUpOnAnotherThreadStillReportsEveryDeliveredEvent() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CoverageTracker async =
                    CoverageTracker.start(RegionCells.cells(), CoverageConfig.DEFAULTS, engine.state(), pool);
            try (var s = engine.subscribe(async)) {
                List<Unit> units = available(AMBULANCE);
                for (int i = 0; i < 6; i++) offTheRoad(units.get(i).id());
                engine.execute(env(new Command.ReportPosition(
                        units.get(8).id(), units.get(9).position().orElseThrow().point())));
                assertThat(async.report()).isEqualTo(reference());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
