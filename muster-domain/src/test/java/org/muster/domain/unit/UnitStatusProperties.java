package org.muster.domain.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.domain.unit.UnitStatus.AT_HOSPITAL;
import static org.muster.domain.unit.UnitStatus.AT_RENDEZVOUS;
import static org.muster.domain.unit.UnitStatus.AVAILABLE;
import static org.muster.domain.unit.UnitStatus.DISPATCHED;
import static org.muster.domain.unit.UnitStatus.EN_ROUTE;
import static org.muster.domain.unit.UnitStatus.ON_SCENE;
import static org.muster.domain.unit.UnitStatus.RETURNING;
import static org.muster.domain.unit.UnitStatus.TRANSPORTING;
import static org.muster.domain.unit.UnitStatus.UNAVAILABLE;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.testing.Reach;

class UnitStatusProperties {
    /**
     * The table as the control room works it, written out a second time: a change to UnitStatus's table
     * must be made here too, on purpose, and every module's behaviour follows from it.
     */
    private static final Map<UnitStatus, Set<UnitStatus>> EXPECTED = Map.of(
            AVAILABLE, EnumSet.of(DISPATCHED, EN_ROUTE, UNAVAILABLE),
            DISPATCHED, EnumSet.of(DISPATCHED, EN_ROUTE, AT_RENDEZVOUS, ON_SCENE, AVAILABLE, UNAVAILABLE),
            EN_ROUTE, EnumSet.of(DISPATCHED, AT_RENDEZVOUS, ON_SCENE, AVAILABLE, UNAVAILABLE),
            AT_RENDEZVOUS, EnumSet.of(EN_ROUTE, ON_SCENE, DISPATCHED, RETURNING, AVAILABLE, UNAVAILABLE),
            ON_SCENE, EnumSet.of(TRANSPORTING, RETURNING, AVAILABLE),
            TRANSPORTING, EnumSet.of(AT_HOSPITAL, UNAVAILABLE),
            AT_HOSPITAL, EnumSet.of(RETURNING, AVAILABLE, UNAVAILABLE),
            RETURNING, EnumSet.of(AVAILABLE, DISPATCHED, UNAVAILABLE),
            UNAVAILABLE, EnumSet.of(AVAILABLE));

    @Property
    void theTableIsTheOneTheControlRoomWorks(@ForAll UnitStatus from, @ForAll UnitStatus to) {
        assertThat(from.canMoveTo(to))
                .as(from + " -> " + to)
                .isEqualTo(EXPECTED.get(from).contains(to));
        assertThat(from.allowedNext()).containsExactlyInAnyOrderElementsOf(EXPECTED.get(from));
    }

    @Property
    void whatAllowedNextHandsOutCannotChangeTheTable(@ForAll UnitStatus from, @ForAll UnitStatus to) {
        Set<UnitStatus> handedOut = from.allowedNext();
        assertThatThrownBy(() -> handedOut.add(to)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handedOut.remove(to)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(handedOut::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handedOut.removeIf(s -> true)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handedOut.retainAll(Set.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(from.canMoveTo(to)).isEqualTo(EXPECTED.get(from).contains(to));
    }

    @Property
    void aRefusalListsTheMovesThatAreAllowedInTheTablesOrder(@ForAll UnitStatus from, @ForAll UnitStatus to) {
        if (from.canMoveTo(to)) return;
        // declaration order, so the same refusal reads the same on every run and every node
        String allowed = EnumSet.copyOf(EXPECTED.get(from)).toString();
        assertThatThrownBy(() -> from.checkMoveTo(to)).hasMessageEndingWith("it may go to " + allowed);
    }

    @Test
    void everyStatusIsReachableFromAvailable() {
        assertThat(Reach.from(AVAILABLE, UnitStatus::allowedNext)).containsExactlyInAnyOrder(UnitStatus.values());
    }

    @Property
    void aUnitNeverStaysPutExceptWhenDivertedAndNeverGetsStuck(@ForAll UnitStatus s) {
        // DISPATCHED -> DISPATCHED is a diversion to another incident; every other move changes the status
        assertThat(s.canMoveTo(s)).isEqualTo(s == DISPATCHED);
        // a unit has no terminal status: it always goes somewhere
        assertThat(s.allowedNext()).isNotEmpty();
    }

    @Property
    void aUnitIsDispatchedOnlyWhenFreeOrOnItsWay(@ForAll UnitStatus s) {
        // a unit off the road or handing over a patient is not sent anywhere until it is free again
        boolean mayBeDispatched =
                s == AVAILABLE || s == RETURNING || s.isCommitted() && s != ON_SCENE && s != TRANSPORTING;
        assertThat(s.canMoveTo(DISPATCHED)).as(s.name()).isEqualTo(mayBeDispatched);
    }

    @Property
    void anUnavailableUnitComesBackOnlyByBeingAvailable(@ForAll UnitStatus to) {
        assertThat(UNAVAILABLE.canMoveTo(to)).isEqualTo(to == AVAILABLE);
    }

    @Test
    void aPatientIsTakenOnlyFromTheSceneAndHandedOverOnlyAtHospital() {
        for (UnitStatus s : UnitStatus.values()) {
            assertThat(s.canMoveTo(TRANSPORTING)).as(s.name()).isEqualTo(s == ON_SCENE);
            assertThat(s.canMoveTo(AT_HOSPITAL)).as(s.name()).isEqualTo(s == TRANSPORTING);
        }
        assertThat(List.of(UnitStatus.values()).stream().filter(UnitStatus::isCommitted))
                .containsExactly(DISPATCHED, EN_ROUTE, AT_RENDEZVOUS, ON_SCENE, TRANSPORTING);
    }

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
