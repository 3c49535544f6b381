package org.muster.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.Decline;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.aid.OfferStatus;
import org.muster.domain.aid.SupportUnit;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;

/**
 * Mutual aid: requests, offers and refusals, acceptance, units lent on arrival at the rendezvous point and
 * sent home on release. A unit is held by at most one request at a time — offered, accepted or lent — so of
 * two offers racing for the same unit only the first recorded wins.
 */
final class MutualAid {
    private MutualAid() {}

    static void request(Draft d, Command.RequestAid c, Rules rules) {
        MusterState s = d.state();
        if (s.findAidRequest(c.id()).isPresent())
            throw new ConflictException("a mutual aid request with id '" + c.id() + "' already exists");
        s.getOrganisation(c.requester());
        c.addressees().organisations().forEach(s::getOrganisation);
        Check check = Check.collecting();
        if (!c.reportBy().isAfter(d.now())) check.add("reportBy", c.reportBy(), "must be after now (" + d.now() + ")");
        check.attempt(() -> rules.locations().check("rendezvous", c.rendezvous()));
        // a unit type belongs to one agency: asking a fire service for a police car only delays the answer
        Optional<Agency> agency = c.need().unitType().map(UnitType::agency);
        agency.ifPresent(a -> checkAddresseesFieldTheType(check, s, c, a));
        Addressees addressees = c.addressees();
        if (c.addressees().region().isPresent()) {
            List<OrganisationId> around =
                    regionOrganisations(s, c.addressees().region().get(), c.requester(), rules).stream()
                            .filter(o ->
                                    agency.isEmpty() || s.getOrganisation(o).agency() == agency.get())
                            .toList();
            if (around.isEmpty()
                    && c.addressees().organisations().isEmpty()
                    && !c.addressees().nationalCoordinator())
                check.add(
                        "addressees.region",
                        c.addressees().region().get(),
                        "reaches no other organisation"
                                + agency.map(a -> " of the " + a + " agency, which fields "
                                                + c.need().unitType().orElseThrow())
                                        .orElse("")
                                + " (no neighbouring zones of such an organisation are known);"
                                + " name organisations or the national coordinator");
            addressees = addressees.withOrganisations(around);
        }
        check.throwIfAny();
        d.add(new Event.AidRequested(new AidRequest(
                c.id(),
                c.requester(),
                c.need(),
                c.rendezvous(),
                c.reportBy(),
                c.duration(),
                c.reason(),
                c.priority(),
                addressees,
                c.draft() ? AidRequestStatus.DRAFT : AidRequestStatus.OPEN,
                List.of(),
                List.of(),
                List.of(),
                d.now(),
                d.now())));
    }

    /** Each organisation named as an addressee must be of the agency that fields the unit type asked for. */
    private static void checkAddresseesFieldTheType(Check check, MusterState s, Command.RequestAid c, Agency agency) {
        UnitType type = c.need().unitType().orElseThrow();
        for (OrganisationId o : c.addressees().organisations()) {
            Agency theirs = s.getOrganisation(o).agency();
            if (theirs == agency) continue;
            List<OrganisationId> allowed = s.organisations().values().stream()
                    .filter(x -> x.agency() == agency && !x.id().equals(c.requester()))
                    .map(Organisation::id)
                    .sorted()
                    .toList();
            check.add(
                    "addressees.organisations",
                    o,
                    "must be organisations of the " + agency + " agency, which fields " + type + " (" + o + " is "
                            + theirs + "): one of " + allowed);
        }
    }

    /** The organisations of the zone and of the zones around it, other than the requester. */
    private static List<OrganisationId> regionOrganisations(
            MusterState s, ZoneId region, OrganisationId requester, Rules rules) {
        Zone zone = s.getZone(region);
        TreeSet<OrganisationId> out = new TreeSet<>();
        out.add(zone.organisation());
        for (ZoneId n : rules.zones().neighboursOf(region))
            s.findZone(n).map(Zone::organisation).ifPresent(out::add);
        out.remove(requester);
        return List.copyOf(out);
    }

