package org.muster.engine.coverage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.ResourceRequirement;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.performance.ResponseTargets;
import org.muster.geo.road.RoadProfile;

/**
 * What coverage measures.
 *
 * @param standards the targets, at most one per agency and category; an agency without one (fire, by
 *     default) is not measured
 * @param profile whose speeds and access rules units drive by
 * @param countedStatuses the statuses in which a unit counts as available to cover
 * @param byUnitType whether to report each unit type's coverage beside its organisation's
 * @param targets the response targets the service judges its calls against ({@link #withOwnTargets}): where an
 *     organisation, or a zone, sets its own for a category measured here, its time stands in for the standard's
 *     ({@link #timeFor}), so a force that judges its emergencies within 20 minutes is covered where one of its
 *     cars can be within 20, and its rural district with 25 of its own where one can be within 25
 */
public record CoverageConfig(
        List<CoverageStandard> standards,
        RoadProfile profile,
        Set<UnitStatus> countedStatuses,
        boolean byUnitType,
        ResponseTargets targets) {

    /** The reference targets, every unit type of the agency counting. */
    private static final List<CoverageStandard> REFERENCE = List.of(
            new CoverageStandard(Agency.AMBULANCE, Priority.C1, Duration.ofMinutes(7)),
            new CoverageStandard(Agency.AMBULANCE, Priority.C2, Duration.ofMinutes(18)),
            new CoverageStandard(Agency.POLICE, Priority.EMERGENCY, Duration.ofMinutes(15)));

    /**
     * DESIGN.md's reference numbers: ambulance C1 mean 7 min and C2 mean 18 min, police emergency
     * attendance 15 min (the urban figure), each counting the unit types that could stop the clock of its
     * calls in the default catalogue; emergency-vehicle speeds; available units only.
     */
    public static final CoverageConfig DEFAULTS = of(IncidentTypeCatalogue.defaults());

    /**
     * The reference targets, each counting only the unit types whose arrival could stop the clock of one of
     * the catalogue's calls of its category (the rule response times judge by, {@link
     * ResourceRequirement#clockStopping}): a C2 call asks for an ambulance, so a rapid response car does not
     * cover it, though it covers a C1 call. A category the catalogue has no call of keeps every type.
     */
    public static CoverageConfig of(IncidentTypeCatalogue catalogue) {
        Check.present("catalogue", catalogue);
        List<CoverageStandard> standards = new ArrayList<>();
        for (CoverageStandard s : REFERENCE) {
            SortedSet<UnitType> types = catalogue.clockStoppingTypes(s.agency(), s.category());
            standards.add(types.isEmpty() ? s : new CoverageStandard(s.agency(), s.category(), s.target(), types));
        }
        return new CoverageConfig(
                standards, RoadProfile.EMERGENCY, EnumSet.of(UnitStatus.AVAILABLE), true, ResponseTargets.DEFAULTS);
    }

    public CoverageConfig {
        standards = Check.nonEmpty("standards", standards);
        Check.present("profile", profile);
        countedStatuses = Set.copyOf(Check.nonEmpty("countedStatuses", countedStatuses));
        Check.present("targets", targets);
        Set<String> seen = new HashSet<>();
        for (CoverageStandard s : standards) {
            Check.present("standards", s);
            if (!seen.add(s.agency() + " " + s.category())) {
                throw InvalidInputException.of(
                        "standards", s, "repeats " + s.agency() + " " + s.category() + "; give one target for each");
            }
        }
    }

    /** The standards an agency's units are measured against, in the order given. */
    public List<CoverageStandard> standardsFor(Agency agency) {
        return standards.stream().filter(s -> s.agency() == agency).toList();
    }

    /**
     * Whether a unit of this type working for this organisation is its to cover with at all: only for an
     * organisation of the unit's own service. A police car lent to the ambulance service as an escort covers no
     * ambulance call, and is not its home force's to send meanwhile; coverage and move-up both ask this.
     */
    public static boolean coversFor(Organisation workingFor, UnitType type) {
        return workingFor.agency() == type.agency();
    }

    /** The standards a unit of this type counts towards, in the order given, at their reference targets. */
    public List<CoverageStandard> standardsFor(UnitType type) {
        return standards.stream()
                .filter(s -> s.agency() == type.agency() && s.counts(type))
                .toList();
    }

    /**
     * The standards a unit of this type counts towards for the organisation it works for: at the organisation's
     * own target for a category where it has one, the reference's otherwise. The one rule coverage and move-up
     * ask.
     */
    public List<CoverageStandard> standardsFor(OrganisationId workingFor, UnitType type) {
        return standardsFor(type).stream()
                .map(s -> {
                    Duration time = targets.findOwnTarget(workingFor, s.category())
                            .flatMap(CoverageConfig::time)
                            .orElse(s.target());
                    return time.equals(s.target()) ? s : s.withTarget(time);
                })
                .toList();
    }

    /**
     * The time within which a unit of {@code organisation} covers the demand of {@code zone} for {@code standard}'s
     * category: the time of the target the response figures judge the organisation's calls in the zone against,
     * chosen by their one rule ({@link ResponseTargets#findOwnTarget(ZoneId, OrganisationId, Priority)}: the zone's
     * own, else the organisation's), else the standard's. The organisation's figures over its area keep its own
     * ({@link #standardsFor(OrganisationId, UnitType)}), as its response figures do.
     */
    public Duration timeFor(CoverageStandard standard, OrganisationId organisation, ZoneId zone) {
        Duration time = targets.findOwnTarget(zone, organisation, standard.category())
                .flatMap(CoverageConfig::time)
                .orElse(standard.target());
        // as a standard's own time is checked: a zone's cannot be judged by one no standard could hold
        return new CoverageStandard(standard.agency(), standard.category(), time, standard.unitTypes()).target();
    }

    /**
     * A response target's time as coverage measures it: its mean, else its 90th centile (the reference targets
     * are the ambulance standards' means; a force's own are 90th centiles, as forces set them).
     */
    private static Optional<Duration> time(ResponseTargets.Target target) {
        return target.mean().or(target::p90);
    }

    /**
     * This configuration with the service's response targets: organisations' and zones' own, where they set one for
     * a category measured here, stand in for the standards' ({@link #standardsFor(OrganisationId, UnitType)},
     * {@link #timeFor}). The national standards are not taken: the standards here are the reference.
     */
    public CoverageConfig withOwnTargets(ResponseTargets targets) {
        return new CoverageConfig(standards, profile, countedStatuses, byUnitType, targets);
    }

    /**
     * This configuration with the target for one agency and category set, counting the same unit types; added,
     * with every type of the agency counting, when absent.
     */
    public CoverageConfig withTarget(Agency agency, Priority category, Duration target) {
        List<CoverageStandard> next = new ArrayList<>();
        boolean replaced = false;
        for (CoverageStandard s : standards) {
            boolean same = s.agency() == agency && s.category() == category;
            next.add(same ? s.withTarget(target) : s);
            replaced |= same;
        }
        if (!replaced) next.add(new CoverageStandard(agency, category, target));
        return new CoverageConfig(next, profile, countedStatuses, byUnitType, targets);
    }

    public CoverageConfig withStandards(List<CoverageStandard> next) {
        return new CoverageConfig(next, profile, countedStatuses, byUnitType, targets);
    }

    public CoverageConfig withProfile(RoadProfile next) {
        return new CoverageConfig(standards, next, countedStatuses, byUnitType, targets);
    }

    public CoverageConfig withCountedStatuses(Set<UnitStatus> next) {
        return new CoverageConfig(standards, profile, next, byUnitType, targets);
    }

    public CoverageConfig withByUnitType(boolean next) {
        return new CoverageConfig(standards, profile, countedStatuses, next, targets);
    }
}
