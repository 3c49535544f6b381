package org.muster.sim.crew;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;

/**
 * How simulated crews behave: how often they report their position, and how long each step of a job
 * takes. Durations are drawn from log-normal distributions given by their median and the standard
 * deviation of their logarithm ({@code spread}); the defaults and their sources are in {@code
 * docs/simulation.md}.
 *
 * @param positionInterval simulated time between two position reports while driving
 * @param turnout median time from dispatch to moving off (EN_ROUTE), per agency
 * @param onScene median time on scene per agency and urgency (1 to 4, index 0 to 3)
 * @param conveyShare for ambulance incident types, the share of patients taken to hospital; a type not
 *     named conveys {@link #DEFAULT_CONVEY_SHARE}
 * @param handover median time at hospital from arrival to clear (handover and clean-up)
 * @param spread the standard deviation of the logarithm of every duration (log-normal times only)
 * @param times how every duration is drawn around the time given for it
 * @param handoverSpread the standard deviation of the logarithm of the handover alone: waits at a full
 *     emergency department have a far longer tail than the work on scene (published as shares over 30 and
 *     60 minutes), which one spread for every time cannot give both
 * @param clear median time from handover to the crew clearing (cleaning and restocking), drawn with {@code
 *     spread}; zero when {@code handover} already includes it
 */
