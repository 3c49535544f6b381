package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.Command;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.road.RoadProfile;

/** Recommendations end to end: a generated region, its real road graph, and the engine. */
class RecommenderTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");
    private static final OrganisationId WEST_POLICE = OrganisationId.of("WSP");

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private SingleWriter engine;
    private Recommender recommender;
    private int next;

    @BeforeEach
    void start() {
        engine = RegionFixture.engine(clock);
        recommender = new Recommender(RegionFixture.network(), engine.rules(), DispatchConfig.DEFAULTS);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    /** A point in the middle of the region, on a road near the unit positions of the given organisation. */
    private GeoPoint somewhereOf(OrganisationId org) {
        Unit u = state().listUnits(UnitFilter.ALL.withOrganisation(org)).get(3);
        GeoPoint p = u.position().orElseThrow().point();
        return GeoPoint.of(p.lat() + 0.004, p.lon() + 0.006);
    }

    private IncidentId call(OrganisationId org, String type, GeoPoint at) {
        IncidentId id = IncidentId.of("T" + (++next));
        engine.execute(env(new Command.CreateIncident(
                id, org, IncidentTypeCode.of(type), Optional.empty(), at, "", new TreeSet<>())));
        return id;
    }

    private Recommendation recommend(IncidentId id) {
        return recommender.recommend(state(), id, clock.instant(), false);
    }

    @Test
    void unitsAreRankedByRoadTravelTimeAndEachTimeIsTheRoadTime() {
        GeoPoint at = somewhereOf(AMBULANCE);
        Recommendation r = recommend(call(AMBULANCE, "CHEST_PAIN", at));
        List<Candidate> ranked = r.fills().get(0).ranked();
        assertThat(ranked).hasSize(5);
        for (int i = 1; i < ranked.size(); i++)
            assertThat(ranked.get(i).travelTimeMillis())
                    .isGreaterThanOrEqualTo(ranked.get(i - 1).travelTimeMillis());
        for (Candidate c : ranked) {
            assertThat(c.type()).isEqualTo(UnitType.DOUBLE_CREWED_AMBULANCE);
            GeoPoint from = state().getUnit(c.unit()).position().orElseThrow().point();
            long routed = RegionFixture.network()
                    .findRoute(RoadProfile.EMERGENCY, from, at)
                    .orElseThrow()
                    .travelTimeMillis();
            assertThat(c.travelTimeMillis())
                    .as(c.reason())
                    .isCloseTo(routed, org.assertj.core.data.Offset.offset(1000L));
            assertThat(c.reason()).contains("by road").contains("double crewed ambulance");
        }
        assertThat(r.proposedSet()).containsExactly(ranked.get(0));
        assertThat(r.shortfalls()).isEmpty();
    }

    @Test
    void aPositionReportedSinceTheLastRecommendationCountsThoughItTakesNoSequence() {
        GeoPoint at = somewhereOf(AMBULANCE);
        IncidentId id = call(AMBULANCE, "CHEST_PAIN", at);
        Candidate first = recommend(id).fills().get(0).proposed().get(0);
        // the ambulance furthest from the call lends its place: the nearest one drives there
        GeoPoint far = state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE)).stream()
                .map(u -> u.position().orElseThrow().point())
                .max(java.util.Comparator.comparingDouble(p -> p.distanceMetersTo(at)))
                .orElseThrow();
        long sequence = state().sequence();
        engine.execute(env(new Command.ReportPosition(first.unit(), far)));
        assertThat(state().sequence()).as("a position is not logged").isEqualTo(sequence);
        assertThat(state().getUnit(first.unit()).position().orElseThrow().point())
                .isEqualTo(far);

        Recommendation after = recommend(id);
        assertThat(after.fills().get(0).ranked())
                .filteredOn(c -> c.unit().equals(first.unit()))
                .allSatisfy(c -> assertThat(c.travelTimeMillis()).isGreaterThan(first.travelTimeMillis()));
        assertThat(after.fills().get(0).proposed().get(0).unit()).isNotEqualTo(first.unit());
    }

    @Test
    void aCardiacArrestGetsASetOfTwoDifferentUnits() {
        Recommendation r = recommend(call(AMBULANCE, "CARDIAC_ARREST", somewhereOf(AMBULANCE)));
        assertThat(r.fills()).hasSize(2);
        assertThat(r.proposedSet()).hasSize(2).extracting(Candidate::unit).doesNotHaveDuplicates();
        assertThat(r.fills().get(1).proposed().get(0).capabilities()).contains(Capability.PARAMEDIC_CARE);
    }

    @Test
    void onlyArmedUnitsAreSuitableForAFirearmsCallAndTheShortfallIsSaidWhenNoneAreLeft() {
        IncidentId firearms = call(WEST_POLICE, "FIREARMS", somewhereOf(WEST_POLICE));
        Recommendation r = recommend(firearms);
        assertThat(r.fills().get(0).ranked()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.type()).isEqualTo(UnitType.ARMED_RESPONSE_VEHICLE);
            assertThat(c.capabilities()).contains(Capability.ARMED);
        });

        engine.execute(env(
                new Command.WithdrawPeople(
                        PeopleSelection.withSkill(WEST_POLICE, Skill.AUTHORISED_FIREARMS_OFFICER, 1.0, 1),
                        WithdrawalMode.SKILL),
                "authorisations handed in"));
        Recommendation after = recommend(firearms);
        assertThat(after.proposedSet()).isEmpty();
        assertThat(after.noUnitsAvailable()).isTrue();
        assertThat(after.shortfalls()).singleElement().satisfies(s -> {
            assertThat(s.missing()).isEqualTo(2);
            assertThat(s.reason()).isEqualTo("no armed response vehicle with armed within 1 h");
        });
    }

    @Test
    void aPublicDisorderCallGetsACarrierAndTwoMoreUnits() {
        Recommendation r = recommend(call(WEST_POLICE, "PUBLIC_DISORDER", somewhereOf(WEST_POLICE)));
        assertThat(r.proposedSet()).hasSize(3).extracting(Candidate::unit).doesNotHaveDuplicates();
        assertThat(r.fills().get(0).proposed())
                .singleElement()
                .satisfies(c -> assertThat(c.type()).isEqualTo(UnitType.PUBLIC_ORDER_CARRIER));
    }

    @Test
    void aC1CallMayTakeAUnitFromALessUrgentOneButAC2CallMayNot() {
        GeoPoint at = somewhereOf(AMBULANCE);
        IncidentId fall = call(AMBULANCE, "FALL", at);
        UnitId sent = recommend(fall).proposedSet().get(0).unit();
        engine.execute(env(new Command.AssignUnit(fall, sent, AssignmentRole.PRIMARY)));
        // every other ambulance off the road
        var others =
                state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE).withStatus(UnitStatus.AVAILABLE));
        engine.execute(env(
                new Command.WithdrawUnits(UnitSelection.of(
                        new TreeSet<>(others.stream().map(Unit::id).toList()))),
                "test"));

        Recommendation forStroke = recommend(call(AMBULANCE, "STROKE", at));
        assertThat(forStroke.proposedSet()).isEmpty();
        assertThat(forStroke.shortfalls().get(0).reason()).startsWith("no double crewed ambulance within");

        Recommendation forArrest = recommend(call(AMBULANCE, "CARDIAC_ARREST", at));
        Candidate diverted = forArrest.fills().get(0).proposed().get(0);
        assertThat(diverted.unit()).isEqualTo(sent);
        assertThat(diverted.divertedFrom()).contains(fall);
        assertThat(diverted.reason()).contains("diverted from " + fall);
    }

    @Test
    void theQueueIsOrderedByPriorityThenWaitingAndIsRecommendedAgainWhenAUnitFrees() {
        DispatchQueue queue = new DispatchQueue(engine, recommender, clock);
        try {
            var all =
                    state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE).withStatus(UnitStatus.AVAILABLE));
            engine.execute(env(
                    new Command.WithdrawUnits(UnitSelection.of(
                            new TreeSet<>(all.stream().map(Unit::id).toList()))),
                    "walkout"));
            GeoPoint at = somewhereOf(AMBULANCE);
            IncidentId fall = call(AMBULANCE, "FALL", at);
            clock.advance(Duration.ofMinutes(2));
            IncidentId stroke = call(AMBULANCE, "STROKE", at);
            clock.advance(Duration.ofMinutes(2));
            IncidentId chest = call(AMBULANCE, "CHEST_PAIN", at);
            queue.awaitIdle();
            assertThat(queue.listWaiting()).extracting(e -> e.incident().id()).containsExactly(stroke, chest, fall);
            assertThat(queue.listWaiting())
                    .allSatisfy(e -> assertThat(e.noUnitsAvailable()).isTrue());

            List<Recommendation> heard = new CopyOnWriteArrayList<>();
            queue.onRecommendation(heard::add);
            UnitId back = all.get(0).id();
            engine.execute(env(new Command.ReturnUnits(UnitSelection.of(java.util.Set.of(back)))));
            queue.awaitIdle();
            assertThat(heard).extracting(Recommendation::incident).contains(stroke);
            assertThat(queue.listWaiting().get(0).recommendation().proposedSet())
                    .extracting(Candidate::unit)
                    .containsExactly(back);
        } finally {
            queue.close();
        }
    }

    @Test
    void unitsAreListedByZoneStatusAndType() {
        var zones = org.muster.geo.zone.ZoneIndex.of(org.muster.geo.zone.GeoJsonZoneReader.read(
                        RegionFixture.region().zonesFile(), org.muster.geo.region.RegionFiles.ZONE_FORMAT)
                .zones());
        var area = org.muster.domain.organisation.ZoneId.of("MAS-AREA");
        var inArea = state().listUnitsInZone(area, zones, UnitFilter.ALL.withOrganisation(AMBULANCE));
        assertThat(inArea).hasSameSizeAs(state().listUnits(UnitFilter.ALL.withOrganisation(AMBULANCE)));
        int bySubZone = 0;
        for (var z : state().listZones(AMBULANCE)) {
            if (z.parent().isPresent())
                bySubZone += state().listUnitsInZone(z.id(), zones, UnitFilter.ALL.withOrganisation(AMBULANCE))
                        .size();
        }
        assertThat(bySubZone).as("the sub-zones tile the area").isEqualTo(inArea.size());
        var dcas = state().listUnitsInZone(
                        area,
                        zones,
                        UnitFilter.ALL
                                .withType(UnitType.DOUBLE_CREWED_AMBULANCE)
                                .withStatus(UnitStatus.AVAILABLE));
        assertThat(dcas).isNotEmpty().allSatisfy(u -> assertThat(u.type()).isEqualTo(UnitType.DOUBLE_CREWED_AMBULANCE));
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThatThrownBy(() -> recommend(IncidentId.of("NOPE"))).isInstanceOf(NotFoundException.class);
        // a call far from the roads is still served, from the nearest road point, and says so
        IncidentId far = call(AMBULANCE, "FALL", GeoPoint.of(55.0, -3.0));
        assertThat(recommend(far).notes())
                .anySatisfy(n -> assertThat(n).contains("on foot from the nearest road point"));
        IncidentId done = call(AMBULANCE, "FALL", somewhereOf(AMBULANCE));
        engine.execute(env(new Command.CancelIncident(done)));
        assertThatThrownBy(() -> recommend(done))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("CANCELLED");
    }
}
