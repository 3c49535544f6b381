package org.muster.sim.des;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.muster.domain.Check;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTargets;

/**
 * The summaries of several replications of one scenario, figure by figure: the mean over the replications
 * and its 95 % confidence interval ({@link Estimate}), per organisation, priority and zone as in one run's
 * {@link Summary}.
 *
 * <p>A group (an organisation's priority, in a zone or over all) that had no call in a replication counts
 * there as nothing: no incidents, responses, queued calls or queue; its times and its share within target
 * have no value there and are estimated over the replications that have one ({@link Estimate#n}).
 *
 * @param seeds each replication's seed, in order
 * @param run the run's counts: incidents, finished, open, events, refused
 * @param operations what the shocks and policies made the engine do, estimated likewise
 * @param coverage each organisation's coverage of each standard over the run, estimated likewise
 */
public record ReplicatedSummary(
        String scenario,
        List<Long> seeds,
        Instant start,
        Instant end,
        List<Figure> run,
        List<OrganisationEstimates> organisations,
        List<ReplicatedOperations> operations,
        List<CoverageEstimates> coverage) {
    public ReplicatedSummary {
        Check.text("scenario", scenario);
        seeds = List.copyOf(seeds);
        Check.present("start", start);
        Check.present("end", end);
        run = List.copyOf(run);
        organisations = List.copyOf(organisations);
        operations = List.copyOf(operations);
        coverage = List.copyOf(coverage);
    }

    /**
     * One organisation's coverage of one standard: the mean over the run's samples and the lowest, each
     * estimated over the replications ({@code meanShare}, {@code lowestShare}), and the hours from the start at
     * which it was lowest ({@code lowestAfterHours}). A replication without the samples does not count.
     */
    public record CoverageEstimates(OrganisationId organisation, Priority category, List<Figure> figures)
            implements Figures {
        public CoverageEstimates {
            Check.present("organisation", organisation);
            Check.present("category", category);
            figures = List.copyOf(figures);
        }

        static List<CoverageEstimates> of(List<Summary> replications) {
            TreeMap<OrganisationId, TreeSet<Priority>> keys = new TreeMap<>();
            replications.forEach(s -> s.coverage()
                    .forEach(c -> keys.computeIfAbsent(c.organisation(), o -> new TreeSet<>())
                            .add(c.category())));
            List<CoverageEstimates> out = new ArrayList<>();
            keys.forEach((org, categories) -> categories.forEach(category -> {
                List<Summary.CoverageFigures> each = new ArrayList<>();
                for (Summary s : replications)
                    s.coverage().stream()
                            .filter(c -> c.organisation().equals(org) && c.category() == category)
                            .findFirst()
                            .ifPresent(each::add);
                out.add(new CoverageEstimates(
                        org,
                        category,
                        List.of(
                                new Figure(
                                        "meanShare",
                                        4,
                                        Estimate.ofShares(each.stream()
                                                .map(Summary.CoverageFigures::meanShare)
                                                .toList())),
                                new Figure(
                                        "lowestShare",
                                        4,
                                        Estimate.ofShares(each.stream()
                                                .map(Summary.CoverageFigures::lowestShare)
                                                .toList())),
                                new Figure(
                                        "lowestAfterHours",
                                        3,
                                        // within the run, as the times are
                                        Estimate.ofAmounts(lowestAfterHours(replications, each))
                                                .within(0, runSeconds(replications) / 3600)))));
            }));
            return out;
        }

        private static List<Double> lowestAfterHours(List<Summary> replications, List<Summary.CoverageFigures> each) {
            Instant start = replications.getFirst().start();
            return each.stream()
                    .map(c -> Duration.between(start, c.lowestAt()).toMillis() / 3_600_000.0)
                    .toList();
        }
    }

    /** One estimated figure, named as in {@code summary.json}, written to {@code decimals} places. */
    public record Figure(String name, int decimals, Estimate estimate) {
        public Figure {
            Check.text("name", name);
            Check.present("estimate", estimate);
        }
    }

    /** A group of estimated figures, each found by its name in {@code summary.json}. */
    public interface Figures {
        List<Figure> figures();

        /** The figure of that name ({@code meanSeconds}, {@code aidAsked}, ...). */
        default Optional<Figure> findFigure(String name) {
            return figures().stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    public record OrganisationEstimates(
            OrganisationId organisation,
            List<PriorityEstimates> priorities,
            List<ZoneEstimates> zones,
            List<TypeEstimates> types) {
        public OrganisationEstimates {
            Check.present("organisation", organisation);
            priorities = List.copyOf(priorities);
            zones = List.copyOf(zones);
            types = List.copyOf(types);
        }
    }

    /** One kind of call's figures at one priority; its target is the priority's. */
    public record TypeEstimates(Summary.CallKind kind, ResponseTargets.Target target, List<Figure> figures)
            implements Figures {
        public TypeEstimates {
            Check.present("kind", kind);
            Check.present("target", target);
            figures = List.copyOf(figures);
        }
    }

    public record ZoneEstimates(ZoneId zone, List<PriorityEstimates> priorities) {
        public ZoneEstimates {
            Check.present("zone", zone);
            priorities = List.copyOf(priorities);
        }
    }

    /** One group's figures; its target is the same in every replication. */
    public record PriorityEstimates(Priority priority, ResponseTargets.Target target, List<Figure> figures)
            implements Figures {
        public PriorityEstimates {
            Check.present("priority", priority);
            Check.present("target", target);
            figures = List.copyOf(figures);
        }
    }

    /**
     * How one figure is read from a replication's group, whether an absent group counts as zero, and whether
     * it is a share (between 0 and 1) rather than an amount (0 or more): the interval stays within that.
     */
    private record Reading<F>(
            String name, int decimals, boolean zeroWhenAbsent, boolean share, Function<F, OptionalDouble> value) {
        /**
         * The estimate over the replications; a time ({@code ...Seconds}) no longer than the run, {@code
         * longest} seconds: no response or wait can be, however wide Student's t makes the interval.
         */
        Figure estimate(List<Optional<F>> replications, double longest) {
            List<Double> values = new ArrayList<>();
            for (Optional<F> f : replications) {
                OptionalDouble v = f.map(value).orElse(OptionalDouble.empty());
                if (v.isPresent()) values.add(v.getAsDouble());
                else if (f.isEmpty() && zeroWhenAbsent) values.add(0.0);
            }
            Estimate e = share ? Estimate.ofShares(values) : Estimate.ofAmounts(values);
            return new Figure(name, decimals, name.endsWith("Seconds") ? e.within(0, longest) : e);
        }
    }

    /**
     * The response figures every group has, first in the order written: its calls, the engine's responses,
     * their mean and 90th centile, and the share within target.
     */
    private static <F> List<Reading<F>> responseReadings(ToIntFunction<F> incidents, Function<F, ResponseStats> r) {
        return List.of(
                new Reading<>("incidents", 2, true, false, f -> OptionalDouble.of(incidents.applyAsInt(f))),
                new Reading<>(
                        "responses",
                        2,
                        true,
                        false,
                        f -> OptionalDouble.of(r.apply(f).count())),
                new Reading<>(
                        "meanSeconds", 3, false, false, f -> seconds(r.apply(f).mean())),
                new Reading<>(
                        "p90Seconds", 3, false, false, f -> seconds(r.apply(f).p90())),
                new Reading<>(
                        "meanWithWaitingSeconds",
                        3,
                        false,
                        false,
                        f -> seconds(r.apply(f).meanWithWaiting())),
                new Reading<>(
                        "p90WithWaitingSeconds",
                        3,
                        false,
                        false,
                        f -> seconds(r.apply(f).p90WithWaiting())),
                new Reading<>("withinTarget", 4, false, true, f -> compliance(r.apply(f))));
    }

    /** The calls a group's targets do not judge ({@link Summary.Unjudged}), after its calls still waiting. */
    private static <F> List<Reading<F>> unjudgedReadings(Function<F, Summary.Unjudged> u) {
        return List.of(
                new Reading<>(
                        "reachedInDowngradedZone",
                        2,
                        true,
                        false,
                        f -> OptionalDouble.of(u.apply(f).reachedInDowngradedZone())),
                new Reading<>(
                        "waitingInDowngradedZone",
                        2,
                        true,
                        false,
                        f -> OptionalDouble.of(u.apply(f).waitingInDowngradedZone())),
                new Reading<>(
                        "closedUnreached",
                        2,
                        true,
                        false,
                        f -> OptionalDouble.of(u.apply(f).closedUnreached())));
    }

    /**
     * The figures estimated per group, in the order written. {@code breached}: the share of replications in
     * which the group breached its mean or 90th-centile target (counting calls still waiting at their wait
     * so far, as the live board does).
     */
    private static final List<Reading<Summary.PriorityFigures>> READINGS = Stream.of(
                    responseReadings(Summary.PriorityFigures::incidents, Summary.PriorityFigures::response),
                    List.of(
                            new Reading<Summary.PriorityFigures>(
                                    "breached", 4, false, true, ReplicatedSummary::breached),
                            new Reading<Summary.PriorityFigures>(
                                    "waitingAtEnd",
                                    2,
                                    true,
                                    false,
                                    f -> OptionalDouble.of(f.response().waiting()))),
                    unjudgedReadings(Summary.PriorityFigures::unjudged),
                    List.of(
                            new Reading<Summary.PriorityFigures>(
                                    "queued", 2, true, false, f -> OptionalDouble.of(f.queued())),
                            new Reading<Summary.PriorityFigures>(
                                    "longestQueue", 2, true, false, f -> OptionalDouble.of(f.longestQueue()))))
            .flatMap(List::stream)
            .toList();

    /**
     * The figures estimated per kind of call. {@code longestWaitingSeconds}: the longest wait so far of the
     * kind's calls still waiting at the end, 0 when none was.
     */
    private static final List<Reading<Summary.TypeFigures>> TYPE_READINGS = Stream.of(
                    responseReadings(Summary.TypeFigures::incidents, Summary.TypeFigures::response),
                    List.of(new Reading<Summary.TypeFigures>(
                            "waitingAtEnd",
                            2,
                            true,
                            false,
                            f -> OptionalDouble.of(f.response().waiting()))),
                    unjudgedReadings(Summary.TypeFigures::unjudged),
                    List.of(new Reading<Summary.TypeFigures>(
                            "longestWaitingSeconds",
                            3,
                            true,
                            false,
                            f -> seconds(Optional.of(f.response().oldestWait().orElse(Duration.ZERO))))))
            .flatMap(List::stream)
            .toList();

    private static OptionalDouble compliance(ResponseStats r) {
        return r.compliance().map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble seconds(Optional<Duration> d) {
        return d.map(x -> OptionalDouble.of(x.toMillis() / 1000.0)).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble breached(Summary.PriorityFigures f) {
        ResponseStats r = f.response();
        if (r.target().mean().isEmpty() && r.target().p90().isEmpty()) return OptionalDouble.empty();
        return OptionalDouble.of(r.breachesMean() || r.breachesP90() ? 1 : 0);
    }

    /** The estimates over the replications' summaries, given in order of replication. */
    public static ReplicatedSummary of(List<Summary> replications) {
        Check.nonEmpty("replications", replications);
        Summary first = replications.getFirst();
        List<Figure> run = List.of(
                count("incidents", replications, s -> (double) s.incidents()),
                count("finished", replications, s -> (double) s.finished()),
                count("open", replications, s -> (double) s.open()),
                count("events", replications, s -> (double) s.events()),
                count("refused", replications, s -> (double) s.refused()));
        // no time of the run is longer than the run
        double longest = runSeconds(replications);
        TreeSet<OrganisationId> orgs = new TreeSet<>();
        replications.forEach(s -> s.organisations().forEach(o -> orgs.add(o.organisation())));
        List<OrganisationEstimates> out = new ArrayList<>();
        for (OrganisationId o : orgs) {
            List<Optional<Summary.OrganisationFigures>> each = replications.stream()
                    .map(s -> s.organisations().stream()
                            .filter(x -> x.organisation().equals(o))
                            .findFirst())
                    .toList();
            TreeMap<ZoneId, Boolean> zones = new TreeMap<>();
            each.forEach(x -> x.ifPresent(f -> f.zones().forEach(z -> zones.put(z.zone(), true))));
            List<ZoneEstimates> zoneEstimates = new ArrayList<>();
            for (ZoneId z : zones.keySet()) {
                zoneEstimates.add(new ZoneEstimates(
                        z,
                        priorities(
                                each.stream()
                                        .map(x -> x.flatMap(f -> f.zones().stream()
                                                        .filter(y -> y.zone().equals(z))
                                                        .findFirst())
                                                .map(Summary.ZoneFigures::priorities)
                                                .orElse(List.of()))
                                        .toList(),
                                longest)));
            }
            out.add(new OrganisationEstimates(
                    o,
                    priorities(
                            each.stream()
                                    .map(x -> x.map(Summary.OrganisationFigures::priorities)
                                            .orElse(List.of()))
                                    .toList(),
                            longest),
                    zoneEstimates,
                    types(each, longest)));
        }
        return new ReplicatedSummary(
                first.scenario(),
                replications.stream().map(Summary::seed).toList(),
                first.start(),
                first.end(),
                run,
                out,
                ReplicatedOperations.of(replications),
                CoverageEstimates.of(replications));
    }

    private static Figure count(String name, List<Summary> replications, Function<Summary, Double> value) {
        return new Figure(
                name, 2, Estimate.ofAmounts(replications.stream().map(value).toList()));
    }

    /** An organisation's estimates per kind of call and priority that any replication had, as one run orders them. */
    private static List<TypeEstimates> types(List<Optional<Summary.OrganisationFigures>> replications, double longest) {
        Map<Summary.CallKind, ResponseTargets.Target> kinds = new TreeMap<>();
        replications.forEach(o -> o.ifPresent(f ->
                f.types().forEach(t -> kinds.putIfAbsent(t.kind(), t.response().target()))));
        List<TypeEstimates> out = new ArrayList<>();
        kinds.forEach((kind, target) -> {
            List<Optional<Summary.TypeFigures>> each = replications.stream()
                    .map(o -> o.flatMap(f -> f.types().stream()
                            .filter(t -> t.kind().equals(kind))
                            .findFirst()))
                    .toList();
            out.add(new TypeEstimates(
                    kind,
                    target,
                    TYPE_READINGS.stream().map(r -> r.estimate(each, longest)).toList()));
        });
        return out;
    }

    /** One group's estimates per priority that any replication had calls of, most urgent first. */
    private static List<PriorityEstimates> priorities(
            List<List<Summary.PriorityFigures>> replications, double longest) {
        List<PriorityEstimates> out = new ArrayList<>();
        for (Priority p : Priority.values()) {
            List<Optional<Summary.PriorityFigures>> each = replications.stream()
                    .map(list -> list.stream().filter(f -> f.priority() == p).findFirst())
                    .toList();
            Optional<Summary.PriorityFigures> any =
                    each.stream().flatMap(Optional::stream).findFirst();
            if (any.isEmpty()) continue;
            List<Figure> figures =
                    READINGS.stream().map(r -> r.estimate(each, longest)).toList();
            out.add(new PriorityEstimates(p, any.get().response().target(), figures));
        }
        return out;
    }

    /** The replications' run's length, in seconds: no time measured in it is longer. */
    private static double runSeconds(List<Summary> replications) {
        Summary first = replications.getFirst();
        return Duration.between(first.start(), first.end()).toMillis() / 1000.0;
    }

    /** {@code summary.json} for the replications: each figure as its mean, interval and replications counted. */
    public String toJson() {
        RunFiles.Json j = new RunFiles.Json();
        j.open('{');
        j.field("scenario").string(scenario);
        j.field("seed").raw(Long.toString(seeds.getFirst()));
        j.field("replications").raw(Integer.toString(seeds.size()));
        j.field("seeds").open('[');
        for (long s : seeds) j.element().raw(Long.toString(s));
        j.close(']');
        j.field("confidence").raw(BigDecimal.valueOf(Estimate.CONFIDENCE).toPlainString());
        j.field("start").string(start.toString());
        j.field("end").string(end.toString());
        for (Figure f : run) estimate(j.field(f.name()), f);
        j.field("organisations").open('[');
        for (OrganisationEstimates o : organisations) {
            j.element().open('{');
            j.field("organisation").string(o.organisation().value());
            j.field("priorities");
            priorities(j, o.priorities());
            j.field("zones").open('[');
            for (ZoneEstimates z : o.zones()) {
                j.element().open('{');
                j.field("zone").string(z.zone().value());
                j.field("priorities");
                priorities(j, z.priorities());
                j.close('}');
            }
            j.close(']');
            j.field("types").open('[');
            for (TypeEstimates t : o.types()) {
                j.element().open('{');
                j.field("type").string(t.kind().type().value());
                j.field("priority").string(t.kind().priority().name());
                for (Figure f : t.figures()) estimate(j.field(f.name()), f);
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
        ReplicatedOperations.write(j, operations);
        j.field("coverage").open('[');
        for (CoverageEstimates c : coverage) {
            j.element().open('{');
            j.field("organisation").string(c.organisation().value());
            j.field("category").string(c.category().name());
            for (Figure f : c.figures()) estimate(j.field(f.name()), f);
            j.close('}');
        }
        j.close(']');
        j.close('}');
        return j.toString() + "\n";
    }

    private static void priorities(RunFiles.Json j, List<PriorityEstimates> figures) {
        j.open('[');
        for (PriorityEstimates p : figures) {
            j.element().open('{');
            j.field("priority").string(p.priority().name());
            j.field("targetMeanSeconds")
                    .raw(p.target().mean().map(ReplicatedSummary::seconds3).orElse("null"));
            j.field("targetP90Seconds")
                    .raw(p.target().p90().map(ReplicatedSummary::seconds3).orElse("null"));
            for (Figure f : p.figures()) estimate(j.field(f.name()), f);
            j.close('}');
        }
        j.close(']');
    }

    static void estimate(RunFiles.Json j, Figure f) {
        Estimate e = f.estimate();
        j.open('{');
        j.field("mean").raw(number(e.mean(), f.decimals()));
        j.field("low").raw(number(e.low(), f.decimals()));
        j.field("high").raw(number(e.high(), f.decimals()));
        j.field("n").raw(Integer.toString(e.n()));
        j.close('}');
    }

    private static String seconds3(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
    }

    static String number(OptionalDouble d, int decimals) {
        if (d.isEmpty()) return "null";
        return BigDecimal.valueOf(d.getAsDouble())
                .setScale(decimals, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
