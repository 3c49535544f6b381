package org.muster.domain.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.DutyState;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;

class CrewingRulesTest {
    private final CrewingRules rules = CrewingRules.defaults();

    private static Person officer(String id, Skill... skills) {
        return new Person(
                PersonId.of(id),
                "Officer " + id,
                OrganisationId.of("POL"),
                PersonRole.POLICE_OFFICER,
                new TreeSet<>(skills.length == 0 ? EnumSet.noneOf(Skill.class) : EnumSet.of(skills[0], skills)),
                new TreeSet<>(),
                DutyState.ON_DUTY);
    }

    @Test
    void anArmedResponseVehicleNeedsTwoLiveFirearmsAuthorisations() {
        var afo1 = officer("a", Skill.AUTHORISED_FIREARMS_OFFICER, Skill.RESPONSE_DRIVER);
        var afo2 = officer("b", Skill.AUTHORISED_FIREARMS_OFFICER);
        assertThat(rules.isRoadworthy(UnitType.ARMED_RESPONSE_VEHICLE, List.of(afo1, afo2)))
                .isTrue();
        assertThat(rules.liveCapabilities(UnitType.ARMED_RESPONSE_VEHICLE, List.of(afo1, afo2)))
                .contains(Capability.ARMED);

        var handedIn = afo2.withSkillSuspended(Skill.AUTHORISED_FIREARMS_OFFICER, true);
        assertThat(rules.isRoadworthy(UnitType.ARMED_RESPONSE_VEHICLE, List.of(afo1, handedIn)))
                .isFalse();
        assertThat(rules.liveCapabilities(UnitType.ARMED_RESPONSE_VEHICLE, List.of(afo1, handedIn)))
                .doesNotContain(Capability.ARMED)
                .contains(Capability.ESCORT);
        assertThat(rules.shortfall(UnitType.ARMED_RESPONSE_VEHICLE, List.of(afo1, handedIn)))
                .containsExactly(new CrewingRules.SkillNeed(Skill.AUTHORISED_FIREARMS_OFFICER, 2));

        var offDuty = afo2.withDuty(DutyState.WITHDRAWN);
        assertThat(rules.isRoadworthy(UnitType.ARMED_RESPONSE_VEHICLE, List.of(afo1, offDuty)))
                .isFalse();
    }

    @Test
    void badRulesAreRefusedWithEveryProblemNamed() {
        String text = "type.SPACESHIP = PILOT*1\ncapability.ARMED = AUTHORISED_FIREARMS_OFFICER*0\nweird = x\n";
        assertThatThrownBy(() -> CrewingRules.parse(new StringReader(text)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).violations()).hasSize(3))
                .hasMessageContaining("SPACESHIP")
                .hasMessageContaining("AUTHORISED_FIREARMS_OFFICER*0")
                .hasMessageContaining("weird");
    }
}
