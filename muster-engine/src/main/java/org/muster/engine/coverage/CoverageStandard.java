package org.muster.engine.coverage;

import java.time.Duration;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.unit.UnitType;

/**
 * How fast one kind of service must be able to reach demand for one category of call: a cell is covered
 * for this standard by a unit of the agency, of one of the types that count, that can reach it by road
 * within the target.
 *
 * @param agency whose units count
 * @param category the call category or grade the target belongs to
 * @param target the travel time within which a unit covers a cell
 * @param unitTypes the agency's unit types that count: those whose arrival could stop the clock of a call of
 *     this category ({@link CoverageConfig#of}); a rapid response car answers a C1 call but not a C2 one
 */
public record CoverageStandard(Agency agency, Priority category, Duration target, SortedSet<UnitType> unitTypes) {
    /** Longer than any response target; a longer one is a typing error, not a standard. */
    public static final Duration MAX_TARGET = Duration.ofHours(24);

    /** A standard every unit type of the agency counts towards. */
    public CoverageStandard(Agency agency, Priority category, Duration target) {
        this(agency, category, target, typesOf(agency));
    }

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
        unitTypes = java.util.Collections.unmodifiableSortedSet(
                new TreeSet<>(Check.nonEmpty("standard.unitTypes", unitTypes)));
        for (UnitType t : unitTypes) {
            if (t.agency() != agency)
                throw InvalidInputException.of(
                        "standard.unitTypes", t, "is not a unit type of " + agency + ": one of " + typesOf(agency));
        }
    }

    /** Every unit type of {@code agency}. */
    public static SortedSet<UnitType> typesOf(Agency agency) {
        SortedSet<UnitType> out = new TreeSet<>();
        Arrays.stream(UnitType.values()).filter(t -> t.agency() == agency).forEach(out::add);
        return out;
    }

    /** Whether a unit of this type counts towards this standard. */
    public boolean counts(UnitType type) {
        return unitTypes.contains(type);
    }

    /** This standard with another target, counting the same unit types. */
    public CoverageStandard withTarget(Duration next) {
        return new CoverageStandard(agency, category, next, unitTypes);
    }

    public long targetMillis() {
        return target.toMillis();
    }

    @Override
    public String toString() {
        String types = unitTypes.equals(typesOf(agency)) ? "" : " by " + unitTypes;
        return agency + " " + category + " within " + target + types;
    }
}
