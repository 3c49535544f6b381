package org.muster.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.domain.incident.IncidentStatus.ASSIGNED;
import static org.muster.domain.incident.IncidentStatus.CANCELLED;
import static org.muster.domain.incident.IncidentStatus.CLOSED;
import static org.muster.domain.incident.IncidentStatus.MERGED;
import static org.muster.domain.incident.IncidentStatus.ON_SCENE;
import static org.muster.domain.incident.IncidentStatus.OPEN;
import static org.muster.domain.incident.IncidentStatus.WAITING;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.testing.Reach;

class IncidentStatusProperties {
    /** The lifecycle written out a second time, so that changing IncidentStatus's table is done on purpose. */
    private static final Map<IncidentStatus, Set<IncidentStatus>> EXPECTED = Map.of(
            OPEN, EnumSet.of(WAITING, ASSIGNED, CANCELLED, MERGED),
            WAITING, EnumSet.of(ASSIGNED, CANCELLED, MERGED),
            ASSIGNED, EnumSet.of(ON_SCENE, WAITING, CLOSED, CANCELLED, MERGED),
            ON_SCENE, EnumSet.of(ASSIGNED, CLOSED),
            CLOSED, EnumSet.noneOf(IncidentStatus.class),
            CANCELLED, EnumSet.noneOf(IncidentStatus.class),
            MERGED, EnumSet.noneOf(IncidentStatus.class));

    @Property
    void theTableAndEveryMethodThatReadsItAgree(@ForAll IncidentStatus from, @ForAll IncidentStatus to) {
        boolean allowed = EXPECTED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
        assertThat(from.allowedNext().contains(to)).isEqualTo(allowed);
        assertThat(from.isTerminal()).isEqualTo(EXPECTED.get(from).isEmpty());
        if (allowed) {
            from.checkMoveTo(to);
        } else {
            assertThatThrownBy(() -> from.checkMoveTo(to))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("from " + from + " to " + to)
                    .hasMessageEndingWith(
                            from.isTerminal() ? "it may go nowhere" : "it may go to " + EXPECTED.get(from));
        }
    }

    @Property
    void whatAllowedNextHandsOutCannotChangeTheTable(@ForAll IncidentStatus from, @ForAll IncidentStatus to) {
        Set<IncidentStatus> handedOut = from.allowedNext();
        assertThatThrownBy(() -> handedOut.add(to)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handedOut.remove(to)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(handedOut::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handedOut.addAll(EnumSet.allOf(IncidentStatus.class)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(from.canMoveTo(to)).isEqualTo(EXPECTED.get(from).contains(to));
    }

    @Property
    void aTerminalIncidentGoesNowhereAndNothingGoesBackToOpenOrStaysPut(
            @ForAll IncidentStatus from, @ForAll IncidentStatus to) {
        if (from.isTerminal()) assertThat(from.canMoveTo(to)).isFalse();
        // OPEN is only where a call starts; a move to the same state would write an event that changes nothing
        assertThat(from.canMoveTo(OPEN)).isFalse();
        assertThat(from.canMoveTo(from)).isFalse();
    }

    @Property
    void everyLiveIncidentCanStillBeFinished(@ForAll IncidentStatus from) {
        // from any state an incident can reach a terminal one, so nothing stays on the boards for ever
        assertThat(Reach.from(from, IncidentStatus::allowedNext)).anyMatch(IncidentStatus::isTerminal);
    }

    @Test
    void everyStateIsReachableFromOpenAndTheTerminalOnesAreClosedCancelledMerged() {
        assertThat(Reach.from(OPEN, IncidentStatus::allowedNext)).containsExactlyInAnyOrder(IncidentStatus.values());
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(IncidentStatus::isTerminal))
                .containsExactly(CLOSED, CANCELLED, MERGED);
    }

    @Test
    void onlyACallWithAUnitCanBeClosedAndOnlyOneNobodyReachedYetCanBeCancelledOrMerged() {
        for (IncidentStatus s : IncidentStatus.values()) {
            assertThat(s.canMoveTo(CLOSED)).as(s.name()).isEqualTo(s == ASSIGNED || s == ON_SCENE);
            assertThat(s.canMoveTo(CANCELLED)).as(s.name()).isEqualTo(s == OPEN || s == WAITING || s == ASSIGNED);
            assertThat(s.canMoveTo(MERGED)).as(s.name()).isEqualTo(s == OPEN || s == WAITING || s == ASSIGNED);
        }
    }
}
