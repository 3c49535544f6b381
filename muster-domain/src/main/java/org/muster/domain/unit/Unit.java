package org.muster.domain.unit;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.people.PersonId;

/**
 * A vehicle or team. What it can do now follows from its type and its crew ({@link CrewingRules}); the
 * incident it works on is held by the incident's assignments, not here.
 *
 * @param seats how many people it carries at most
 * @param crew the people on board now
 * @param statusSince when the unit entered its status, for time-in-status alerts
 * @param lentTo the host organisation while the unit is lent under mutual aid; {@code organisation} stays
 *     its home
 * @param hospital the hospital it is taking a patient to or handing over at, while TRANSPORTING or
 *     AT_HOSPITAL and its crew named one
 */
public record Unit(
        UnitId id,
        Callsign callsign,
        OrganisationId organisation,
        UnitType type,
        Optional<StationId> homeStation,
        int seats,
        UnitStatus status,
        Optional<UnavailableReason> unavailableReason,
        Optional<Position> position,
        SortedSet<PersonId> crew,
        Instant statusSince,
        Optional<OrganisationId> lentTo,
        Optional<StationId> hospital) {
    public Unit {
        Check.present("unit.id", id);
        Check.present("unit.callsign", callsign);
        Check.present("unit.organisation", organisation);
        Check.present("unit.type", type);
        Check.present("unit.homeStation", homeStation);
        Check.range("unit.seats", seats, 1, 64);
        Check.present("unit.status", status);
        Check.present("unit.unavailableReason", unavailableReason);
        if ((status == UnitStatus.UNAVAILABLE) != unavailableReason.isPresent()) {
            throw new IllegalArgumentException(
                    "an unavailable unit, and only one, has a reason: " + status + " " + unavailableReason);
        }
        Check.present("unit.position", position);
        crew = Sorted.setOf(Check.present("unit.crew", crew));
        Check.present("unit.statusSince", statusSince);
        Check.present("unit.lentTo", lentTo);
        if (lentTo.isPresent() && lentTo.get().equals(organisation))
            throw new IllegalArgumentException("a unit is not lent to its own organisation: " + organisation);
        // a unit recorded before hospitals were named has none
        hospital = hospital == null ? Optional.empty() : hospital;
        if (hospital.isPresent() && status != UnitStatus.TRANSPORTING && status != UnitStatus.AT_HOSPITAL)
            throw new IllegalArgumentException("only a unit transporting or at hospital has a hospital: " + status);
    }

    /** A unit at home (not lent), going to no hospital. */
    public Unit(
            UnitId id,
            Callsign callsign,
            OrganisationId organisation,
            UnitType type,
            Optional<StationId> homeStation,
            int seats,
            UnitStatus status,
            Optional<UnavailableReason> unavailableReason,
            Optional<Position> position,
            SortedSet<PersonId> crew,
            Instant statusSince) {
        this(
                id,
                callsign,
                organisation,
                type,
                homeStation,
                seats,
                status,
                unavailableReason,
                position,
                crew,
                statusSince,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The organisation the unit works for now, which dispatches it and counts it on its boards: its host
     * while lent, else its home organisation.
     */
    public OrganisationId workingFor() {
        return lentTo.orElse(organisation);
    }

    public boolean isLent() {
        return lentTo.isPresent();
    }

    /** The unit lent to {@code host}. */
    public Unit withHost(OrganisationId host) {
        return withLentTo(Optional.of(host));
    }

    /** The unit back at home, lent to nobody. */
    public Unit withoutHost() {
        return withLentTo(Optional.empty());
    }

    private Unit withLentTo(Optional<OrganisationId> host) {
        return new Unit(
                id,
                callsign,
                organisation,
                type,
                homeStation,
                seats,
                status,
                unavailableReason,
                position,
                crew,
                statusSince,
                host,
                hospital);
    }

    /** The unit in a new status, entered at {@code at}, going to no hospital. */
    public Unit withStatus(UnitStatus next, Optional<UnavailableReason> reason, Instant at) {
        return withStatus(next, reason, Optional.empty(), at);
    }

    /** The unit in a new status, entered at {@code at}, taking its patient to {@code toHospital}. */
    public Unit withStatus(
            UnitStatus next, Optional<UnavailableReason> reason, Optional<StationId> toHospital, Instant at) {
        return new Unit(
                id,
                callsign,
                organisation,
                type,
                homeStation,
                seats,
                next,
                reason,
                position,
                crew,
                at,
                lentTo,
                toHospital);
    }

    public Unit withPosition(Position newPosition) {
        return new Unit(
                id,
                callsign,
                organisation,
                type,
                homeStation,
                seats,
                status,
                unavailableReason,
                Optional.of(newPosition),
                crew,
                statusSince,
                lentTo,
                hospital);
    }

    public Unit withCrew(SortedSet<PersonId> newCrew) {
        return new Unit(
                id,
                callsign,
                organisation,
                type,
                homeStation,
                seats,
                status,
                unavailableReason,
                position,
                newCrew,
                statusSince,
                lentTo,
                hospital);
    }

    public boolean isAvailable() {
        return status == UnitStatus.AVAILABLE;
    }
}
