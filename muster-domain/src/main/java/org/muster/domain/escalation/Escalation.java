package org.muster.domain.escalation;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;

/**
 * An organisation's escalation level and what it has in force: an ambulance service's resource
 * escalation action plan (REAP) level, a police or fire service's escalation state, both 1 (steady) to 4
 * (extreme pressure). The measures are set by their own commands, which a level's configured actions give.
 *
 * @param targetsSuspended response time targets are suspended: the figures still count, shown beside their
 *     target, but no breach is held against them
 * @param heldBack categories of call held back: waiting, not recommended or sent until released, unless a
 *     dispatcher sends a unit by hand
 * @param since when the level was set; empty for an organisation that never set one
 * @param reason why, in the words of whoever set it
 */
public record Escalation(
        OrganisationId organisation,
        int level,
        boolean targetsSuspended,
        SortedSet<Priority> heldBack,
        Optional<Instant> since,
        String reason,
        String setBy) {
    public static final int STEADY = 1;
    public static final int HIGHEST = 4;

    public Escalation {
        Check.present("organisation", organisation);
        checkLevel(level);
        heldBack = Sorted.setOf(Check.present("heldBack", heldBack));
        Check.present("since", since);
        Check.present("reason", reason);
        Check.present("setBy", setBy);
    }

    /** A level is 1 (steady state) to 4 (extreme pressure). */
    public static int checkLevel(int level) {
        if (level < STEADY || level > HIGHEST)
            throw org.muster.domain.InvalidInputException.of(
                    "level", level, "must be from 1 (steady state) to 4 (extreme pressure)");
        return level;
    }

    /** Where every organisation starts: level 1, nothing suspended or held back. */
    public static Escalation steady(OrganisationId organisation) {
        return new Escalation(organisation, STEADY, false, Sorted.empty(), Optional.empty(), "", "");
    }

    public Escalation withLevel(int next, Instant at, String why, String by) {
        return new Escalation(organisation, next, targetsSuspended, heldBack, Optional.of(at), why, by);
    }

    public Escalation withTargetsSuspended(boolean suspended) {
        return new Escalation(organisation, level, suspended, heldBack, since, reason, setBy);
    }

    public Escalation withHeldBack(SortedSet<Priority> priorities) {
        return new Escalation(organisation, level, targetsSuspended, priorities, since, reason, setBy);
    }

    public boolean holdsBack(Priority priority) {
        return heldBack.contains(priority);
    }
}
