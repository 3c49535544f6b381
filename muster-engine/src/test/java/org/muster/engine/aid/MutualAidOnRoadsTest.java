package org.muster.engine.aid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.muster.engine.testing.Commands.accept;
import static org.muster.engine.testing.Commands.deploy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.offer;
import static org.muster.engine.testing.Commands.releaseAid;
import static org.muster.engine.testing.Commands.requestAid;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.OfferId;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.command.Command;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.Engine;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.dispatch.Candidate;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestCells;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;

/**
 * The whole mutual aid flow on the generated region's roads: Eastshire Police ({@code ESP}), its armed
 * response vehicles withdrawn, asks the other forces for two (an ambulance or fire service fields none); Westshire
 * ({@code WSP}) offers one and Northshire ({@code NSP}) another; both are accepted, deployed, drive to the
 * rendezvous point, are recommended and dispatched by the host (never by their home force), released, and
 * their unit-hours and officer-hours counted.
 */
class MutualAidOnRoadsTest {
    private static final OrganisationId EAST = OrganisationId.of("ESP");
    private static final OrganisationId WEST = OrganisationId.of("WSP");
    private static final OrganisationId NORTH = OrganisationId.of("NSP");
    private static DemandCells cells;

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private final org.muster.engine.writer.MemoryEventLog log = new org.muster.engine.writer.MemoryEventLog();
    private SingleWriter engine;
    private CoverageTracker coverage;
    private Engine.Subscription subscription;
    private int calls;

    @BeforeEach
    void start() {
        engine = RegionFixture.engine(clock, log);
        synchronized (MutualAidOnRoadsTest.class) {
            if (cells == null)
                // the service's demand, without zones (the figures read are the organisation's whole area)
                cells = DemandCells.ofService(
                        RegionFixture.network(), TestCells.grid(), org.muster.engine.rules.Rules.ZoneLocator.NONE);
        }
        coverage = CoverageTracker.start(cells, CoverageConfig.DEFAULTS, engine.state(), Runnable::run);
        subscription = engine.subscribe(coverage);
    }

