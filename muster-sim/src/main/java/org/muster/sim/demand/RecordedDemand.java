package org.muster.sim.demand;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * Demand learned from the calls a service has recorded, for a deployment that has no generated region's
 * model: the rate in each local hour of the week is the calls received in that hour over the history,
 * divided by how many times the history held that hour; each call drawn is one of that hour's recorded calls
 * (its organisation, zone, type, priority and place), at a time of its own. So the mix of places and kinds
 * follows the hour as it did: the night's calls are the night's, Friday evening's Friday evening's.
 *
 * <p>With less than a week of history some hours of the week were never seen; those take the same hour of the
 * day, pooled over the days the history holds. Instances are immutable; {@link #arrivals} is a pure function
 * of the window and the generator.
 */
public final class RecordedDemand implements CallSource {
    private static final int HOURS_OF_WEEK = 7 * 24;
    private static final double NANOS_PER_HOUR = Duration.ofHours(1).toNanos();

    /** The least history to learn from: a whole day, so that every hour of the day was seen at least once. */
    public static final Duration SHORTEST_HISTORY = Duration.ofDays(1);

    private final ZoneId timeZone;
    /** The recorded calls each hour of the week draws from. */
    private final List<List<Arrival>> pools;
    /** Calls an hour in each hour of the week, before scaling. */
    private final double[] rates;

    private final double scale;
    /** Each call's own factor on top of {@code scale} (a service's trend), at most {@code 1}: 1 for every call. */
    private final java.util.function.ToDoubleFunction<Arrival> share;

    private final int calls;
    private final Duration history;

    private RecordedDemand(
            ZoneId timeZone,
            List<List<Arrival>> pools,
            double[] rates,
            double scale,
            java.util.function.ToDoubleFunction<Arrival> share,
            int calls,
            Duration history) {
        this.timeZone = timeZone;
        this.pools = pools;
        this.rates = rates;
        this.scale = scale;
        this.share = share;
        this.calls = calls;
        this.history = history;
    }

    /**
     * Learns the demand from the calls received in {@code [from, to)} (calls outside it are left out).
     *
     * @param timeZone where the hours of the week are counted: the service's own
     * @throws InvalidInputException when the history is shorter than {@link #SHORTEST_HISTORY}
     */
    public static RecordedDemand learn(List<Arrival> past, Instant from, Instant to, ZoneId timeZone) {
        Check.present("past", past);
        Check.present("from", from);
        Check.present("to", to);
        Check.present("timeZone", timeZone);
        Duration history = Duration.between(from, to);
        if (history.compareTo(SHORTEST_HISTORY) < 0)
            throw InvalidInputException.of(
                    "history", history, "must be at least " + SHORTEST_HISTORY.toHours() + " hours of recorded calls");
        double[] seen = new double[HOURS_OF_WEEK];
        forEachHour(from, to, timeZone, (hour, share) -> seen[hour] += share);
        List<List<Arrival>> byHour = new ArrayList<>();
        for (int h = 0; h < HOURS_OF_WEEK; h++) byHour.add(new ArrayList<>());
        int counted = 0;
        for (Arrival a : past) {
            if (a.at().isBefore(from) || !a.at().isBefore(to)) continue;
            byHour.get(hourOfWeek(a.at().atZone(timeZone))).add(a);
            counted++;
        }
        double[] rates = new double[HOURS_OF_WEEK];
        List<List<Arrival>> pools = new ArrayList<>();
        for (int h = 0; h < HOURS_OF_WEEK; h++) {
            List<Arrival> pool = new ArrayList<>();
            double hours = 0;
            if (seen[h] >= 0.5) {
                pool.addAll(byHour.get(h));
                hours = seen[h];
            } else {
                // never (or barely) seen in this hour of the week: the same hour of the day on the days seen
                for (int d = 0; d < 7; d++) {
                    int other = d * 24 + h % 24;
                    pool.addAll(byHour.get(other));
                    hours += seen[other];
                }
            }
            pool.sort(Comparator.comparing(Arrival::at));
            rates[h] = hours > 0 ? pool.size() / hours : 0;
            pools.add(List.copyOf(pool));
        }
        return new RecordedDemand(timeZone, List.copyOf(pools), rates, 1.0, a -> 1.0, counted, history);
    }

    /** The same demand at {@code factor} times its rates: the same places and kinds, more or fewer calls. */
    public RecordedDemand scaledBy(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor))
            throw InvalidInputException.of("factor", factor, "must be a positive number");
        return new RecordedDemand(timeZone, pools, rates, scale * factor, share, calls, history);
    }

    /**
     * The same demand with each call's rate multiplied by {@code factorOf} it (a service's own trend, by the
     * agency its call is for): drawn at the largest factor and thinned to each call's own, which is exact for a
     * Poisson process. With one factor for every call it draws the calls {@link #scaledBy(double)} does.
     *
     * @param largest the largest factor {@code factorOf} gives
     */
    public RecordedDemand scaledBy(java.util.function.ToDoubleFunction<Arrival> factorOf, double largest) {
        if (!(largest > 0) || Double.isInfinite(largest))
            throw InvalidInputException.of("largest", largest, "must be a positive number");
        return new RecordedDemand(
                timeZone, pools, rates, scale * largest, a -> factorOf.applyAsDouble(a) / largest, calls, history);
    }

    /** How many recorded calls it was learned from. */
    public int countCalls() {
        return calls;
    }

    /** How long a history it was learned from. */
    public Duration history() {
        return history;
    }

    /** The rate of calls of every kind and place, per hour, at {@code at}. */
    public double ratePerHour(Instant at) {
        int hour = hourOfWeek(at.atZone(timeZone));
        return scale * rates[hour] * kept(pools.get(hour), a -> true);
    }

    /** The share of {@code pool}'s calls that {@code which} accepts, each counted at its own share. */
    private double kept(List<Arrival> pool, java.util.function.Predicate<Arrival> which) {
        if (pool.isEmpty()) return 0;
        double kept = 0;
        for (Arrival a : pool) if (which.test(a)) kept += share.applyAsDouble(a);
        return kept / pool.size();
    }

    /** How many calls {@code [from, to)} holds on average. */
    public double expectedCount(Instant from, Instant to) {
        return expectedCount(from, to, a -> true);
    }

    /** How many of the calls {@code which} accepts {@code [from, to)} holds on average: one service's, say. */
    public double expectedCount(Instant from, Instant to, java.util.function.Predicate<Arrival> which) {
        double[] sum = {0};
        forEachHour(
                from,
                to,
                timeZone,
                (hour, part) -> sum[0] += part * scale * rates[hour] * kept(pools.get(hour), which));
        return sum[0];
    }

    @Override
    public List<Arrival> arrivals(Instant from, Instant to, RandomGenerator random) {
        List<Arrival> out = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); ) {
            ZonedDateTime local = start.atZone(timeZone);
            Instant hourEnd = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = hourEnd.isBefore(to) ? hourEnd : to;
            int hour = hourOfWeek(local);
            double rate = scale * rates[hour];
            List<Arrival> pool = pools.get(hour);
            long span = Duration.between(start, end).toNanos();
            double t = 0;
            while (rate > 0) {
                // exponential gaps: memoryless, so restarting at each hour's edge is exact
                t += -Math.log(1 - random.nextDouble()) / rate * NANOS_PER_HOUR;
                if (t >= span) break;
                Arrival like = pool.get(random.nextInt(pool.size()));
                Instant at = start.plusNanos((long) t).truncatedTo(ChronoUnit.MILLIS);
                // thinned to the call's own share: no draw when it keeps them all, so one factor for every
                // call draws what scaledBy(factor) draws
                double keep = share.applyAsDouble(like);
                if (keep < 1 && random.nextDouble() >= keep) continue;
                out.add(new Arrival(
                        at, like.organisation(), like.zone(), like.type(), like.priority(), like.location()));
            }
            start = end;
        }
        return out;
    }

    private static int hourOfWeek(ZonedDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    @FunctionalInterface
    private interface HourShare {
        void accept(int hourOfWeek, double shareOfTheHour);
    }

    /** Each local hour of the week {@code [from, to)} touches, with the share of it that lies inside. */
    private static void forEachHour(Instant from, Instant to, ZoneId timeZone, HourShare each) {
        for (Instant start = from; start.isBefore(to); ) {
            ZonedDateTime local = start.atZone(timeZone);
            Instant hourEnd = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = hourEnd.isBefore(to) ? hourEnd : to;
            each.accept(hourOfWeek(local), Duration.between(start, end).toNanos() / NANOS_PER_HOUR);
            start = end;
        }
    }
}
