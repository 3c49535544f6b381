package org.muster.sim.des;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * A scenario run at each value of one key (the collapse curve): for each zone, at each value, the share of
 * replications in which it breached a target and how long into the run it first did, and the value at which it
 * collapses: from there on, at that value and every larger one, it breached in at least half the replications.
 * When the key sizes a shock, the scenario also runs
 * without that shock: a zone that breaches in at least half of those runs breaches whatever the shock's size,
 * and the shock is not said to collapse it.
 *
 * @param key the key swept, as named on the command line
 * @param points each value with its replications, in order of value
 * @param without the scenario's replications without the shock swept, when the key sizes one
 * @param zones every zone that breached at some value or without the shock, in order of organisation then zone
 */
public record SweepResult(String key, List<Point> points, Optional<Point> without, List<ZoneCurve> zones) {
    /** The folder, beside the values' folders, of the runs without the shock. */
    public static final String WITHOUT_FOLDER = "without-the-shock";

    /** A zone collapses at a value when it breaches in at least this share of the replications. */
    public static final double COLLAPSED = 0.5;

    public SweepResult {
        Check.text("key", key);
        points = Check.nonEmpty("points", points);
        Check.present("without", without);
        zones = List.copyOf(zones);
    }

    /** One value of the key and the runs at it. */
    public record Point(BigDecimal value, List<RunResult> runs) {
        public Point {
            Check.present("value", value);
            runs = Check.nonEmpty("runs", runs);
        }
    }

    /**
     * One zone along the sweep.
     *
     * @param breached per point, the share of replications in which it breached
     * @param hoursToBreach per point, the mean time from the run's start to its first breach over the
     *     replications that breached; empty where none did
     * @param breachedWithout the share of the runs without the shock in which it breached; empty when the
     *     sweep has none
     * @param collapsesAt the value from which it breached in at least {@link #COLLAPSED} of them at that value
     *     and every larger one swept ({@link #collapseIndex}); empty when there is none, or when it breaches
     *     without the shock
     */
    public record ZoneCurve(
            OrganisationId organisation,
            ZoneId zone,
            List<Double> breached,
            List<OptionalDouble> hoursToBreach,
            OptionalDouble breachedWithout,
            Optional<BigDecimal> collapsesAt) {
        public ZoneCurve {
            Check.present("organisation", organisation);
            Check.present("zone", zone);
            breached = List.copyOf(breached);
            hoursToBreach = List.copyOf(hoursToBreach);
            Check.present("breachedWithout", breachedWithout);
            Check.present("collapsesAt", collapsesAt);
        }

        /** Whether it breaches in at least {@link #COLLAPSED} of the runs without the shock. */
        public boolean breachesWithout() {
            return breachedWithout.isPresent() && breachedWithout.getAsDouble() >= COLLAPSED;
        }

        /**
         * The index of the point it collapses at: the first from which it breaches in at least {@link #COLLAPSED}
         * of the replications at that value and at every larger one. A breach at one size that the next sizes do
         * not repeat is the replications' noise (with two, one breach is half), not the size the zone gives way
         * at. Empty when there is none, or when it breaches without the shock.
         */
        public Optional<Integer> collapseIndex() {
            if (breachesWithout()) return Optional.empty();
            Optional<Integer> from = Optional.empty();
            for (int i = breached.size() - 1; i >= 0 && breached.get(i) >= COLLAPSED; i--) from = Optional.of(i);
            return from;
        }
    }

    /** The curves of the points' runs, with no run without the shock. */
    public static SweepResult of(String key, List<Point> points) {
        return of(key, points, Optional.empty());
    }

    /** The curves of the points' runs, judged beside the runs {@code without} the shock swept when given. */
    public static SweepResult of(String key, List<Point> points, Optional<Point> without) {
        Map<ZoneId, OrganisationId> zones = new TreeMap<>();
        List<Point> all = new ArrayList<>(points);
        without.ifPresent(all::add);
        for (Point p : all)
            for (RunResult r : p.runs())
                for (TimeSeries.ZoneBreach b : r.series().firstBreaches()) zones.put(b.zone(), b.organisation());
        List<ZoneCurve> curves = new ArrayList<>();
        for (var z : zones.entrySet()) {
            List<Double> breached = new ArrayList<>();
            List<OptionalDouble> hours = new ArrayList<>();
            for (Point p : points) {
                breached.add(share(p, z.getKey()));
                hours.add(hoursToBreach(p, z.getKey()));
            }
            OptionalDouble breachedWithout =
                    without.map(p -> OptionalDouble.of(share(p, z.getKey()))).orElse(OptionalDouble.empty());
            ZoneCurve curve =
                    new ZoneCurve(z.getValue(), z.getKey(), breached, hours, breachedWithout, Optional.empty());
            Optional<BigDecimal> collapses =
                    curve.collapseIndex().map(i -> points.get(i).value());
            curves.add(new ZoneCurve(z.getValue(), z.getKey(), breached, hours, breachedWithout, collapses));
        }
        curves.sort((a, b) -> {
            int c = a.organisation().compareTo(b.organisation());
            return c != 0 ? c : a.zone().compareTo(b.zone());
        });
        return new SweepResult(key, points, without, curves);
    }

    /** The share of {@code p}'s runs in which {@code zone} breached. */
    private static double share(Point p, ZoneId zone) {
        int n = 0;
        for (RunResult r : p.runs())
            for (TimeSeries.ZoneBreach b : r.series().firstBreaches())
                if (b.zone().equals(zone)) n++;
        return (double) n / p.runs().size();
    }

    /** The mean hours from the start to {@code zone}'s first breach over {@code p}'s runs that breached. */
    private static OptionalDouble hoursToBreach(Point p, ZoneId zone) {
        int n = 0;
        double sum = 0;
        for (RunResult r : p.runs()) {
            for (TimeSeries.ZoneBreach b : r.series().firstBreaches()) {
                if (!b.zone().equals(zone)) continue;
                n++;
                sum += Duration.between(r.scenario().start(), b.time()).toMillis() / 3_600_000.0;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /**
     * {@code sweep.csv}: one row per zone and value: the key, the value, the zone's organisation and id, the
     * share of replications in which it breached, the mean hours to its first breach (empty when none did),
     * whether this is the value it collapses at, and the share of the runs without the shock in which it
     * breached (empty when the sweep has none).
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder(
                "key,value,organisation,zone,breached,hours_to_breach,collapses_here,breached_without_shock\n");
        for (ZoneCurve z : zones) {
            for (int i = 0; i < points.size(); i++) {
                int at = i;
                out.append(key)
                        .append(',')
                        .append(points.get(i).value().toPlainString())
                        .append(',')
                        .append(z.organisation().value())
                        .append(',')
                        .append(z.zone().value())
                        .append(',')
                        .append(ReplicatedSummary.number(
                                OptionalDouble.of(z.breached().get(i)), 4))
                        .append(',')
                        .append(ReplicatedSummary.number(z.hoursToBreach().get(i), 2)
                                .replace("null", ""))
                        .append(',')
                        .append(z.collapseIndex().filter(c -> c == at).isPresent())
                        .append(',')
                        .append(ReplicatedSummary.number(z.breachedWithout(), 4).replace("null", ""))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