public record CrewConfig(
        Duration positionInterval,
        Map<Agency, Duration> turnout,
        Map<Agency, Duration[]> onScene,
        Map<IncidentTypeCode, Double> conveyShare,
        Duration handover,
        double spread,
        Times times,
        double handoverSpread,
        Duration clear) {
    public static final double DEFAULT_CONVEY_SHARE = 0.6;

    /** How a crew's durations are drawn. */
    public enum Times {
        /** Log-normal: each time given is the median, {@code spread} the standard deviation of its log. */
        LOG_NORMAL,
        /**
         * Exponential: each time given is the mean. Not what crews do, but what queueing theory assumes
         * (M/M/c), so a run can be checked against its formulas.
         */
        EXPONENTIAL
    }

    /** The handover drawn with every other time's spread and including the clear-up, as the demo's crews. */
    public CrewConfig(
            Duration positionInterval,
            Map<Agency, Duration> turnout,
            Map<Agency, Duration[]> onScene,
            Map<IncidentTypeCode, Double> conveyShare,
            Duration handover,
            double spread,
            Times times) {
        this(positionInterval, turnout, onScene, conveyShare, handover, spread, times, spread, Duration.ZERO);
    }

    /** Log-normal times, as the demo's crews. */
    public CrewConfig(
            Duration positionInterval,
            Map<Agency, Duration> turnout,
            Map<Agency, Duration[]> onScene,
            Map<IncidentTypeCode, Double> conveyShare,
            Duration handover,
            double spread) {
        this(positionInterval, turnout, onScene, conveyShare, handover, spread, Times.LOG_NORMAL);
    }

    public CrewConfig {
        Check.present("positionInterval", positionInterval);
        if (positionInterval.compareTo(Duration.ofSeconds(1)) < 0)
            throw org.muster.domain.InvalidInputException.of(
                    "positionInterval", positionInterval, "must be at least 1 second");
        turnout = new EnumMap<>(Check.present("turnout", turnout));
        Map<Agency, Duration[]> scene = new EnumMap<>(Agency.class);
        for (var e : Check.present("onScene", onScene).entrySet()) {
            if (e.getValue().length != 4)
                throw org.muster.domain.InvalidInputException.of(
                        "onScene." + e.getKey(), e.getValue().length, "must give 4 durations, urgency 1 to 4");
            scene.put(e.getKey(), e.getValue().clone());
        }
        onScene = scene;
        conveyShare = new TreeMap<>(Check.present("conveyShare", conveyShare));
        conveyShare.forEach((t, s) -> Check.range("conveyShare." + t, s, 0, 1));
        Check.present("handover", handover);
        Check.range("spread", spread, 0, 3);
        Check.present("times", times);
        Check.range("handoverSpread", handoverSpread, 0, 3);
        Check.present("clear", clear);
        if (clear.isNegative())
            throw org.muster.domain.InvalidInputException.of("clear", clear, "must not be negative");
    }

    public static CrewConfig defaults() {
        Map<IncidentTypeCode, Double> convey = new TreeMap<>();
        convey.put(IncidentTypeCode.of("CARDIAC_ARREST"), 0.4);
        convey.put(IncidentTypeCode.of("STABBING_CASUALTY"), 0.95);
        convey.put(IncidentTypeCode.of("SHOOTING_CASUALTY"), 0.95);
        convey.put(IncidentTypeCode.of("STROKE"), 0.95);
        convey.put(IncidentTypeCode.of("CHEST_PAIN"), 0.7);
        convey.put(IncidentTypeCode.of("BREATHING_PROBLEMS"), 0.7);
        convey.put(IncidentTypeCode.of("RTC_CASUALTY"), 0.6);
        convey.put(IncidentTypeCode.of("FALL"), 0.5);
        convey.put(IncidentTypeCode.of("FALL_NON_INJURY"), 0.1);
        return new CrewConfig(
                Duration.ofSeconds(15),
                Map.of(
                        Agency.POLICE, Duration.ofSeconds(30),
                        Agency.AMBULANCE, Duration.ofSeconds(60),
                        Agency.FIRE, Duration.ofSeconds(90)),
                Map.of(
                        Agency.AMBULANCE, minutes(40, 35, 35, 25),
                        Agency.POLICE, minutes(35, 30, 25, 20),
                        Agency.FIRE, minutes(40, 25, 20, 20)),
                convey,
                Duration.ofMinutes(20),
                0.45);
    }

    public CrewConfig withPositionInterval(Duration interval) {
        return new CrewConfig(interval, turnout, onScene, conveyShare, handover, spread, times, handoverSpread, clear);
    }

    /** The same crews with another share conveyed for each incident type named. */
    public CrewConfig withConveyShares(Map<IncidentTypeCode, Double> shares) {
        Map<IncidentTypeCode, Double> all = new TreeMap<>(conveyShare);
        all.putAll(Check.present("shares", shares));
        return new CrewConfig(positionInterval, turnout, onScene, all, handover, spread, times, handoverSpread, clear);
    }

    /** The same crews turning out in {@code time}, whatever their agency. */
    public CrewConfig withTurnout(Duration time) {
        Map<Agency, Duration> all = new EnumMap<>(Agency.class);
        for (Agency a : Agency.values()) all.put(a, Check.present("turnout", time));
        return new CrewConfig(
                positionInterval, all, onScene, conveyShare, handover, spread, times, handoverSpread, clear);
    }

    /** The same crews on scene for {@code time}, whatever their agency and the call's urgency. */
    public CrewConfig withOnScene(Duration time) {
        Check.present("onScene", time);
        Map<Agency, Duration[]> all = new EnumMap<>(Agency.class);
        for (Agency a : Agency.values()) all.put(a, new Duration[] {time, time, time, time});
        return new CrewConfig(
                positionInterval, turnout, all, conveyShare, handover, spread, times, handoverSpread, clear);
    }

    public CrewConfig withTimes(Times next) {
        return new CrewConfig(
                positionInterval, turnout, onScene, conveyShare, handover, spread, next, handoverSpread, clear);
    }

    /**
     * The same crews with the handover drawn with its own spread, and {@code clear} (a median, drawn with
     * {@code spread}) after it before the crew is free.
     */
    public CrewConfig withHandover(Duration median, double handoverSpread, Duration clear) {
        return new CrewConfig(
                positionInterval, turnout, onScene, conveyShare, median, spread, times, handoverSpread, clear);
    }

    private static Duration[] minutes(int... m) {
        Duration[] d = new Duration[m.length];
        for (int i = 0; i < m.length; i++) d[i] = Duration.ofMinutes(m[i]);
        return d;
    }

    Duration drawTurnout(Agency agency, RandomGenerator random) {
        return draw(turnout.getOrDefault(agency, Duration.ofSeconds(60)), random);
    }

    Duration drawOnScene(Agency agency, Priority priority, RandomGenerator random) {
        Duration[] byUrgency = onScene.get(agency);
        Duration median = byUrgency == null ? Duration.ofMinutes(30) : byUrgency[priority.urgency() - 1];
        return draw(median, random);
    }

    /** Arrival at hospital to clear: the handover, with its own tail, then the clear-up. */
    Duration drawHandover(RandomGenerator random) {
        Duration atHospital = draw(handover, handoverSpread, random);
        return clear.isZero() ? atHospital : atHospital.plus(draw(clear, spread, random));
    }

    /**
     * How many draws {@link #remainderAfter} tries for one longer than the time already spent, before it takes
     * the step for overdue. A draw is longer with the chance the time spent leaves ({@code S}), so the fallback is
     * taken with chance {@code (1 - S)^100}: rarely while one draw in 20 or more is longer (about 1 in 170 at one
     * in 20), about one time in three when one in a hundred is, nearly always (90 %) when one in a thousand is.
     */
    static final int REMAINDER_TRIES = 100;

    /** An overdue step's remainder is a fresh draw of it divided by this: see {@link #remainderAfter}. */
    static final int OVERDUE_DIVISOR = 10;

    /** The turnout still to come of a crew dispatched {@code elapsed} ago: {@link #remainderAfter}. */
    Duration drawTurnoutAfter(Agency agency, Duration elapsed, RandomGenerator random) {
        return remainderAfter(elapsed, () -> drawTurnout(agency, random));
    }

    /** The work on scene still to do at a call worked for {@code elapsed} already: {@link #remainderAfter}. */
    Duration drawOnSceneAfter(Agency agency, Priority priority, Duration elapsed, RandomGenerator random) {
        return remainderAfter(elapsed, () -> drawOnScene(agency, priority, random));
    }

    /** The time at hospital still to come of a crew there for {@code elapsed}: {@link #remainderAfter}. */
    Duration drawHandoverAfter(Duration elapsed, RandomGenerator random) {
        return remainderAfter(elapsed, () -> drawHandover(random));
    }

    /**
     * What is left of a step that has already taken {@code elapsed}: a draw of the step conditioned on its being
     * longer than {@code elapsed}, less {@code elapsed}. It is drawn by rejection: draws are taken until one is
     * longer than {@code elapsed}, which is then exactly a draw of the conditioned distribution (whatever the
     * distribution: log-normal, exponential, whose remainder is a fresh draw, or the handover's sum of two), at most
     * {@link #REMAINDER_TRIES} of them. Nothing elapsed (or a negative time, a clock ahead of the fork's) is one
     * plain draw, as a step just begun, taking the same random numbers.
     *
     * <p>When every try is shorter, the step has gone on longer than all but a few of the distribution's draws
     * (around and past its 99th centile), where the model no longer describes it: a status not yet updated by its
     * crew, or a job the model does not know. Its log-normal tail would keep it going longer the longer it has
     * gone (the mean remainder of a log-normal grows with the time spent), so the most overdue crews would be the
     * busiest. Such a step finishes promptly instead: in a fresh draw of the step divided by {@link
     * #OVERDUE_DIVISOR} (work on scene with a median of 35 minutes: 3.5 minutes, nine in ten within about 6). Not
     * at once: a fresh draw keeps the step's own scale and spread, so the overdue crews of a fork are not all free
     * at its first instant together, which would read as a wave of units coming free and calls closing the moment
     * the projection starts. The tries make the change gradual: a step near the end of the plausible draws
     * sometimes takes its tail, sometimes the prompt finish.
     */
    static Duration remainderAfter(Duration elapsed, java.util.function.Supplier<Duration> draw) {
        if (!elapsed.isPositive()) return draw.get();
        for (int i = 0; i < REMAINDER_TRIES; i++) {
            Duration d = draw.get();
            if (d.compareTo(elapsed) > 0) return d.minus(elapsed);
        }
        return draw.get().dividedBy(OVERDUE_DIVISOR);
    }

    boolean drawConveys(IncidentTypeCode type, RandomGenerator random) {
        return random.nextDouble() < conveyShare.getOrDefault(type, DEFAULT_CONVEY_SHARE);
    }

    private Duration draw(Duration given, RandomGenerator random) {
        return draw(given, spread, random);
    }

    private Duration draw(Duration given, double sigma, RandomGenerator random) {
        double factor = switch (times) {
            case LOG_NORMAL -> Math.exp(sigma * random.nextGaussian());
            case EXPONENTIAL -> random.nextExponential();
        };
        return Duration.ofMillis(Math.round(given.toMillis() * factor));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrewConfig c
                && positionInterval.equals(c.positionInterval)
                && turnout.equals(c.turnout)
                && onScene.keySet().equals(c.onScene.keySet())
                && onScene.entrySet().stream()
                        .allMatch(e -> java.util.Arrays.equals(e.getValue(), c.onScene.get(e.getKey())))
                && conveyShare.equals(c.conveyShare)
                && handover.equals(c.handover)
                && spread == c.spread
                && times == c.times
                && handoverSpread == c.handoverSpread
                && clear.equals(c.clear);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                positionInterval, turnout, conveyShare, handover, spread, times, handoverSpread, clear);
    }

    @Override
    public String toString() {
        return "CrewConfig[positions every " + positionInterval + ", handover " + handover + " (spread "
                + handoverSpread + ") then clear " + clear + ", spread " + spread + ", " + times + "]";
    }
}
