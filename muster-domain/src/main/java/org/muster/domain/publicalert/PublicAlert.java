package org.muster.domain.publicalert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.organisation.OrganisationId;

/**
 * A warning to the public an organisation issued, as it stands: its latest content, and when each of its
 * versions went out. Each update is a new version, and a cancellation the last one, so that every message
 * sent about it (a CAP Alert, Update or Cancel) has its own identifier and names the ones before it.
 *
 * @param issued when each version was sent, the first the issue; never empty
 */
public record PublicAlert(
        PublicAlertId id,
        OrganisationId organisation,
        PublicAlertContent content,
        PublicAlertStatus status,
        List<Instant> issued) {
    public PublicAlert {
        Check.present("publicAlert.id", id);
        Check.present("publicAlert.organisation", organisation);
        Check.present("publicAlert.content", content);
        Check.present("publicAlert.status", status);
        issued = List.copyOf(Check.present("publicAlert.issued", issued));
        if (issued.isEmpty()) throw new IllegalArgumentException("a public alert was issued at least once");
    }

    public static PublicAlert issue(
            PublicAlertId id, OrganisationId organisation, PublicAlertContent content, Instant at) {
        return new PublicAlert(id, organisation, content, PublicAlertStatus.ACTIVE, List.of(at));
    }

    /** 1 for the issue, one more for each update and for the cancellation. */
    public int version() {
        return issued.size();
    }

    /** When the latest version went out. */
    public Instant sent() {
        return issued.getLast();
    }

    /** Whether it stands at {@code now}: not cancelled, not expired. */
    public boolean isCurrent(Instant now) {
        return status == PublicAlertStatus.ACTIVE
                && content.expires().map(now::isBefore).orElse(true);
    }

    public PublicAlert updated(PublicAlertContent next, Instant at) {
        return new PublicAlert(id, organisation, next, status, append(at));
    }

    public PublicAlert cancelled(Instant at) {
        return new PublicAlert(id, organisation, content, PublicAlertStatus.CANCELLED, append(at));
    }

    private List<Instant> append(Instant at) {
        List<Instant> next = new ArrayList<>(issued);
        next.add(at);
        return next;
    }
}