    static void open(Draft d, Command.OpenAidRequest c) {
        move(d, d.state().getAidRequest(c.request()), AidRequestStatus.OPEN);
    }

    static void offer(Draft d, Command.OfferAid c, Rules rules) {
        MusterState s = d.state();
        AidRequest r = s.getAidRequest(c.request());
        s.getOrganisation(c.offerer());
        if (c.offerer().equals(r.requester()))
            throw InvalidInputException.of(
                    "offerer", c.offerer(), "must be another organisation than the requester " + r.requester());
        if (!r.status().takesOffers())
            throw new ConflictException("mutual aid request " + r.id() + " is " + r.status()
                    + "; it takes offers only while OPEN or PARTLY_FILLED");
        checkAsked(r, c.offerer(), "offerer");
        for (AidRequest other : s.aidRequests().values()) {
            if (other.findOffer(c.id()).isPresent())
                throw new ConflictException(
                        "an offer with id '" + c.id() + "' already exists (on request " + other.id() + ")");
        }
        List<Unit> units = c.units().stream().map(s::getUnit).toList();
        Check check = Check.collecting();
        for (Unit u : units) {
            if (!u.organisation().equals(c.offerer())) {
                check.add(
                        "units",
                        u.id(),
                        "must be units of " + c.offerer() + " (an organisation offers its own units); " + u.callsign()
                                + " is of " + u.organisation());
                continue;
            }
            checkSuits(check, s, r.need(), u, rules);
        }
        r.need().supportUnit().ifPresent(psu -> checkWhole(check, psu, c.units()));
        check.throwIfAny();
        for (Unit u : units) checkFree(s, u, r, c.offerer());
        OfferKind kind;
        if (c.provisional()) kind = OfferKind.PROVISIONAL;
        else kind = count(s, r.need(), units, rules) >= stillNeeded(s, r, rules) ? OfferKind.FULL : OfferKind.PARTIAL;
        d.add(new Event.AidOffered(
                r.id(),
                new AidOffer(
                        c.id(),
                        c.offerer(),
                        c.units(),
                        kind,
                        OfferStatus.OFFERED,
                        Sorted.empty(),
                        c.note(),
                        d.now(),
                        belowMinimum(s, c.offerer(), units, rules))));
    }

    /**
     * The offerer may lend what leaves it short (its decision, not Muster's), but not without a word: each
     * available unit offered that takes a zone of its own (or the organisation as a whole) below its safe
     * minimum is named with the zone and the minimum.
     */
    private static List<String> belowMinimum(MusterState s, OrganisationId offerer, List<Unit> units, Rules rules) {
        Headroom headroom = new Headroom(s, offerer, rules.zones());
        List<String> warnings = new ArrayList<>();
        for (Unit u : units) {
            if (u.status() != UnitStatus.AVAILABLE) continue;
            headroom.take(u)
                    .ifPresent(why -> warnings.add(
                            "offering " + u.callsign() + " takes " + offerer + " below its own safe minimum: " + why));
        }
        return List.copyOf(warnings);
    }

    /**
     * An organisation answers only a request it was asked, or one the national coordinator brokers: sent to
     * it, or referred to it when every organisation asked has declined ({@link AidRequest#mayAnswer}).
     */
    private static void checkAsked(AidRequest r, OrganisationId organisation, String field) {
        if (!r.mayAnswer(organisation))
            throw InvalidInputException.of(
                    field,
                    organisation,
                    "must be an organisation the request was sent to: "
                            + r.addressees().organisations()
                            + " (or any, when sent to the national coordinator or once all of them have declined)");
    }

