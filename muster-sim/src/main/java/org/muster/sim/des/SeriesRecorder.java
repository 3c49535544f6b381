package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.Engine;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageReport;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.coverage.LayerCoverage;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.RoadNetwork;

/**
 * Samples a run's {@link TimeSeries}. Coverage comes from a {@link CoverageTracker} built as the live
 * service builds its own (the same demand cells, configuration and events), so the simulator's coverage is
 * the board's. Its catch-ups are left to the samples (an executor that runs nothing): a unit that moved a
 * hundred times between two samples is searched from once, at the sample.
 */
final class SeriesRecorder {
    private final CoverageTracker coverage;
    private final ResponseTimes responses;
    private final Duration handling;
    private final Rules.ZoneLocator zones;
    private final Map<ZoneId, TimeSeries.ZoneBreach> firstBreaches = new TreeMap<>();
    private final List<TimeSeries.Sample> samples = new ArrayList<>();
    private Instant next;

    private SeriesRecorder(
            CoverageTracker coverage,
            ResponseTimes responses,
            Duration handling,
            Rules.ZoneLocator zones,
            Instant start) {
        this.coverage = coverage;
        this.responses = responses;
        this.handling = handling;
        this.zones = zones;
        this.next = start.plus(TimeSeries.INTERVAL);
    }

    /** Subscribes to the engine, whose region is registered; samples are taken from {@code start}'s next interval. */
    static SeriesRecorder start(
            Engine engine, RoadNetwork roads, ResponseTimes responses, Duration handling, Instant start) {
        DemandCells cells = cells(roads, engine.rules().zones());
        CoverageTracker tracker =
                CoverageTracker.start(cells, coverageConfig(engine, responses.targets()), engine.state(), r -> {});
        engine.subscribe(tracker);
        return new SeriesRecorder(tracker, responses, handling, engine.rules().zones(), start);
    }

    /**
     * The coverage standards the live service measures by ({@link CoverageConfig#of} its catalogue, at the
     * organisations' own targets where the scenario sets them, as MusterNode): the series' coverage and the
     * move-up policy's targets alike.
     */
    static CoverageConfig coverageConfig(Engine engine, org.muster.engine.performance.ResponseTargets targets) {
        return CoverageConfig.of(engine.rules().catalogue()).withOwnTargets(targets);
    }

    // The last region's demand cells: placing every cell on the road takes a second or two, and replications
    // (and a baseline) run on the same roads and zones. Immutable, so shared between threads.
    private static RoadNetwork cachedRoads;
    private static Rules.ZoneLocator cachedZones;
    private static DemandCells cachedCells;

    /** The demand cells the live service measures coverage over ({@link DemandCells#ofService}, as MusterNode). */
    static synchronized DemandCells cells(RoadNetwork roads, Rules.ZoneLocator zones) {
        if (roads != cachedRoads || zones != cachedZones) {
            cachedCells = DemandCells.ofService(roads, CellIndex.h3(), zones);
            cachedRoads = roads;
            cachedZones = zones;
        }
        return cachedCells;
    }

    /** Whether {@link #reached} at {@code now} takes a sample: at the next interval, or at the run's {@code end}. */
    boolean isDue(Instant now, Instant end) {
        return !now.isBefore(next) || !now.isBefore(end);
    }

    /** Takes a sample when {@code now} has reached the next interval, or when {@code always} (the run's start and end). */
    void reached(Instant now, MusterState state, boolean always) {
        if (now.isBefore(next) && !always) return;
        while (!next.isAfter(now)) next = next.plus(TimeSeries.INTERVAL);
        sample(now, state);
    }

    private void sample(Instant now, MusterState state) {
        Map<OrganisationId, Integer> waiting = new TreeMap<>();
        for (Organisation o : state.organisations().values()) waiting.put(o.id(), 0);
        for (Incident i : state.listOpenIncidents()) {
            if (!QueuedCalls.isQueued(state, i, zones, now, handling)) continue;
            waiting.merge(i.organisation(), 1, Integer::sum);
        }
        breaches(now, state);
        CoverageReport report = coverage.report();
        for (var w : waiting.entrySet()) {
            samples.add(new TimeSeries.Sample(
                    now, w.getKey(), TimeSeries.Measure.WAITING, Optional.empty(), OptionalDouble.of(w.getValue())));
            for (LayerCoverage l : report.layers()) {
                if (!l.layer().organisation().equals(w.getKey())
                        || l.layer().unitType().isPresent()) continue;
                samples.add(new TimeSeries.Sample(
                        now,
                        w.getKey(),
                        TimeSeries.Measure.COVERAGE,
                        Optional.of(l.layer().standard().category()),
                        l.area().shareOnce()));
            }
        }
    }

    /** Notes the zones whose figures stand in breach for the first time (demand zones: those with no zone within). */
    private void breaches(Instant now, MusterState state) {
        Set<ZoneId> parents = org.muster.sim.demand.CallZones.parents(state);
        for (Zone z : state.zones().values()) {
            if (parents.contains(z.id()) || firstBreaches.containsKey(z.id())) continue;
            Optional<Organisation> org = state.findOrganisation(z.organisation());
            if (org.isEmpty()) continue;
            for (Priority p : Priority.values()) {
                if (!responses.targets().targetFor(z.id(), org.get(), p).isSet()) continue;
                ResponseStats s =
                        responses.statsForZone(z.id(), z.organisation(), p, ResponseTimes.Window.FOUR_WEEKS, now);
                if (s.breachesMean() || s.breachesP90()) {
                    firstBreaches.put(z.id(), new TimeSeries.ZoneBreach(z.organisation(), z.id(), p, now));
                    break;
                }
            }
        }
    }

    TimeSeries series() {
        return new TimeSeries(samples, List.copyOf(firstBreaches.values()));
    }
}
