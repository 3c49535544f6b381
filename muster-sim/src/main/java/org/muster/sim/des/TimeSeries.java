package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.muster.domain.Check;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;

/**
 * What a run looked like as it went, sampled every {@link #INTERVAL} of simulated time (and at its end):
 * per organisation, the calls waiting and the coverage against each of its standards.
 *
 * @param samples in order of time, then organisation, then measure
 */
public record TimeSeries(List<Sample> samples) {
    /** How often the series is sampled, in simulated time. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);

    public static final TimeSeries NONE = new TimeSeries(List.of());

    public TimeSeries {
        samples = List.copyOf(samples);
    }

    public enum Measure {
        /**
         * Calls of the organisation waiting for a unit past the control room's handling time (open or
         * waiting, received more than its delay and one round ago): the queue of {@code longestQueue}.
         */
        WAITING,
        /**
         * The share of the organisation's demand its available units can reach within the category's target,
         * as the live service's coverage ({@code CoverageTracker}) reports it; no value when it holds no
         * demand.
         */
        COVERAGE
    }

    /**
     * One value.
     *
     * @param category for coverage, the standard's category; empty for the calls waiting (every priority)
     */
    public record Sample(
            Instant time,
            OrganisationId organisation,
            Measure measure,
            Optional<Priority> category,
            OptionalDouble value) {
        public Sample {
            Check.present("time", time);
            Check.present("organisation", organisation);
            Check.present("measure", measure);
            Check.present("category", category);
            Check.present("value", value);
        }
    }
}
