package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.aid.AidHours;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.state.MusterState;

/**
 * What one organisation's control room did under the run's shocks and policies: the calls of its downgraded
 * zones rerouted (served from outside them), the dispatches escorted into its escort-required ones, the mutual aid it asked for and
 * answered, the officer-hours lent each way, and its units' time in each status.
 *
 * @param reroutedCalls calls in one of its downgraded zones served by a unit from outside it, each call once
 *     however many such units it was sent: the engine's own count ({@link ResponseTimes#reroutedIn}, by the one
 *     rule {@code Tasking.reroutedInto}), as the live board, the API and the situation report give it, summed over
 *     its zones (a call in a downgraded zone inside a downgraded parent counts in each)
 * @param escortedDispatches police units assigned as escorts to its calls
 * @param aidAsked mutual aid requests it made
 * @param aidFilled of them, filled whole
 * @param aidPartlyFilled of them, filled in part only
 * @param aidDeclined refusals it received
 * @param aidDeclinesGiven refusals it gave others
 * @param officerHoursLent officer-hours of its units lent to others, as the coordinator's cost recovery
 *     counts them ({@link AidHours}: crew × (journey there + time with the host + journey home))
 * @param officerHoursBorrowed officer-hours of others' units lent to it
 * @param standingOffHours crew-hours its crews spent standing off at its calls' scenes in escort-required zones,
 *     waiting for a police escort ({@code SimulatedCrews}): the ambulance-hours lost to the want of escorts
 * @param unitTime its units' time in each status, summed
 * @param units each unit's time in each status: each adds up to the run's length
 */
public record OrganisationOperations(
        OrganisationId organisation,
        int reroutedCalls,
        int escortedDispatches,
        int aidAsked,
        int aidFilled,
        int aidPartlyFilled,
        int aidDeclined,
        int aidDeclinesGiven,
        double officerHoursLent,
        double officerHoursBorrowed,
        double standingOffHours,
        Map<UnitStatus, Duration> unitTime,
        List<ZoneOperations> zones,
        List<UnitTime> units) {
    public OrganisationOperations {
        Check.present("organisation", organisation);
        unitTime = Map.copyOf(unitTime);
        zones = List.copyOf(zones);
        units = List.copyOf(units);
    }

    /** One zone's calls rerouted and dispatches escorted in it (an area zone counts its sub-zones'). */
    public record ZoneOperations(ZoneId zone, int reroutedCalls, int escortedDispatches) {
        public ZoneOperations {
            Check.present("zone", zone);
        }
    }

    /** One unit's time in each status it stood in during the run. */
    public record UnitTime(UnitId unit, OrganisationId organisation, Map<UnitStatus, Duration> time) {
        public UnitTime {
            Check.present("unit", unit);
            Check.present("organisation", organisation);
            time = Map.copyOf(time);
        }

        public Duration total() {
            return time.values().stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** Every organisation's figures at the end of a run, by organisation id. */
    static List<OrganisationOperations> of(
            MusterState state,
            List<IncidentRecord> incidents,
            ResponseTimes responses,
            OperationsLedger ledger,
            AidHours.Report hours,
            Map<OrganisationId, Duration> standingOff,
            Instant end) {
        Map<UnitId, UnitTime> times = ledger.unitTimes(end);
        List<OrganisationOperations> out = new ArrayList<>();
        for (Organisation o : state.organisations().values().stream()
                .sorted(Comparator.comparing(Organisation::id))
                .toList()) {
            OrganisationId id = o.id();
            List<Zone> zones = state.zones().values().stream()
                    .filter(z -> z.organisation().equals(id))
                    .sorted(Comparator.comparing(Zone::id))
                    .toList();
            List<ZoneOperations> byZone = new ArrayList<>();
            int rerouted = 0;
            for (Zone z : zones) {
                rerouted += reroutedIn(responses, z.id());
                // an area zone counts its sub-zones' rerouted calls, as it counts their escorts: a planner reading
                // the area's row saw 0 beside its sub-zone's 5
                int here = zones.stream()
                        .filter(y -> inZone(state, Optional.of(y.id()), z.id()))
                        .mapToInt(y -> reroutedIn(responses, y.id()))
                        .sum();
                int escorted = incidents.stream()
                        .filter(i -> i.organisation().equals(id) && inZone(state, i.zone(), z.id()))
                        .mapToInt(i -> ledger.escortsOf(i.id()))
                        .sum();
                byZone.add(new ZoneOperations(z.id(), here, escorted));
            }
            int escorted = incidents.stream()
                    .filter(i -> i.organisation().equals(id))
                    .mapToInt(i -> ledger.escortsOf(i.id()))
                    .sum();
            OperationsLedger.AidCounts aid = ledger.aidOf(id);
            double lent = hours.pairs().stream()
                    .filter(p -> p.home().equals(id))
                    .mapToDouble(AidHours.PairTotal::officerHours)
                    .sum();
            double borrowed = hours.pairs().stream()
                    .filter(p -> p.host().equals(id))
                    .mapToDouble(AidHours.PairTotal::officerHours)
                    .sum();
            List<UnitTime> units = times.values().stream()
                    .filter(t -> t.organisation().equals(id))
                    .toList();
            Map<UnitStatus, Duration> total = new EnumMap<>(UnitStatus.class);
            units.forEach(u -> u.time().forEach((s, d) -> total.merge(s, d, Duration::plus)));
            out.add(new OrganisationOperations(
                    id,
                    rerouted,
                    escorted,
                    aid.asked,
                    aid.filled,
                    aid.partlyFilled,
                    aid.declinesReceived,
                    aid.declinesGiven,
                    lent,
                    borrowed,
                    standingOff.getOrDefault(id, Duration.ZERO).toMillis() / 3_600_000.0,
                    total,
                    byZone,
                    units));
        }
        return out;
    }

    /** The calls rerouted while the zone itself was downgraded, every day of the run. */
    private static int reroutedIn(ResponseTimes responses, ZoneId zone) {
        return responses.reroutedIn(zone).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Whether the call's demand zone is {@code zone} or lies within it. */
    private static boolean inZone(MusterState state, Optional<ZoneId> callZone, ZoneId zone) {
        if (callZone.isEmpty()) return false;
        if (callZone.get().equals(zone)) return true;
        return state.findZone(callZone.get())
                .flatMap(Zone::parent)
                .filter(zone::equals)
                .isPresent();
    }
}