    /** Whether the unit is of the wanted type, offers the capabilities, and carries people with the skill. */
    private static void checkSuits(Check check, MusterState s, AidNeed need, Unit u, Rules rules) {
        if (need.unitType().isPresent() && need.unitType().get() != u.type()) {
            check.add(
                    "units",
                    u.id(),
                    "must be of type " + need.unitType().get() + "; " + u.callsign() + " is a " + u.type());
            return;
        }
        var live = s.liveCapabilities(u, rules.crewing());
        if (!live.containsAll(need.capabilities())) {
            TreeSet<org.muster.domain.unit.Capability> missing = new TreeSet<>(need.capabilities());
            missing.removeAll(live);
            check.add(
                    "units",
                    u.id(),
                    "must offer " + need.capabilities() + "; " + u.callsign() + " lacks " + missing + " now");
        }
        if (need.supportUnit().isPresent()
                && AidNeed.countPublicOrder(s.crewOf(u))
                        < need.supportUnit().get().officersPerCarrier())
            check.add(
                    "units",
                    u.id(),
                    "must carry " + need.supportUnit().get().officersPerCarrier()
                            + " public order officers (a carrier's share of a "
                            + need.supportUnit().get() + "); "
                            + u.callsign() + " has " + AidNeed.countPublicOrder(s.crewOf(u)) + " now");
        if (need.skill().isPresent() && peopleWithSkill(s, need, u) == 0)
            check.add(
                    "units",
                    u.id(),
                    "must carry people with " + need.skill().get() + "; " + u.callsign() + " has none on duty");
    }

    /** Police support units are offered and taken whole: so many carriers at a time. */
    private static void checkWhole(Check check, SupportUnit psu, java.util.Collection<UnitId> units) {
        if (units.size() % psu.carriers() != 0)
            check.add(
                    "units",
                    units,
                    "must be whole police support units: a multiple of " + psu.carriers()
                            + " PUBLIC_ORDER_CARRIER, each " + psu + "; " + units.size() + " given");
    }

    /** Refuses a unit already lent, or held by another request (or accepted already under this one). */
    private static void checkFree(MusterState s, Unit u, AidRequest r, OrganisationId offerer) {
        if (u.isLent()) {
            String under = s.findAidRequestHolding(u.id())
                    .map(h -> " under request " + h.id())
                    .orElse("");
            throw new ConflictException(u.callsign() + " (" + u.id() + ") is lent to "
                    + u.lentTo().get() + under + "; it cannot be offered until it is released");
        }
        Optional<AidRequest> holding = s.findAidRequestHolding(u.id());
        if (holding.isEmpty()) return;
        AidRequest h = holding.get();
        boolean ownPendingHere = h.id().equals(r.id())
                && h.findPendingOffer(offerer)
                        .map(o -> o.units().contains(u.id()))
                        .orElse(false);
        if (ownPendingHere) return; // offered again: the new offer replaces the old
        String how = h.acceptedUnits().contains(u.id()) ? "accepted for" : "offered to";
        throw new ConflictException(
                u.callsign() + " (" + u.id() + ") is already " + how + " mutual aid request " + h.id());
    }

    static void decline(Draft d, Command.DeclineAid c) {
        MusterState s = d.state();
        AidRequest r = s.getAidRequest(c.request());
        s.getOrganisation(c.organisation());
        if (!r.status().takesOffers())
            throw new ConflictException("mutual aid request " + r.id() + " is " + r.status()
                    + "; it takes answers only while OPEN or PARTLY_FILLED");
        checkAsked(r, c.organisation(), "organisation");
        if (r.declines().stream().anyMatch(x -> x.organisation().equals(c.organisation())))
            throw new ConflictException(c.organisation() + " has already declined mutual aid request " + r.id());
        boolean accepted = r.offers().stream()
                .anyMatch(o -> o.offerer().equals(c.organisation()) && o.status() == OfferStatus.ACCEPTED);
        if (accepted)
            throw new ConflictException("an offer of " + c.organisation() + " on mutual aid request " + r.id()
                    + " has been accepted; it cannot decline now");
        d.add(new Event.AidDeclined(r.id(), new Decline(c.organisation(), c.reason(), d.now())));
    }

