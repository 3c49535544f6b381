package org.muster.server.security;

import java.util.TreeSet;
import org.muster.domain.NotFoundException;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.server.MusterNode;
import org.springframework.stereotype.Component;

/**
 * The domain's rules of who sees what ({@link Viewer}), applied to a signed-in user. What a user may not
 * see is answered as not found, so that its existence is not given away.
 */
@Component
public final class Visibility {
    private final MusterNode node;

    public Visibility(MusterNode node) {
        this.node = node;
    }

    public static Viewer viewer(MusterPrincipal p) {
        TreeSet<OrganisationId> orgs = new TreeSet<>();
        p.organisations().forEach(o -> orgs.add(OrganisationId.of(o)));
        return new Viewer(orgs, p.allOrganisations());
    }

    public void requireIncident(MusterPrincipal p, Incident incident) {
        if (!viewer(p).canSee(incident))
            throw new NotFoundException("incident", incident.id().value());
    }

    /** The unit, seen as the node's state commits it now (to a call of the user's, say). */
    public void requireUnit(MusterPrincipal p, Unit unit) {
        if (!viewer(p).canSee(unit, node.engine().state()))
            throw new NotFoundException("unit", unit.id().value());
    }

    public void requireAlert(MusterPrincipal p, org.muster.domain.alert.Alert alert) {
        if (!viewer(p).canSee(alert))
            throw new NotFoundException("alert", alert.id().value());
    }

    public void requireRequest(MusterPrincipal p, AidRequest request) {
        if (!viewer(p).canSee(request))
            throw new NotFoundException("mutual aid request", request.id().value());
    }

    public void requireMajorIncident(MusterPrincipal p, org.muster.domain.major.MajorIncident majorIncident) {
        if (!viewer(p).canSee(majorIncident))
            throw new NotFoundException("major incident", majorIncident.id().value());
    }
}
