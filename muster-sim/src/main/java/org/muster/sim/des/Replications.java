package org.muster.sim.des;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.road.RoadNetwork;

/**
 * N independent runs of one scenario, each with its own engine and its own seed, on T threads. A
 * replication's outcome depends on its seed alone (each run waits for every command's answer), so the
 * results, and the files written from them, are the same whatever T is.
 *
 * <p>Seeds: replication 1 runs on the scenario's seed, so one replication is the single run it always was;
 * replication k (k ≥ 2) on {@link #seedOf}: the SplitMix64 finaliser of {@code seed + k × 0x9E3779B97F4A7C15},
 * so that neighbouring scenario seeds do not share replications (seed 1's second replication is not seed 2's
 * first).
 */
public final class Replications {
    /** The most replications one command runs. */
    public static final int MOST = 1_000;

    /** The most threads. */
    public static final int MOST_THREADS = 256;

    /** Told, from any replication's thread (one at a time), as the replications go. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (now, fraction, finished, events, incidents) -> {};

        /**
         * @param now the simulated time the replications running now have reached (the earliest of them); the
         *     first replication's start before any runs, the last end once all have finished
         * @param fraction of all the replications' simulated time done, 0 to 1
         * @param finished replications run to their end
         * @param events events recorded so far, all replications together
         * @param incidents calls raised so far, all replications together
         */
        void reached(Instant now, double fraction, int finished, long events, long incidents);
    }

    private Replications() {}

    /** The seed of replication {@code k} (1-based) of a scenario whose seed is {@code seed}. */
    public static long seedOf(long seed, int k) {
        if (k < 1) throw InvalidInputException.of("replication", k, "must be 1 or more");
        if (k == 1) return seed;
        long z = seed + k * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs the replications and returns their results in order of replication, whatever finished first.
     *
     * @param withSeed the scenario with the given seed (the scenario as read, its seed replaced)
     * @param seed the scenario's seed: replication 1's
     * @throws InvalidInputException when {@code replications} or {@code threads} is out of range
     */
    public static List<RunResult> run(
            GeneratedRegion region,
            RoadNetwork roads,
            ScenarioRun.EngineFactory engines,
            LongFunction<Scenario> withSeed,
            long seed,
            int replications,
            int threads,
            Progress progress) {
        Check.present("withSeed", withSeed);
        Check.present("progress", progress);
        Check.range("replications", replications, 1, MOST);
        Check.range("threads", threads, 1, MOST_THREADS);
        List<Scenario> scenarios = new ArrayList<>(replications);
        for (int k = 1; k <= replications; k++) scenarios.add(withSeed.apply(seedOf(seed, k)));
        Tally tally = new Tally(scenarios, progress);
        if (threads == 1 || replications == 1) {
            List<RunResult> out = new ArrayList<>(replications);
            for (int i = 0; i < replications; i++) out.add(runOne(region, roads, engines, scenarios, i, tally));
            return out;
        }
        List<Callable<RunResult>> runs = new ArrayList<>(replications);
        for (int i = 0; i < replications; i++) {
            int index = i;
            runs.add(() -> runOne(region, roads, engines, scenarios, index, tally));
        }
        return inParallel(runs, threads, "muster-replication-");
    }

    /**
     * Runs the tasks on up to {@code threads} threads named {@code name} and a number, and returns their results in
     * the tasks' order, whatever finished first; a task's failure is thrown as it was.
     */
    public static <T> List<T> inParallel(List<Callable<T>> tasks, int threads, String name) {
        Check.range("threads", threads, 1, MOST_THREADS);
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, name + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) futures.add(pool.submit(task));
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException("a run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the runs ran", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static RunResult runOne(
            GeneratedRegion region,
            RoadNetwork roads,
            ScenarioRun.EngineFactory engines,
            List<Scenario> scenarios,
            int index,
            Tally tally) {
        RunResult r = ScenarioRun.run(
                region,
                roads,
                engines,
                scenarios.get(index),
                (now, fraction, events, incidents) -> tally.reached(index, now, fraction, events, incidents));
        tally.finished(index);
        return r;
    }

    /**
     * Each replication's latest progress, summed up for the caller. The time told is the running replications'
     * (the earliest of them): one waiting for a thread has not started, and counted at its start it held the
     * time told there until the last replication began, so a long run looked stuck.
     */
    static final class Tally {
        private final Progress progress;
        private final Instant[] now;
        private final Instant[] end;
        private final double[] fraction;
        private final long[] events;
        private final long[] incidents;
        private final boolean[] running;
        private int finished;

        Tally(List<Scenario> scenarios, Progress progress) {
            int n = scenarios.size();
            this.progress = progress;
            this.now = new Instant[n];
            this.end = new Instant[n];
            this.fraction = new double[n];
            this.events = new long[n];
            this.incidents = new long[n];
            this.running = new boolean[n];
            for (int i = 0; i < n; i++) {
                now[i] = scenarios.get(i).start();
                end[i] = scenarios.get(i).end();
            }
        }

        synchronized void reached(int i, Instant t, double f, long e, long calls) {
            now[i] = t;
            running[i] = true;
            fraction[i] = f;
            events[i] = e;
            incidents[i] = calls;
            tell();
        }

        synchronized void finished(int i) {
            finished++;
            running[i] = false;
            now[i] = end[i];
            fraction[i] = 1;
            tell();
        }

        private void tell() {
            Instant at = null;
            double done = 0;
            long e = 0;
            long calls = 0;
            for (int i = 0; i < now.length; i++) {
                if (running[i] && (at == null || now[i].isBefore(at))) at = now[i];
                done += fraction[i];
                e += events[i];
                calls += incidents[i];
            }
            if (at == null) at = finished == now.length ? latest(end) : now[0];
            progress.reached(at, done / now.length, finished, e, calls);
        }

        private static Instant latest(Instant[] times) {
            Instant out = times[0];
            for (Instant t : times) if (t.isAfter(out)) out = t;
            return out;
        }
    }
}
