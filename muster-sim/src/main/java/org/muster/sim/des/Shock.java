package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitType;

/**
 * Something that happens to the region at a given time for a while, which the run sends to the engine as a
 * control room would (a withdrawal, a zone's level) or which changes the calls coming in (a surge). When it
 * ends, what it changed is undone: the same people and units return, the zones go back to NORMAL, the
 * rates to the profile's.
 */
public sealed interface Shock {
    /** When it starts: within the run. */
    Instant at();

    /** How long it lasts: more than nothing; it may outlast the run. */
    Duration lasting();

    default Instant end() {
        return at().plus(lasting());
    }

    /**
     * A share of an organisation's people stepping back from duty ({@link WithdrawalMode#PERSON}), or, with a
     * skill, handing in that authorisation while staying on duty ({@link WithdrawalMode#SKILL}). Who is
     * chosen is the engine's seeded choice, so the same run withdraws the same people.
     *
     * @param skill with {@code PERSON}, only people holding it are chosen; required with {@code SKILL}
     * @param share of the matching people, more than 0 and at most 1
     */
    record WithdrawPeople(
            OrganisationId organisation,
            Optional<Skill> skill,
            WithdrawalMode mode,
            double share,
            Instant at,
            Duration lasting)
            implements Shock {
        public WithdrawPeople {
            Check.present("organisation", organisation);
            Check.present("skill", skill);
            Check.present("mode", mode);
            if (mode == WithdrawalMode.SKILL && skill.isEmpty())
                throw InvalidInputException.of("skill", "", "is required when people hand in a skill (mode SKILL)");
            checkShare(share);
            checkWindow(at, lasting);
        }
    }

    /**
     * A share of an organisation's free units (optionally of one type) taken off the road: units on a job
     * stay on it, as a control room's bulk withdrawal leaves them.
     */
    record WithdrawUnits(
            OrganisationId organisation, Optional<UnitType> type, double share, Instant at, Duration lasting)
            implements Shock {
        public WithdrawUnits {
            Check.present("organisation", organisation);
            Check.present("type", type);
            checkShare(share);
            checkWindow(at, lasting);
        }
    }

    /**
     * Zones set to an operating level by their supervisor, and back to NORMAL at the end. A CLOSED zone's
     * units wait at its rendezvous point until the simulated supervisor grants each call tactical clearance,
     * {@code clearance} after the call.
     *
     * @param clearance for CLOSED only, and required there: how long after a call its clearance is granted
     */
    record SetLevel(
            SortedSet<ZoneId> zones, OperatingLevel level, Instant at, Duration lasting, Optional<Duration> clearance)
            implements Shock {
        public SetLevel {
            zones = Sorted.setOf(Check.present("zones", zones));
            Check.nonEmpty("zones", zones);
            Check.present("level", level);
            Check.present("clearance", clearance);
            if (level == OperatingLevel.CLOSED && clearance.isEmpty())
                throw InvalidInputException.of(
                        "clearance", "", "is required to close a zone: when the supervisor grants tactical clearance");
            if (level != OperatingLevel.CLOSED && clearance.isPresent())
                throw InvalidInputException.of("clearance", clearance.get(), "is for a CLOSED zone only");
            clearance.ifPresent(c -> {
                if (c.isNegative()) throw InvalidInputException.of("clearance", c, "must not be negative");
            });
            checkWindow(at, lasting);
        }

        /** Any level but CLOSED. */
        public SetLevel(SortedSet<ZoneId> zones, OperatingLevel level, Instant at, Duration lasting) {
            this(zones, level, at, lasting, Optional.empty());
        }
    }

    /**
     * Calls of some incident types or categories coming {@code factor} times as often in some zones (a
     * region-wide area zone stands for its sub-zones; none named is every zone).
     */
    record Surge(
            SortedSet<ZoneId> zones,
            SortedSet<IncidentTypeCode> types,
            Set<Priority> categories,
            double factor,
            Instant at,
            Duration lasting)
            implements Shock {
        public Surge {
            zones = Sorted.setOf(Check.present("zones", zones));
            types = Sorted.setOf(Check.present("types", types));
            categories = Sorted.setOf(Check.present("categories", categories));
            if (types.isEmpty() && categories.isEmpty())
                throw InvalidInputException.of(
                        "types", "none", "must name incident types or categories (at least one)");
            Check.range("factor", factor, 0, 1_000);
            checkWindow(at, lasting);
        }
    }

    private static void checkShare(double share) {
        if (!(share > 0 && share <= 1))
            throw InvalidInputException.of("share", share, "must be more than 0 and at most 1");
    }

    private static void checkWindow(Instant at, Duration lasting) {
        Check.present("at", at);
        Check.present("lasting", lasting);
        if (lasting.isNegative() || lasting.isZero())
            throw InvalidInputException.of("lasting", lasting, "must be more than 0, such as PT48H");
    }
}
