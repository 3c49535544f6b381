package org.muster.sim.des;

import java.util.List;
import org.muster.domain.Check;

/** A finished run: its scenario, every incident in order of id, the summary and what it looked like as it went. */
public record RunResult(Scenario scenario, List<IncidentRecord> incidents, Summary summary, TimeSeries series) {
    public RunResult {
        Check.present("scenario", scenario);
        incidents = List.copyOf(incidents);
        Check.present("summary", summary);
        Check.present("series", series);
    }

    /** A run without its time series. */
    public RunResult(Scenario scenario, List<IncidentRecord> incidents, Summary summary) {
        this(scenario, incidents, summary, TimeSeries.NONE);
    }
}
