package org.muster.engine.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.OfferId;
import org.muster.domain.command.Command;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * Seeded streams of plausible commands against the {@link TestRegion}: most are valid for the state they
 * are drawn against, some are not (the engine refuses those, which is part of what is tested).
 */
public final class RandomCommands {
    private final SplittableRandom random;
    private final Rules rules = Rules.defaults();
    private final boolean mutualAid;
    private final java.util.Optional<org.muster.domain.incident.ClosedIncidents> readModel;
    private int incidents;
    private int aidRequests;
    private int offers;

    public RandomCommands(long seed) {
        this(seed, false);
    }

    /**
     * With {@code mutualAid}, about one command in five is a mutual aid command between {@code POL} and the
     * forces {@code NBR} and {@code WEST} of {@link TestRegion#policeForce} (which must be registered).
     */
    public RandomCommands(long seed, boolean mutualAid) {
        this(seed, mutualAid, java.util.Optional.empty());
    }

    /**
     * As {@link #RandomCommands(long, boolean)}; with a {@code readModel} (the engine's log must keep the
     * same one), about one command in twelve archives a finished incident as the archiver does (the writer
     * keeps its record there with the event).
     */
    public RandomCommands(
            long seed, boolean mutualAid, java.util.Optional<org.muster.domain.incident.ClosedIncidents> readModel) {
        this.random = new SplittableRandom(seed);
        this.mutualAid = mutualAid;
        this.readModel = readModel;
    }

    private java.util.Optional<Command> nextArchive(MusterState s) {
        if (readModel.isEmpty() || random.nextInt(12) != 0) return java.util.Optional.empty();
        List<Incident> finished = s.incidents().values().stream()
                .filter(i -> !i.isOpen())
                .sorted(java.util.Comparator.comparing(i -> i.id().value()))
                .toList();
        if (finished.isEmpty()) return java.util.Optional.empty();
        Incident i = finished.get(random.nextInt(finished.size()));
        return java.util.Optional.of(new Command.ArchiveIncident(i.id()));
    }

    /** The next command, drawn against the given state. */
    public Command next(MusterState s) {
        List<Unit> units = new ArrayList<>(s.units().values());
        units.sort(java.util.Comparator.comparing(u -> u.id().value()));
        List<Incident> open = s.listOpenIncidents();
        if (mutualAid && random.nextInt(5) == 0) return nextAid(s, units);
        var archive = nextArchive(s);
        if (archive.isPresent()) return archive.get();
        Unit unit = units.get(random.nextInt(units.size()));
        int roll = random.nextInt(100);
        if (roll < 25 || open.isEmpty()) return newIncident(s);
        Incident incident = open.get(random.nextInt(open.size()));
        if (roll < 45)
            return new Command.AssignUnit(incident.id(), pickUnitFor(units, incident), AssignmentRole.PRIMARY);
        if (roll < 70) return new Command.ChangeUnitStatus(unit.id(), pickNextStatus(unit), Optional.empty());
        if (roll < 75)
            return new Command.ChangeUnitStatus(
                    unit.id(), UnitStatus.UNAVAILABLE, Optional.of(UnavailableReason.OUT_OF_SERVICE));
        if (roll < 80) return new Command.CloseIncident(incident.id());
        if (roll < 83) return new Command.CancelIncident(incident.id());
        if (roll < 86 && open.size() > 1) {
            Incident other = open.get(random.nextInt(open.size()));
            return new Command.LinkDuplicate(incident.id(), other.id());
        }
        if (roll < 89) return new Command.ReportPosition(unit.id(), jitter());
        if (roll < 92) {
            var sel = PeopleSelection.withSkill(
                    unit.organisation(), pickSkill(), 0.1 + random.nextDouble() * 0.9, random.nextLong());
            return random.nextBoolean()
                    ? new Command.WithdrawPeople(sel, WithdrawalMode.SKILL)
                    : new Command.ReturnPeople(sel, WithdrawalMode.SKILL);
        }
        if (roll < 95) {
            var sel = UnitSelection.of(unit.organisation(), Optional.of(unit.type()), 0.5, random.nextLong());
            return random.nextBoolean() ? new Command.WithdrawUnits(sel) : new Command.ReturnUnits(sel);
        }
        if (roll < 97) {
            var sel = PeopleSelection.of(
                    new TreeSet<>(unit.crew().isEmpty() ? s.people().keySet() : unit.crew()));
            return random.nextBoolean()
                    ? new Command.WithdrawPeople(sel, WithdrawalMode.PERSON)
                    : new Command.ReturnPeople(sel, WithdrawalMode.PERSON);
        }
        var zones = new ArrayList<>(s.zones().keySet());
        ZoneId zone = zones.get(random.nextInt(zones.size()));
        return new Command.SetOperatingLevel(
                zone, OperatingLevel.values()[random.nextInt(OperatingLevel.values().length)], Optional.empty());
    }

    private Command newIncident(MusterState s) {
        List<IncidentType> types = rules.catalogue().listTypes().stream()
                .filter(t -> t.agency() != Agency.FIRE)
                .toList();
        IncidentType type = types.get(random.nextInt(types.size()));
        String organisation = type.agency() == Agency.POLICE ? "POL" : "AMB";
        return new Command.CreateIncident(
                IncidentId.of("R" + (++incidents) + "-" + Long.toHexString(random.nextLong() & 0xffff)),
                Commands.org(organisation),
                type.code(),
                Optional.empty(),
                jitter(),
                "random call",
                new TreeSet<>());
    }