    @AfterEach
    void stop() {
        subscription.close();
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private void run(Command c) {
        engine.execute(env(c, "mutual aid"));
    }

    private List<Unit> arvsOf(OrganisationId org) {
        return state().listUnits(UnitFilter.ALL.withOrganisation(org).withType(UnitType.ARMED_RESPONSE_VEHICLE));
    }

    private GeoPoint near(Unit u) {
        GeoPoint p = u.position().orElseThrow().point();
        return GeoPoint.of(p.lat() + 0.004, p.lon() + 0.006);
    }

    private IncidentId firearmsCall(OrganisationId org, GeoPoint at) {
        IncidentId id = IncidentId.of("AID-CALL-" + (++calls));
        run(new Command.CreateIncident(
                id, org, IncidentTypeCode.of("FIREARMS"), Optional.empty(), at, "", new TreeSet<>()));
        return id;
    }

    @Test
    void theHostRecommendsAndDispatchesTheLentUnitsAndTheirHomeForceDoesNot() {
        Unit westArv = arvsOf(WEST).get(0);
        UnitId northArv = arvsOf(NORTH).get(0).id();
        run(new Command.WithdrawUnits(UnitSelection.of(EAST, Optional.of(UnitType.ARMED_RESPONSE_VEHICLE), 1.0, 1)));
        GeoPoint rendezvous = state().listUnits(UnitFilter.ALL.withOrganisation(EAST))
                .get(3)
                .position()
                .orElseThrow()
                .point();
        run(requestAid(
                "R1",
                "ESP",
                AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, 2, Set.of(Capability.ARMED)),
                rendezvous,
                clock.instant().plus(Duration.ofHours(2)),
                "WSP",
                "NSP"));

        AidSuggestions suggested = new AidSuggester(engine.rules())
                .withRoads(RegionFixture.network())
                .withCoverage(coverage)
                .suggest(state(), AidRequestId.of("R1"));
        assertThat(suggested.byRoad()).isTrue();
        assertThat(suggested.notes()).noneSatisfy(n -> assertThat(n).contains("straight-line"));
        AidSuggestion west = suggested.suggestions().stream()
                .filter(s -> s.organisation().equals(WEST))
                .findFirst()
                .orElseThrow();
        assertThat(west.spare()).isPositive();
        assertThat(west.allArrive()).isPresent();
        assertThat(west.reasons()).anySatisfy(r -> assertThat(r).contains("by road"));
        assertThat(west.coverage())
                .hasValueSatisfying(l -> assertThat(l.shareAfter()).isLessThanOrEqualTo(l.shareBefore()));
        assertThat(suggested.suggestions())
                .extracting(AidSuggestion::organisation)
                .doesNotContain(EAST);

        UnitId lentWest = west.proposed().get(0);
        run(offer("O-W", "R1", "WSP", lentWest.value()));
        assertThat(state().getAidRequest(AidRequestId.of("R1"))
                        .findOffer(OfferId.of("O-W"))
                        .orElseThrow()
                        .kind())
                .isEqualTo(OfferKind.PARTIAL);
        run(offer("O-N", "R1", "NSP", northArv.value()));
        run(accept("R1", "O-W"));
        run(accept("R1", "O-N"));
        assertThat(state().getAidRequest(AidRequestId.of("R1")).status()).isEqualTo(AidRequestStatus.FILLED);
        run(deploy("R1"));
        Set<UnitId> lent = Set.of(lentWest, northArv);
        assertThat(state().listLentUnits(EAST)).extracting(Unit::id).containsExactlyInAnyOrderElementsOf(lent);
        assertThat(lent).allSatisfy(u -> assertThat(state().getUnit(u).status()).isEqualTo(UnitStatus.EN_ROUTE));
        // they drive there; on arrival they report at the rendezvous point, where their host's hours start
        clock.advance(Duration.ofMinutes(25));
        for (UnitId u : lent) run(new Command.ChangeUnitStatus(u, UnitStatus.AT_RENDEZVOUS, Optional.empty()));
        assertThat(lent)
                .allSatisfy(u -> assertThat(
                                state().getUnit(u).position().orElseThrow().point())
                        .isEqualTo(rendezvous));

        Recommender recommender = new Recommender(RegionFixture.network(), engine.rules(), DispatchConfig.DEFAULTS);
        IncidentId eastCall = firearmsCall(EAST, near(state().getUnit(lentWest)));
        Recommendation forHost = recommender.recommend(state(), eastCall, clock.instant(), false);
        assertThat(forHost.proposedSet()).isNotEmpty();
        Candidate pick = forHost.proposedSet().get(0);
        assertThat(lent).contains(pick.unit());
        assertThat(pick.reason()).contains("lent by");
        // an hour standing by at the rendezvous point: where it waits is known, its position not stale
        clock.advance(Duration.ofHours(1));
        assertThat(recommender
                        .recommend(state(), eastCall, clock.instant(), false)
                        .fills()
                        .get(0)
                        .ranked())
                .filteredOn(c -> lent.contains(c.unit()))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.warnings()).noneMatch(w -> w.contains("position report")));

        IncidentId westCall = firearmsCall(WEST, near(westArv));
        Recommendation forHome = recommender.recommend(state(), westCall, clock.instant(), true);
        assertThat(forHome.fills().get(0).ranked()).extracting(Candidate::unit).doesNotContainAnyElementsOf(lent);
        assertThatThrownBy(
                        () -> engine.execute(env(new Command.AssignUnit(westCall, lentWest, AssignmentRole.PRIMARY))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lent to ESP");

        run(new Command.AssignUnit(eastCall, pick.unit(), AssignmentRole.PRIMARY));
        run(new Command.CloseIncident(eastCall));
        clock.advance(Duration.ofHours(1)); // two hours at the host, with the hour standing by above
        run(releaseAid("R1"));
        assertThat(state().getAidRequest(AidRequestId.of("R1")).status()).isEqualTo(AidRequestStatus.RELEASED);
        assertThat(state().listLentUnits(EAST)).isEmpty();
        Recommendation homeAgain = recommender.recommend(state(), westCall, clock.instant(), true);
        assertThat(homeAgain.fills().get(0).ranked())
                .extracting(Candidate::unit)
                .contains(lentWest);

        AidHours.Report hours = AidHours.byRoad(RegionFixture.network()).report(state(), clock.instant());
        assertThat(hours.pairs())
                .extracting(AidHours.PairTotal::home, AidHours.PairTotal::host, AidHours.PairTotal::hours)
                .containsExactly(tuple(NORTH, EAST, 2.0), tuple(WEST, EAST, 2.0));
        assertThat(hours.totalHours()).isEqualTo(4.0);
        // officer-hours add the 25 minutes there and the road journey home, per person on board
        for (AidHours.Line line : hours.lines()) {
            assertThat(line.travelHomeBasis()).isEqualTo(AidHours.TravelBasis.ROAD);
            assertThat(line.travelOutHours()).isCloseTo(25 / 60.0, within(1e-9));
            assertThat(line.travelHomeHours()).isPositive().isLessThan(1.5);
            assertThat(line.crew()).isGreaterThanOrEqualTo(2);
            assertThat(line.officerHours())
                    .isCloseTo(line.crew() * (line.travelOutHours() + 2.0 + line.travelHomeHours()), within(1e-9));
        }
        assertThat(hours.totalOfficerHours()).isGreaterThan(4 * 2.0);

        // the day's situation report counts the hours by the same rule, to the hundredth of an hour
        var day = org.muster.engine.report.Sitrep.of(
                log,
                java.time.LocalDate.parse("2026-11-22"),
                org.muster.engine.rules.Rules.defaults(),
                org.muster.engine.performance.ResponseTargets.DEFAULTS,
                AidHours.of(java.util.Optional.of(RegionFixture.network())));
        for (AidHours.PairTotal pair : hours.pairs())
            assertThat(day.officerHours())
                    .filteredOn(h -> h.home().equals(pair.home()) && h.host().equals(pair.host()))
                    .singleElement()
                    .satisfies(h -> assertThat(h.officerHours()).isCloseTo(pair.officerHours(), within(1e-9)));
    }
}
