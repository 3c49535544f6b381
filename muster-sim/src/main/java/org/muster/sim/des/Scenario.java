package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Agency;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.performance.ResponseTargets;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.demand.DemandProfile;

/**
 * What one discrete-event run simulates, once the region is loaded: when it starts, how long it runs, how
 * much demand, how crews and the simulated control room behave, and the seed that fixes every random
 * choice. The scenario file's reader (the CLI) turns YAML into this; everything here is checked again.
 *
 * @param name names the run in its summary
 * @param start the simulated instant the run begins
 * @param duration how long it runs: more than nothing, at most {@link #LONGEST}; its response figures
 *     count every response of the run, however long
 * @param seed fixes the calls, the crews' times and every other draw
 * @param demandScale multiplies the demand profile's rates (1 = the demo's busy region), or a replay's calls
 * @param crews the crews' times: turnout, on scene, conveying, handover
 * @param dispatchDelay how long a call waits before the simulated control room dispatches to it
 * @param dispatchInterval how often the control room looks at the queue
 * @param plan the shocks, mutual aid policies and standing policies; each shock starts within the run
 * @param calls when any, the only calls: each at a constant rate at a station (the region's demand model
 *     and {@code demandScale} are not used)
 * @param dispatch how the simulated control room's recommender ranks and limits units
 * @param replay when any, the only calls: recorded ones, each at its own time within the run (not with
 *     {@code calls})
 * @param mode routed or tabled travel times, positions reported every interval or on demand
 * @param targets what the run's response times are judged against: the national ambulance standards, and the
 *     organisations' own where the scenario sets them (police and fire have none otherwise, so their zones
 *     cannot breach)
 * @param agencyScale multiplies, on top of {@code demandScale}, the demand model's rates of the agencies named (an
 *     agency not named keeps its rate): a police walkout's scenario raises the police's calls alone
 */
