package org.muster.sim.des;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.Zone;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.PersonId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.sim.Agenda;
import org.muster.sim.EngineGateway;
import org.muster.sim.demand.Surge;

/**
 * Sends a plan's shocks and standing policies to the engine as a control room's supervisors would, at their
 * simulated times: the engine's bulk withdrawal and return commands, zone levels, escort agreements and
 * cover. A withdrawal's share is chosen by the engine from a seed drawn from the run's, so the same run
 * withdraws the same people; at the shock's end exactly those return, named.
 */
final class ShockDriver {
    /** Who sends the shocks: a supervisor in the control room. */
    static final Actor SUPERVISOR = Actor.of("sim:supervisor");

    private final EngineGateway gateway;
    private final Agenda agenda;
    private final long seed;

    ShockDriver(EngineGateway gateway, Agenda agenda, long seed) {
        this.gateway = Check.present("gateway", gateway);
        this.agenda = Check.present("agenda", agenda);
        this.seed = seed;
    }

    /**
     * Refuses a plan that names what the region does not have, every problem at once, before anything runs:
     * an organisation, a zone, an incident type.
     */
    static void check(ShockPlan plan, MusterState state, Rules rules) {
        Check problems = Check.collecting();
        for (int i = 0; i < plan.shocks().size(); i++) {
            String f = "shocks[" + i + "]";
            switch (plan.shocks().get(i)) {
                case Shock.WithdrawPeople w -> organisation(problems, f + ".organisation", w.organisation(), state);
                case Shock.WithdrawUnits w -> organisation(problems, f + ".organisation", w.organisation(), state);
                case Shock.SetLevel l -> l.zones().forEach(z -> zone(problems, f + ".zones", z, state));
                case Shock.Surge s -> {
                    s.zones().forEach(z -> zone(problems, f + ".zones", z, state));
                    for (IncidentTypeCode t : s.types())
                        if (rules.catalogue().findType(t).isEmpty())
                            problems.add(f + ".types", t, "must be an incident type of the catalogue");
                }
            }
        }
        for (int i = 0; i < plan.aid().size(); i++) {
            AidPolicy a = plan.aid().get(i);
            organisation(problems, "aid[" + i + "].requester", a.requester(), state);
            for (OrganisationId o : a.asks()) organisation(problems, "aid[" + i + "].asks", o, state);
        }
        problems.throwIfAny();
    }

    private static void organisation(Check problems, String field, OrganisationId id, MusterState state) {
        if (state.findOrganisation(id).isEmpty())
            problems.add(field, id, "must be an organisation of the region: " + sortedIds(state));
    }

    private static void zone(Check problems, String field, ZoneId id, MusterState state) {
        if (state.findZone(id).isEmpty()) problems.add(field, id, "must be a zone of the region");
    }

    private static List<String> sortedIds(MusterState state) {
        return state.organisations().keySet().stream()
                .map(OrganisationId::value)
                .sorted()
                .toList();
    }

    /**
     * The plan's surges as the demand model takes them: an area zone named stands for the zones within it,
     * where calls are raised.
     */
    static List<Surge> surges(ShockPlan plan, MusterState state) {
        List<Surge> out = new ArrayList<>();
        for (Shock s : plan.shocks()) {
            if (!(s instanceof Shock.Surge surge)) continue;
            SortedSet<ZoneId> zones = new TreeSet<>();
            for (ZoneId z : surge.zones()) {
                List<ZoneId> within = state.zones().values().stream()
                        .filter(c -> c.parent().filter(z::equals).isPresent())
                        .map(Zone::id)
                        .toList();
                if (within.isEmpty()) zones.add(z);
                else zones.addAll(within);
            }
            out.add(new Surge(zones, surge.types(), surge.categories(), surge.factor(), surge.at(), surge.end()));
        }
        return out;
    }

    /** The standing policies, set before the first call: escort agreements and cover withdrawn when off. */
    void applyPolicies(ShockPlan plan, MusterState state) {
        if (!plan.escortAgreements()) {
            for (Organisation force : state.organisations().values().stream()
                    .sorted(Comparator.comparing(Organisation::id))
                    .toList()) {
                for (OrganisationId escorted : force.escortsFor())
                    send(
                            "policy: no standing escort agreements",
                            new Command.SetEscortAgreement(force.id(), escorted, false));
            }
        }
        if (!plan.cover()) {
            for (Zone z : state.zones().values().stream()
                    .filter(z -> z.coveredFrom().isPresent())
                    .sorted(Comparator.comparing(Zone::id))
                    .toList()) send("policy: no cover by design", new Command.SetZoneCover(z.id(), Optional.empty()));
        }
    }

