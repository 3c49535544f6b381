package org.muster.sim.des;

import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.capacity.Colour;

/**
 * How one organisation asks its neighbours for mutual aid in a run, and how they answer: what a duty
 * officer and the neighbours' duty officers would decide. What each neighbour can spare is the engine's
 * answer ({@code AidSuggester}: free units that meet the need, keeping every zone's safe minimum); the
 * policy says only whether it is willing.
 *
 * <p>The requester asks when one of its zones (one no other lies within: a district, not the whole force area)
 * has {@code queued} calls or more waiting past the control room's handling time, waiting as the dispatch queue
 * counts them (short of units, or of the escort their crews wait for), or one of its
 * zones (its whole area included) stands at {@code capacity} or worse on the capacity board, checked every
 * simulated minute; it asks again only once the last request's lending is over.
 *
 * @param queued calls waiting in one zone that make the requester ask; 0 when only capacity counts
 * @param capacity a zone's colour at which the requester asks; empty when only the queue counts
 * @param asks the organisations asked
 * @param declines those of them that say no whatever they could spare
 * @param answerAfter how long the neighbours take to answer
 * @param lending how long the units are wanted for, from the answers
 */
public record AidPolicy(
        OrganisationId requester,
        int queued,
        Optional<Colour> capacity,
        AidNeed need,
        SortedSet<OrganisationId> asks,
        SortedSet<OrganisationId> declines,
        Duration answerAfter,
        Duration lending) {
    public AidPolicy {
        Check.present("requester", requester);
        Check.atLeast("queued", queued, 0);
        Check.present("capacity", capacity);
        if (queued == 0 && capacity.isEmpty())
            throw InvalidInputException.of("queued", queued, "must be 1 or more when no capacity colour is given");
        if (capacity.filter(c -> c == Colour.GREEN).isPresent())
            throw InvalidInputException.of("capacity", Colour.GREEN, "must be AMBER, RED or NONE");
        Check.present("need", need);
        asks = Sorted.setOf(Check.present("asks", asks));
        Check.nonEmpty("asks", asks);
        if (asks.contains(requester))
            throw InvalidInputException.of("asks", requester, "must not include the requester itself");
        declines = Sorted.setOf(Check.present("declines", declines));
        for (OrganisationId d : declines)
            if (!asks.contains(d)) throw InvalidInputException.of("declines", d, "must be one of those asked " + asks);
        Check.present("answerAfter", answerAfter);
        if (answerAfter.isNegative())
            throw InvalidInputException.of("answerAfter", answerAfter, "must not be negative");
        Check.present("lending", lending);
        if (lending.isNegative() || lending.isZero())
            throw InvalidInputException.of("lending", lending, "must be more than 0, such as PT8H");
    }
}
