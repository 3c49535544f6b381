package org.muster.domain.aid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.domain.aid.AidRequestStatus.CANCELLED;
import static org.muster.domain.aid.AidRequestStatus.CLOSED;
import static org.muster.domain.aid.AidRequestStatus.DEPLOYED;
import static org.muster.domain.aid.AidRequestStatus.DRAFT;
import static org.muster.domain.aid.AidRequestStatus.EXPIRED;
import static org.muster.domain.aid.AidRequestStatus.FILLED;
import static org.muster.domain.aid.AidRequestStatus.OPEN;
import static org.muster.domain.aid.AidRequestStatus.PARTLY_FILLED;
import static org.muster.domain.aid.AidRequestStatus.RELEASED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.testing.Reach;

class AidRequestStatusProperties {
    /** The mutual aid lifecycle written out a second time, so that changing the table is done on purpose. */
    private static final Map<AidRequestStatus, Set<AidRequestStatus>> EXPECTED = Map.of(
            DRAFT, EnumSet.of(OPEN, CANCELLED),
            OPEN, EnumSet.of(PARTLY_FILLED, FILLED, CANCELLED, EXPIRED),
            PARTLY_FILLED, EnumSet.of(FILLED, DEPLOYED, CANCELLED, EXPIRED),
            FILLED, EnumSet.of(DEPLOYED, CANCELLED),
            DEPLOYED, EnumSet.of(RELEASED),
            RELEASED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(AidRequestStatus.class),
            CANCELLED, EnumSet.noneOf(AidRequestStatus.class),
            EXPIRED, EnumSet.noneOf(AidRequestStatus.class));

    @Property
    void theTableAndEveryMethodThatReadsItAgree(@ForAll AidRequestStatus from, @ForAll AidRequestStatus to) {
        boolean allowed = EXPECTED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
        assertThat(from.allowedNext()).containsExactlyElementsOf(EXPECTED.get(from));
        assertThat(from.isFinal()).isEqualTo(EXPECTED.get(from).isEmpty());
        if (allowed) {
            from.checkMoveTo(to);
        } else {
            assertThatThrownBy(() -> from.checkMoveTo(to))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("from " + from + " to " + to);
        }
    }

    @Property
    void whatAllowedNextHandsOutCannotChangeTheTable(@ForAll AidRequestStatus from, @ForAll AidRequestStatus to) {
        Set<AidRequestStatus> handedOut = from.allowedNext();
        assertThatThrownBy(() -> handedOut.add(to)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handedOut.remove(to)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(handedOut::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(from.canMoveTo(to)).isEqualTo(EXPECTED.get(from).contains(to));
    }

    @Property
    void noRequestStaysPutOrGoesBackToADraftAndAFinalOneGoesNowhere(
            @ForAll AidRequestStatus from, @ForAll AidRequestStatus to) {
        assertThat(from.canMoveTo(from)).isFalse();
        assertThat(from.canMoveTo(DRAFT)).isFalse();
        if (from.isFinal()) assertThat(from.canMoveTo(to)).isFalse();
    }

    @Property
    void everyRequestCanStillBeFinished(@ForAll AidRequestStatus from) {
        assertThat(Reach.from(from, AidRequestStatus::allowedNext)).anyMatch(AidRequestStatus::isFinal);
    }

    @Property
    void onlyAnOpenOrPartlyFilledRequestTakesOffers(@ForAll AidRequestStatus s) {
        assertThat(s.takesOffers()).isEqualTo(s == OPEN || s == PARTLY_FILLED);
    }

    @Property
    void aRequestIsOpenFromBeingSentUntilItsUnitsAreReleasedAndTakesOffersOnlyWhileOpen(@ForAll AidRequestStatus s) {
        assertThat(s.isOpen())
                .isEqualTo(EnumSet.of(OPEN, PARTLY_FILLED, FILLED, DEPLOYED).contains(s));
        if (s.takesOffers()) assertThat(s.isOpen()).isTrue();
    }

    @Test
    void everyStateIsReachableFromADraftAndOnceDeployedTheRequestCanNoLongerBeCancelled() {
        assertThat(Reach.from(DRAFT, AidRequestStatus::allowedNext))
                .containsExactlyInAnyOrder(AidRequestStatus.values());
        assertThat(Reach.from(DEPLOYED, AidRequestStatus::allowedNext)).containsExactly(DEPLOYED, RELEASED, CLOSED);
    }
}
