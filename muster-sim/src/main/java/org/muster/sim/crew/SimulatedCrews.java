package org.muster.sim.crew;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.Zone;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.state.MusterState;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;

/**
 * Crews that do what a real crew's terminal reports. When a unit is assigned it turns out, goes EN_ROUTE,
 * drives to the scene reporting its position, goes ON_SCENE, and when the job is done either conveys a
 * patient (an ambulance that can: TRANSPORTING, AT_HOSPITAL, RETURNING home, AVAILABLE) or clears
 * (AVAILABLE, closing the incident when it is the last unit there) and drives home. In a closed zone it
 * waits at the rendezvous point until tactical clearance is granted.
 *
 * <p>A human may change anything at any time: before each step the crew checks that the unit and the
 * incident are still as it left them, and a refused command ends the crew's part in that job. Units
 * stood down from a job drive home.
 *
 * <p>Driven by {@link #onEvent} with the engine's events in log order and by the {@link Agenda}'s
 * actions; not thread-safe (the simulation calls it from one thread).
 */
public final class SimulatedCrews {
    public static final Actor ACTOR = Actor.of("sim:crew");

    private enum Phase {
        TURNOUT,
        TO_SCENE,
        TO_RENDEZVOUS,
        AT_RENDEZVOUS,
        ON_SCENE,
        CONVEYING,
        AT_HOSPITAL,
        RETURNING,
        HOMEWARD;

        /** Still working the incident at its scene: standing the unit down ends the job. */
        boolean isAtOrGoingToScene() {
            return switch (this) {
                case TURNOUT, TO_SCENE, TO_RENDEZVOUS, AT_RENDEZVOUS, ON_SCENE -> true;
                case CONVEYING, AT_HOSPITAL, RETURNING, HOMEWARD -> false;
            };
        }
    }

    private static final class Job {
        final UnitId unit;
        final IncidentId incident;
        final Agency agency;
        Phase phase = Phase.TURNOUT;
        Journey journey;
        Instant journeyStart;
        long journeyToken;

        Job(UnitId unit, IncidentId incident, Agency agency) {
            this.unit = unit;
            this.incident = incident;
            this.agency = agency;
        }
    }

    private final EngineGateway gateway;
    private final Agenda agenda;
    private final JourneyPlanner planner;
    private final CrewConfig config;
    private final RandomGenerator random;
    private final Counters counters;
    private final Map<UnitId, Job> jobs = new TreeMap<>();

    public SimulatedCrews(
            EngineGateway gateway,
            Agenda agenda,
            JourneyPlanner planner,
            CrewConfig config,
            RandomGenerator random,
            Counters counters) {
        this.gateway = Check.present("gateway", gateway);
        this.agenda = Check.present("agenda", agenda);
        this.planner = Check.present("planner", planner);
        this.config = Check.present("config", config);
        this.random = Check.present("random", random);
        this.counters = Check.present("counters", counters);
    }

    /** How many units the crews are driving or working with now. */
    public int activeJobs() {
        return jobs.size();
    }

    /** Reacts to one durable event; the simulation calls it with every event in log order. */
    public void onEvent(Event event) {
        switch (event) {
            case Event.UnitAssigned e -> assigned(e.unit(), e.incident());
            case Event.UnitReleased e -> released(e.unit(), e.incident());
            case Event.TacticalClearanceGranted e -> cleared(e.incident());
            case Event.ClearanceRequired e -> clearanceRequired(e.incident());
            case Event.UnitStatusChanged e when e.to() == UnitStatus.UNAVAILABLE -> jobs.remove(e.unit());
            default -> {}
        }
    }

    private MusterState state() {
        return gateway.engine().state();
    }

    private void assigned(UnitId unitId, IncidentId incident) {
        Optional<Unit> unit = state().findUnit(unitId);
        if (unit.isEmpty()) return;
        Agency agency = state().findOrganisation(unit.get().organisation())
                .map(Organisation::agency)
                .orElse(unit.get().type().agency());
        Job previous = jobs.get(unitId);
        boolean moving = previous != null && previous.journey != null;
        Job job = new Job(unitId, incident, agency);
        jobs.put(unitId, job);
        if (moving) {
            // A diverted crew is already on the road; it turns towards the new scene at once.
            job.journey = previous.journey;
            job.journeyStart = previous.journeyStart;
        }
        Duration turnout = moving ? Duration.ZERO : config.drawTurnout(agency, random);
        agenda.after(turnout, at -> depart(job));
    }

