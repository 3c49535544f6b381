package org.muster.domain.access;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;

/**
 * Who is looking, and the rules of what they may see and act on. The domain states the rules; the HTTP
 * API enforces them on every answer and command.
 *
 * <ul>
 *   <li>An organisation sees its own incidents and its own units.
 *   <li>A lent unit is seen by both its home and its host organisation.
 *   <li>A unit committed to another organisation's call (as primary, support or escort: a neighbour's unit
 *       rerouted into a downgraded zone, a police escort on an ambulance call) is seen by that organisation
 *       too, for as long as it is committed, so that whoever tasked it can follow it; released, it is hidden
 *       from them again.
 *   <li>The home (and the host) of a unit on another organisation's call sees that call's outline ({@link
 *       org.muster.domain.incident.IncidentOutline}: what, how urgent, where, how far along), not the call
 *       itself: its description, timeline and other units stay its owner's.
 *   <li>A mutual aid request, with its offers, is seen by its parties (the requester, the organisations it
 *       was addressed to, and those that offered or declined) and by the national coordinator.
 *   <li>An alert is seen by the organisations it is addressed to (and the coordinator); one addressed to
 *       no organisation by the coordinator alone.
 *   <li>A major incident is seen by the organisations attending it, and by the coordinator.
 *   <li>A unit is directed (its status set, its position reported, stood down from a call) by the organisation
 *       it works for now, its host while lent and not its home then, and by the organisation whose call it is
 *       committed to, while it is: whoever tasked the crew hears from it. Seeing everything, as the coordinator
 *       does, is not acting.
 * </ul>
 *
 * @param organisations the organisations the viewer belongs to (a control room may serve more than one)
 * @param coordinator the national coordinator, or another all-seeing viewer such as an auditor
 */
public record Viewer(SortedSet<OrganisationId> organisations, boolean coordinator) {
    public Viewer {
        organisations = Sorted.setOf(Check.present("organisations", organisations));
    }

    /** A viewer from one organisation. */
    public static Viewer of(OrganisationId organisation) {
        return new Viewer(Sorted.setOf(Set.of(Check.present("organisation", organisation))), false);
    }

    /** The national coordinator: sees every organisation's incidents, units and requests. */
    public static Viewer nationalCoordinator() {
        return new Viewer(Sorted.empty(), true);
    }

    public boolean belongsTo(OrganisationId organisation) {
        return organisations.contains(organisation);
    }

    public boolean canSee(Incident incident) {
        return coordinator || belongsTo(incident.organisation());
    }

    /**
     * Whether the viewer sees the unit: the coordinator does, and so does every organisation of {@link
     * #organisationsSeeing(Unit, Commitments)}.
     *
     * @param commitments where the call the unit is committed to is found (the state it is read from)
     */
    public boolean canSee(Unit unit, Commitments commitments) {
        return coordinator || organisationsSeeing(unit, commitments).stream().anyMatch(this::belongsTo);
    }

    /**
     * The one rule of who sees a unit, besides the coordinator: its home organisation; its host while it is
     * lent; and the organisation whose call it is committed to (as primary, support or escort) while it is.
     * The live stream's audience of a unit's events is exactly this set, so that what a user reads and what
     * reaches them live agree.
     */
    public static SortedSet<OrganisationId> organisationsSeeing(Unit unit, Commitments commitments) {
        SortedSet<OrganisationId> out = new TreeSet<>();
        out.add(unit.organisation());
        unit.lentTo().ifPresent(out::add);
        commitments.findIncidentOf(unit.id()).map(Incident::organisation).ifPresent(out::add);
        return out;
    }

    /**
     * Whether the viewer sees the incident's outline: those who see the incident do, and so do the home and
     * the host of a unit committed to it now, so that they know what their unit is doing and where.
     */
    public boolean canSeeOutline(Incident incident, Commitments commitments) {
        if (canSee(incident)) return true;
        return incident.assignments().stream()
                .map(Assignment::unit)
                .flatMap(u -> commitments.findUnit(u).stream())
                .anyMatch(u -> belongsTo(u.organisation())
                        || u.lentTo().map(this::belongsTo).orElse(false));
    }

    /** Its parties and the coordinator see it; a draft only its requester (and the coordinator). */
    public boolean canSee(AidRequest request) {
        if (coordinator || belongsTo(request.requester())) return true;
        if (request.status() == org.muster.domain.aid.AidRequestStatus.DRAFT) return false;
        return request.parties().stream().anyMatch(this::belongsTo);
    }

    /**
     * An alert is seen by the organisations it is addressed to, and by the coordinator; one addressed to no
     * organisation (recorded before alerts were addressed) by the coordinator alone.
     */
    public boolean canSee(org.muster.domain.alert.Alert alert) {
        return coordinator || alert.organisations().stream().anyMatch(this::belongsTo);
    }

    /**
     * A major incident is seen by the organisations attending it (the declaring one, those whose zones its
     * area touches, those that linked a call) and by the coordinator.
     */
    public boolean canSee(org.muster.domain.major.MajorIncident majorIncident) {
        return coordinator || majorIncident.organisations().stream().anyMatch(this::belongsTo);
    }

    /**
     * The one rule of who directs a unit now: sets its status, reports where it is, stands it down from a call.
     * The organisation it works for (its home, or its host while it is lent: a lent unit is its host's until
     * released, and its home's control room does not move it meanwhile), and the organisation whose call it is
     * committed to (as primary, support or escort: a neighbour's unit rerouted into a downgraded zone, a police
     * escort on an ambulance call), for as long as it is: the control room that tasked a crew records what the
     * crew tells it. Always a subset of {@link #organisationsSeeing}: no one directs a unit they cannot see.
     */
    public static SortedSet<OrganisationId> organisationsDirecting(Unit unit, Commitments commitments) {
        SortedSet<OrganisationId> out = new TreeSet<>();
        out.add(unit.workingFor());
        commitments.findIncidentOf(unit.id()).map(Incident::organisation).ifPresent(out::add);
        return out;
    }

    /**
     * Whether the viewer directs the unit ({@link #organisationsDirecting}): it works for one of their
     * organisations, or works one of their calls.
     */
    public boolean canActOn(Unit unit, Commitments commitments) {
        return organisationsDirecting(unit, commitments).stream().anyMatch(this::belongsTo);
    }

    /**
     * Who directs the unit and why, in words, for a refusal: "ESP-ARV-03 is lent to WSP by ESP, and WSP directs
     * it until it is released".
     */
    public static String whoDirects(Unit unit, Commitments commitments) {
        String call = commitments
                .findIncidentOf(unit.id())
                .filter(i -> !i.organisation().equals(unit.workingFor()))
                .map(i -> ", and " + i.organisation() + " while it works their call " + i.id())
                .orElse("");
        if (unit.isLent())
            return unit.callsign() + " is lent to " + unit.workingFor() + " by " + unit.organisation() + ": "
                    + unit.workingFor() + " directs it until it is released" + call;
        return unit.callsign() + " is directed by " + unit.workingFor() + ", whose unit it is" + call;
    }
}
