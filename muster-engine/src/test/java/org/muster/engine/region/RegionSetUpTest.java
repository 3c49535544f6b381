package org.muster.engine.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.OfferId;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.aid.SupportUnit;
import org.muster.domain.command.Command;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.aid.AidHours;
import org.muster.engine.aid.AidSuggester;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.CapacityConfig;
import org.muster.engine.capacity.Colour;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/**
 * The generated region as its set-up commands leave it: three police forces, real safe minimums per zone
 * and unit type, and every zone with units of its own or a named neighbour covering it. A busy evening turns
 * a zone amber, a walkout of armed officers turns a force red, and a donor offering below its own minimum is
 * warned.
 */
class RegionSetUpTest {
    private static final OrganisationId WEST = OrganisationId.of("WSP");
    private static final OrganisationId EAST = OrganisationId.of("ESP");
    private static final OrganisationId NORTH = OrganisationId.of("NSP");

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
    private ZoneIndex zones;
    private Rules rules;
    private SingleWriter engine;
    private CapacityBoard board;

    @BeforeEach
    void start() {
        zones = ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        rules = Rules.defaults().withZones(new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return zones.listContaining(point).stream().map(ZoneShape::id).toList();
            }

            @Override
            public List<ZoneId> neighboursOf(ZoneId zone) {
                return zones.listNeighbours(zone).stream().map(ZoneShape::id).toList();
            }
        });
        engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(Commands.env(c));
        board = new CapacityBoard(rules.zones(), CapacityConfig.DEFAULTS);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    @Test
    void threePoliceForcesEachWithArmedResponseVehiclesAndAMinimumForThem() {
        assertThat(state().organisations().values())
                .filteredOn(o -> o.agency() == Agency.POLICE)
                .extracting(Organisation::id)
                .containsExactlyInAnyOrder(WEST, EAST, NORTH);
        int units = state().units().size();
        assertThat(units).isBetween(150, 200);
        for (OrganisationId force : List.of(WEST, EAST, NORTH)) {
            int arvs = arvsOf(force).size();
            assertThat(arvs).as("ARVs of %s", force).isGreaterThanOrEqualTo(2);
            ZoneId area = ZoneId.of(force.value() + "-AREA");
            assertThat(state().safeMinimum(area, UnitType.ARMED_RESPONSE_VEHICLE))
                    .as("ARV minimum of %s", area)
                    .isEqualTo(arvs - 1);
        }
    }

    @Test
    void everyZoneHasUnitsOfItsOwnOrANamedNeighbourOfTheSameOrganisationThatHas() {
        CapacityBoard.Snapshot now = board.compute(state());
        int covered = 0;
        for (Zone z : state().zones().values()) {
            CapacityBoard.ZoneCapacity line = now.findZone(z.id()).orElseThrow();
            if (z.coveredFrom().isEmpty()) {
                assertThat(line.colour()).as("%s has units of its own", z.id()).isNotEqualTo(Colour.NONE);
                continue;
            }
            covered++;
            Zone from = state().getZone(z.coveredFrom().get());
            assertThat(from.organisation()).isEqualTo(z.organisation());
            assertThat(from.parent()).as("covered from a sub-zone").isPresent();
            assertThat(now.findZone(from.id()).orElseThrow().colour()).isNotEqualTo(Colour.NONE);
        }
        // the capacity board's hook: without the cover a zone would read NO UNITS for ever
        assertThat(state().zones().values())
                .filteredOn(z -> now.findZone(z.id()).orElseThrow().colour() == Colour.NONE)
                .allSatisfy(z -> assertThat(z.coveredFrom()).isPresent());
        assertThat(covered).isLessThan(state().zones().size() / 2);
    }

    @Test
    void aQuietStartIsGreenABusyEveningAmberSomewhereAndAWalkoutRed() {
        CapacityBoard.Snapshot quiet = board.compute(state());
        assertThat(quiet.zones())
                .filteredOn(z -> state().getZone(z.zone()).coveredFrom().isEmpty())
                .allSatisfy(z ->
                        assertThat(z.colour()).as("%s at the start", z.zone()).isEqualTo(Colour.GREEN));

        // a busy evening: a third of every force's response cars out on calls
        for (OrganisationId force : List.of(WEST, EAST, NORTH))
            engine.execute(env(
                    new Command.WithdrawUnits(
                            UnitSelection.of(force, Optional.of(UnitType.POLICE_RESPONSE_CAR), 0.34, 11)),
                    "busy evening"));
        Map<Colour, Long> evening = colours(board.compute(state()));
        assertThat(evening.getOrDefault(Colour.AMBER, 0L))
                .as("amber zones on a busy evening")
                .isPositive();

        // a walkout: 30% of a force's armed officers hand in their authorisations
        for (OrganisationId force : List.of(WEST, EAST, NORTH))
            engine.execute(env(
                    new Command.WithdrawPeople(
                            PeopleSelection.withSkill(force, Skill.AUTHORISED_FIREARMS_OFFICER, 0.3, 5),
                            WithdrawalMode.SKILL),
                    "walkout"));
        CapacityBoard.Snapshot walkout = board.compute(state());
        assertThat(List.of(WEST, EAST, NORTH))
                .as("forces red after the walkout")
                .anySatisfy(f -> assertThat(walkout.organisations().get(f)).isIn(Colour.RED, Colour.NONE));
        assertThat(walkout.zones())
                .anySatisfy(z -> assertThat(z.lines()).anySatisfy(l -> {
                    assertThat(l.type()).isEqualTo(UnitType.ARMED_RESPONSE_VEHICLE);
                    assertThat(l.colour()).isEqualTo(Colour.RED);
                }));
    }

    @Test
    void aDonorOfferingBelowItsOwnSafeMinimumIsWarnedNamingTheZoneAndTheMinimumAndTheOfferStands() {
        List<Unit> westArvs = arvsOf(WEST);
        GeoPoint rendezvous = arvsOf(EAST).get(0).position().orElseThrow().point();
        engine.execute(env(Commands.requestAid(
                "R1",
                "ESP",
                AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, westArvs.size(), Set.of(Capability.ARMED)),
                rendezvous,
                clock.instant().plusSeconds(7200),
                "WSP",
                "NSP")));
        String[] all = westArvs.stream().map(u -> u.id().value()).toArray(String[]::new);
        engine.execute(env(Commands.offer("O1", "R1", "WSP", all)));
        AidOffer offer = state().getAidRequest(AidRequestId.of("R1"))
                .findOffer(OfferId.of("O1"))
                .orElseThrow();
        int minimum = westArvs.size() - 1;
        assertThat(offer.units()).hasSize(westArvs.size());
        assertThat(offer.warnings())
                .isNotEmpty()
                .anySatisfy(w -> assertThat(w)
                        .contains("takes WSP below its own safe minimum")
                        .contains("zone WSP-")
                        .contains("safe minimum of " + minimum + " ARMED_RESPONSE_VEHICLE"));

        // one unit to spare: no word
        engine.execute(env(Commands.offer("O2", "R1", "WSP", all[0])));
        assertThat(state().getAidRequest(AidRequestId.of("R1"))
                        .findOffer(OfferId.of("O2"))
                        .orElseThrow()
                        .warnings())
                .isEmpty();
    }

    @Test
    void forcesTradeWholePoliceSupportUnitsCountedInTheSuggestionAndTheHours() {
        List<Unit> westCarriers = unitsOf(WEST, UnitType.PUBLIC_ORDER_CARRIER);
        assertThat(westCarriers).as("a whole PSU's carriers").hasSizeGreaterThanOrEqualTo(3);
        GeoPoint rendezvous = arvsOf(EAST).get(0).position().orElseThrow().point();
        engine.execute(env(Commands.requestAid(
                "PSU1",
                "ESP",
                AidNeed.supportUnits(1, SupportUnit.STANDARD),
                rendezvous,
                clock.instant().plusSeconds(7200),
                "WSP",
                "NSP")));
        var suggestions = new AidSuggester(rules).suggest(state(), AidRequestId.of("PSU1"));
        assertThat(suggestions.stillNeeded()).as("one PSU is three carriers").isEqualTo(3);
        assertThat(suggestions.suggestions())
                .allSatisfy(x -> assertThat(x.proposed().size() % 3).isZero())
                .anySatisfy(x -> assertThat(x.reasons().get(0)).contains("whole PSU (1 inspector, 3 sergeants"));

        String[] three = westCarriers.stream().limit(3).map(u -> u.id().value()).toArray(String[]::new);
        assertThatThrownBy(() -> engine.execute(env(Commands.offer("O-PART", "PSU1", "WSP", three[0], three[1]))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be whole police support units: a multiple of 3 PUBLIC_ORDER_CARRIER");
        engine.execute(env(Commands.offer("O-PSU", "PSU1", "WSP", three)));
        assertThat(state().getAidRequest(AidRequestId.of("PSU1"))
                        .findOffer(OfferId.of("O-PSU"))
                        .orElseThrow()
                        .kind())
                .isEqualTo(OfferKind.FULL);
        engine.execute(env(Commands.accept("PSU1", "O-PSU")));
        assertThat(state().getAidRequest(AidRequestId.of("PSU1")).status()).isEqualTo(AidRequestStatus.FILLED);
        engine.execute(env(Commands.deploy("PSU1")));
        clock.advance(Duration.ofMinutes(30));
        for (String u : three)
            engine.execute(env(new Command.ChangeUnitStatus(
                    org.muster.domain.unit.UnitId.of(u), UnitStatus.AT_RENDEZVOUS, Optional.empty())));
        clock.advance(Duration.ofHours(4));
        engine.execute(env(Commands.releaseAid("PSU1")));

        AidHours.Report hours = AidHours.measured().report(state(), AidRequestId.of("PSU1"), clock.instant());
        assertThat(hours.requests()).singleElement().satisfies(t -> {
            assertThat(t.supportUnits()).isEqualTo(1);
            assertThat(t.deployments()).isEqualTo(3);
            assertThat(t.hours()).isEqualTo(12.0);
        });
        int officers = hours.lines().stream().mapToInt(AidHours.Line::crew).sum();
        assertThat(officers).as("three carriers of seven").isGreaterThanOrEqualTo(21);
        assertThat(hours.totalOfficerHours()).isCloseTo(officers * (0.5 + 4 + 0.5), within(1e-9));
    }

    private List<Unit> unitsOf(OrganisationId org, UnitType type) {
        return state().listUnits(UnitFilter.ALL.withOrganisation(org).withType(type)).stream()
                .filter(u -> u.status() == UnitStatus.AVAILABLE)
                .toList();
    }

    private List<Unit> arvsOf(OrganisationId org) {
        return state()
                .listUnits(UnitFilter.ALL.withOrganisation(org).withType(UnitType.ARMED_RESPONSE_VEHICLE))
                .stream()
                .filter(u -> u.status() == UnitStatus.AVAILABLE)
                .toList();
    }

    private static Map<Colour, Long> colours(CapacityBoard.Snapshot s) {
        Map<Colour, Long> out = new EnumMap<>(Colour.class);
        for (CapacityBoard.ZoneCapacity z : s.zones()) out.merge(z.colour(), 1L, Long::sum);
        return out;
    }
}