    static void accept(Draft d, Command.AcceptOffer c, Rules rules) {
        MusterState s = d.state();
        AidRequest r = s.getAidRequest(c.request());
        AidOffer offer = r.findOffer(c.offer())
                .orElseThrow(() -> new org.muster.domain.NotFoundException(
                        "offer on mutual aid request " + r.id(), c.offer().value()));
        if (!r.status().takesOffers())
            throw new ConflictException("mutual aid request " + r.id() + " is " + r.status()
                    + "; offers are accepted only while it is OPEN or PARTLY_FILLED");
        if (offer.status() != OfferStatus.OFFERED)
            throw new ConflictException(
                    "offer " + offer.id() + " is " + offer.status() + "; only an OFFERED one can be accepted");
        if (offer.kind() == OfferKind.PROVISIONAL)
            throw new ConflictException("offer " + offer.id() + " is PROVISIONAL; " + offer.offerer()
                    + " must offer again (in full or in part) to make it firm before it can be accepted");
        SortedSet<org.muster.domain.unit.UnitId> taking = c.units().isEmpty() ? offer.units() : c.units();
        Check check = Check.collecting();
        for (var u : taking) {
            if (!offer.units().contains(u))
                check.add("units", u, "must be units of offer " + offer.id() + ": " + offer.units());
        }
        r.need().supportUnit().ifPresent(psu -> checkWhole(check, psu, taking));
        check.throwIfAny();
        int still = stillNeeded(s, r, rules);
        if (!r.need().countsPeople() && taking.size() > still)
            throw InvalidInputException.of(
                    "units",
                    taking,
                    "must be at most the " + still + " still needed of "
                            + r.need().wanted() + "; accept fewer");
        d.add(new Event.AidOfferAccepted(r.id(), offer.id(), taking));
        AidRequest after = d.state().getAidRequest(r.id());
        AidRequestStatus next =
                stillNeeded(d.state(), after, rules) <= 0 ? AidRequestStatus.FILLED : AidRequestStatus.PARTLY_FILLED;
        if (next != after.status()) move(d, after, next);
    }

    static void deploy(Draft d, Command.DeployAid c) {
        MusterState s = d.state();
        AidRequest r = s.getAidRequest(c.request());
        if (r.status() != AidRequestStatus.DEPLOYED) r.status().checkMoveTo(AidRequestStatus.DEPLOYED);
        SortedSet<UnitId> accepted = r.acceptedUnits();
        List<UnitId> going = new ArrayList<>();
        if (c.units().isEmpty()) {
            for (UnitId u : accepted) if (!r.hasDeployed(u)) going.add(u);
            if (going.isEmpty())
                throw new ConflictException(
                        "every unit accepted for mutual aid request " + r.id() + " has been deployed");
        } else {
            Check check = Check.collecting();
            for (UnitId u : c.units()) {
                s.getUnit(u);
                if (!accepted.contains(u))
                    check.add("units", u, "must be units accepted for request " + r.id() + ": " + accepted);
            }
            check.throwIfAny();
            for (UnitId u : c.units()) {
                if (r.hasDeployed(u))
                    throw new ConflictException(u + " has already been deployed under mutual aid request " + r.id());
                going.add(u);
            }
        }
        // Those that can go now go; those that cannot (at an incident of their home, unavailable) stay accepted
        // and are named, for a later deployment. Only when none can go is the deployment refused.
        List<UnitId> sent = new ArrayList<>();
        List<Event.AidUnitWithheld> withheld = new ArrayList<>();
        for (UnitId id : going) {
            Optional<String> why = whyCannotGo(s, s.getUnit(id));
            if (why.isPresent()) withheld.add(new Event.AidUnitWithheld(r.id(), id, why.get()));
            else sent.add(id);
        }
        if (sent.isEmpty())
            throw new ConflictException("no unit accepted for mutual aid request " + r.id() + " can go now: "
                    + String.join(
                            "; ",
                            withheld.stream().map(Event.AidUnitWithheld::why).toList()));
        withheld.forEach(d::add);
        // Deployed units drive to the rendezvous point on the roads; each reports AT_RENDEZVOUS on arrival,
        // which starts its unit-hours (the journey counts only in the officer-hours).
        for (UnitId id : sent) {
            Unit u = s.getUnit(id);
            d.add(new Event.UnitLent(r.id(), id, r.requester()));
            d.add(new Event.UnitStatusChanged(id, u.status(), UnitStatus.EN_ROUTE, Optional.empty()));
        }
        if (r.status() != AidRequestStatus.DEPLOYED) move(d, r, AidRequestStatus.DEPLOYED);
    }

