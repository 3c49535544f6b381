package org.muster.domain.major;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;

/**
 * The casualties one attending organisation counts, by triage category, as of its latest report: each
 * report replaces its previous one, so that two services counting the same patients do not add them up
 * twice on the board, which shows every service's count side by side.
 */
public record CasualtyCount(OrganisationId organisation, Instant at, SortedMap<TriageCategory, Integer> counts) {
    public static final int MAX_PER_CATEGORY = 100_000;

    public CasualtyCount {
        Check.present("organisation", organisation);
        Check.present("at", at);
        counts = checked(counts);
    }

    /** Counts of 0 to {@value #MAX_PER_CATEGORY} per category, at least one category given. */
    public static SortedMap<TriageCategory, Integer> checked(SortedMap<TriageCategory, Integer> counts) {
        Check.present("counts", counts);
        if (counts.isEmpty())
            throw InvalidInputException.of(
                    "counts", "{}", "must give at least one triage category (P1, P2, P3, P4, DEAD)");
        Check check = Check.collecting();
        counts.forEach((category, n) -> {
            if (n == null || n < 0 || n > MAX_PER_CATEGORY)
                check.add("counts." + category, n, "must be from 0 to " + MAX_PER_CATEGORY);
        });
        check.throwIfAny();
        return Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
