package org.muster.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.unit.UnitId;

/**
 * A year's work in miniature: {@link LifecycleWorkload}'s jobs (each call closes when its unit clears,
 * and leaves the live state for the read model), with the unit reporting its position as it drives there and back — the mix
 * that made position updates most of the log before they had a track of their own.
 */
final class GrowthWorkload {
    private static final GeoPoint BASE = GeoPoint.of(52.63, -0.65);

    private final String runId;
    private final LifecycleWorkload jobs;
    private final int positionsPerJob;
    private final ConcurrentHashMap<Integer, AtomicLong> nextJob = new ConcurrentHashMap<>();

    GrowthWorkload(String runId, int positionsPerJob) {
        this.runId = runId;
        this.jobs = new LifecycleWorkload(runId);
        this.positionsPerJob = positionsPerJob;
    }

    List<CommandEnvelope> setUp(int units) {
        return jobs.setUp(units);
    }

    /**
     * The unit's next job: call, dispatch, en route, positions on the way, on scene, clear (which closes the
     * call, its only unit released), positions on the way back.
     */
    List<CommandEnvelope> nextJob(int unit) {
        long job = nextJob.computeIfAbsent(unit, u -> new AtomicLong()).getAndIncrement();
        List<CommandEnvelope> life = jobs.job(unit, job);
        UnitId u = UnitId.of(runId + "-u" + unit);
        GeoPoint scene = ((Command.CreateIncident) life.getFirst().command()).location();
        String key = "u" + unit + "-j" + job;
        List<CommandEnvelope> out = new ArrayList<>(life.subList(0, 3)); // call, dispatch, en route
        int there = positionsPerJob / 2;
        for (int i = 1; i <= there; i++)
            out.add(env(
                    key + "-to" + i, new Command.ReportPosition(u, between(BASE, scene, (double) i / (there + 1)))));
        out.add(life.get(3)); // on scene
        out.add(life.get(4)); // clear
        for (int i = 1; i <= positionsPerJob - there; i++)
            out.add(env(
                    key + "-back" + i,
                    new Command.ReportPosition(u, between(scene, BASE, (double) i / (positionsPerJob - there + 1)))));
        return out;
    }

    private static GeoPoint between(GeoPoint a, GeoPoint b, double f) {
        return GeoPoint.of(a.lat() + (b.lat() - a.lat()) * f, a.lon() + (b.lon() - a.lon()) * f);
    }

    private CommandEnvelope env(String key, Command c) {
        return new CommandEnvelope(CommandId.of(runId + "-" + key), Actor.of("bench"), "", c);
    }
}
