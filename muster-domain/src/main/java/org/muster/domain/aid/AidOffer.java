package org.muster.domain.aid;

import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;

/**
 * An organisation's answer to a request, naming the units it would lend.
 *
 * @param accepted the units the requester took up, a subset of {@code units}; empty until accepted
 * @param note the offerer's words, such as the conditions of a provisional offer
 * @param warnings what Muster noticed when the offer was made, in words: units that take the offerer below
 *     its own safe minimum, naming the zone and the minimum. The offer stands; the warning is on record.
 */
public record AidOffer(
        OfferId id,
        OrganisationId offerer,
        SortedSet<UnitId> units,
        OfferKind kind,
        OfferStatus status,
        SortedSet<UnitId> accepted,
        String note,
        Instant offeredAt,
        List<String> warnings) {
    public AidOffer {
        Check.present("offer.id", id);
        Check.present("offer.offerer", offerer);
        units = Sorted.setOf(Check.present("offer.units", units));
        Check.nonEmpty("offer.units", units);
        Check.present("offer.kind", kind);
        Check.present("offer.status", status);
        accepted = Sorted.setOf(Check.present("offer.accepted", accepted));
        note = Check.present("offer.note", note).strip();
        Check.present("offer.offeredAt", offeredAt);
        // offers recorded before warnings existed have none
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public AidOffer withStatus(OfferStatus next) {
        return new AidOffer(id, offerer, units, kind, next, accepted, note, offeredAt, warnings);
    }

    public AidOffer withAccepted(SortedSet<UnitId> taken) {
        return new AidOffer(id, offerer, units, kind, OfferStatus.ACCEPTED, taken, note, offeredAt, warnings);
    }

    /** Whether its units are held for the request: offered and awaiting an answer. */
    public boolean isPending() {
        return status == OfferStatus.OFFERED;
    }
}
