package org.muster.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

class CapacityTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final Rules.ZoneLocator everywhereNorth = point -> List.of(NORTH, ZoneId.of("POL-N"));
    private SingleWriter engine;
    private CapacityMonitor monitor;

    @BeforeEach
    void start() {
        engine = SingleWriter.start(
                new MemoryEventLog(), Rules.defaults().withZones(everywhereNorth), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, 2)));
        monitor = new CapacityMonitor(engine, new CapacityBoard(everywhereNorth, CapacityConfig.DEFAULTS));
    }

    @AfterEach
    void stop() {
        monitor.close();
        engine.close();
    }

    private Colour north() {
        monitor.awaitIdle();
        return monitor.current().findZone(NORTH).orElseThrow().colour();
    }

    @Test
    void aZoneGoesFromGreenThroughAmberAndRedToNoUnitsAvailableAndEveryChangeIsAnAlert() {
        assertThat(north()).isEqualTo(Colour.GREEN);
        for (int i = 1; i <= 3; i++) {
            engine.execute(env(incident("I" + i, "AMB", "FALL", TestRegion.CENTRE)));
            engine.execute(env(assign("I" + i, "A" + i)));
        }
        assertThat(north()).isEqualTo(Colour.NONE);
        assertThat(monitor.listAlerts())
                .filteredOn(a -> a.zone().isPresent())
                .extracting(a -> a.from() + "->" + a.to())
                .containsExactly("GREEN->AMBER", "AMBER->RED", "RED->NONE");
        assertThat(monitor.listAlerts())
                .filteredOn(a -> a.zone().isEmpty())
                .extracting(CapacityMonitor.Alert::describe)
                .contains("organisation AMB capacity RED -> NONE: no units available");
        var line = monitor.current().findZone(NORTH).orElseThrow().lines().get(0);
        assertThat(line.type()).isEqualTo(UnitType.DOUBLE_CREWED_AMBULANCE);
        assertThat(line.available()).isZero();
        assertThat(line.minimum()).isEqualTo(2);

        engine.execute(env(status("A3", UnitStatus.AVAILABLE)));
        assertThat(north()).isEqualTo(Colour.RED);
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
