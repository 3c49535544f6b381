package org.muster.sim.des;

import java.util.List;
import org.muster.domain.Check;

/** A finished run: its scenario, every incident in order of id, and the summary. */
public record RunResult(Scenario scenario, List<IncidentRecord> incidents, Summary summary) {
    public RunResult {
        Check.present("scenario", scenario);
        incidents = List.copyOf(incidents);
        Check.present("summary", summary);
    }
}
