package org.muster.sim.des;

import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.StationId;

/**
 * Calls of one incident type at a station's place, at a constant rate (a Poisson process): with the
 * station's units and no travel, a run is the M/M/c queue of queueing theory. The run checks the station
 * against the region and takes the organisation from it.
 *
 * @param type the incident type of every call, of the station's organisation's agency
 * @param perHour calls per hour: more than 0, at most 100,000
 * @param at the station whose place the calls are at
 */
public record CallStream(IncidentTypeCode type, double perHour, StationId at) {
    public CallStream {
        Check.present("type", type);
        Check.present("at", at);
        if (!(perHour > 0 && perHour <= 100_000))
            throw InvalidInputException.of("perHour", perHour, "must be more than 0 and at most 100000 calls an hour");
    }
}
