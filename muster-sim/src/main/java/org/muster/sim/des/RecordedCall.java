package org.muster.sim.des;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;

/**
 * A call recorded elsewhere (a control room's own incidents, say) to be replayed as it came: when, whose,
 * what and where. The run places it in its organisation's smallest zone at the place and gives it its type's
 * default priority.
 */
public record RecordedCall(Instant received, OrganisationId organisation, IncidentTypeCode type, GeoPoint location) {
    /**
     * The columns of a file of recorded calls (a scenario's {@code demand.replay}, what {@code ./muster export
     * calls} writes), in this order, as its first line; each other line is one call, values without commas.
     */
    public static final List<String> COLUMNS = List.of("received", "organisation", "type", "lat", "lon");

    public RecordedCall {
        Check.present("received", received);
        Check.present("organisation", organisation);
        Check.present("type", type);
        Check.present("location", location);
    }

    /** A whole file of these calls: the header, then a line each, each ended by a newline. */
    public static String csv(List<RecordedCall> calls) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (RecordedCall c : calls) out.append(c.csvLine()).append('\n');
        return out.toString();
    }

    /** This call as a line of such a file (no line end). */
    public String csvLine() {
        return String.join(
                ",",
                received.toString(),
                organisation.value(),
                type.value(),
                String.format(Locale.ROOT, "%.6f", location.lat()),
                String.format(Locale.ROOT, "%.6f", location.lon()));
    }
}
