package org.muster.domain.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;

class UnitStatusProperties {

    @Property
    void aMoveIsAllowedExactlyWhenTheTableHasItAndARefusalNamesBothStates(
            @ForAll UnitStatus from, @ForAll UnitStatus to) {
        if (from.allowedNext().contains(to)) {
            from.checkMoveTo(to);
            assertThat(from.canMoveTo(to)).isTrue();
        } else {
            assertThat(from.canMoveTo(to)).isFalse();
            assertThatThrownBy(() -> from.checkMoveTo(to))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(from.name())
                    .hasMessageContaining(to.name());
        }
    }

    @Property
    void everyStatusCanGetBackToAvailable(@ForAll UnitStatus from) {
        // a breadth-first walk of the table: no status is a dead end for a unit
        var seen = java.util.EnumSet.of(from);
        var frontier = new java.util.ArrayDeque<UnitStatus>(java.util.List.of(from));
        while (!frontier.isEmpty()) {
            for (UnitStatus next : frontier.poll().allowedNext()) {
                if (seen.add(next)) frontier.add(next);
            }
        }
        assertThat(seen).contains(UnitStatus.AVAILABLE);
    }

    @Test
    void theCommittedStatusesAreTheOnesOnAJob() {
        assertThat(UnitStatus.DISPATCHED.isCommitted()).isTrue();
        assertThat(UnitStatus.ON_SCENE.isCommitted()).isTrue();
        assertThat(UnitStatus.AVAILABLE.isCommitted()).isFalse();
        assertThat(UnitStatus.AT_HOSPITAL.isCommitted()).isFalse();
    }

    @Test
    void aUnitReachesTheRendezvousPointOnItsWayAndLeavesItForTheSceneOrAnotherCall() {
        assertThat(UnitStatus.DISPATCHED.canMoveTo(UnitStatus.AT_RENDEZVOUS)).isTrue();
        assertThat(UnitStatus.EN_ROUTE.canMoveTo(UnitStatus.AT_RENDEZVOUS)).isTrue();
        assertThat(UnitStatus.AT_RENDEZVOUS.allowedNext())
                .contains(UnitStatus.ON_SCENE, UnitStatus.EN_ROUTE, UnitStatus.DISPATCHED, UnitStatus.AVAILABLE);
        // a unit at its station does not jump to a rendezvous point: it is sent there
        assertThat(UnitStatus.AVAILABLE.canMoveTo(UnitStatus.AT_RENDEZVOUS)).isFalse();
        assertThat(UnitStatus.AT_RENDEZVOUS.isCommitted()).isTrue();
    }
}