    /** Why an accepted unit cannot be sent to the rendezvous point now, in words; empty when it can. */
    private static Optional<String> whyCannotGo(MusterState s, Unit u) {
        Optional<Incident> busy = s.findIncidentOf(u.id());
        if (busy.isPresent())
            return Optional.of(u.callsign() + " is " + u.status() + " at incident "
                    + busy.get().id() + " of " + busy.get().organisation()
                    + ": not sent; deploy it once it is stood down");
        if (u.isLent())
            return Optional.of(u.callsign() + " is lent to " + u.lentTo().get() + " already: not sent");
        if (!u.status().canMoveTo(UnitStatus.EN_ROUTE))
            return Optional.of(u.callsign() + " is " + u.status()
                    + ": not sent (only an AVAILABLE unit can go to the rendezvous point); deploy it once it is");
        return Optional.empty();
    }

    /**
     * The unit's home sent it to a call of its own while a request held it, before it was lent. Until a unit
     * is lent it is its home's to task: a call at home is not kept waiting for an offer. A pending offer gives
     * it up (recorded again without it, its warnings saying why; an offer left with no unit lapses), so the
     * requester is not offered what is busy; an accepted unit stays accepted and goes once stood down. Either
     * way an {@link Event.AidUnitWithheld} says so, in the dispatcher's answer and in the requester's record.
     */
    static void taskedByHome(Draft d, UnitId unitId, Incident incident, Rules rules) {
        MusterState s = d.state();
        Unit unit = s.getUnit(unitId);
        if (unit.isLent()) return;
        Optional<AidRequest> holding = s.findAidRequestHolding(unitId);
        if (holding.isEmpty()) return;
        AidRequest r = holding.get();
        String taken = unit.organisation() + " sent " + unit.callsign() + " to incident " + incident.id() + " ("
                + incident.priority() + ") at " + d.now();
        if (r.acceptedUnits().contains(unitId)) {
            d.add(new Event.AidUnitWithheld(
                    r.id(),
                    unitId,
                    taken + ", before it was lent: it stays accepted, and goes to " + r.requester()
                            + " once stood down (deploy it then)"));
            return;
        }
        for (AidOffer o : r.offers()) {
            if (!o.isPending() || !o.units().contains(unitId)) continue;
            List<String> warnings = new ArrayList<>(o.warnings());
            warnings.add(taken + ": taken out of this offer");
            TreeSet<UnitId> left = new TreeSet<>(o.units());
            left.remove(unitId);
            AidOffer revised;
            if (left.isEmpty()) {
                revised = new AidOffer(
                        o.id(),
                        o.offerer(),
                        o.units(),
                        o.kind(),
                        OfferStatus.LAPSED,
                        o.accepted(),
                        o.note(),
                        o.offeredAt(),
                        warnings);
            } else {
                List<Unit> remaining = left.stream().map(s::getUnit).toList();
                OfferKind kind = o.kind() == OfferKind.PROVISIONAL
                        ? OfferKind.PROVISIONAL
                        : count(s, r.need(), remaining, rules) >= stillNeeded(s, r, rules)
                                ? OfferKind.FULL
                                : OfferKind.PARTIAL;
                revised = new AidOffer(
                        o.id(),
                        o.offerer(),
                        left,
                        kind,
                        OfferStatus.OFFERED,
                        o.accepted(),
                        o.note(),
                        o.offeredAt(),
                        warnings);
            }
            d.add(new Event.AidOffered(r.id(), revised));
            d.add(new Event.AidUnitWithheld(
                    r.id(),
                    unitId,
                    taken + ": taken out of " + o.offerer() + "'s offer " + o.id() + " to " + r.requester()
                            + " under mutual aid request " + r.id()
                            + (left.isEmpty() ? ", which lapses with no unit left" : "")));
        }
    }

