package org.muster.cli.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitType;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.Colour;

/** The zone's word on {@code ./muster board}: what it is out of, as the dashboard's card says it. */
class BoardColourWordTest {
    private static CapacityBoard.ZoneCapacity zone(Colour colour, CapacityBoard.Line... lines) {
        return new CapacityBoard.ZoneCapacity(ZoneId.of("MAS-01"), OrganisationId.of("MAS"), colour, List.of(lines));
    }

    @Test
    void aZoneOutOfOneTypeItKeepsAMinimumOfNamesItAsItsLinesDo() {
        var hart = new CapacityBoard.Line(UnitType.HAZARDOUS_AREA_RESPONSE_TEAM, 0, 1, Colour.NONE);
        var cars = new CapacityBoard.Line(UnitType.RAPID_RESPONSE_CAR, 2, 1, Colour.GREEN);
        assertThat(BoardCommand.colourWord(zone(Colour.NONE, hart, cars))).isEqualTo("NO HAZARDOUS_AREA_RESPONSE_TEAM");
    }

    @Test
    void aZoneWithNoneFreeAtAllHasNoUnitsAndOthersTheirColour() {
        var ambulances = new CapacityBoard.Line(UnitType.DOUBLE_CREWED_AMBULANCE, 0, 2, Colour.NONE);
        var cars = new CapacityBoard.Line(UnitType.RAPID_RESPONSE_CAR, 0, 0, Colour.NONE);
        assertThat(BoardCommand.colourWord(zone(Colour.NONE, ambulances, cars))).isEqualTo("NO UNITS");
        var fewer = new CapacityBoard.Line(UnitType.DOUBLE_CREWED_AMBULANCE, 1, 2, Colour.RED);
        assertThat(BoardCommand.colourWord(zone(Colour.RED, fewer))).isEqualTo("RED");
    }

    @Test
    void aTimeOverAnHourKeepsItsSecondsSoAFigureJustOverItsTargetDoesNotReadAsTheTarget() {
        assertThat(BoardCommand.words(java.time.Duration.ofSeconds(7217))).isEqualTo("2 h 0 min 17 s");
        assertThat(BoardCommand.words(java.time.Duration.ofHours(2))).isEqualTo("2 h 0 min");
        assertThat(BoardCommand.words(java.time.Duration.ofSeconds(268))).isEqualTo("4 min 28 s");
    }
}
