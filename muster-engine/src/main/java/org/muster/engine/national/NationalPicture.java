package org.muster.engine.national;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.escalation.Escalation;
import org.muster.domain.incident.Priority;
import org.muster.domain.major.MajorIncident;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.MajorIncidentStatus;
import org.muster.domain.major.TriageCategory;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.Colour;
import org.muster.engine.rules.EscalationPolicy;
import org.muster.engine.state.MusterState;

/**
 * The national coordinator's picture: every organisation's capacity against its minimums with its
 * colour and escalation level, its people on duty by skill, what it could still give above its own
 * minimums; the open mutual aid requests with their age and fill; the major incidents not stood down.
 */
public record NationalPicture(
        long sequence,
        Instant at,
        List<OrganisationPicture> organisations,
        List<OpenRequest> openRequests,
        List<MajorIncidentLine> majorIncidents) {

    public record OrganisationPicture(
            OrganisationId organisation,
            String name,
            Agency agency,
            Colour colour,
            int level,
            String levelLabel,
            boolean targetsSuspended,
            SortedSet<Priority> heldBack,
            Optional<Instant> levelSince,
            String levelReason,
            List<TypeCapacity> capacity,
            Map<Skill, Long> onDutyBySkill,
            long peopleOnDuty,
            int unitsLentOut,
            int unitsLentIn,
            List<TypeCapacity> couldGive) {}

    /**
     * Units of a type working for the organisation and available now, against what it must keep free as a
     * whole ({@link MusterState#organisationMinimum}: the larger of its outermost zones' minimums and its
     * innermost zones', summed); {@code spare} is what lies above the minimum.
     */
    public record TypeCapacity(UnitType type, int available, int minimum, int spare) {}

    /**
     * @param age how long since it was made
     * @param fill units (or people) accepted against those wanted
     * @param declinedByAllAsked every organisation it named has declined: it is referred to the coordinator,
     *     who may broker it for any organisation until its report-by time ({@link AidRequest#isDeclinedByAllAsked})
     * @param answers what its answers came to, in words ({@link AidRequest#answersInWords})
     */
    public record OpenRequest(
            AidRequestId id,
            OrganisationId requester,
            AidRequestStatus status,
            org.muster.domain.aid.AidNeed need,
            int wanted,
            int accepted,
            double fill,
            Duration age,
            Instant reportBy,
            int offers,
            int declines,
            boolean declinedByAllAsked,
            String answers) {}

    public record MajorIncidentLine(
            MajorIncidentId id,
            String name,
            MajorIncidentStatus status,
            OrganisationId declaredBy,
            Instant declaredAt,
            SortedSet<OrganisationId> organisations,
            int calls,
            Map<TriageCategory, Integer> casualties,
            int methaneReports) {}

    public static NationalPicture of(
            MusterState state, CapacityBoard.Snapshot board, CrewingRules crewing, Instant now) {
        List<OrganisationPicture> orgs = new ArrayList<>();
        for (Organisation o : state.organisations().values().stream()
                .sorted(java.util.Comparator.comparing(Organisation::id))
                .toList()) orgs.add(organisation(state, board, o));
        List<OpenRequest> requests = new ArrayList<>();
        for (AidRequest r : state.listAidRequests()) {
            if (!r.status().isOpen()) continue;
            int wanted = r.need().wanted();
            int accepted = wanted - state.countStillNeeded(r, crewing);
            requests.add(new OpenRequest(
                    r.id(),
                    r.requester(),
                    r.status(),
                    r.need(),
                    wanted,
                    accepted,
                    wanted == 0 ? 1.0 : (double) accepted / wanted,
                    Duration.between(r.requestedAt(), now),
                    r.reportBy(),
                    r.offers().size(),
                    r.declines().size(),
                    r.isDeclinedByAllAsked(),
                    r.answersInWords()));
        }
        List<MajorIncidentLine> majors = new ArrayList<>();
        for (MajorIncident m :
                state.listMajorIncidentsVisibleTo(org.muster.domain.access.Viewer.nationalCoordinator())) {
            if (!m.isActive()) continue;
            majors.add(new MajorIncidentLine(
                    m.id(),
                    m.name(),
                    m.status(),
                    m.declaredBy(),
                    m.declaredAt(),
                    m.organisations(),
                    m.linkedIncidents().size(),
                    m.casualtiesByCategory(),
                    m.methane().size()));
        }
        return new NationalPicture(
                state.sequence(), now, List.copyOf(orgs), List.copyOf(requests), List.copyOf(majors));
    }

    private static OrganisationPicture organisation(MusterState state, CapacityBoard.Snapshot board, Organisation o) {
        Map<UnitType, Integer> available = new EnumMap<>(UnitType.class);
        for (Unit u : state.listUnitsWorkingFor(o.id()))
            if (u.status() == UnitStatus.AVAILABLE) available.merge(u.type(), 1, Integer::sum);
        Map<UnitType, Integer> minimum = minimums(state, o.id());
        List<TypeCapacity> capacity = new ArrayList<>();
        List<TypeCapacity> couldGive = new ArrayList<>();
        for (UnitType t : UnitType.values()) {
            if (t.agency() != o.agency()) continue;
            int have = available.getOrDefault(t, 0);
            int min = minimum.getOrDefault(t, 0);
            if (have == 0 && min == 0) continue;
            TypeCapacity line = new TypeCapacity(t, have, min, Math.max(0, have - min));
            capacity.add(line);
            if (line.spare() > 0) couldGive.add(line);
        }
        Map<Skill, Long> bySkill = new EnumMap<>(Skill.class);
        for (Skill s : Skill.values()) {
            long n = state.countActive(o.id(), s);
            if (n > 0) bySkill.put(s, n);
        }
        long onDuty = state.people(o.id())
                .filter(p -> p.duty() == org.muster.domain.people.DutyState.ON_DUTY)
                .count();
        Escalation e = state.escalationOf(o.id());
        return new OrganisationPicture(
                o.id(),
                o.name(),
                o.agency(),
                board.colourOf(o.id()),
                e.level(),
                EscalationPolicy.label(o.agency(), e.level()),
                e.targetsSuspended(),
                e.heldBack(),
                e.since(),
                e.reason(),
                List.copyOf(capacity),
                java.util.Collections.unmodifiableMap(bySkill),
                onDuty,
                state.listUnitsLentBy(o.id()).size(),
                state.listLentUnits(o.id()).size(),
                List.copyOf(couldGive));
    }

    /** The organisation's minimums by type, as a whole ({@link MusterState#organisationMinimum}). */
    private static Map<UnitType, Integer> minimums(MusterState state, OrganisationId organisation) {
        Map<UnitType, Integer> out = new EnumMap<>(UnitType.class);
        for (UnitType t : UnitType.values()) {
            int m = state.organisationMinimum(organisation, t);
            if (m > 0) out.put(t, m);
        }
        return out;
    }
}