    /** Books every shock the engine is told of (a surge changes the calls instead) at its time and its end. */
    void schedule(ShockPlan plan) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (Shock s : plan.shocks()) {
            long choice = seeds.nextLong();
            switch (s) {
                case Shock.WithdrawPeople w -> agenda.at(w.at(), at -> withdrawPeople(w, choice));
                case Shock.WithdrawUnits w -> agenda.at(w.at(), at -> withdrawUnits(w, choice));
                case Shock.SetLevel l -> agenda.at(l.at(), at -> setLevel(l));
                case Shock.Surge surge -> {}
            }
        }
    }

    private void withdrawPeople(Shock.WithdrawPeople w, long choice) {
        PeopleSelection who =
                new PeopleSelection(Sorted.empty(), Optional.of(w.organisation()), w.skill(), w.share(), choice);
        Optional<CommandResult> done =
                send("scenario shock: " + describe(w), new Command.WithdrawPeople(who, w.mode()));
        SortedSet<PersonId> chosen = new TreeSet<>();
        for (RecordedEvent e : done.map(CommandResult::events).orElse(List.of())) {
            switch (e.event()) {
                case Event.PersonDutyChanged d -> chosen.add(d.person());
                case Event.SkillSuspended s -> chosen.add(s.person());
                default -> {}
            }
        }
        if (chosen.isEmpty()) return;
        // with a skill named, the engine returns every holder of it whose skill is suspended: with the
        // organisation named too, that is this shock's people unless two stand-downs of one skill overlap
        PeopleSelection back = w.mode() == WithdrawalMode.SKILL
                ? new PeopleSelection(chosen, Optional.of(w.organisation()), w.skill(), 1.0, 0)
                : PeopleSelection.of(chosen);
        agenda.at(w.end(), at -> send("scenario shock over: " + describe(w), new Command.ReturnPeople(back, w.mode())));
    }

    private void withdrawUnits(Shock.WithdrawUnits w, long choice) {
        Optional<CommandResult> done = send(
                "scenario shock: withdraw " + w.share() + " of " + w.organisation() + "'s "
                        + w.type().map(Enum::name).orElse("units"),
                new Command.WithdrawUnits(UnitSelection.of(w.organisation(), w.type(), w.share(), choice)));
        SortedSet<UnitId> chosen = new TreeSet<>();
        for (RecordedEvent e : done.map(CommandResult::events).orElse(List.of()))
            if (e.event() instanceof Event.UnitStatusChanged c && c.to() == UnitStatus.UNAVAILABLE)
                chosen.add(c.unit());
        if (chosen.isEmpty()) return;
        agenda.at(
                w.end(),
                at -> send(
                        "scenario shock over: units back on the road",
                        new Command.ReturnUnits(UnitSelection.of(chosen))));
    }

    private void setLevel(Shock.SetLevel l) {
        if (l.clearance().isPresent()) {
            close(l, l.clearance().get());
            return;
        }
        for (ZoneId z : l.zones())
            send("scenario shock: " + l.level(), new Command.SetOperatingLevel(z, l.level(), Optional.of(l.end())));
        agenda.at(l.end(), at -> {
            for (ZoneId z : l.zones())
                send("scenario shock over", new Command.SetOperatingLevel(z, OperatingLevel.NORMAL, Optional.empty()));
        });
    }

    /**
     * Closes the zones, each with its rendezvous point at its organisation's first station in it (or the
     * organisation's first station), and acts as their supervisor: every minute, each call waiting for
     * tactical clearance is granted it once {@code clearance} has passed since it came in.
     */
    private void close(Shock.SetLevel l, Duration clearance) {
        MusterState state = gateway.engine().state();
        Rules.ZoneLocator locator = gateway.engine().rules().zones();
        for (ZoneId z : l.zones()) {
            Optional<OrganisationId> owner = state.findZone(z).map(Zone::organisation);
            List<Station> own = state.stations().values().stream()
                    .filter(st -> owner.filter(st.organisation()::equals).isPresent())
                    .sorted(Comparator.comparing(st -> st.id().value()))
                    .toList();
            Optional<GeoPoint> rendezvous = own.stream()
                    .filter(st -> locator.zonesAt(st.location()).contains(z))
                    .findFirst()
                    .or(() -> own.stream().findFirst())
                    .map(Station::location);
            send(
                    "scenario shock: CLOSED",
                    new Command.SetOperatingLevel(z, OperatingLevel.CLOSED, Optional.of(l.end()), rendezvous));
        }
        agenda.at(l.end(), at -> {
            for (ZoneId z : l.zones())
                send("scenario shock over", new Command.SetOperatingLevel(z, OperatingLevel.NORMAL, Optional.empty()));
        });
        agenda.after(Duration.ZERO, at -> supervise(l.end().plus(clearance), clearance));
    }

    private void supervise(Instant until, Duration clearance) {
        Instant now = agenda.now();
        for (Incident i : gateway.engine().state().listOpenIncidents())
            if (i.clearance() == Clearance.AWAITING
                    && !i.receivedAt().plus(clearance).isAfter(now))
                send("scenario: tactical clearance granted", new Command.GrantTacticalClearance(i.id()));
        if (now.isBefore(until)) agenda.after(Duration.ofMinutes(1), at -> supervise(until, clearance));
    }

    private Optional<CommandResult> send(String reason, Command c) {
        return gateway.submit(SUPERVISOR, reason, c);
    }

    private static String describe(Shock.WithdrawPeople w) {
        return (w.mode() == WithdrawalMode.SKILL ? "hand in " + w.skill().orElseThrow() + ": " : "withdraw from duty: ")
                + w.share() + " of " + w.organisation() + "'s people"
                + (w.mode() == WithdrawalMode.PERSON
                        ? w.skill().map(s -> " holding " + s).orElse("")
                        : "");
    }
}
