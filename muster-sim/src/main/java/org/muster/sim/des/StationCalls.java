package org.muster.sim.des;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.sim.demand.Arrival;
import org.muster.sim.demand.CallSource;
import org.muster.sim.demand.PoissonCalls;

/** A scenario's {@link CallStream}s placed in the region: each at its station, in its organisation's zone. */
final class StationCalls {
    private StationCalls() {}

    /**
     * @throws InvalidInputException naming each stream whose station the region does not have, whose type
     *     is not in the catalogue or not of the station's agency, or whose station lies in none of its
     *     organisation's zones
     */
    static CallSource of(List<CallStream> streams, MusterState state, Rules rules) {
        List<PoissonCalls> placed = new ArrayList<>();
        Check problems = Check.collecting();
        for (int i = 0; i < streams.size(); i++) {
            CallStream s = streams.get(i);
            String field = "demand.poisson[" + i + "]";
            Optional<Station> station = state.findStation(s.at());
            if (station.isEmpty()) {
                problems.add(
                        field + ".at",
                        s.at().value(),
                        "is not a station of the region; its stations are "
                                + new TreeSet<>(state.stations().keySet()));
                continue;
            }
            Organisation org = state.getOrganisation(station.get().organisation());
            Optional<IncidentType> type = rules.catalogue().findType(s.type());
            if (type.isEmpty() || type.get().agency() != org.agency()) {
                problems.add(
                        field + ".type",
                        s.type().value(),
                        "must be an incident type of " + org.id() + "'s agency (" + org.agency() + ")");
                continue;
            }
            Optional<ZoneId> zone = demandZone(state, rules, station.get());
            if (zone.isEmpty()) {
                problems.add(field + ".at", s.at().value(), "lies in none of " + org.id() + "'s zones");
                continue;
            }
            placed.add(new PoissonCalls(
                    new Arrival(
                            Instant.EPOCH, // each call's own time is drawn
                            org.id(),
                            zone.get(),
                            s.type(),
                            type.get().defaultPriority(),
                            station.get().location()),
                    s.perHour()));
        }
        problems.throwIfAny();
        return PoissonCalls.of(placed);
    }

    /** The station's organisation's zone at its place that no other zone lies within. */
    private static Optional<ZoneId> demandZone(MusterState state, Rules rules, Station station) {
        return org.muster.sim.demand.CallZones.zoneOf(state, rules, station.organisation(), station.location());
    }
}