    static void release(Draft d, Command.ReleaseAid c) {
        MusterState s = d.state();
        AidRequest r = s.getAidRequest(c.request());
        if (r.status() != AidRequestStatus.DEPLOYED) r.status().checkMoveTo(AidRequestStatus.RELEASED);
        SortedSet<UnitId> lent = r.lentUnits();
        SortedSet<UnitId> going = c.units().isEmpty() ? lent : c.units();
        Check check = Check.collecting();
        for (UnitId u : going) {
            s.getUnit(u);
            if (!lent.contains(u))
                check.add("units", u, "must be units lent under request " + r.id() + " now: " + lent);
        }
        check.throwIfAny();
        for (UnitId id : going) {
            Unit u = s.getUnit(id);
            Optional<Incident> busy = s.findIncidentOf(id);
            if (busy.isPresent())
                throw new ConflictException(u.callsign() + " is " + u.status() + " at incident "
                        + busy.get().id() + " of " + busy.get().organisation() + "; stand it down before it goes home");
        }
        for (UnitId id : going) {
            Unit u = s.getUnit(id);
            d.add(new Event.UnitReturned(r.id(), id, u.organisation()));
            homeward(u).ifPresent(to -> d.add(new Event.UnitStatusChanged(id, u.status(), to, Optional.empty())));
        }
        AidRequest after = d.state().getAidRequest(r.id());
        if (after.lentUnits().isEmpty()) move(d, after, AidRequestStatus.RELEASED);
    }

    /**
     * The status a released unit goes home in: one waiting at the rendezvous point is RETURNING; one still on
     * its way there turns back AVAILABLE to its home; one already free stays as it is.
     */
    private static Optional<UnitStatus> homeward(Unit u) {
        return switch (u.status()) {
            case AT_RENDEZVOUS -> Optional.of(UnitStatus.RETURNING);
            case EN_ROUTE -> Optional.of(UnitStatus.AVAILABLE);
            default -> Optional.empty();
        };
    }

    static void close(Draft d, Command.CloseAidRequest c) {
        move(d, d.state().getAidRequest(c.request()), AidRequestStatus.CLOSED);
    }

    static void cancel(Draft d, Command.CancelAidRequest c, String reason) {
        AidRequest r = d.state().getAidRequest(c.request());
        r.status().checkMoveTo(AidRequestStatus.CANCELLED);
        if (reason.isBlank())
            throw InvalidInputException.of("reason", reason, "is required to cancel a mutual aid request");
        move(d, r, AidRequestStatus.CANCELLED);
    }

    static void expire(Draft d, Command.ExpireAidRequest c) {
        AidRequest r = d.state().getAidRequest(c.request());
        r.status().checkMoveTo(AidRequestStatus.EXPIRED);
        if (d.now().isBefore(r.reportBy()))
            throw new ConflictException("mutual aid request " + r.id() + " asks units to report by " + r.reportBy()
                    + "; it cannot expire before then (now " + d.now() + ")");
        move(d, r, AidRequestStatus.EXPIRED);
    }

    private static void move(Draft d, AidRequest r, AidRequestStatus to) {
        r.status().checkMoveTo(to);
        d.add(new Event.AidRequestStatusChanged(r.id(), r.status(), to));
    }

    private static int stillNeeded(MusterState s, AidRequest r, Rules rules) {
        return s.countStillNeeded(r, rules.crewing());
    }

    /** What the units bring towards the need: themselves, or their people with the skill. */
    private static int count(MusterState s, AidNeed need, List<Unit> units, Rules rules) {
        int n = 0;
        for (Unit u : units) n += need.contributionOf(u.type(), s.liveCapabilities(u, rules.crewing()), s.crewOf(u));
        return n;
    }

    private static int peopleWithSkill(MusterState s, AidNeed need, Unit u) {
        var skill = need.skill().orElseThrow();
        return (int) s.crewOf(u).stream().filter(p -> p.hasActive(skill)).count();
    }
}
