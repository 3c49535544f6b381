package org.muster.engine.warning;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Expected counts supplied from outside Muster's own history — a demand model, or history imported from
 * a previous system — so that the surge detector can judge a count before it has watched long enough to
 * build its own baseline (about 50 hours with the defaults). The engine defines it; the server or the demo
 * provides it.
 */
@FunctionalInterface
public interface SurgeBaseline {
    /**
     * How many incidents of the key's type the key's scope (a zone or an organisation) should see in
     * {@code [from, to)} on an ordinary day; empty when the baseline does not know that key.
     */
    OptionalDouble expectedCount(SurgeKey key, Instant from, Instant to);

    /** No configured baseline: the detector waits for its own history. */
    static SurgeBaseline none() {
        return (key, from, to) -> OptionalDouble.empty();
    }
}
