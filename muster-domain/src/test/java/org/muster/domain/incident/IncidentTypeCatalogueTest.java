package org.muster.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.organisation.Agency;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitType;

class IncidentTypeCatalogueTest {

    @Test
    void theDefaultUkCatalogueCoversTheIssuesList() {
        var catalogue = IncidentTypeCatalogue.defaults();
        for (String code : List.of(
                "CARDIAC_ARREST",
                "STROKE",
                "CHEST_PAIN",
                "FALL",
                "WELFARE_CONCERN",
                "STABBING",
                "FIREARMS",
                "PUBLIC_DISORDER",
                "OBSTRUCTED_ACCESS",
                "BURGLARY_IN_PROGRESS",
                "RTC",
                "BUILDING_FIRE")) {
            assertThat(catalogue.findType(IncidentTypeCode.of(code))).as(code).isPresent();
        }
        IncidentType firearms = catalogue.getType(IncidentTypeCode.of("FIREARMS"));
        assertThat(firearms.agency()).isEqualTo(Agency.POLICE);
        assertThat(firearms.defaultPriority()).isEqualTo(Priority.EMERGENCY);
        assertThat(firearms.requirements()).singleElement().satisfies(r -> {
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.capabilities()).containsExactly(Capability.ARMED);
            assertThat(r.isMetBy(UnitType.ARMED_RESPONSE_VEHICLE, java.util.Set.of(Capability.ARMED)))
                    .isTrue();
            assertThat(r.isMetBy(UnitType.ARMED_RESPONSE_VEHICLE, java.util.Set.of(Capability.ESCORT)))
                    .isFalse();
        });
        assertThat(firearms.hazards()).contains(Hazard.FIREARMS);
        assertThatThrownBy(() -> catalogue.getType(IncidentTypeCode.of("NOPE"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyBadLineIsReportedWithItsLineNumber() {
        String csv = IncidentTypeCatalogue.HEADER + "\n"
                + "A,Thing,POLICE,C1,POLICE_RESPONSE_CAR*1,\n" // C1 is not a police priority
                + "B,Thing,POLICE,EMERGENCY,TANK*1,\n" // no such unit type
                + "C,Thing,POLICE,EMERGENCY,POLICE_RESPONSE_CAR*1,LASERS\n" // no such hazard
                + "D,too,few\n";
        assertThatThrownBy(() -> IncidentTypeCatalogue.parse(new StringReader(csv)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2.priority='C1'")
                .hasMessageContaining("line 3.requires='TANK*1'")
                .hasMessageContaining("line 4.hazards='LASERS'")
                .hasMessageContaining("line 5.columns");
    }

    @Test
    void aRequirementPrintsInTheFormItIsReadFrom() {
        ResourceRequirement r = IncidentTypeCatalogue.parseRequirement(
                "requires", "RAPID_RESPONSE_CAR|DOUBLE_CREWED_AMBULANCE+PARAMEDIC_CARE*1");
        assertThat(IncidentTypeCatalogue.parseRequirement("requires", r.toString()))
                .isEqualTo(r);
        assertThatThrownBy(() -> IncidentTypeCatalogue.parseRequirement("requires", "ANY*0"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> IncidentTypeCatalogue.parseRequirement("requires", "ANY*1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("type or a capability");
    }
}
