package org.muster.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.Agency;

/**
 * The ordering of priorities as the queue and diversion read it: {@link Priority#urgency()} puts the
 * ambulance categories and the police and fire grades on one line, 1 most urgent.
 */
class PriorityProperties {

    @Test
    void eachAgencyHasOneFullScaleFromOneToFourInDeclarationOrder() {
        assertThat(scaleOf(Agency.AMBULANCE)).containsExactly(Priority.C1, Priority.C2, Priority.C3, Priority.C4);
        List<Priority> grades = List.of(Priority.EMERGENCY, Priority.PRIORITY, Priority.SCHEDULED, Priority.RESOLUTION);
        assertThat(scaleOf(Agency.POLICE)).containsExactlyElementsOf(grades);
        assertThat(scaleOf(Agency.FIRE)).containsExactlyElementsOf(grades);
        for (Agency agency : Agency.values()) {
            assertThat(scaleOf(agency).stream().map(Priority::urgency))
                    .as(agency.name())
                    .containsExactly(1, 2, 3, 4);
        }
    }

    private static List<Priority> scaleOf(Agency agency) {
        return Arrays.stream(Priority.values()).filter(p -> p.appliesTo(agency)).toList();
    }

    @Property
    void moreUrgentIsAStrictOrderBySmallerUrgency(@ForAll Priority a, @ForAll Priority b, @ForAll Priority c) {
        assertThat(a.isMoreUrgentThan(b)).isEqualTo(a.urgency() < b.urgency());
        assertThat(a.isMoreUrgentThan(a)).isFalse();
        if (a.isMoreUrgentThan(b)) assertThat(b.isMoreUrgentThan(a)).isFalse();
        if (a.isMoreUrgentThan(b) && b.isMoreUrgentThan(c))
            assertThat(a.isMoreUrgentThan(c)).isTrue();
        // across scales: neither of two equally urgent priorities outranks the other (C1 and EMERGENCY)
        if (a.urgency() == b.urgency()) {
            assertThat(a.isMoreUrgentThan(b) || b.isMoreUrgentThan(a)).isFalse();
        }
    }

    @Property
    void onlyTheMostUrgentPriorityDivertsAUnitAndNothingOutranksIt(@ForAll Priority p) {
        boolean nothingMoreUrgent = Arrays.stream(Priority.values()).noneMatch(q -> q.isMoreUrgentThan(p));
        assertThat(p.allowsDiversion()).isEqualTo(p.urgency() == 1).isEqualTo(nothingMoreUrgent);
    }

    @Property
    void everyPriorityAppliesToSomeAgencyAndItsScaleIsOneAgencyKindOnly(@ForAll Priority p) {
        assertThat(Arrays.stream(Agency.values()).filter(p::appliesTo)).isNotEmpty();
        // an ambulance category is never a police or fire grade
        assertThat(p.appliesTo(Agency.AMBULANCE)).isNotEqualTo(p.appliesTo(Agency.POLICE));
        assertThat(p.appliesTo(Agency.POLICE)).isEqualTo(p.appliesTo(Agency.FIRE));
    }

    @Test
    void theQueueOrderPutsEqualUrgenciesTogetherMostUrgentFirst() {
        // the order DispatchQueue sorts by: urgency alone, whatever the scale
        List<Priority> sorted = Arrays.stream(Priority.values())
                .sorted(Comparator.comparingInt(Priority::urgency))
                .toList();
        assertThat(sorted)
                .containsExactly(
                        Priority.C1,
                        Priority.EMERGENCY,
                        Priority.C2,
                        Priority.PRIORITY,
                        Priority.C3,
                        Priority.SCHEDULED,
                        Priority.C4,
                        Priority.RESOLUTION);
    }

    @Test
    void everyCatalogueTypeDefaultsToAPriorityOfItsOwnAgency() {
        IncidentTypeCatalogue catalogue = IncidentTypeCatalogue.defaults();
        assertThat(catalogue.listTypes()).isNotEmpty();
        for (IncidentType type : catalogue.listTypes()) {
            assertThat(type.defaultPriority().appliesTo(type.agency()))
                    .as(type.code().value())
                    .isTrue();
        }
        assertThat(catalogue.getType(IncidentTypeCode.of("CARDIAC_ARREST")).defaultPriority())
                .isEqualTo(Priority.C1);
    }
}