public record Scenario(
        String name,
        Instant start,
        Duration duration,
        long seed,
        double demandScale,
        CrewConfig crews,
        Duration dispatchDelay,
        Duration dispatchInterval,
        ShockPlan plan,
        List<CallStream> calls,
        DispatchConfig dispatch,
        List<RecordedCall> replay,
        SimulationMode mode,
        ResponseTargets targets,
        Map<Agency, Double> agencyScale) {
    /** The longest run: a year (a planner's question is seldom longer, and a run keeps all its responses). */
    public static final Duration LONGEST = Duration.ofDays(366);

    public Scenario {
        name = Check.text("name", name);
        Check.present("start", start);
        Check.present("duration", duration);
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0)
            throw InvalidInputException.of("duration", duration, "must be more than 0 and at most 366 days");
        Check.range("demandScale", demandScale, 0, 1_000);
        Check.present("crews", crews);
        Check.present("dispatchDelay", dispatchDelay);
        if (dispatchDelay.isNegative())
            throw InvalidInputException.of("dispatchDelay", dispatchDelay, "must not be negative");
        Check.present("dispatchInterval", dispatchInterval);
        if (dispatchInterval.compareTo(Duration.ofSeconds(1)) < 0)
            throw InvalidInputException.of("dispatchInterval", dispatchInterval, "must be at least 1 second");
        Check.present("plan", plan);
        plan.checkWithin(start, start.plus(duration));
        calls = List.copyOf(Check.present("calls", calls));
        Check.present("dispatch", dispatch);
        replay = List.copyOf(Check.present("replay", replay));
        if (!replay.isEmpty() && !calls.isEmpty())
            throw InvalidInputException.of(
                    "replay", replay.size() + " calls", "must not be given with calls at stations");
        for (int i = 0; i < replay.size(); i++) {
            Instant at = replay.get(i).received();
            if (at.isBefore(start) || !at.isBefore(start.plus(duration)))
                throw InvalidInputException.of(
                        "replay[" + i + "].received",
                        at,
                        "must be within the run, from " + start + " to before " + start.plus(duration));
        }
        Check.present("mode", mode);
        Check.present("targets", targets);
        Map<Agency, Double> scales = new EnumMap<>(Agency.class);
        Check.present("agencyScale", agencyScale).forEach((a, f) -> {
            Check.range("agencyScale." + a, f, 0, 1_000);
            scales.put(a, f);
        });
        agencyScale = Collections.unmodifiableMap(scales);
        if (!agencyScale.isEmpty() && (!calls.isEmpty() || !replay.isEmpty()))
            throw InvalidInputException.of(
                    "agencyScale",
                    agencyScale,
                    "scales the demand model's calls: not with calls at stations or replayed");
    }

    /** The demand profile the run's calls are drawn from: the demo's, scaled, and each agency's by its own. */
    public DemandProfile profile() {
        return DemandProfile.busyEvening().scaledBy(demandScale).scaledBy(agencyScale);
    }

    /**
     * Calls from the demand model or at stations, none replayed; the demo's travel and position reports; judged
     * against the national ambulance standards alone ({@link ResponseTargets#DEFAULTS}).
     */
    public Scenario(
            String name,
            Instant start,
            Duration duration,
            long seed,
            double demandScale,
            CrewConfig crews,
            Duration dispatchDelay,
            Duration dispatchInterval,
            ShockPlan plan,
            List<CallStream> calls,
            DispatchConfig dispatch) {
        this(
                name,
                start,
                duration,
                seed,
                demandScale,
                crews,
                dispatchDelay,
                dispatchInterval,
                plan,
                calls,
                dispatch,
                List.of(),
                SimulationMode.DEMO,
                ResponseTargets.DEFAULTS,
                Map.of());
    }

    /** The region's demand model and the service's dispatch. */
    public Scenario(
            String name,
            Instant start,
            Duration duration,
            long seed,
            double demandScale,
            CrewConfig crews,
            Duration dispatchDelay,
            Duration dispatchInterval,
            ShockPlan plan) {
        this(
                name,
                start,
                duration,
                seed,
                demandScale,
                crews,
                dispatchDelay,
                dispatchInterval,
                plan,
                List.of(),
                DispatchConfig.DEFAULTS);
    }

    /** An everyday scenario: no shocks, no aid policy ({@link ShockPlan#NONE}). */
    public Scenario(
            String name,
            Instant start,
            Duration duration,
            long seed,
            double demandScale,
            CrewConfig crews,
            Duration dispatchDelay,
            Duration dispatchInterval) {
        this(name, start, duration, seed, demandScale, crews, dispatchDelay, dispatchInterval, ShockPlan.NONE);
    }

    /** The same scenario with another plan: a run beside its baseline. */
    public Scenario withPlan(ShockPlan next) {
        return varied(duration, next, calls, dispatch, replay, mode, targets);
    }

    /** The same scenario with calls only from {@code streams}, each at a constant rate at a station. */
    public Scenario withCalls(List<CallStream> streams) {
        return varied(duration, plan, streams, dispatch, replay, mode, targets);
    }

    /** The same scenario with only the recorded calls, each at its own time. */
    public Scenario withReplay(List<RecordedCall> recorded) {
        return varied(duration, plan, calls, dispatch, recorded, mode, targets);
    }

    /** The same scenario run with other travel times or position reports. */
    public Scenario withMode(SimulationMode next) {
        return varied(duration, plan, calls, dispatch, replay, next, targets);
    }

    /** The same scenario with the control room's recommender set otherwise. */
    public Scenario withDispatch(DispatchConfig next) {
        return varied(duration, plan, calls, next, replay, mode, targets);
    }

    /** The same scenario run for another length (a test's shorter run); its shocks must still fall in it. */
    public Scenario withDuration(Duration next) {
        return varied(next, plan, calls, dispatch, replay, mode, targets);
    }

    /** The same scenario judged against other targets. */
    public Scenario withTargets(ResponseTargets next) {
        return varied(duration, plan, calls, dispatch, replay, mode, next);
    }

    /**
     * This scenario with the parts a variant may change given anew: its name, start, seed, demand scales, crews
     * and control room's timing never change between a run and its variants.
     */
    private Scenario varied(
            Duration duration,
            ShockPlan plan,
            List<CallStream> calls,
            DispatchConfig dispatch,
            List<RecordedCall> replay,
            SimulationMode mode,
            ResponseTargets targets) {
        return new Scenario(
                name,
                start,
                duration,
                seed,
                demandScale,
                crews,
                dispatchDelay,
                dispatchInterval,
                plan,
                calls,
                dispatch,
                replay,
                mode,
                targets,
                agencyScale);
    }

    public Instant end() {
        return start.plus(duration);
    }
}
