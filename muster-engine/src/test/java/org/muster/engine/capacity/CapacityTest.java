package org.muster.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.warning.AlertRaiser;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

class CapacityTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final Rules.ZoneLocator everywhereNorth = point -> List.of(NORTH, ZoneId.of("POL-N"));
    private SingleWriter engine;
    private CapacityMonitor monitor;
    private AlertRaiser raiser;

    @BeforeEach
    void start() {
        engine = SingleWriter.start(
                new MemoryEventLog(), Rules.defaults().withZones(everywhereNorth), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, 2)));
        monitor = new CapacityMonitor(new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS));
        raiser = new AlertRaiser(engine, List.of(monitor));
    }

    @AfterEach
    void stop() {
        raiser.close();
        engine.close();
    }

    /** Waits until the raiser has looked at every event, its own alerts' included, and submitted nothing more. */
    private MusterState settled() throws InterruptedException {
        long seen = -1;
        for (int tries = 0; tries < 200 && seen != engine.state().sequence(); tries++) {
            seen = engine.state().sequence();
            raiser.awaitIdle();
            Thread.sleep(20);
            raiser.awaitIdle();
        }
        return engine.state();
    }

    private Colour north() throws InterruptedException {
        raiser.tick(clock.instant());
        settled();
        return monitor.current().orElseThrow().findZone(NORTH).orElseThrow().colour();
    }

    private static List<Alert> alertsAbout(MusterState state, String key) {
        return state.alerts().values().stream()
                .filter(a -> a.key().equals(key))
                .sorted(Comparator.comparing(Alert::raisedAt).thenComparing(a -> a.id().value()))
                .toList();
    }

    @Test
    void everyChangeOfAZonesColourIsAnAlertInTheLogAndGreenAgainResolvesIt() throws Exception {
        assertThat(north()).isEqualTo(Colour.GREEN);
        assertThat(settled().alerts()).isEmpty();
        for (int i = 1; i <= 3; i++) {
            engine.execute(env(incident("I" + i, "AMB", "FALL", TestRegion.CENTRE)));
            engine.execute(env(assign("I" + i, "A" + i)));
            settled();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(north()).isEqualTo(Colour.NONE);
        var zone = alertsAbout(settled(), "capacity:zone:AMB-N");
        assertThat(zone).extracting(a -> a.evidence().get("state")).containsExactly("amber", "red", "no-units");
        assertThat(zone).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo("capacity");
            assertThat(a.organisations()).containsExactly(org("AMB"));
        });
        // one active alert per key: each new colour resolved the one before
        assertThat(zone)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.RESOLVED, AlertStatus.RESOLVED, AlertStatus.OPEN);
        assertThat(zone.get(1).summary())
                .isEqualTo("Zone North (AMB-N) is red: 1 double crewed ambulance available, safe minimum 2");
        assertThat(zone.get(1).resolution())
                .startsWith("replaced by alert " + zone.get(2).id());
        assertThat(zone.get(2).summary())
                .isEqualTo("Zone North (AMB-N) has no units available: 0 double crewed ambulances available,"
                        + " safe minimum 2");
        assertThat(alertsAbout(settled(), "capacity:org:AMB")).last().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(a.summary())
                    .isEqualTo("Test Ambulance (AMB) has zones with no units of a type they need: 1 of 1 zones not"
                            + " green (1 with none of a type); none available in AMB-N");
        });
        // the police zone stayed green throughout: nothing about it
        assertThat(alertsAbout(settled(), "capacity:zone:POL-N")).isEmpty();

        // a better colour that is not yet green replaces the alert; green resolves it
        engine.execute(env(status("A3", UnitStatus.AVAILABLE)));
        assertThat(north()).isEqualTo(Colour.RED);
        // red is short of a minimum: the organisation's words count its zones by colour
        assertThat(alertsAbout(settled(), "capacity:org:AMB").getLast().summary())
                .isEqualTo("Test Ambulance (AMB) is red: 1 of 1 zones not green (1 red); red in AMB-N");
        assertThat(alertsAbout(settled(), "capacity:zone:AMB-N").getLast().evidence())
                .containsEntry("state", "red");
        engine.execute(env(status("A1", UnitStatus.AVAILABLE)));
        engine.execute(env(status("A2", UnitStatus.AVAILABLE)));
        assertThat(north()).isEqualTo(Colour.GREEN);
        assertThat(alertsAbout(settled(), "capacity:zone:AMB-N"))
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED))
                .filteredOn(a -> a.resolution().equals("Zone North (AMB-N) is green again: every safe minimum met"))
                .hasSize(1);
        assertThat(settled().alerts().values()).noneMatch(a -> a.status().isActive());
    }

    @Test
    void aRestartSeeingTheSameColoursRaisesNothingTwice() throws Exception {
        engine.execute(env(incident("I1", "AMB", "FALL", TestRegion.CENTRE)));
        engine.execute(env(assign("I1", "A1")));
        int before = settled().alerts().size();
        assertThat(before).isEqualTo(2); // the zone and its organisation, amber
        raiser.close();
        // a new raiser, as after a restart, looks at the same state
        raiser = new AlertRaiser(
                engine, List.of(new CapacityMonitor(new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS))));
        raiser.tick(clock.instant());
        assertThat(settled().alerts()).hasSize(before);
    }

    @Test
    void aCrewPastTheHandoverLimitIsAStatusLimitAlertResolvedWhenItLeavesHospital() throws Exception {
        engine.execute(env(incident("I1", "AMB", "FALL", TestRegion.CENTRE)));
        engine.execute(env(assign("I1", "A1")));
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        engine.execute(env(status("A1", UnitStatus.TRANSPORTING)));
        engine.execute(env(status("A1", UnitStatus.AT_HOSPITAL)));
        clock.advance(Duration.ofMinutes(40));
        raiser.tick(clock.instant());
        assertThat(alertsAbout(settled(), "status-limit:A1")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        raiser.tick(clock.instant());
        assertThat(alertsAbout(settled(), "status-limit:A1")).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("status-limit");
            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(a.organisations()).containsExactly(org("AMB"));
            assertThat(a.summary()).isEqualTo("A1 has been at hospital for 50 minutes, past the limit of 45 minutes");
        });
        engine.execute(env(
                new Command.AcceptAlert(
                        alertsAbout(settled(), "status-limit:A1").getFirst().id()),
                "hospital told: handover delayed by a corridor full of patients"));
        engine.execute(env(status("A1", UnitStatus.AVAILABLE)));
        assertThat(alertsAbout(settled(), "status-limit:A1")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.decisionReason()).startsWith("hospital told");
            assertThat(a.resolution()).isEqualTo("A1 is no longer at hospital");
        });
    }

    @Test
    void aZoneWithNoUnitsOfItsOwnCoveredByANeighbourStandsAsItsCoverDoes() {
        ZoneId south = ZoneId.of("AMB-S");
        engine.execute(env(new Command.RegisterZone(south, org("AMB"), "South", java.util.Optional.empty())));
        engine.execute(env(new Command.SetSafeMinimum(south, UnitType.DOUBLE_CREWED_AMBULANCE, 1)));
        CapacityBoard board = new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS);
        assertThat(board.compute(engine.state()).findZone(south).orElseThrow().colour())
                .as("nothing stands in the south and nobody said who covers it")
                .isEqualTo(Colour.NONE);

        engine.execute(env(new Command.SetZoneCover(south, java.util.Optional.of(NORTH))));
        var now = board.compute(engine.state());
        assertThat(now.findZone(south).orElseThrow().colour())
                .isEqualTo(now.findZone(NORTH).orElseThrow().colour())
                .isNotEqualTo(Colour.NONE);
        assertThat(now.findZone(south).orElseThrow().coveredFrom()).contains(NORTH);

        // north short: the south's alert says where the shortage is, not that the south lacks units of its own
        engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, 99)));
        var southAlert = new CapacityMonitor(board)
                .listConditions(engine.state(), clock.instant()).stream()
                        .filter(c -> c.key().equals("capacity:zone:AMB-S"))
                        .findFirst()
                        .orElseThrow();
        assertThat(southAlert.summary())
                .contains("as the zone it is covered from: North (AMB-N) is red", "safe minimum 99");
        assertThat(southAlert.evidence()).containsEntry("covered_from", "AMB-N");
    }

    @Test
    void aServiceKeepsTheLargerOfItsAreasMinimumAndItsSectorsAndTheNationalPictureSaysSo() {
        // the area asks for 2 ambulances; its two sectors, 1 and 0 in all: the service keeps 2
        engine.execute(env(
                new Command.RegisterZone(ZoneId.of("AMB-N1"), org("AMB"), "North One", java.util.Optional.of(NORTH))));
        engine.execute(env(
                new Command.RegisterZone(ZoneId.of("AMB-N2"), org("AMB"), "North Two", java.util.Optional.of(NORTH))));
        engine.execute(env(new Command.SetSafeMinimum(ZoneId.of("AMB-N1"), UnitType.DOUBLE_CREWED_AMBULANCE, 1)));
        var amb = org("AMB");
        assertThat(engine.state().organisationMinimum(amb, UnitType.DOUBLE_CREWED_AMBULANCE))
                .isEqualTo(2);
        // the sectors then ask for 4 in all: each must keep its own, so the service keeps 4
        engine.execute(env(new Command.SetSafeMinimum(ZoneId.of("AMB-N2"), UnitType.DOUBLE_CREWED_AMBULANCE, 3)));
        assertThat(engine.state().organisationMinimum(amb, UnitType.DOUBLE_CREWED_AMBULANCE))
                .isEqualTo(4);
        var national = org.muster.engine.national.NationalPicture.of(
                engine.state(),
                new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS).compute(engine.state()),
                engine.rules().crewing(),
                clock.instant());
        assertThat(national.organisations().stream()
                        .filter(o -> o.organisation().equals(amb))
                        .findFirst()
                        .orElseThrow()
                        .capacity())
                .filteredOn(c -> c.type() == UnitType.DOUBLE_CREWED_AMBULANCE)
                .singleElement()
                .satisfies(c -> assertThat(c.minimum()).isEqualTo(4));
    }

    @Test
    void aStatusAUnitCannotTakeIsRefusedNamingTheUnit() {
        var unit = engine.state().units().values().stream()
                .filter(u -> u.status() == org.muster.domain.unit.UnitStatus.AVAILABLE)
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> engine.execute(env(new Command.ChangeUnitStatus(
                        unit.id(), org.muster.domain.unit.UnitStatus.TRANSPORTING, java.util.Optional.empty()))))
                .isInstanceOf(org.muster.domain.ConflictException.class)
                .hasMessageStartingWith(unit.callsign() + " cannot go from AVAILABLE to TRANSPORTING")
                .hasMessageContaining("may go to");
    }

    @Test
    void aSafeMinimumOfAnotherServicesUnitsIsRefusedNamingTheTypesAllowed() {
        // a police zone holding a minimum of ambulances could never meet it: its force would read "no units"
        long before = engine.state().sequence();
        assertThatThrownBy(() -> engine.execute(
                        env(new Command.SetSafeMinimum(ZoneId.of("POL-N"), UnitType.DOUBLE_CREWED_AMBULANCE, 1))))
                .isInstanceOf(org.muster.domain.InvalidInputException.class)
                .hasMessageContaining("type")
                .hasMessageContaining("DOUBLE_CREWED_AMBULANCE")
                .hasMessageContaining("POLICE organisation")
                .hasMessageContaining("POLICE_RESPONSE_CAR");
        assertThat(engine.state().sequence()).isEqualTo(before);
        // clearing one (a minimum of 0) stays allowed, for a log that holds one from before
        engine.execute(env(new Command.SetSafeMinimum(ZoneId.of("POL-N"), UnitType.DOUBLE_CREWED_AMBULANCE, 0)));
    }

    @Test
    void aCrewAtHospitalPastTheHandoverLimitIsFlagged() {
        engine.execute(env(incident("I1", "AMB", "FALL", TestRegion.CENTRE)));
        engine.execute(env(assign("I1", "A1")));
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        engine.execute(env(status("A1", UnitStatus.TRANSPORTING)));
        engine.execute(env(status("A1", UnitStatus.AT_HOSPITAL)));
        CapacityBoard board = new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS);
        clock.advance(Duration.ofMinutes(40));
        assertThat(board.listOverdue(engine.state(), clock.instant())).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(board.listOverdue(engine.state(), clock.instant()))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.unit().id()).isEqualTo(UnitId.of("A1"));
                    assertThat(o.status()).isEqualTo(UnitStatus.AT_HOSPITAL);
                    assertThat(o.inStatus()).isEqualTo(Duration.ofMinutes(50));
                });
    }

    @Test
    void capacityIsCountedInPeopleToo() {
        CapacityBoard board = new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS);
        assertThat(board.countPeopleOnDuty(engine.state(), org("POL")))
                .containsEntry(Skill.AUTHORISED_FIREARMS_OFFICER, 6L);
        engine.execute(env(
                new Command.WithdrawPeople(
                        org.muster.domain.command.PeopleSelection.withSkill(
                                org("POL"), Skill.AUTHORISED_FIREARMS_OFFICER, 0.5, 3),
                        org.muster.domain.command.WithdrawalMode.SKILL),
                "authorisations handed in"));
        assertThat(board.countPeopleOnDuty(engine.state(), org("POL")))
                .containsEntry(Skill.AUTHORISED_FIREARMS_OFFICER, 3L);
    }
}