    private void depart(Job job) {
        if (!isCurrent(job)) return;
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(job.unit);
        Optional<Incident> incident = s.findIncident(job.incident);
        if (unit.isEmpty()
                || unit.get().status() != UnitStatus.DISPATCHED
                || incident.isEmpty()
                || incident.get().findAssignment(job.unit).isEmpty()) {
            drop(job);
            return;
        }
        if (!sendStatus(job, UnitStatus.EN_ROUTE, "mobile to incident " + job.incident)) return;
        goToScene(job);
    }

    /** To the scene, or to the rendezvous point while the incident waits for tactical clearance. */
    private void goToScene(Job job) {
        Optional<Incident> incident = state().findIncident(job.incident);
        if (incident.isEmpty() || !incident.get().isOpen()) {
            drop(job);
            return;
        }
        Incident i = incident.get();
        if (i.clearance() == Clearance.AWAITING) {
            Optional<GeoPoint> rendezvous = rendezvousFor(i);
            if (rendezvous.isPresent()) drive(job, Phase.TO_RENDEZVOUS, rendezvous.get(), this::atRendezvous);
            else atRendezvous(job);
            return;
        }
        drive(job, Phase.TO_SCENE, i.location(), this::atScene);
    }

    private void atRendezvous(Job job) {
        job.phase = Phase.AT_RENDEZVOUS;
        job.journey = null;
        Optional<Incident> incident = state().findIncident(job.incident);
        if (incident.isPresent() && incident.get().clearance() != Clearance.AWAITING) goToScene(job);
    }

