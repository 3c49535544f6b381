package org.muster.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.unit.UnitType;

/** Targets default to DESIGN.md's reference numbers; bad ones are refused naming field, value and rule. */
class CoverageConfigTest {
    @Test
    void defaultsAreTheReferenceNumbers() {
        CoverageConfig c = CoverageConfig.DEFAULTS;
        assertThat(c.standardsFor(Agency.AMBULANCE))
                .extracting(CoverageStandard::category, CoverageStandard::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Priority.C1, Duration.ofMinutes(7)),
                        org.assertj.core.groups.Tuple.tuple(Priority.C2, Duration.ofMinutes(18)));
        assertThat(c.standardsFor(Agency.POLICE))
                .containsExactly(new CoverageStandard(Agency.POLICE, Priority.EMERGENCY, Duration.ofMinutes(15)));
        assertThat(c.standardsFor(Agency.FIRE)).isEmpty();
    }

    @Test
    void eachStandardCountsTheUnitTypesThatCouldStopItsCallsClock() {
        // the default catalogue: a C1 call's clock stops for any responder it asks for (an ambulance, a
        // paramedic's car, the hazardous area team at a shooting); a C2 call's for the ambulance it asks for first
        CoverageConfig c = CoverageConfig.DEFAULTS;
        assertThat(c.standardsFor(Agency.AMBULANCE))
                .extracting(CoverageStandard::unitTypes)
                .containsExactly(
                        new TreeSet<>(Set.of(
                                UnitType.DOUBLE_CREWED_AMBULANCE,
                                UnitType.RAPID_RESPONSE_CAR,
                                UnitType.HAZARDOUS_AREA_RESPONSE_TEAM)),
                        new TreeSet<>(Set.of(UnitType.DOUBLE_CREWED_AMBULANCE)));
        assertThat(c.standardsFor(UnitType.RAPID_RESPONSE_CAR))
                .extracting(CoverageStandard::category)
                .containsExactly(Priority.C1);
        assertThat(c.standardsFor(UnitType.DOUBLE_CREWED_AMBULANCE))
                .extracting(CoverageStandard::category)
                .containsExactly(Priority.C1, Priority.C2);
        // every police type answers some emergency call first (a stabbing asks for any with police response)
        assertThat(c.standardsFor(Agency.POLICE).get(0).unitTypes()).isEqualTo(CoverageStandard.typesOf(Agency.POLICE));
        // a changed target keeps the types it counts
        assertThat(c.withTarget(Agency.AMBULANCE, Priority.C2, Duration.ofMinutes(30))
                        .standardsFor(UnitType.RAPID_RESPONSE_CAR))
                .extracting(CoverageStandard::category)
                .containsExactly(Priority.C1);
    }

    @Test
    void aCatalogueWhoseC2CallsACarCanAnswerCountsTheCar() {
        IncidentTypeCatalogue catalogue = IncidentTypeCatalogue.of(List.of(new IncidentType(
                IncidentTypeCode.of("FALL_AT_HOME"),
                "Fall at home",
                Agency.AMBULANCE,
                Priority.C2,
                List.of(IncidentTypeCatalogue.parseRequirement(
                        "requires", "RAPID_RESPONSE_CAR|DOUBLE_CREWED_AMBULANCE*1")),
                new TreeSet<>())));
        CoverageConfig c = CoverageConfig.of(catalogue);
        assertThat(c.standardsFor(Agency.AMBULANCE).get(1).unitTypes())
                .containsExactly(UnitType.DOUBLE_CREWED_AMBULANCE, UnitType.RAPID_RESPONSE_CAR);
        // no C1 call in it: C1 keeps every ambulance type
        assertThat(c.standardsFor(Agency.AMBULANCE).get(0).unitTypes())
                .isEqualTo(CoverageStandard.typesOf(Agency.AMBULANCE));
    }

    @Test
    void aTargetCanBeChangedOrAdded() {
        CoverageConfig c = CoverageConfig.DEFAULTS
                .withTarget(Agency.POLICE, Priority.EMERGENCY, Duration.ofMinutes(20))
                .withTarget(Agency.FIRE, Priority.EMERGENCY, Duration.ofMinutes(10));
        assertThat(c.standardsFor(Agency.POLICE))
                .extracting(CoverageStandard::target)
                .containsExactly(Duration.ofMinutes(20));
        assertThat(c.standardsFor(Agency.FIRE))
                .extracting(CoverageStandard::target)
                .containsExactly(Duration.ofMinutes(10));
    }

    /**
     * A force's own target stands in for the reference for its own units: one that judges its emergencies within
     * 20 minutes is covered where one of its cars can be within 20, not 15 (its coverage read 81 % with every car
     * free); a force without one keeps the reference, and the ambulance service its own means.
     */
    @Test
    void anOrganisationsOwnTargetStandsInForTheReference() {
        var nsp = org.muster.domain.organisation.OrganisationId.of("NSP");
        var wsp = org.muster.domain.organisation.OrganisationId.of("WSP");
        var mas = org.muster.domain.organisation.OrganisationId.of("MAS");
        var targets = org.muster.engine.performance.ResponseTargets.DEFAULTS
                .withOwn(
                        nsp, Priority.EMERGENCY, org.muster.engine.performance.ResponseTargets.Target.parse("t", "20m"))
                .withOwn(nsp, Priority.PRIORITY, org.muster.engine.performance.ResponseTargets.Target.parse("t", "60m"))
                .withOwn(
                        mas,
                        Priority.C2,
                        org.muster.engine.performance.ResponseTargets.Target.parse("t", "mean 20m, p90 45m"));
        CoverageConfig c = CoverageConfig.DEFAULTS.withOwnTargets(targets);
        assertThat(c.standardsFor(nsp, UnitType.POLICE_RESPONSE_CAR))
                .extracting(CoverageStandard::category, CoverageStandard::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Priority.EMERGENCY, Duration.ofMinutes(20)));
        assertThat(c.standardsFor(wsp, UnitType.POLICE_RESPONSE_CAR))
                .extracting(CoverageStandard::target)
                .containsExactly(Duration.ofMinutes(15));
        assertThat(c.standardsFor(mas, UnitType.DOUBLE_CREWED_AMBULANCE))
                .as("the mean of a target with both parts, as the reference standards are means")
                .extracting(CoverageStandard::target)
                .containsExactly(Duration.ofMinutes(7), Duration.ofMinutes(20));
        assertThat(c.standardsFor(nsp, UnitType.POLICE_RESPONSE_CAR))
                .as("a priority coverage does not measure adds no standard")
                .extracting(CoverageStandard::category)
                .containsExactly(Priority.EMERGENCY);
    }

    @Test
    void badStandardsAreRefused() {
        assertThatThrownBy(() -> new CoverageStandard(Agency.POLICE, Priority.C1, Duration.ofMinutes(7)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standard.category")
                .hasMessageContaining("C1")
                .hasMessageContaining("POLICE");
        assertThatThrownBy(() -> new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standard.target")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> CoverageConfig.DEFAULTS.withStandards(List.of(
                        new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ofMinutes(7)),
                        new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ofMinutes(8)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("repeats AMBULANCE C1");
        assertThatThrownBy(() -> CoverageConfig.DEFAULTS.withStandards(List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standards");
        assertThatThrownBy(() -> CoverageConfig.DEFAULTS.withCountedStatuses(Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("countedStatuses");
        assertThatThrownBy(() -> new CoverageStandard(
                        Agency.AMBULANCE,
                        Priority.C2,
                        Duration.ofMinutes(18),
                        new TreeSet<>(Set.of(UnitType.POLICE_RESPONSE_CAR))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standard.unitTypes")
                .hasMessageContaining("POLICE_RESPONSE_CAR")
                .hasMessageContaining("AMBULANCE");
    }
}
