package org.muster.domain.major;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;

/**
 * One METHANE message as filed: the organisation's {@code version}th for the major incident, when and by
 * whom, and which parts changed from its previous one (every part for a first report).
 */
public record MethaneReport(
        int version,
        OrganisationId organisation,
        Instant filedAt,
        String filedBy,
        Methane message,
        List<String> changed) {
    public MethaneReport {
        Check.atLeast("version", version, 1);
        Check.present("organisation", organisation);
        Check.present("filedAt", filedAt);
        Check.present("filedBy", filedBy);
        Check.present("message", message);
        changed = List.copyOf(Check.present("changed", changed));
    }

    /** The next report of an organisation whose last was {@code previous}, if any. */
    public static MethaneReport next(
            Optional<MethaneReport> previous, OrganisationId organisation, Instant at, String by, Methane message) {
        int version = previous.map(p -> p.version() + 1).orElse(1);
        List<String> changed = previous.map(p -> message.changedFrom(p.message()))
                .orElseGet(() -> List.copyOf(message.parts().keySet()));
        return new MethaneReport(version, organisation, at, by, message, changed);
    }
}