    private void cleared(IncidentId incident) {
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.incident.equals(incident) && job.phase == Phase.AT_RENDEZVOUS) goToScene(job);
        }
    }

    private void clearanceRequired(IncidentId incident) {
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.incident.equals(incident) && job.phase == Phase.TO_SCENE) goToScene(job);
        }
    }

    private void atScene(Job job) {
        MusterState s = state();
        Optional<Incident> incident = s.findIncident(job.incident);
        Optional<Unit> unit = s.findUnit(job.unit);
        if (incident.isEmpty() || unit.isEmpty() || !incident.get().isOpen()) {
            standDown(job);
            return;
        }
        if (incident.get().clearance() == Clearance.AWAITING) {
            goToScene(job); // the zone closed while the crew was on its way
            return;
        }
        if (unit.get().status() != UnitStatus.ON_SCENE
                && !sendStatus(job, UnitStatus.ON_SCENE, "on scene at incident " + job.incident)) return;
        job.phase = Phase.ON_SCENE;
        job.journey = null;
        Duration work = config.drawOnScene(job.agency, incident.get().priority(), random);
        agenda.after(work, at -> sceneDone(job));
    }

    private void sceneDone(Job job) {
        if (!isCurrent(job)) return;
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(job.unit);
        if (unit.isEmpty() || unit.get().status() != UnitStatus.ON_SCENE) {
            drop(job);
            return;
        }
        Optional<Incident> incident = s.findIncident(job.incident);
        Optional<Station> hospital = Optional.empty();
        if (job.agency == Agency.AMBULANCE
                && unit.get().type().equipment().contains(Capability.CONVEYANCE)
                && incident.isPresent()
                && config.drawConveys(incident.get().type(), random)) {
            hospital = nearestHospital(s, incident.get().location());
        }
        if (hospital.isPresent()) {
            job.phase = Phase.CONVEYING;
            if (!sendStatus(
                    job,
                    UnitStatus.TRANSPORTING,
                    "conveying to " + hospital.get().name())) return;
            drive(job, Phase.CONVEYING, hospital.get().location(), this::atHospital);
            return;
        }
        job.phase = Phase.HOMEWARD;
        boolean lastThere = incident.isPresent()
                && incident.get().isOpen()
                && incident.get().assignments().size() == 1
                && incident.get().assignments().getFirst().unit().equals(job.unit);
        boolean sent = lastThere
                ? send(job, new Command.CloseIncident(job.incident), "job done, last unit clear")
                : sendStatus(job, UnitStatus.AVAILABLE, "clear from incident " + job.incident);
        if (sent) goHome(job);
    }

    private void atHospital(Job job) {
        if (!sendStatus(job, UnitStatus.AT_HOSPITAL, "at hospital, handing over")) return;
        job.phase = Phase.AT_HOSPITAL;
        job.journey = null;
        agenda.after(config.drawHandover(random), at -> leaveHospital(job));
    }

    private void leaveHospital(Job job) {
        if (!isCurrent(job)) return;
        Optional<Unit> unit = state().findUnit(job.unit);
        if (unit.isEmpty() || unit.get().status() != UnitStatus.AT_HOSPITAL) {
            drop(job);
            return;
        }
        if (!sendStatus(job, UnitStatus.RETURNING, "clear at hospital, returning")) return;
        job.phase = Phase.RETURNING;
        goHome(job);
    }

    /** The job ended by someone else (stood down, incident closed or cancelled): home if free, else stop. */
    private void standDown(Job job) {
        Optional<Unit> unit = state().findUnit(job.unit);
        if (unit.isPresent() && unit.get().status() == UnitStatus.AVAILABLE) {
            job.phase = Phase.HOMEWARD;
            goHome(job);
        } else {
            drop(job);
        }
    }

    private void released(UnitId unit, IncidentId incident) {
        Job job = jobs.get(unit);
        if (job == null || !job.incident.equals(incident) || !job.phase.isAtOrGoingToScene()) return;
        standDown(job);
    }

    /** Back to the home station; a returning ambulance books AVAILABLE when it gets there. */
    private void goHome(Job job) {
        Optional<GeoPoint> home = state().findUnit(job.unit)
                .flatMap(Unit::homeStation)
                .flatMap(id -> state().findStation(id))
                .map(Station::location);
        if (home.isEmpty()) {
            if (job.phase == Phase.RETURNING) sendStatus(job, UnitStatus.AVAILABLE, "available");
            drop(job);
            return;
        }
        drive(job, job.phase, home.get(), this::atHome);
    }

    private void atHome(Job job) {
        Optional<Unit> unit = state().findUnit(job.unit);
        if (job.phase == Phase.RETURNING && unit.isPresent() && unit.get().status() == UnitStatus.RETURNING) {
            sendStatus(job, UnitStatus.AVAILABLE, "back at station, available");
        }
        drop(job);
    }

    private void drive(Job job, Phase phase, GeoPoint to, Consumer<Job> onArrival) {
        GeoPoint from = positionOf(job);
        job.phase = phase;
        job.journey = planner.plan(from, to);
        job.journeyStart = agenda.now();
        long token = ++job.journeyToken;
        scheduleTick(job, token, onArrival);
    }

    private void scheduleTick(Job job, long token, Consumer<Job> onArrival) {
        Instant end = job.journeyStart.plus(job.journey.duration());
        Instant next = agenda.now().plus(config.positionInterval());
        agenda.at(next.isAfter(end) ? end : next, at -> tick(job, token, onArrival));
    }

    private void tick(Job job, long token, Consumer<Job> onArrival) {
        if (!isCurrent(job) || job.journeyToken != token || job.journey == null) return;
        Duration elapsed = Duration.between(job.journeyStart, agenda.now());
        GeoPoint at = job.journey.positionAt(elapsed);
        if (gateway.submit(ACTOR, "", new Command.ReportPosition(job.unit, at)).isPresent()) counters.positionSent();
        if (!isCurrent(job)) return;
        if (elapsed.compareTo(job.journey.duration()) >= 0) onArrival.accept(job);
        else scheduleTick(job, token, onArrival);
    }

    /** Where the unit is: along its journey if driving, else its last fix, else its station. */
    private GeoPoint positionOf(Job job) {
        if (job.journey != null) return job.journey.positionAt(Duration.between(job.journeyStart, agenda.now()));
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(job.unit);
        return unit.flatMap(Unit::position)
                .map(Position::point)
                .or(() ->
                        unit.flatMap(Unit::homeStation).flatMap(s::findStation).map(Station::location))
                .or(() -> s.findIncident(job.incident).map(Incident::location))
                .orElseThrow(() -> new IllegalStateException("unit " + job.unit + " has no position"));
    }

    private Optional<GeoPoint> rendezvousFor(Incident incident) {
        MusterState s = state();
        return gateway.engine().rules().zones().zonesAt(incident.location()).stream()
                .flatMap(id -> s.findZone(id).stream())
                .filter(z -> z.operatingLevel() == OperatingLevel.CLOSED)
                .map(Zone::level)
                .flatMap(level -> level.rendezvous().stream())
                .findFirst();
    }

    private static Optional<Station> nearestHospital(MusterState s, GeoPoint from) {
        return s.stations().values().stream()
                .filter(st -> st.kind() == StationKind.HOSPITAL)
                .min(Comparator.comparingDouble((Station st) -> st.location().distanceMetersTo(from))
                        .thenComparing(st -> st.id().value()));
    }

    private boolean sendStatus(Job job, UnitStatus status, String reason) {
        return send(job, new Command.ChangeUnitStatus(job.unit, status, Optional.empty()), reason);
    }

    /** Sends a crew's command; a refusal ends the crew's part in the job. */
    private boolean send(Job job, Command command, String reason) {
        if (gateway.submit(ACTOR, reason, command).isPresent()) {
            counters.statusSent();
            return true;
        }
        drop(job);
        return false;
    }

    private boolean isCurrent(Job job) {
        return jobs.get(job.unit) == job;
    }

    private void drop(Job job) {
        jobs.remove(job.unit, job);
    }
}
