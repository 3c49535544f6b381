package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.muster.domain.Check;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * What a run looked like as it went, sampled every {@link #INTERVAL} of simulated time (and at its end):
 * per organisation, the calls waiting and the coverage against each of its standards; and when each zone
 * first stood in breach of a target.
 *
 * @param samples in order of time, then organisation, then measure
 * @param firstBreaches for each zone that breached, the first sample at which it did, in order of zone
 */
public record TimeSeries(List<Sample> samples, List<ZoneBreach> firstBreaches) {
    /** How often the series is sampled, in simulated time. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);

    public static final TimeSeries NONE = new TimeSeries(List.of(), List.of());

    public TimeSeries {
        samples = List.copyOf(samples);
        firstBreaches = List.copyOf(firstBreaches);
    }

    /**
     * A zone's first breach: at a sample, the engine's response figures for the zone over the run so far
     * (counting calls still waiting at their wait so far, as the live board does) broke a priority's mean or
     * 90th-centile target.
     *
     * @param priority the first priority found in breach (most urgent first)
     */
    public record ZoneBreach(OrganisationId organisation, ZoneId zone, Priority priority, Instant time) {
        public ZoneBreach {
            Check.present("organisation", organisation);
            Check.present("zone", zone);
            Check.present("priority", priority);
            Check.present("time", time);
        }
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
