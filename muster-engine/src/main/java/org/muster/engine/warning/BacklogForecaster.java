package org.muster.engine.warning;

import java.time.Duration;
import java.util.Optional;
import org.muster.domain.Check;

/**
 * Forecasts a zone's backlog from its arrival rate and its capacity to serve.
 *
 * <p><b>Steady state: M/M/c.</b> Calls arrive as a Poisson stream of rate λ, each keeps one of {@code c}
 * units busy for an exponential time of mean {@code 1/μ}, and wait in one first-come first-served queue.
 * With offered load {@code a = λ/μ} and utilisation {@code ρ = a/c < 1}, the chance a call waits is Erlang's
 * C formula, computed through the Erlang B recursion {@code B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1))},
 * {@code C = B(c) / (1 − ρ(1 − B(c)))}, which stays exact for hundreds of units where factorials overflow.
 * The mean wait is {@code C / (cμ − λ)} and {@code P(wait > t) = C·e^(−(cμ−λ)t)}.
 *
 * <p><b>Growth: a fluid model.</b> When arrivals outpace service, or calls already wait, the queue is taken
 * as a fluid: starting from {@code Q0} waiting calls it grows at {@code λ − cμ} per hour, and a call that
 * joins at time {@code s} is reached when the units, serving {@code cμ} calls an hour in order of arrival,
 * have worked through everyone ahead of it: its wait is {@code (Q0 + (λ − cμ)s) / (cμ)}. The target
 * {@code T} is breached at {@code s* = (T·cμ − Q0) / (λ − cμ)}, or now if the longest wait or {@code
 * Q0/(cμ)} has already reached it. With no unit at all, the longest-waiting call breaches when its wait
 * reaches the target, and with nobody waiting, the next call does so a target's length after it arrives.
 *
 * <p>Limits: both models take the rates as constant over the forecast, the jobs as one kind, and any unit
 * as able to take any call; they ignore priorities, travel and units returning to service. They are a
 * warning of the trend, not a schedule.
 */
public final class BacklogForecaster {
    private final BacklogConfig config;

    public BacklogForecaster(BacklogConfig config) {
        this.config = Check.present("config", config);
    }

    public BacklogForecast forecast(BacklogInput in) {
        Check.present("input", in);
        double lambda = in.arrivalsPerHour();
        double mu = in.servicesPerUnitHour();
        int c = in.availableUnits();
        double offered = lambda / mu;
        double capacity = c * mu; // calls served per hour when every unit is busy
        double utilisation = c == 0 ? (lambda > 0 ? Double.POSITIVE_INFINITY : 0) : offered / c;
        double targetHours = hours(in.waitTarget());

        boolean stable = utilisation < 1;
        double pWait = !stable ? 1.0 : c == 0 ? 0.0 : erlangC(c, offered); // c = 0 is stable only with no calls
        Optional<Duration> expectedWait =
                stable ? Optional.of(duration(c == 0 ? 0 : pWait / (capacity - lambda))) : Optional.empty();
        double withinTarget = stable ? 1 - pWait * Math.exp(-(capacity - lambda) * targetHours) : 0;
        double growth = lambda - capacity;

        var breach = timeToBreach(in, capacity, growth, targetHours);
        return new BacklogForecast(
                offered,
                utilisation,
                pWait,
                expectedWait,
                withinTarget,
                growth,
                breach,
                summary(in, utilisation, expectedWait, breach));
    }

    private Optional<Duration> timeToBreach(BacklogInput in, double capacity, double growth, double targetHours) {
        double horizonHours = hours(config.horizon());
        if (in.longestWaitNow().compareTo(in.waitTarget()) >= 0) return Optional.of(Duration.ZERO);
        double hours;
        if (capacity == 0) {
            if (in.waitingNow() > 0) {
                hours = targetHours - hours(in.longestWaitNow());
            } else if (in.arrivalsPerHour() > 0) {
                hours = targetHours; // the next call, arriving about now, waits with nobody to send
            } else {
                return Optional.empty();
            }
        } else {
            double q0 = in.waitingNow();
            if (q0 / capacity >= targetHours) return Optional.of(Duration.ZERO);
            if (growth <= 0) return Optional.empty(); // the backlog drains: every later call waits less
            hours = (targetHours * capacity - q0) / growth;
        }
        return hours <= horizonHours ? Optional.of(duration(hours)) : Optional.empty();
    }

    /**
     * Erlang's C formula: the chance that a call finds all {@code servers} busy when the offered load is
     * {@code offeredLoad} Erlangs, for {@code offeredLoad < servers}.
     */
    public static double erlangC(int servers, double offeredLoad) {
        if (servers < 1) throw new IllegalArgumentException("at least one server: " + servers);
        if (!(offeredLoad >= 0 && offeredLoad < servers)) {
            throw new IllegalArgumentException(
                    "the offered load must be from 0 to below " + servers + ": " + offeredLoad);
        }
        double b = 1;
        for (int k = 1; k <= servers; k++) b = offeredLoad * b / (k + offeredLoad * b);
        double rho = offeredLoad / servers;
        return b / (1 - rho * (1 - b));
    }

    private static String summary(
            BacklogInput in, double utilisation, Optional<Duration> expectedWait, Optional<Duration> breach) {
        var s = new StringBuilder();
        s.append(Words.number(in.arrivalsPerHour()))
                .append(" calls an hour against ")
                .append(in.availableUnits())
                .append(in.availableUnits() == 1 ? " unit" : " units")
                .append(" (utilisation ")
                .append(Double.isInfinite(utilisation) ? "unbounded" : Math.round(utilisation * 100) + "%")
                .append(")");
        expectedWait.ifPresent(w -> s.append(", expected wait ").append(minutes(w)));
        if (breach.isPresent()) {
            s.append(
                    breach.get().isZero()
                            ? ", wait target of " + minutes(in.waitTarget()) + " already breached"
                            : ", wait target of " + minutes(in.waitTarget()) + " breached in " + minutes(breach.get()));
        } else {
            s.append(", no breach of the ").append(minutes(in.waitTarget())).append(" wait target forecast");
        }
        return s.toString();
    }

    private static String minutes(Duration d) {
        return Math.round(d.toMillis() / 60_000.0) + " min";
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }

    private static Duration duration(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000.0));
    }
}
