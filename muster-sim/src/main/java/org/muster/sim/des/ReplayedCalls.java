package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.sim.demand.Arrival;
import org.muster.sim.demand.CallSource;
import org.muster.sim.demand.CallZones;
import org.muster.sim.demand.Surge;

/**
 * A scenario's recorded calls placed in the region, replayed at their own times whatever the seed.
 *
 * <p>Scaled or surged, a replay is resampled: each call counts {@code scale} times the factors of the surges over
 * it (at its own time, in its zone). A call that counts 1 comes once, as recorded; one that counts 2.4 comes as
 * recorded, once more, and a third time with chance 0.4; one that counts 0.7 comes, as recorded, with chance 0.7.
 * A call's copies come at its place, each at a time drawn evenly from the half hour after it (within the run and
 * within every surge that raised it), so a raised evening keeps its places and its hours. The draws are the
 * seed's, so replications differ where a replay is resampled and nowhere else.
 */
final class ReplayedCalls {
    /** How long after its original a call's copy may come. */
    static final Duration COPIES_WITHIN = Duration.ofMinutes(30);

    private ReplayedCalls() {}

    /**
     * @param scale multiplies every call (the scenario's {@code demand.scale})
     * @param surges the scenario's surges, their zones as the demand model takes them
     * @param seed the run's seed, for the draws of a resampled replay
     * @param end the run's end: no copy at or after it
     * @throws org.muster.domain.InvalidInputException naming each call whose organisation the region does not
     *     have, whose type is not of its organisation's agency, or whose place lies in none of its zones
     */
    static CallSource of(
            List<RecordedCall> calls,
            MusterState state,
            Rules rules,
            double scale,
            List<Surge> surges,
            long seed,
            Instant end) {
        Check problems = Check.collecting();
        List<Arrival> placed = new ArrayList<>();
        // streams of their own, apart from the ones the simulation splits from the same seed, and one for each
        // recorded call: a surge over one call draws its copies without moving any other call's
        long base = Long.rotateLeft(seed, 17) ^ 0x2545F4914F6CDD1DL;
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
            Arrival recorded = new Arrival(
                    c.received(),
                    c.organisation(),
                    zone.get(),
                    c.type(),
                    type.get().defaultPriority(),
                    c.location());
            placed.addAll(resampled(recorded, type.get(), scale, surges, new SplittableRandom(mix(base + i)), end));
        }
        problems.throwIfAny();
        List<Arrival> sorted =
                placed.stream().sorted(Comparator.comparing(Arrival::at)).toList();
        // recorded calls come when they came: the generator is not drawn from
        return (from, to, random) -> sorted.stream()
                .filter(a -> !a.at().isBefore(from) && a.at().isBefore(to))
                .toList();
    }

    /** A 64-bit finaliser (Stafford's variant 13): neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The call as recorded and its copies, as many as it counts (see the class comment). */
    private static List<Arrival> resampled(
            Arrival recorded, IncidentType type, double scale, List<Surge> surges, RandomGenerator draws, Instant end) {
        double counts = scale;
        Instant from = recorded.at();
        Instant to = recorded.at().plus(COPIES_WITHIN);
        if (end.isBefore(to)) to = end;
        for (Surge s : surges) {
            if (!s.covers(recorded.zone(), type, recorded.at())) continue;
            counts *= s.factor();
            if (s.to().isBefore(to)) to = s.to();
        }
        if (counts == 1.0) return List.of(recorded);
        int whole = (int) Math.floor(counts);
        int times = whole + (draws.nextDouble() < counts - whole ? 1 : 0);
        List<Arrival> out = new ArrayList<>(times);
        if (times > 0) out.add(recorded);
        long window = Duration.between(from, to).toMillis();
        for (int k = 1; k < times; k++) {
            Instant at = window > 0 ? from.plusMillis(draws.nextLong(window)) : from;
            out.add(new Arrival(
                    at,
                    recorded.organisation(),
                    recorded.zone(),
                    recorded.type(),
                    recorded.priority(),
                    recorded.location()));
        }
        return out;
    }
}
