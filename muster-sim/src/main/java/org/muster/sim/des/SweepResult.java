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
 * replications in which it breached a target and how long into the run it first did, and the first value at
 * which it breached in at least half the replications.
 *
 * @param key the key swept, as named on the command line
 * @param points each value with its replications, in order of value
 * @param zones every zone that breached at some value, in order of organisation then zone
 */
public record SweepResult(String key, List<Point> points, List<ZoneCurve> zones) {
    /** A zone collapses at a value when it breaches in at least this share of the replications. */
    public static final double COLLAPSED = 0.5;

    public SweepResult {
        Check.text("key", key);
        points = Check.nonEmpty("points", points);
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
     * @param collapsesAt the first value at which it breached in at least {@link #COLLAPSED} of them
     */
    public record ZoneCurve(
            OrganisationId organisation,
            ZoneId zone,
            List<Double> breached,
            List<OptionalDouble> hoursToBreach,
            Optional<BigDecimal> collapsesAt) {
        public ZoneCurve {
            Check.present("organisation", organisation);
            Check.present("zone", zone);
            breached = List.copyOf(breached);
            hoursToBreach = List.copyOf(hoursToBreach);
            Check.present("collapsesAt", collapsesAt);
        }

        /** The index of the point it collapses at; empty when it never does. */
        public Optional<Integer> collapseIndex() {
            for (int i = 0; i < breached.size(); i++) if (breached.get(i) >= COLLAPSED) return Optional.of(i);
            return Optional.empty();
        }
    }

    /** The curves of the points' runs. */
    public static SweepResult of(String key, List<Point> points) {
        Map<ZoneId, OrganisationId> zones = new TreeMap<>();
        for (Point p : points)
            for (RunResult r : p.runs())
                for (TimeSeries.ZoneBreach b : r.series().firstBreaches()) zones.put(b.zone(), b.organisation());
        List<ZoneCurve> curves = new ArrayList<>();
        for (var z : zones.entrySet()) {
            List<Double> breached = new ArrayList<>();
            List<OptionalDouble> hours = new ArrayList<>();
            Optional<BigDecimal> collapses = Optional.empty();
            for (Point p : points) {
                int n = 0;
                double sum = 0;
                for (RunResult r : p.runs()) {
                    for (TimeSeries.ZoneBreach b : r.series().firstBreaches()) {
                        if (!b.zone().equals(z.getKey())) continue;
                        n++;
                        sum += Duration.between(r.scenario().start(), b.time()).toMillis() / 3_600_000.0;
                    }
                }
                double share = (double) n / p.runs().size();
                breached.add(share);
                hours.add(n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n));
                if (collapses.isEmpty() && share >= COLLAPSED) collapses = Optional.of(p.value());
            }
            curves.add(new ZoneCurve(z.getValue(), z.getKey(), breached, hours, collapses));
        }
        curves.sort((a, b) -> {
            int c = a.organisation().compareTo(b.organisation());
            return c != 0 ? c : a.zone().compareTo(b.zone());
        });
        return new SweepResult(key, points, curves);
    }

    /**
     * {@code sweep.csv}: one row per zone and value: the key, the value, the zone's organisation and id, the
     * share of replications in which it breached, the mean hours to its first breach (empty when none did),
     * and whether this is the value it collapses at.
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder("key,value,organisation,zone,breached,hours_to_breach,collapses_here\n");
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
                        .append('\n');
            }
        }
        return out.toString();
    }
}
