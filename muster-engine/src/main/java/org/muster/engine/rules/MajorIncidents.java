package org.muster.engine.rules;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.Incident;
import org.muster.domain.major.CasualtyCount;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentStatus;
import org.muster.domain.major.MethaneReport;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.state.MusterState;

/**
 * Major incidents: declared (or put on standby) by one organisation and attended by every organisation
 * whose zones the area touches; calls linked to them, METHANE reports, casualty counts, rendezvous points
 * and cordons from the attending organisations; stood down by the organisation that declared it.
 */
final class MajorIncidents {
    private MajorIncidents() {}

    static void declare(Draft d, Command.DeclareMajorIncident c, Rules rules) {
        MusterState s = d.state();
        s.getOrganisation(c.organisation());
        Optional<MajorIncident> existing = s.findMajorIncident(c.id());
        if (existing.isPresent()) {
            MajorIncident m = existing.get();
            // declaring a standby in full is the one way a declaration is made again
            if (m.status() == MajorIncidentStatus.STANDBY
                    && !c.standby()
                    && m.declaredBy().equals(c.organisation())) {
                d.add(new Event.MajorIncidentStatusChanged(m.id(), m.status(), MajorIncidentStatus.DECLARED));
                return;
            }
            throw new ConflictException("a major incident with id '" + c.id() + "' already exists (" + m.status()
                    + "); only its own standby is declared in full under the same id");
        }
        if (!c.area().contains(c.location()))
            throw InvalidInputException.of(
                    "location", c.location(), "must lie inside the area declared (" + describe(c.area()) + ")");
        d.add(new Event.MajorIncidentDeclared(MajorIncident.declared(
                c.id(),
                c.name(),
                c.standby(),
                c.location(),
                c.area(),
                c.organisation(),
                d.now(),
                attending(s, c.organisation(), c.area(), rules))));
    }

    /** The declaring organisation and every organisation whose zones the area touches. */
    static SortedSet<OrganisationId> attending(
            MusterState s, OrganisationId declaring, MajorIncidentArea area, Rules rules) {
        SortedSet<OrganisationId> out = new TreeSet<>();
        out.add(declaring);
        for (GeoPoint p : area.samplePoints())
            for (ZoneId z : rules.zones().zonesAt(p)) s.findZone(z).ifPresent(zone -> out.add(zone.organisation()));
        return out;
    }

    static void link(Draft d, Command.LinkToMajorIncident c) {
        MusterState s = d.state();
        MajorIncident m = active(s, c.majorIncident());
        Incident i = s.getIncident(c.incident());
        if (!i.isOpen())
            throw new ConflictException("incident " + i.id() + " is " + i.status() + "; only an open call is linked");
        Optional<MajorIncident> already = s.findMajorIncidentOf(i.id());
        if (already.isPresent())
            throw new ConflictException("incident " + i.id() + " is already linked to major incident "
                    + already.get().id());
        d.add(new Event.IncidentLinkedToMajorIncident(m.id(), i.id(), i.organisation()));
    }

    static void fileMethane(Draft d, Command.FileMethaneReport c) {
        MajorIncident m = attendedBy(d.state(), c.majorIncident(), c.organisation());
        d.add(new Event.MethaneReportFiled(
                m.id(),
                MethaneReport.next(
                        m.findLatestMethane(c.organisation()), c.organisation(), d.now(), actor(d), c.report())));
    }

    static void reportCasualties(Draft d, Command.ReportCasualties c) {
        MajorIncident m = attendedBy(d.state(), c.majorIncident(), c.organisation());
        d.add(new Event.CasualtiesReported(m.id(), new CasualtyCount(c.organisation(), d.now(), c.counts())));
    }

    static void markPlace(Draft d, Command.MarkMajorIncidentPlace c) {
        MajorIncident m = attendedBy(d.state(), c.majorIncident(), c.place().organisation());
        d.add(new Event.MajorIncidentPlaceMarked(m.id(), c.place()));
    }

    static void standDown(Draft d, Command.StandDownMajorIncident c, String reason) {
        MajorIncident m = active(d.state(), c.majorIncident());
        // closing the shared board for every service is a decision that stands with its reason
        if (reason.isBlank())
            throw InvalidInputException.of("reason", reason, "is required to stand a major incident down");
        d.add(new Event.MajorIncidentStatusChanged(m.id(), m.status(), MajorIncidentStatus.STOOD_DOWN));
    }

    private static MajorIncident active(MusterState s, org.muster.domain.major.MajorIncidentId id) {
        MajorIncident m = s.getMajorIncident(id);
        if (!m.isActive()) throw new ConflictException("major incident " + id + " is stood down; its board is closed");
        return m;
    }

    private static MajorIncident attendedBy(
            MusterState s, org.muster.domain.major.MajorIncidentId id, OrganisationId organisation) {
        MajorIncident m = active(s, id);
        Organisation o = s.getOrganisation(organisation);
        if (!m.isAttendedBy(o.id()))
            throw InvalidInputException.of(
                    "organisation",
                    o.id(),
                    "must be an organisation attending major incident " + id + ": one of " + m.organisations());
        return m;
    }

    private static String actor(Draft d) {
        return d.actor();
    }

    private static String describe(MajorIncidentArea area) {
        return area.isCircle()
                ? Math.round(area.radiusMeters()) + " m around " + area.centre()
                : "a polygon of " + area.polygon().size() + " corners";
    }
}
