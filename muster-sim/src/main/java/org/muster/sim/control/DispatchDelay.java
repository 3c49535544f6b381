package org.muster.sim.control;

import java.time.Duration;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Incident;

/**
 * How long a call waits before the simulated control room dispatches to it, by the urgency of its priority:
 * {@code urgent} for the most urgent calls (an ambulance service's C1, a police force's or fire service's
 * emergencies), {@code serious} for the next (C2, police and fire priority calls), {@code other} for the rest. A
 * scenario's control room waits the same for every call; the demo's sends to life-threatening calls within the
 * minute a real control room takes and to serious ones within a few minutes, and leaves the others to the person
 * at the dashboard for a while first.
 *
 * @param urgent the wait of calls whose priority's urgency is 1
 * @param serious the wait of calls whose priority's urgency is 2
 * @param other the wait of every other call
 */
public record DispatchDelay(Duration urgent, Duration serious, Duration other) {
    public DispatchDelay {
        notNegative("urgent", urgent);
        notNegative("serious", serious);
        notNegative("other", other);
    }

    /** The urgent calls' wait, and one wait for all the others. */
    public DispatchDelay(Duration urgent, Duration other) {
        this(urgent, other, other);
    }

    /** The same wait for every call. */
    public static DispatchDelay of(Duration every) {
        return new DispatchDelay(every, every, every);
    }

    /** When {@code incident}'s wait ends, counted from when it was received. */
    public Duration of(Incident incident) {
        return switch (incident.priority().urgency()) {
            case 1 -> urgent;
            case 2 -> serious;
            default -> other;
        };
    }

    private static void notNegative(String field, Duration d) {
        Check.present(field, d);
        if (d.isNegative()) throw InvalidInputException.of(field, d, "must not be negative");
    }
}
