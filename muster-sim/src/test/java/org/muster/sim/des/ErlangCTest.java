package org.muster.sim.des;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.StationId;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.testing.SimFixture;

/**
 * The simulator against queueing theory: calls at a constant rate at Thornchester ambulance station, served
 * by its nine ambulances where they stand (no turnout, no travel, nobody conveyed) for an exponential time
 * on scene, and no other ambulance within the control room's reach, are the M/M/9 queue. Its mean wait in
 * the queue and the chance of waiting at all must match the Erlang C formula, computed here, within the
 * replications' 95 % confidence intervals.
 */
class ErlangCTest {
    /** Thornchester: nine double-crewed ambulances, the nearest other ambulance station over 10 km away. */
    static final StationId THORNCHESTER = StationId.of("MAS-AS003");

    static final int SERVERS = 9;
    static final Duration MEAN_SERVICE = Duration.ofMinutes(60);
    /**
     * How often the control room looks: a queued call waits on average half of it beyond Erlang C's wait
     * (half a minute, beside a queued call's mean wait of 60 / 9 / (1 − load) minutes).
     */
    static final Duration ROUND = Duration.ofSeconds(60);

    static final Instant START = Instant.parse("2026-11-16T00:00:00Z");

    /** Served by any double-crewed ambulance, and never conveyed here. */
    static final IncidentTypeCode FALL = IncidentTypeCode.of("FALL");

    static Scenario mmc(double load, Duration length, long seed) {
        double mu = 60.0 / MEAN_SERVICE.toMinutes();
        double perHour = load * SERVERS * mu;
        CrewConfig crews = CrewConfig.defaults()
                .withTimes(CrewConfig.Times.EXPONENTIAL)
                .withTurnout(Duration.ZERO)
                .withOnScene(MEAN_SERVICE)
                .withConveyShares(Map.of(FALL, 0.0))
                .withPositionInterval(Duration.ofHours(1));
        return new Scenario("mmc", START, length, seed, 1.0, crews, Duration.ZERO, ROUND)
                .withCalls(List.of(new CallStream(FALL, perHour, THORNCHESTER)))
                // only the station's own ambulances are in reach: four servers, not the whole service
                .withDispatch(DispatchConfig.DEFAULTS.withMaxTravelTime(Duration.ofMinutes(1)));
    }

    /** Erlang C: the chance an arrival finds all {@code c} servers busy, at offered load {@code a} = λ/μ. */
    static double erlangC(int c, double a) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double last = term * c / (c - a);
        return last / (sum + last);
    }

    /** The mean wait in the queue, in minutes: C / (cμ − λ). */
    static double meanWaitMinutes(int c, double load) {
        double mu = 1.0 / MEAN_SERVICE.toMinutes();
        double lambda = load * c * mu;
        return erlangC(c, lambda / mu) / (c * mu - lambda);
    }

    /**
     * What one replication measured, over the calls received after the warm-up and long enough before the
     * end to have been dispatched: the mean wait in the queue (from the control room's first round after
     * the call, when a free ambulance would have been sent) and the share that waited at all.
     */
    record Measured(double meanWaitMinutes, double shareWaiting, int calls) {}

    static Measured measure(RunResult r, Duration warmUp) {
        Instant from = START.plus(warmUp);
        Instant until = r.scenario().end().minus(Duration.ofHours(12));
        double waited = 0;
        int queued = 0;
        int n = 0;
        for (IncidentRecord i : r.incidents()) {
            if (i.received().isBefore(from) || !i.received().isBefore(until)) continue;
            assertThat(i.firstDispatched()).as("%s dispatched", i.id()).isPresent();
            Instant firstRound = firstRoundAtOrAfter(i.received());
            long wait = Duration.between(firstRound, i.firstDispatched().get()).toMillis();
            assertThat(wait).as("%s waited", i.id()).isNotNegative();
            n++;
            waited += wait / 60_000.0;
            if (wait > 0) queued++;
        }
        return new Measured(waited / n, (double) queued / n, n);
    }

    /** The control room's rounds run every {@link #ROUND} from the start: the first one a call can meet. */
    static Instant firstRoundAtOrAfter(Instant t) {
        long since = Duration.between(START, t).toMillis();
        long round = ROUND.toMillis();
        long k = Math.max(1, -Math.floorDiv(-since, round));
        return START.plusMillis(k * round);
    }

    static List<RunResult> replicate(double load, Duration length, int replications) {
        return Replications.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.start(
                        new MemoryEventLog(),
                        SimFixture.rules(),
                        clock,
                        WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                seed -> mmc(load, length, seed),
                7,
                replications,
                2,
                Replications.Progress.NONE);
    }

    @ParameterizedTest(name = "{0} busy")
    @CsvSource({"0.3, 150h, 4", "0.5, 150h, 4", "0.8, 150h, 4"})
    void theMeanWaitAndTheChanceOfWaitingMatchErlangC(double load, String length, int replications) {
        Duration run = Duration.ofHours(Long.parseLong(length.replace("h", "")));
        List<Double> waits = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        long t0 = System.nanoTime();
        for (RunResult r : replicate(load, run, replications)) {
            Measured m = measure(r, Duration.ofHours(20));
            waits.add(m.meanWaitMinutes());
            shares.add(m.shareWaiting());
        }
        Estimate wait = Estimate.of(waits);
        Estimate share = Estimate.of(shares);
        double expectedShare = erlangC(SERVERS, load * SERVERS);
        double expectedWait = meanWaitMinutes(SERVERS, load);
        System.out.printf(
                "M/M/%d at %.2f: P(wait) Erlang C %.4f, simulated %.4f (%.4f-%.4f); mean wait %.2f min, simulated %.2f"
                        + " (%.2f-%.2f); %.1f s%n",
                SERVERS,
                load,
                expectedShare,
                share.mean().orElseThrow(),
                share.low().orElseThrow(),
                share.high().orElseThrow(),
                expectedWait,
                wait.mean().orElseThrow(),
                wait.low().orElseThrow(),
                wait.high().orElseThrow(),
                (System.nanoTime() - t0) / 1e9);
        assertThat(expectedShare)
                .isBetween(share.low().orElseThrow(), share.high().orElseThrow());
        assertThat(expectedWait).isBetween(wait.low().orElseThrow(), wait.high().orElseThrow());
    }
}
