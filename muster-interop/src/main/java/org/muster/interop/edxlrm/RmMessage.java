package org.muster.interop.edxlrm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidPriority;
import org.muster.domain.unit.UnitId;

/**
 * An EDXL-RM message another service sent, as far as Muster models it: what {@link EdxlRmReader} read from a
 * document that passed the schema.
 */
public sealed interface RmMessage {
    String messageId();

    Instant sent();

    /**
     * A party to the conversation as a contact names it.
     *
     * @param organisation the Muster organisation id its CIQ identifier ({@code urn:muster:ID}) gives, if any
     * @param name its {@code ContactDescription}
     * @param role its {@code ContactRole}
     */
    record Party(Optional<String> organisation, String name, String role) {}

    /** What an answer says of the request. */
    enum Answer {
        ACCEPT,
        PROVISIONAL,
        CONDITIONAL,
        DECLINE
    }

    /** A {@code RequestResource}: units or people asked for. */
    record Requested(
            String messageId,
            Instant sent,
            Party requester,
            List<Party> responders,
            AidNeed need,
            AidPriority priority,
            GeoPoint rendezvous,
            Instant reportBy,
            Duration duration,
            String reason)
            implements RmMessage {}

    /** A {@code ResponseToRequestResource}: units offered (firm or provisional), or a refusal. */
    record Responded(
            String messageId,
            Instant sent,
            String originatingMessageId,
            Party responder,
            Answer answer,
            SortedSet<UnitId> units,
            String reason)
            implements RmMessage {}

    /** A {@code CommitResource}: the units of the offer {@code precedingMessageId} committed. */
    record Committed(
            String messageId,
            Instant sent,
            String originatingMessageId,
            String precedingMessageId,
            Party responder,
            SortedSet<UnitId> units)
            implements RmMessage {}

    /** A {@code ReleaseResource}: units sent home. */
    record Released(
            String messageId, Instant sent, String originatingMessageId, Party requester, SortedSet<UnitId> units)
            implements RmMessage {}
}
