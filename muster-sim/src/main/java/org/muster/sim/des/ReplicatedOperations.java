package org.muster.sim.des;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitStatus;

/**
 * The {@code operations} of several replications' summaries, figure by figure: each the mean over the
 * replications and its 95 % interval, as {@link ReplicatedSummary} estimates the response figures. An
 * organisation or zone a replication has no figures for counts there as nothing. Each unit's own times are
 * a single run's (its conservation check), not estimated.
 */
public record ReplicatedOperations(
        OrganisationId organisation,
        List<ReplicatedSummary.Figure> figures,
        List<ReplicatedSummary.Figure> unitSeconds,
        List<Zone> zones)
        implements ReplicatedSummary.Figures {
    public ReplicatedOperations {
        Check.present("organisation", organisation);
        figures = List.copyOf(figures);
        unitSeconds = List.copyOf(unitSeconds);
        zones = List.copyOf(zones);
    }

    /** A zone's {@code reroutedCalls} and {@code escortedDispatches}. */
    public record Zone(ZoneId zone, List<ReplicatedSummary.Figure> figures) implements ReplicatedSummary.Figures {
        public Zone {
            Check.present("zone", zone);
            figures = List.copyOf(figures);
        }
    }

    private record Reading(String name, int decimals, ToDoubleFunction<OrganisationOperations> value) {}

    private static final List<Reading> READINGS = List.of(
            new Reading("reroutedCalls", 2, OrganisationOperations::reroutedCalls),
            new Reading("escortedDispatches", 2, OrganisationOperations::escortedDispatches),
            new Reading("aidAsked", 2, OrganisationOperations::aidAsked),
            new Reading("aidFilled", 2, OrganisationOperations::aidFilled),
            new Reading("aidPartlyFilled", 2, OrganisationOperations::aidPartlyFilled),
            new Reading("aidDeclined", 2, OrganisationOperations::aidDeclined),
            new Reading("aidDeclinesGiven", 2, OrganisationOperations::aidDeclinesGiven),
            new Reading("officerHoursLent", 3, OrganisationOperations::officerHoursLent),
            new Reading("officerHoursBorrowed", 3, OrganisationOperations::officerHoursBorrowed),
            new Reading("standingOffHours", 3, OrganisationOperations::standingOffHours));

    /** Every organisation's estimates over the replications' summaries, by organisation id. */
    static List<ReplicatedOperations> of(List<Summary> replications) {
        TreeSet<OrganisationId> orgs = new TreeSet<>();
        replications.forEach(s -> s.operations().forEach(o -> orgs.add(o.organisation())));
        List<ReplicatedOperations> out = new ArrayList<>();
        for (OrganisationId id : orgs) {
            List<Optional<OrganisationOperations>> each = replications.stream()
                    .map(s -> s.operations().stream()
                            .filter(o -> o.organisation().equals(id))
                            .findFirst())
                    .toList();
            List<ReplicatedSummary.Figure> figures = new ArrayList<>();
            for (Reading r : READINGS)
                figures.add(figure(r.name(), r.decimals(), each, o -> r.value().applyAsDouble(o)));
            List<ReplicatedSummary.Figure> unitSeconds = new ArrayList<>();
            for (UnitStatus status : UnitStatus.values()) {
                boolean any = each.stream()
                        .flatMap(Optional::stream)
                        .anyMatch(o -> o.unitTime().containsKey(status));
                if (any)
                    unitSeconds.add(figure(
                            status.name(),
                            3,
                            each,
                            o -> o.unitTime()
                                            .getOrDefault(status, Duration.ZERO)
                                            .toMillis()
                                    / 1000.0));
            }
            TreeSet<ZoneId> zoneIds = new TreeSet<>();
            each.forEach(o -> o.ifPresent(x -> x.zones().forEach(z -> zoneIds.add(z.zone()))));
            List<Zone> zones = new ArrayList<>();
            for (ZoneId z : zoneIds) {
                List<Optional<OrganisationOperations.ZoneOperations>> inZone = each.stream()
                        .map(o -> o.flatMap(x -> x.zones().stream()
                                .filter(y -> y.zone().equals(z))
                                .findFirst()))
                        .toList();
                zones.add(new Zone(
                        z,
                        List.of(
                                zoneFigure(
                                        "reroutedCalls", inZone, OrganisationOperations.ZoneOperations::reroutedCalls),
                                zoneFigure(
                                        "escortedDispatches",
                                        inZone,
                                        OrganisationOperations.ZoneOperations::escortedDispatches))));
            }
            out.add(new ReplicatedOperations(id, figures, unitSeconds, zones));
        }
        return out;
    }

    private static ReplicatedSummary.Figure figure(
            String name,
            int decimals,
            List<Optional<OrganisationOperations>> each,
            ToDoubleFunction<OrganisationOperations> value) {
        return new ReplicatedSummary.Figure(
                name,
                decimals,
                Estimate.ofAmounts(each.stream()
                        .map(o -> o.map(value::applyAsDouble).orElse(0.0))
                        .toList()));
    }

    private static ReplicatedSummary.Figure zoneFigure(
            String name,
            List<Optional<OrganisationOperations.ZoneOperations>> each,
            ToDoubleFunction<OrganisationOperations.ZoneOperations> value) {
        return new ReplicatedSummary.Figure(
                name,
                2,
                Estimate.ofAmounts(each.stream()
                        .map(o -> o.map(value::applyAsDouble).orElse(0.0))
                        .toList()));
    }

    /** The {@code operations} array of a replicated {@code summary.json}. */
    static void write(RunFiles.Json j, List<ReplicatedOperations> operations) {
        j.field("operations").open('[');
        for (ReplicatedOperations o : operations) {
            j.element().open('{');
            j.field("organisation").string(o.organisation().value());
            for (ReplicatedSummary.Figure f : o.figures()) ReplicatedSummary.estimate(j.field(f.name()), f);
            j.field("unitSecondsByStatus").open('{');
            for (ReplicatedSummary.Figure f : o.unitSeconds()) ReplicatedSummary.estimate(j.field(f.name()), f);
            j.close('}');
            j.field("zones").open('[');
            for (Zone z : o.zones()) {
                j.element().open('{');
                j.field("zone").string(z.zone().value());
                for (ReplicatedSummary.Figure f : z.figures()) ReplicatedSummary.estimate(j.field(f.name()), f);
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
    }
}
