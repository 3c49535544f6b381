package org.muster.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.org;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/** What a unit taken away would do to its zone's safe minimum, said as it stands. */
class HeadroomTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private final Rules.ZoneLocator everywhereNorth = point -> List.of(NORTH);

    @Test
    void aZoneAlreadyShortSaysSoAndOneAtItsMinimumWouldFallBelow() {
        try (SingleWriter engine = SingleWriter.start(
                new MemoryEventLog(),
                Rules.defaults().withZones(everywhereNorth),
                TestClock.at("2026-12-05T20:00:00Z"),
                WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            List<Unit> ambulances = engine.state().units().values().stream()
                    .filter(u -> u.organisation().equals(org("AMB"))
                            && u.type() == UnitType.DOUBLE_CREWED_AMBULANCE
                            && u.status() == UnitStatus.AVAILABLE)
                    .toList();
            int free = ambulances.size();
            engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, free + 2)));
            assertThat(new Headroom(engine.state(), org("AMB"), everywhereNorth).take(ambulances.getFirst()))
                    .hasValueSatisfying(why -> assertThat(why)
                            .contains("is already below its safe minimum of " + (free + 2))
                            .contains("(" + free + " available)"));
            engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, free)));
            assertThat(new Headroom(engine.state(), org("AMB"), everywhereNorth).take(ambulances.getFirst()))
                    .hasValueSatisfying(
                            why -> assertThat(why).contains("would fall below its safe minimum of " + free));
        }
    }

    /**
     * A district of the area, where every unit stands: the area short is named, and the district too when it is
     * short as well, the area first. The warning named only the district when both were short, where a
     * coordinator looks to the area.
     */
    @Test
    void anAreaShortIsNamedFirstAndItsDistrictWithItWhenBothAre() {
        ZoneId district = ZoneId.of("AMB-N1");
        // as the zone index answers: the smallest zone first, a district before its area
        Rules.ZoneLocator inTheDistrict = point -> List.of(district, NORTH);
        try (SingleWriter engine = SingleWriter.start(
                new MemoryEventLog(),
                Rules.defaults().withZones(inTheDistrict),
                TestClock.at("2026-12-05T20:00:00Z"),
                WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            engine.execute(
                    env(new Command.RegisterZone(district, org("AMB"), "Larkwich District", Optional.of(NORTH))));
            List<Unit> ambulances = engine.state().units().values().stream()
                    .filter(u -> u.organisation().equals(org("AMB"))
                            && u.type() == UnitType.DOUBLE_CREWED_AMBULANCE
                            && u.status() == UnitStatus.AVAILABLE)
                    .toList();
            Unit ambulance = ambulances.getFirst();
            int free = ambulances.size();
            String area = "zone AMB-N (North) is already below its safe minimum of " + (free + 2);
            String inIt = "zone AMB-N1 (Larkwich District) is already below its safe minimum of " + (free + 1);

            engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, free + 2)));
            engine.execute(env(new Command.SetSafeMinimum(district, UnitType.DOUBLE_CREWED_AMBULANCE, free + 1)));
            assertThat(new Headroom(engine.state(), org("AMB"), inTheDistrict).take(ambulance))
                    .hasValueSatisfying(why -> assertThat(why).startsWith(area).contains(", and " + inIt));

            engine.execute(env(new Command.SetSafeMinimum(district, UnitType.DOUBLE_CREWED_AMBULANCE, 1)));
            assertThat(new Headroom(engine.state(), org("AMB"), inTheDistrict).take(ambulance))
                    .hasValueSatisfying(why -> assertThat(why).startsWith(area).doesNotContain("AMB-N1"));

            engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, 1)));
            engine.execute(env(new Command.SetSafeMinimum(district, UnitType.DOUBLE_CREWED_AMBULANCE, free + 1)));
            assertThat(new Headroom(engine.state(), org("AMB"), inTheDistrict).take(ambulance))
                    .hasValueSatisfying(why -> assertThat(why).startsWith(inIt).doesNotContain("AMB-N (North)"));
        }
    }
}
