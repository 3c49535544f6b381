package org.muster.engine.rules;

import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertContent;
import org.muster.domain.publicalert.PublicAlertStatus;
import org.muster.engine.state.MusterState;

/**
 * Warnings to the public: an organisation issues them for its own zones or an area drawn on the map, updates
 * and cancels them while they stand. Each step is a new version of the alert (see {@link PublicAlert}).
 */
final class PublicAlerts {
    private PublicAlerts() {}

    static void issue(Draft d, Command.IssuePublicAlert c) {
        MusterState state = d.state();
        if (state.findPublicAlert(c.id()).isPresent())
            throw new ConflictException("public alert " + c.id() + " exists already");
        state.getOrganisation(c.organisation());
        check(state, c.organisation(), c.content(), d);
        d.add(new Event.PublicAlertIssued(PublicAlert.issue(c.id(), c.organisation(), c.content(), d.now())));
    }

    static void update(Draft d, Command.UpdatePublicAlert c) {
        PublicAlert alert = standing(d.state(), c.id());
        check(d.state(), alert.organisation(), c.content(), d);
        d.add(new Event.PublicAlertUpdated(alert.updated(c.content(), d.now())));
    }

    static void cancel(Draft d, Command.CancelPublicAlert c) {
        PublicAlert alert = standing(d.state(), c.id());
        d.add(new Event.PublicAlertCancelled(alert.cancelled(d.now())));
    }

    private static PublicAlert standing(MusterState state, org.muster.domain.publicalert.PublicAlertId id) {
        PublicAlert alert = state.getPublicAlert(id);
        if (alert.status() == PublicAlertStatus.CANCELLED)
            throw new ConflictException("public alert " + id + " was cancelled; issue a new one");
        return alert;
    }

    /** An organisation warns for its own zones, of an end still to come. */
    private static void check(MusterState state, OrganisationId organisation, PublicAlertContent content, Draft d) {
        for (ZoneId z : content.area().zones()) {
            Zone zone = state.getZone(z);
            if (!zone.organisation().equals(organisation))
                throw InvalidInputException.of(
                        "area.zones", z, "must be a zone of " + organisation + "; it is " + zone.organisation() + "'s");
        }
        content.expires().ifPresent(at -> {
            if (!at.isAfter(d.now()))
                throw InvalidInputException.of("expires", at, "must be later than now (" + d.now() + ")");
        });
    }
}
