package org.muster.sim.des;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.sim.demand.Arrival;
import org.muster.sim.demand.CallSource;
import org.muster.sim.demand.CallZones;

/** A scenario's recorded calls placed in the region, replayed at their own times whatever the seed. */
final class ReplayedCalls {
    private ReplayedCalls() {}

    /**
     * @throws org.muster.domain.InvalidInputException naming each call whose organisation the region does not
     *     have, whose type is not of its organisation's agency, or whose place lies in none of its zones
     */
    static CallSource of(List<RecordedCall> calls, MusterState state, Rules rules) {
        Check problems = Check.collecting();
        List<Arrival> placed = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            RecordedCall c = calls.get(i);
            String field = "demand.replay[" + i + "]";
            Optional<Organisation> org = state.findOrganisation(c.organisation());
            Optional<IncidentType> type = rules.catalogue().findType(c.type());
            if (org.isEmpty()) {
                problems.add(field + ".organisation", c.organisation().value(), "is not an organisation of the region");
                continue;
            }
            if (type.isEmpty() || type.get().agency() != org.get().agency()) {
                problems.add(
                        field + ".type",
                        c.type().value(),
                        "must be an incident type of " + org.get().id() + "'s agency ("
                                + org.get().agency() + ")");
                continue;
            }
            Optional<ZoneId> zone = CallZones.zoneOf(state, rules, c.organisation(), c.location());
            if (zone.isEmpty()) {
                problems.add(
                        field + ".location",
                        c.location(),
                        "lies in none of " + org.get().id() + "'s zones");
                continue;
            }
            placed.add(new Arrival(
                    c.received(),
                    c.organisation(),
                    zone.get(),
                    c.type(),
                    type.get().defaultPriority(),
                    c.location()));
        }
        problems.throwIfAny();
        List<Arrival> sorted =
                placed.stream().sorted(Comparator.comparing(Arrival::at)).toList();
        // recorded calls come when they came: the generator is not drawn from
        return (from, to, random) -> sorted.stream()
                .filter(a -> !a.at().isBefore(from) && a.at().isBefore(to))
                .toList();
    }
}
