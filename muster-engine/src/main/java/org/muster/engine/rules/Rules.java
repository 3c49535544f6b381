package org.muster.engine.rules;

import java.util.List;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.CrewingRules;

/**
 * The configuration the engine decides by: the incident-type catalogue, the crewing rules, which
 * locations an incident may have, and what each escalation level does; and the read model of closed incidents, which the engine asks about an
 * incident no longer in the live state (a new call may not take an archived incident's id; a command on
 * one is answered "closed", not "not found").
 */
public record Rules(
        IncidentTypeCatalogue catalogue,
        CrewingRules crewing,
        LocationCheck locations,
        ZoneLocator zones,
        ClosedIncidents closedIncidents,
        EscalationPolicy escalation,
        DispatchPolicy dispatch) {

    /** With the service's dispatch policy ({@link DispatchPolicy#DEFAULTS}). */
    public Rules(
            IncidentTypeCatalogue catalogue,
            CrewingRules crewing,
            LocationCheck locations,
            ZoneLocator zones,
            ClosedIncidents closedIncidents,
            EscalationPolicy escalation) {
        this(catalogue, crewing, locations, zones, closedIncidents, escalation, DispatchPolicy.DEFAULTS);
    }

    /** With the default escalation policy. */
    public Rules(
            IncidentTypeCatalogue catalogue,
            CrewingRules crewing,
            LocationCheck locations,
            ZoneLocator zones,
            ClosedIncidents closedIncidents) {
        this(catalogue, crewing, locations, zones, closedIncidents, EscalationPolicy.defaults());
    }

    /** Without a read model of closed incidents: nothing is ever archived, every incident stays in the state. */
    public Rules(IncidentTypeCatalogue catalogue, CrewingRules crewing, LocationCheck locations, ZoneLocator zones) {
        this(catalogue, crewing, locations, zones, ClosedIncidents.NONE);
    }

    /** Which zones hold a point, for the rules that depend on a zone's level (a closed zone). */
    @FunctionalInterface
    public interface ZoneLocator {
        ZoneLocator NONE = point -> List.of();

        List<ZoneId> zonesAt(GeoPoint point);

        /** Zones sharing a boundary with the zone; none by default. */
        default List<ZoneId> neighboursOf(ZoneId zone) {
            return List.of();
        }

        /** Whether the locator knows the zone's area (a zone registered without geometry has none); no by default. */
        default boolean hasAreaOf(ZoneId zone) {
            return false;
        }
    }

    /**
     * Refuses a location Muster cannot serve, such as one too far from any road, with an
     * {@link org.muster.domain.InvalidInputException} naming the field; returns quietly otherwise.
     */
    @FunctionalInterface
    public interface LocationCheck {
        LocationCheck ANYWHERE = (field, point) -> {};

        void check(String field, GeoPoint point);

        /**
         * A warning for a call placed away from the roads, in words naming the nearest road point and the
         * distance on foot; empty when the place is on the network. A control room never refuses a 999 call
         * for where it is: it is taken, and this warning goes into the log with it.
         */
        default java.util.Optional<String> offRoadWarning(GeoPoint point) {
            return java.util.Optional.empty();
        }
    }

    public static Rules defaults() {
        return new Rules(
                IncidentTypeCatalogue.defaults(), CrewingRules.defaults(), LocationCheck.ANYWHERE, ZoneLocator.NONE);
    }

    public Rules withLocations(LocationCheck check) {
        return new Rules(catalogue, crewing, check, zones, closedIncidents, escalation, dispatch);
    }

    public Rules withZones(ZoneLocator locator) {
        return new Rules(catalogue, crewing, locations, locator, closedIncidents, escalation, dispatch);
    }

    /** Archives finished incidents to {@code read} (an {@link org.muster.engine.archive.IncidentArchiver} does). */
    public Rules withClosedIncidents(ClosedIncidents read) {
        return new Rules(catalogue, crewing, locations, zones, read, escalation, dispatch);
    }

    /** What each escalation level does, per agency. */
    public Rules withEscalation(EscalationPolicy policy) {
        return new Rules(catalogue, crewing, locations, zones, closedIncidents, policy, dispatch);
    }

    /** How units are chosen: the recommender's rule and whether a unit may be diverted. */
    public Rules withDispatch(DispatchPolicy policy) {
        return new Rules(catalogue, crewing, locations, zones, closedIncidents, escalation, policy);
    }
}
