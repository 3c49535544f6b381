package org.muster.domain.incident;

import java.time.Instant;
import org.muster.domain.Check;

/** One line of an incident's story: when, and what happened, in words. */
public record TimelineEntry(Instant at, String what) {
    public TimelineEntry {
        Check.present("at", at);
        Check.present("what", what);
    }
}
