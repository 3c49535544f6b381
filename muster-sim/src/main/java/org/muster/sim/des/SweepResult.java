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
 * collapses: where the share of replications breached, fitted as never falling with the size, reaches half.
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
         * The index of the point it collapses at: the first at which the share of replications breached, fitted
         * as never falling with the shock's size ({@link #nonDecreasing}: a larger shock breaks a zone at least as
         * often as a smaller one), reaches {@link #COLLAPSED}. A few replications' shares are noisy both ways: a
         * breach at one size that the next sizes do not repeat is not the size the zone gives way at (with two
         * replications one breach is half), and one size that breached in a single run of three, between sizes
         * that breached in two or three, is not where it recovers (the walkout's Larkwich breached in every run
         * at 10 and 20 %, and "collapsed" at 45 % because 40 % breached in one run of three). Empty when there is
         * none, or when it breaches without the shock.
         */
        public Optional<Integer> collapseIndex() {
            if (breachesWithout()) return Optional.empty();
            double[] fitted = nonDecreasing(breached);
            for (int i = 0; i < fitted.length; i++) if (fitted[i] >= COLLAPSED - 1e-9) return Optional.of(i);
            return Optional.empty();
        }
    }

    /**
     * The least-squares fit to {@code shares} that never falls (isotonic regression, by pooling adjacent values
     * that fall into their mean until none does): each value swept has as many replications, so each weighs
     * the same.
     */
    static double[] nonDecreasing(List<Double> shares) {
        int n = shares.size();
        double[] level = new double[n];
        int[] width = new int[n];
        int blocks = 0;
        for (double share : shares) {
            level[blocks] = share;
            width[blocks] = 1;
            blocks++;
            while (blocks > 1 && level[blocks - 2] > level[blocks - 1]) {
                int w = width[blocks - 2] + width[blocks - 1];
                level[blocks - 2] = (level[blocks - 2] * width[blocks - 2] + level[blocks - 1] * width[blocks - 1]) / w;
                width[blocks - 2] = w;
                blocks--;
            }
        }
        double[] out = new double[n];
        int at = 0;
        for (int b = 0; b < blocks; b++) for (int k = 0; k < width[b]; k++) out[at++] = level[b];
        return out;
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
