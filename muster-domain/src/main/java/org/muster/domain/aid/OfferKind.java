package org.muster.domain.aid;

/** How far an offer goes, decided by the engine from the units named against what is still needed. */
public enum OfferKind {
    /** Units enough for all that was still needed when offered. */
    FULL,
    /** Fewer units than still needed. */
    PARTIAL,
    /** "Probably, if": not yet firm; the offerer offers again to make it firm before it can be accepted. */
    PROVISIONAL
}
