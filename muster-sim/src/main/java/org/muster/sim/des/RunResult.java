package org.muster.sim.des;

import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.incident.Response;

/**
 * A finished run: its scenario, every incident in order of id, the summary, what it looked like as it went,
 * and the engine's responses (call to the arrival that stopped the clock) in the order they stopped.
 */
public record RunResult(
        Scenario scenario,
        List<IncidentRecord> incidents,
        Summary summary,
        TimeSeries series,
        List<Response> responses) {
    public RunResult {
        Check.present("scenario", scenario);
        incidents = List.copyOf(incidents);
        Check.present("summary", summary);
        Check.present("series", series);
        responses = List.copyOf(responses);
    }

    /** A run without its time series and responses. */
    public RunResult(Scenario scenario, List<IncidentRecord> incidents, Summary summary) {
        this(scenario, incidents, summary, TimeSeries.NONE, List.of());
    }
}
