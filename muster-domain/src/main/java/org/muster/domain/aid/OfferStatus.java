package org.muster.domain.aid;

/** Where an offer stands. */
public enum OfferStatus {
    /** Made, awaiting the requester; its units are held for this request. */
    OFFERED,
    /** Taken up by the requester (some or all of its units). */
    ACCEPTED,
    /** No longer in play: replaced by a newer offer, declined, or the request filled or ended first. */
    LAPSED
}
