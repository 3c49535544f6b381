package org.muster.engine.coverage;

import java.time.Duration;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;

/**
 * How fast one kind of service must be able to reach demand for one category of call: a cell is covered
 * for this standard by a unit of the agency that can reach it by road within the target.
 *
 * @param agency whose units count
 * @param category the call category or grade the target belongs to
 * @param target the travel time within which a unit covers a cell
 */
public record CoverageStandard(Agency agency, Priority category, Duration target) {
    /** Longer than any response target; a longer one is a typing error, not a standard. */
    public static final Duration MAX_TARGET = Duration.ofHours(24);

    public CoverageStandard {
        Check.present("standard.agency", agency);
        Check.present("standard.category", category);
        Check.present("standard.target", target);
        if (!category.appliesTo(agency)) {
            throw InvalidInputException.of("standard.category", category, "is not a category of " + agency + " calls");
        }
        if (!target.isPositive() || target.compareTo(MAX_TARGET) > 0) {
            throw InvalidInputException.of(
                    "standard.target", target, "must be more than 0 and at most " + MAX_TARGET + " for " + category);
        }
    }

    public long targetMillis() {
        return target.toMillis();
    }

    @Override
    public String toString() {
        return agency + " " + category + " within " + target;
    }
}
