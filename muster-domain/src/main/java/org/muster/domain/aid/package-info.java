/**
 * Mutual aid: one organisation asking others for units or people ({@link org.muster.domain.aid.AidRequest}),
 * their offers and refusals, and the units lent under an accepted offer with the hours they were lent.
 * The request's status moves by the one table in {@link org.muster.domain.aid.AidRequestStatus}; a unit
 * lent keeps its home organisation and gains a host ({@link org.muster.domain.unit.Unit#lentTo()}).
 */
package org.muster.domain.aid;
