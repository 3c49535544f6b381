package org.muster.sim.demand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * Calls of one kind at one place, at a constant rate: a homogeneous Poisson process, the arrivals queueing
 * theory assumes (M/M/c), so that a run can be checked against its formulas. Several streams are drawn one
 * after another from the same generator and merged in time order.
 *
 * @param call what each call is: its organisation, zone, type, priority and place (its time is ignored)
 * @param perHour the rate, calls per hour: more than 0, at most 100,000
 */
public record PoissonCalls(Arrival call, double perHour) {
    private static final double MILLIS_PER_HOUR = 3_600_000;

    public PoissonCalls {
        Check.present("call", call);
        if (!(perHour > 0 && perHour <= 100_000))
            throw InvalidInputException.of("perHour", perHour, "must be more than 0 and at most 100000 calls an hour");
    }

    /** The streams' calls in {@code [from, to)}, in time order. */
    public static CallSource of(List<PoissonCalls> streams) {
        List<PoissonCalls> all = List.copyOf(Check.present("streams", streams));
        return (from, to, random) -> {
            List<Arrival> out = new ArrayList<>();
            for (PoissonCalls s : all) s.draw(from, to, random, out);
            out.sort(Comparator.comparing(Arrival::at));
            return out;
        };
    }

    /**
     * Exponential gaps from {@code from}: the process has no memory, so a window may start afresh wherever
     * the last one ended.
     */
    private void draw(Instant from, Instant to, RandomGenerator random, List<Arrival> out) {
        double meanGapMillis = MILLIS_PER_HOUR / perHour;
        Instant t = from;
        while (true) {
            t = t.plus(Duration.ofNanos(Math.round(random.nextExponential() * meanGapMillis * 1_000_000)));
            if (!t.isBefore(to)) return;
            out.add(new Arrival(t, call.organisation(), call.zone(), call.type(), call.priority(), call.location()));
        }
    }
}