    private org.muster.domain.unit.UnitId pickUnitFor(List<Unit> units, Incident incident) {
        List<Unit> same = units.stream()
                .filter(u -> u.workingFor().equals(incident.organisation()))
                .toList();
        return (same.isEmpty() ? units : same)
                .get(random.nextInt((same.isEmpty() ? units : same).size()))
                .id();
    }

    private static final List<String> FORCES = List.of("POL", "NBR", "WEST");

    private Command nextAid(MusterState s, List<Unit> units) {
        List<AidRequest> requests = s.listAidRequests();
        int roll = random.nextInt(100);
        if (roll < 15 || requests.isEmpty()) {
            String requester = FORCES.get(random.nextInt(FORCES.size()));
            String[] others = FORCES.stream().filter(f -> !f.equals(requester)).toArray(String[]::new);
            AidNeed need = random.nextInt(4) == 0
                    ? AidNeed.people(Skill.AUTHORISED_FIREARMS_OFFICER, 1 + random.nextInt(6), Set.of())
                    : AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, 1 + random.nextInt(3), Set.of(Capability.ARMED));
            Command.RequestAid c = Commands.requestAid(
                    "AID-" + (++aidRequests),
                    requester,
                    need,
                    jitter(),
                    START.plus(Duration.ofMinutes(random.nextInt(90))),
                    others);
            if (random.nextInt(4) != 0) return c;
            return new Command.RequestAid(
                    c.id(),
                    c.requester(),
                    c.need(),
                    c.rendezvous(),
                    c.reportBy(),
                    c.duration(),
                    c.reason(),
                    c.priority(),
                    c.addressees(),
                    true);
        }
        AidRequest r = requests.get(random.nextInt(requests.size()));
        List<Unit> lendable = units.stream()
                .filter(u -> !u.organisation().equals(r.requester()) && u.type() == UnitType.ARMED_RESPONSE_VEHICLE)
                .toList();
        if (roll < 40 && !lendable.isEmpty()) {
            Unit u = lendable.get(random.nextInt(lendable.size()));
            TreeSet<UnitId> offered = new TreeSet<>(Set.of(u.id()));
            for (Unit other : lendable)
                if (other.organisation().equals(u.organisation()) && random.nextBoolean()) offered.add(other.id());
            return new Command.OfferAid(
                    OfferId.of("OF-" + (++offers)), r.id(), u.organisation(), offered, random.nextInt(6) == 0, "");
        }
        if (roll < 50) {
            String who = FORCES.get(random.nextInt(FORCES.size()));
            return Commands.decline(r.id().value(), who, "own armed officers committed");
        }
        if (roll < 65 && !r.offers().isEmpty()) {
            var offer = r.offers().get(random.nextInt(r.offers().size()));
            return new Command.AcceptOffer(r.id(), offer.id(), new TreeSet<>());
        }
        if (roll < 75) {
            // deploy sends only free units to the rendezvous point: free an accepted one first, as a donor would
            for (UnitId accepted : r.acceptedUnits()) {
                Unit u = s.getUnit(accepted);
                if (!r.hasDeployed(accepted)
                        && u.status() != org.muster.domain.unit.UnitStatus.AVAILABLE
                        && s.findIncidentOf(accepted).isEmpty()
                        && u.status().canMoveTo(org.muster.domain.unit.UnitStatus.AVAILABLE))
                    return new Command.ChangeUnitStatus(
                            accepted, org.muster.domain.unit.UnitStatus.AVAILABLE, java.util.Optional.empty());
            }
            return new Command.DeployAid(r.id(), new TreeSet<>());
        }
        if (roll < 85) {
            TreeSet<UnitId> some = new TreeSet<>();
            if (!r.lentUnits().isEmpty() && random.nextBoolean())
                some.add(r.lentUnits().first());
            return new Command.ReleaseAid(r.id(), some);
        }
        return switch (random.nextInt(4)) {
            case 0 -> new Command.CloseAidRequest(r.id());
            case 1 -> new Command.CancelAidRequest(r.id());
            case 2 -> new Command.OpenAidRequest(r.id());
            default -> new Command.ExpireAidRequest(r.id());
        };
    }

    private static final java.time.Instant START = java.time.Instant.parse("2026-11-22T16:00:00Z");

    private UnitStatus pickNextStatus(Unit unit) {
        List<UnitStatus> next = new ArrayList<>(unit.status().allowedNext());
        next.remove(UnitStatus.DISPATCHED);
        next.remove(UnitStatus.UNAVAILABLE);
        if (next.isEmpty()) return UnitStatus.AVAILABLE;
        return next.get(random.nextInt(next.size()));
    }

    private Skill pickSkill() {
        List<Skill> skills =
                new ArrayList<>(EnumSet.of(Skill.AUTHORISED_FIREARMS_OFFICER, Skill.PARAMEDIC, Skill.RESPONSE_DRIVER));
        return skills.get(random.nextInt(skills.size()));
    }

    private GeoPoint jitter() {
        return GeoPoint.of(52.5 + random.nextDouble() * 0.2, -0.8 + random.nextDouble() * 0.2);
    }
}
