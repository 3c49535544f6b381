package org.muster.domain.major;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.organisation.OrganisationId;

/**
 * A major incident (or a standby for one) that several services work together, and its board: the calls
 * linked to it, the casualties each attending service counts, its rendezvous points and cordons, and every
 * METHANE report filed, oldest first.
 *
 * @param organisations the attending organisations, who see it and may add to its board: the declaring
 *     one, every one whose zones its area touched when it was declared, and any that linked a call to it
 * @param timeline what happened to it, in words, for the report at its stand-down
 */
public record MajorIncident(
        MajorIncidentId id,
        String name,
        MajorIncidentStatus status,
        GeoPoint location,
        MajorIncidentArea area,
        OrganisationId declaredBy,
        Instant declaredAt,
        SortedSet<OrganisationId> organisations,
        SortedSet<IncidentId> linkedIncidents,
        List<CasualtyCount> casualties,
        List<MajorIncidentPlace> places,
        List<MethaneReport> methane,
        List<TimelineEntry> timeline,
        Optional<Instant> stoodDownAt) {
    public MajorIncident {
        Check.present("id", id);
        name = Check.text("name", name);
        Check.present("status", status);
        Check.present("location", location);
        Check.present("area", area);
        Check.present("declaredBy", declaredBy);
        Check.present("declaredAt", declaredAt);
        organisations = Sorted.setOf(Check.present("organisations", organisations));
        linkedIncidents = Sorted.setOf(Check.present("linkedIncidents", linkedIncidents));
        casualties = List.copyOf(Check.present("casualties", casualties));
        places = List.copyOf(Check.present("places", places));
        methane = List.copyOf(Check.present("methane", methane));
        timeline = List.copyOf(Check.present("timeline", timeline));
        Check.present("stoodDownAt", stoodDownAt);
    }

    /** A new major incident with an empty board. */
    public static MajorIncident declared(
            MajorIncidentId id,
            String name,
            boolean standby,
            GeoPoint location,
            MajorIncidentArea area,
            OrganisationId declaredBy,
            Instant at,
            SortedSet<OrganisationId> organisations) {
        return new MajorIncident(
                id,
                name,
                standby ? MajorIncidentStatus.STANDBY : MajorIncidentStatus.DECLARED,
                location,
                area,
                declaredBy,
                at,
                organisations,
                Sorted.empty(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty());
    }

    public boolean isActive() {
        return status.isActive();
    }

    public boolean isAttendedBy(OrganisationId organisation) {
        return organisations.contains(organisation);
    }

    /** The organisation's latest METHANE report, if it has filed one. */
    public Optional<MethaneReport> findLatestMethane(OrganisationId organisation) {
        MethaneReport latest = null;
        for (MethaneReport r : methane) if (r.organisation().equals(organisation)) latest = r;
        return Optional.ofNullable(latest);
    }

    /** Each organisation's latest METHANE report, newest first. */
    public List<MethaneReport> listLatestMethane() {
        Map<OrganisationId, MethaneReport> latest = new LinkedHashMap<>();
        for (MethaneReport r : methane) latest.put(r.organisation(), r);
        List<MethaneReport> out = new ArrayList<>(latest.values());
        out.sort(java.util.Comparator.comparing(MethaneReport::filedAt).reversed());
        return List.copyOf(out);
    }

    /**
     * Casualties by triage category: for each category the highest count any attending service reports,
     * since services count the same patients, not separate ones.
     */
    public Map<TriageCategory, Integer> casualtiesByCategory() {
        Map<TriageCategory, Integer> out = new EnumMap<>(TriageCategory.class);
        for (TriageCategory t : TriageCategory.values()) out.put(t, 0);
        for (CasualtyCount c : casualties) c.counts().forEach((t, n) -> out.merge(t, n, Math::max));
        return java.util.Collections.unmodifiableMap(out);
    }

    public MajorIncident withStatus(MajorIncidentStatus next, Instant at) {
        return board(
                next,
                organisations,
                linkedIncidents,
                casualties,
                places,
                methane,
                timeline,
                next == MajorIncidentStatus.STOOD_DOWN ? Optional.of(at) : stoodDownAt);
    }

    public MajorIncident withLinkedIncident(IncidentId incident, OrganisationId organisation) {
        TreeSet<IncidentId> linked = new TreeSet<>(linkedIncidents);
        linked.add(incident);
        TreeSet<OrganisationId> orgs = new TreeSet<>(organisations);
        orgs.add(organisation);
        return board(status, orgs, linked, casualties, places, methane, timeline, stoodDownAt);
    }

    public MajorIncident withCasualties(CasualtyCount count) {
        List<CasualtyCount> next = new ArrayList<>();
        for (CasualtyCount c : casualties) if (!c.organisation().equals(count.organisation())) next.add(c);
        next.add(count);
        next.sort(java.util.Comparator.comparing(CasualtyCount::organisation));
        return board(status, organisations, linkedIncidents, next, places, methane, timeline, stoodDownAt);
    }

    public MajorIncident withPlace(MajorIncidentPlace place) {
        List<MajorIncidentPlace> next = new ArrayList<>();
        for (MajorIncidentPlace p : places)
            if (!(p.kind() == place.kind() && p.name().equals(place.name()))) next.add(p);
        next.add(place);
        return board(status, organisations, linkedIncidents, casualties, next, methane, timeline, stoodDownAt);
    }

    public MajorIncident withMethane(MethaneReport report) {
        List<MethaneReport> next = new ArrayList<>(methane);
        next.add(report);
        return board(status, organisations, linkedIncidents, casualties, places, next, timeline, stoodDownAt);
    }

    public MajorIncident withTimelineEntry(TimelineEntry entry) {
        List<TimelineEntry> next = new ArrayList<>(timeline);
        next.add(entry);
        return board(status, organisations, linkedIncidents, casualties, places, methane, next, stoodDownAt);
    }

    /** This major incident with another board: its name, place, area and declaration never change. */
    private MajorIncident board(
            MajorIncidentStatus status,
            SortedSet<OrganisationId> organisations,
            SortedSet<IncidentId> linkedIncidents,
            List<CasualtyCount> casualties,
            List<MajorIncidentPlace> places,
            List<MethaneReport> methane,
            List<TimelineEntry> timeline,
            Optional<Instant> stoodDownAt) {
        return new MajorIncident(
                id,
                name,
                status,
                location,
                area,
                declaredBy,
                declaredAt,
                organisations,
                linkedIncidents,
                casualties,
                places,
                methane,
                timeline,
                stoodDownAt);
    }
}
