package org.muster.sim.crew;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.organisation.Zone;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.moveup.MoveUpWatch;
import org.muster.engine.rules.Tasking;
import org.muster.engine.state.MusterState;
import org.muster.sim.Agenda;
import org.muster.sim.Counters;
import org.muster.sim.EngineGateway;

/**
 * Crews that do what a real crew's terminal reports. When a unit is assigned it turns out, goes EN_ROUTE,
 * drives to the scene reporting its position, goes ON_SCENE, and when the job is done either conveys a
 * patient (an ambulance that can, one per call: TRANSPORTING, AT_HOSPITAL, RETURNING home, AVAILABLE) or
 * clears and drives home. The work on scene is the incident's: the first crew there draws how long it
 * takes, and when it is done the incident is closed, which clears every unit on it. In a closed zone the
 * crew waits AT_RENDEZVOUS at the rendezvous point until tactical clearance is granted. An ambulance or fire
 * crew whose call has a police escort on its way, or lies in an escort-required zone with no escort there,
 * stands off at the scene until the escort is there, and goes in with it: the recommender's "the expected
 * arrival is the later of the two"; the crew-time so spent is counted ({@link #standingOff}). A crew already
 * in its vehicle when it is sent (on the road, standing off, or lent and waiting at its host's rendezvous
 * point) drives off without a turnout. A move-up proposal the control room accepts sends each unit it names,
 * if still free, to its station.
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
        /** At the scene of a call that needs a police escort there: waiting for it before going in. */
        STANDING_OFF,
        ON_SCENE,
        CONVEYING,
        AT_HOSPITAL,
        RETURNING,
        HOMEWARD,
        /** Lent under mutual aid: on the way to the host's rendezvous point. */
        TO_AID_RENDEZVOUS,
        /** Available and driving to another station to restore cover (move-up): dispatchable on the way. */
        MOVING_UP;

        /** Still working the incident at its scene: standing the unit down ends the job. */
        boolean isAtOrGoingToScene() {
            return switch (this) {
                case TURNOUT, TO_SCENE, TO_RENDEZVOUS, AT_RENDEZVOUS, STANDING_OFF, ON_SCENE -> true;
                case CONVEYING, AT_HOSPITAL, RETURNING, HOMEWARD, TO_AID_RENDEZVOUS, MOVING_UP -> false;
            };
        }
    }

    /** A unit's current work: an incident, or (lent under mutual aid) the drive to the host's rendezvous point. */
    private static final class Job {
        final UnitId unit;
        private final Optional<IncidentId> forIncident;
        final Agency agency;
        Phase phase = Phase.TURNOUT;
        Journey journey;
        Instant journeyStart;
        long journeyToken;
        /** When the crew last reported its position on this drive; reporting on demand, at most every interval. */
        Instant reportedAt;
        /** Since when the crew has stood off at the scene for its escort, and whose call it is; null when not. */
        Instant standingSince;

        OrganisationId standingFor;

        Job(UnitId unit, Optional<IncidentId> forIncident, Agency agency) {
            this.unit = unit;
            this.forIncident = forIncident;
            this.agency = agency;
        }

        /** The incident of an incident's job; only the incident steps ask. */
        IncidentId incident() {
            return forIncident.orElseThrow(() -> new IllegalStateException(unit + " is not on an incident"));
        }

        boolean isFor(IncidentId incident) {
            return forIncident.filter(incident::equals).isPresent();
        }
    }

    private final EngineGateway gateway;
    private final Agenda agenda;
    private final JourneyPlanner planner;
    private final CrewConfig config;
    private final RandomGenerator random;
    private final Counters counters;
    private final Map<UnitId, Job> jobs = new TreeMap<>();
    /** When the work at each incident with a crew on scene is done. */
    private final Map<IncidentId, Instant> sceneEnds = new TreeMap<>();
    /**
     * The calls worked on scene in the state {@link #adopt} took over, until their work is drawn: since when, and
     * by the agency of the crew there first. Empty once the adopted crews have come to their scenes.
     */
    private final Map<IncidentId, AdoptedScene> adoptedScenes = new TreeMap<>();

    private record AdoptedScene(Instant since, Agency agency) {}

    /** Crew-time spent standing off for escorts, waits ended, by the organisation whose call it was. */
    private final Map<OrganisationId, Duration> standingOff = new TreeMap<>();
    /**
     * Incidents whose work on scene is done by a responder that cannot convey, the patient waiting for the
     * ambulance sent with it: a car's paramedic treats, the ambulance behind takes the patient in.
     */
    private final java.util.Set<IncidentId> awaitingConveyance = new java.util.TreeSet<>();
    /**
     * Whether driving crews report their position only when asked ({@link #reportPositions}) and where each
     * drive ends, instead of every {@link CrewConfig#positionInterval()}: a batch run has no map to move.
     */
    private final boolean onDemand;

    /** Crews reporting their position every {@link CrewConfig#positionInterval()} of driving, as the demo's. */
    public SimulatedCrews(
            EngineGateway gateway,
            Agenda agenda,
            JourneyPlanner planner,
            CrewConfig config,
            RandomGenerator random,
            Counters counters) {
        this(gateway, agenda, planner, config, random, counters, false);
    }

    /**
     * @param positionsOnDemand report positions only where each drive ends and when {@link #reportPositions}
     *     asks, not every interval
     */
    public SimulatedCrews(
            EngineGateway gateway,
            Agenda agenda,
            JourneyPlanner planner,
            CrewConfig config,
            RandomGenerator random,
            Counters counters,
            boolean positionsOnDemand) {
        this.onDemand = positionsOnDemand;
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
            case Event.UnitReleased e -> {
                released(e.unit(), e.incident());
                escortMoved(e.incident()); // an escort taken off the call: nobody waits for it any more
            }
            case Event.UnitArrived e -> escortMoved(e.incident());
            case Event.OperatingLevelChanged e -> levelChanged();
            case Event.TacticalClearanceGranted e -> cleared(e.incident());
            case Event.ClearanceRequired e -> clearanceRequired(e.incident());
            case Event.UnitLent e -> lent(e.unit(), e.request());
            case Event.UnitReturned e -> returned(e.unit());
            case Event.AlertAccepted e -> moveUpAccepted(e.alert());
            case Event.UnitStatusChanged e when e.to() == UnitStatus.TRANSPORTING -> toldToConvey(e.unit());
            case Event.UnitStatusChanged e when e.to() == UnitStatus.AT_HOSPITAL -> toldAtHospital(e.unit());
            case Event.UnitStatusChanged e
            when e.to() == UnitStatus.UNAVAILABLE -> {
                Job job = jobs.get(e.unit());
                if (job != null) drop(job);
            }
            default -> {}
        }
    }

    private MusterState state() {
        return gateway.engine().state();
    }

    /**
     * Moves an available unit with no work to {@code to} (a station, to restore cover): the crew drives
     * there along the roads reporting its position, and stays available all the way, so it may be sent to
     * a call from wherever it has got to. False, and nothing done, when the unit is not available or the
     * crews are already driving or working it.
     */
    public boolean moveUp(UnitId unitId, GeoPoint to) {
        Check.present("to", to);
        Optional<Unit> unit = state().findUnit(unitId);
        if (unit.isEmpty() || unit.get().status() != UnitStatus.AVAILABLE || jobs.containsKey(unitId)) return false;
        Job job = new Job(unitId, Optional.empty(), agencyOf(state(), unit.get()));
        jobs.put(unitId, job);
        drive(job, Phase.MOVING_UP, to, this::drop);
        return true;
    }

    /**
     * A control room that accepts a move-up proposal has decided, and tells the crews it names (by radio, in a
     * real service): each unit still available drives to its station, as {@link #moveUp}; one driving home or
     * to another move-up station turns for the new one. A unit sent to a call since the proposal stays on it.
     */
    private void moveUpAccepted(AlertId id) {
        MusterState s = state();
        Optional<Alert> alert = s.findAlert(id);
        if (alert.isEmpty()) return;
        for (MoveUpWatch.Move m : MoveUpWatch.listMoves(alert.get())) {
            Optional<GeoPoint> to = s.findStation(m.station()).map(Station::location);
            if (to.isEmpty()) continue;
            Job job = jobs.get(m.unit());
            if (job == null) moveUp(m.unit(), to.get());
            else if ((job.phase == Phase.HOMEWARD || job.phase == Phase.MOVING_UP)
                    && s.findUnit(m.unit()).map(Unit::status).orElse(null) == UnitStatus.AVAILABLE) turn(job, to.get());
        }
    }

    /** A crew free and driving turns for {@code to} from where it has got to, its old drive forgotten. */
    private void turn(Job job, GeoPoint to) {
        Job next = new Job(job.unit, Optional.empty(), job.agency);
        next.journey = job.journey;
        next.journeyStart = job.journeyStart;
        drop(job);
        jobs.put(next.unit, next);
        drive(next, Phase.MOVING_UP, to, this::drop);
    }

    /** Whether the unit is on its way to a move-up station. */
    public boolean isMovingUp(UnitId unitId) {
        Job job = jobs.get(unitId);
        return job != null && job.phase == Phase.MOVING_UP;
    }

    /**
     * Takes over the work in progress in {@code s}, as the crews of a fork of the live state (a projection)
     * must: each unit on a call goes on from its status (turning out, driving to the scene or the rendezvous
     * point, on scene, conveying, at hospital), and each unit returning drives home.
     *
     * <p>A timed step goes on from how long the unit has been in its status ({@link Unit#statusSince()}, to
     * the agenda's time, the fork's instant): a crew dispatched a while ago has only the rest of its turnout to
     * go, one at hospital the rest of its handover, and a call worked on scene the rest of its work, counted from
     * its first crew there (the earliest to go ON_SCENE of the units on scene, an escort aside), drawn for that
     * crew's agency as the first crew there draws it. The rest is a draw conditioned on being longer than the
     * time already spent, less that time, drawn by rejection (draws until one is longer, at most {@link
     * CrewConfig#REMAINDER_TRIES}); a step that has gone on past nearly every draw finishes promptly, in a tenth of
     * a fresh draw, rather than at the fork's instant with every other overdue crew ({@link
     * CrewConfig#remainderAfter} says why). Drives go on from where the unit stands, as they do not depend on the
     * time spent. What a crew waiting for clearance or an escort waits for is not timed.
     *
     * <p>Call once, before the first step; units are taken in order of id, and each draw is taken in that order
     * (the scenes' at the first step), so a seed and a state give one run.
     */
    public void adopt(MusterState s) {
        Instant now = agenda.now();
        for (Unit unit : s.units().values().stream()
                .sorted(Comparator.comparing((Unit u) -> u.id().value()))
                .toList()) {
            Optional<Incident> on = s.findIncidentOf(unit.id());
            Optional<IncidentId> incident = on.map(Incident::id);
            Agency agency = agencyOf(s, unit);
            Job job = new Job(unit.id(), incident, agency);
            // how long the unit has been at its step; a clock ahead of the fork's counts nothing
            Duration spent = Duration.between(unit.statusSince(), now);
            switch (unit.status()) {
                case DISPATCHED -> {
                    if (incident.isEmpty()) continue;
                    jobs.put(unit.id(), job);
                    agenda.after(config.drawTurnoutAfter(agency, spent, random), at -> depart(job));
                }
                case EN_ROUTE -> {
                    if (incident.isEmpty()) continue; // lent and on its way: its host's to direct
                    jobs.put(unit.id(), job);
                    agenda.after(Duration.ZERO, at -> goToScene(job));
                }
                case AT_RENDEZVOUS -> {
                    if (incident.isEmpty()) continue;
                    jobs.put(unit.id(), job);
                    enter(job, Phase.AT_RENDEZVOUS); // waits for clearance, as a crew there does
                }
                case ON_SCENE -> {
                    if (incident.isEmpty()) continue;
                    jobs.put(unit.id(), job);
                    // the work began when the first crew there went on scene: the earliest, the first by id of equals
                    if (!isEscort(job, on.get()))
                        adoptedScenes.merge(
                                incident.get(),
                                new AdoptedScene(unit.statusSince(), agency),
                                (a, b) -> b.since().isBefore(a.since()) ? b : a);
                    agenda.after(Duration.ZERO, at -> atScene(job));
                }
                case TRANSPORTING -> {
                    Optional<Station> hospital =
                            unit.position().map(Position::point).flatMap(p -> nearestHospital(s, p));
                    if (hospital.isEmpty()) continue;
                    jobs.put(unit.id(), job);
                    enter(job, Phase.CONVEYING);
                    GeoPoint to = hospital.get().location();
                    agenda.after(Duration.ZERO, at -> drive(job, Phase.CONVEYING, to, this::atHospital));
                }
                case AT_HOSPITAL -> {
                    jobs.put(unit.id(), job);
                    enter(job, Phase.AT_HOSPITAL);
                    agenda.after(config.drawHandoverAfter(spent, random), at -> leaveHospital(job));
                }
                case RETURNING -> {
                    jobs.put(unit.id(), job);
                    enter(job, Phase.RETURNING);
                    agenda.after(Duration.ZERO, at -> goHome(job));
                }
                default -> {}
            }
        }
        // after every crew taken over has come to its scene (now, in the order scheduled): a scene whose work was
        // not drawn then (its crews stood down, or sent on to a rendezvous point) starts afresh when a crew comes
        if (!adoptedScenes.isEmpty()) agenda.after(Duration.ZERO, at -> adoptedScenes.clear());
    }

    private void assigned(UnitId unitId, IncidentId incident) {
        Optional<Unit> unit = state().findUnit(unitId);
        if (unit.isEmpty()) return;
        Agency agency = agencyOf(state(), unit.get());
        Job previous = jobs.get(unitId);
        boolean moving = previous != null && previous.journey != null;
        // standing off at a scene for its escort, or lent and waiting for its host at the rendezvous point
        // (there is no station of its own there), the crew is in its vehicle: no turnout either
        boolean mobile = moving
                || (previous != null && previous.phase == Phase.STANDING_OFF)
                || unit.get().isLent();
        if (previous != null) drop(previous);
        Job job = new Job(unitId, Optional.of(incident), agency);
        jobs.put(unitId, job);
        if (moving) {
            // A diverted crew is already on the road; it turns towards the new scene at once.
            job.journey = previous.journey;
            job.journeyStart = previous.journeyStart;
        }
        Duration turnout = mobile ? Duration.ZERO : config.drawTurnout(agency, random);
        agenda.after(turnout, at -> depart(job));
    }

    private void depart(Job job) {
        if (!isCurrent(job)) return;
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(job.unit);
        Optional<Incident> incident = s.findIncident(job.incident());
        if (unit.isEmpty()
                || unit.get().status() != UnitStatus.DISPATCHED
                || incident.isEmpty()
                || incident.get().findAssignment(job.unit).isEmpty()) {
            drop(job);
            return;
        }
        if (!sendStatus(job, UnitStatus.EN_ROUTE, "mobile to incident " + job.incident())) return;
        goToScene(job);
    }

    /** To the scene, or to the rendezvous point while the incident waits for tactical clearance. */
    private void goToScene(Job job) {
        Optional<Incident> incident = state().findIncident(job.incident());
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
        enter(job, Phase.AT_RENDEZVOUS);
        job.journey = null;
        Optional<Incident> incident = state().findIncident(job.incident());
        if (incident.isPresent() && incident.get().clearance() != Clearance.AWAITING) {
            goToScene(job); // cleared while the crew was on its way: straight on
            return;
        }
        sendStatus(job, UnitStatus.AT_RENDEZVOUS, "at the rendezvous point for incident " + job.incident());
    }

    private void cleared(IncidentId incident) {
        for (Job job : new ArrayList<>(jobs.values())) {
            if (!job.isFor(incident) || job.phase != Phase.AT_RENDEZVOUS) continue;
            boolean waiting = state().findUnit(job.unit)
                    .map(u -> u.status() == UnitStatus.AT_RENDEZVOUS)
                    .orElse(false);
            if (!waiting || sendStatus(job, UnitStatus.EN_ROUTE, "cleared, mobile to incident " + incident))
                goToScene(job);
        }
    }

    private void clearanceRequired(IncidentId incident) {
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.isFor(incident) && job.phase == Phase.TO_SCENE) goToScene(job);
        }
    }

    private void atScene(Job job) {
        MusterState s = state();
        Optional<Incident> incident = s.findIncident(job.incident());
        Optional<Unit> unit = s.findUnit(job.unit);
        if (incident.isEmpty() || unit.isEmpty() || !incident.get().isOpen()) {
            standDown(job);
            return;
        }
        if (incident.get().clearance() == Clearance.AWAITING) {
            goToScene(job); // the zone closed while the crew was on its way
            return;
        }
        if (unit.get().status() != UnitStatus.ON_SCENE && waitsForEscort(job, incident.get())) {
            job.standingFor = incident.get().organisation();
            enter(job, Phase.STANDING_OFF); // no command: the unit stays EN_ROUTE, at the scene's edge
            job.journey = null;
            return;
        }
        if (unit.get().status() != UnitStatus.ON_SCENE
                && !sendStatus(job, UnitStatus.ON_SCENE, "on scene at incident " + job.incident())) return;
        enter(job, Phase.ON_SCENE);
        job.journey = null;
        // an escort guards the crews it came with: the work on scene is theirs, and it leaves with them
        if (isEscort(job, incident.get())) return;
        if (awaitingConveyance.contains(job.incident())) {
            // the responder there has done the work: the ambulance it waited for takes the patient straight on
            if (conveys(state(), job))
                finish(state(), incident.get(), onScene(state(), job.incident()), Optional.of(job));
            return;
        }
        // The work belongs to the incident, not to each crew: the first crew there sets how long it takes,
        // and everyone there finishes together. Each crew clearing on its own let the control room send a
        // replacement for every unit that cleared, so a call needing several units never closed.
        if (!sceneEnds.containsKey(job.incident())) {
            AdoptedScene adopted = adoptedScenes.remove(job.incident());
            Instant now = agenda.now();
            Duration work = adopted == null
                    ? config.drawOnScene(job.agency, incident.get().priority(), random)
                    : config.drawOnSceneAfter(
                            adopted.agency(),
                            incident.get().priority(),
                            Duration.between(adopted.since(), now),
                            random);
            Instant end = now.plus(work);
            sceneEnds.put(job.incident(), end);
            IncidentId id = job.incident();
            agenda.at(end, at -> sceneDone(id));
        }
    }

    /**
     * The work at the scene is done: an ambulance that conveys takes the patient (one per call), and the
     * incident is closed, which stands every unit on it down; those not conveying drive home. When only a
     * responder that cannot convey is there (a paramedic's car) and the patient is to go to hospital, the
     * call stays open for the conveying ambulance sent with it: the crew hands the patient over when it
     * arrives ({@link #atScene}).
     */
    private void sceneDone(IncidentId incidentId) {
        sceneEnds.remove(incidentId);
        MusterState s = state();
        Optional<Incident> incident = s.findIncident(incidentId);
        if (incident.isEmpty() || !incident.get().isOpen()) { // closed by someone else: crews already told
            awaitingConveyance.remove(incidentId);
            return;
        }
        List<Job> there = onScene(s, incidentId);
        Optional<Job> conveyor = there.stream().filter(j -> conveys(s, j)).findFirst();
        if (conveyor.isEmpty()
                && conveyorComing(s, incidentId)
                && config.drawConveys(incident.get().type(), random)) {
            awaitingConveyance.add(incidentId);
            return;
        }
        finish(
                s,
                incident.get(),
                there,
                conveyor.filter(j -> config.drawConveys(incident.get().type(), random)));
    }

    /** The crews on scene at the incident. */
    private List<Job> onScene(MusterState s, IncidentId incidentId) {
        return jobs.values().stream()
                .filter(j -> j.isFor(incidentId) && j.phase == Phase.ON_SCENE)
                .filter(j -> s.findUnit(j.unit)
                        .map(u -> u.status() == UnitStatus.ON_SCENE)
                        .orElse(false))
                .toList();
    }

    /** An ambulance-service unit whose vehicle can take a patient to hospital. */
    private static boolean conveys(MusterState s, Job j) {
        return j.agency == Agency.AMBULANCE && s.getUnit(j.unit).type().conveysPatients();
    }

    /** Whether a unit that conveys is sent to the incident and not yet there. */
    private boolean conveyorComing(MusterState s, IncidentId incidentId) {
        return jobs.values().stream()
                .anyMatch(j -> j.isFor(incidentId)
                        && j.phase != Phase.ON_SCENE
                        && j.phase.isAtOrGoingToScene()
                        && conveys(s, j));
    }

    /** Closes the incident, the {@code conveying} crew (if any) taking the patient to the nearest hospital. */
    private void finish(MusterState s, Incident incident, List<Job> there, Optional<Job> conveying) {
        IncidentId incidentId = incident.id();
        awaitingConveyance.remove(incidentId);
        Optional<Station> hospital = conveying.flatMap(j -> nearestHospital(s, incident.location()));
        if (conveying.isPresent() && hospital.isPresent()) {
            Job j = conveying.get();
            enter(j, Phase.CONVEYING);
            // the destination goes with the status, so the hospital can see who is coming
            Command transporting = new Command.ChangeUnitStatus(
                    j.unit,
                    UnitStatus.TRANSPORTING,
                    Optional.empty(),
                    Optional.of(hospital.get().id()));
            if (send(j, transporting, "conveying to " + hospital.get().name()))
                drive(j, Phase.CONVEYING, hospital.get().location(), this::atHospital);
        }
        List<Job> clearing = there.stream()
                .filter(j -> j.phase == Phase.ON_SCENE && isCurrent(j))
                .toList();
        for (Job j : clearing) enter(j, Phase.HOMEWARD);
        // Closing releases every unit still on the call (one conveying keeps its patient and drives on).
        if (gateway.submit(ACTOR, "job done, units clear", new Command.CloseIncident(incidentId))
                .isPresent()) {
            counters.statusSent();
            for (Job j : clearing) if (isCurrent(j)) goHome(j);
        } else {
            for (Job j : clearing)
                if (isCurrent(j) && sendStatus(j, UnitStatus.AVAILABLE, "clear from incident " + incidentId)) goHome(j);
        }
    }

    private void atHospital(Job job) {
        // the phase first: when the status comes back in the log, toldAtHospital knows it for the crew's own
        enter(job, Phase.AT_HOSPITAL);
        job.journey = null;
        if (!sendStatus(job, UnitStatus.AT_HOSPITAL, "at hospital, handing over")) return;
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
        enter(job, Phase.RETURNING);
        goHome(job);
    }

    /** The job ended by someone else (stood down, incident closed or cancelled): home if free, else stop. */
    private void standDown(Job job) {
        Optional<Unit> unit = state().findUnit(job.unit);
        if (unit.isPresent() && unit.get().status() == UnitStatus.AVAILABLE) {
            enter(job, Phase.HOMEWARD);
            goHome(job);
        } else {
            drop(job);
        }
    }

    /**
     * Whether an ambulance or fire crew must wait at the scene's edge: a police unit assigned to the call as its
     * ESCORT has not arrived yet, or the call lies in a zone that requires an escort ({@link Tasking#escortZone},
     * the engine's rule) and none is there. Without an escort the crew does not go in: it waits for one to be
     * sent (the call stays in the dispatch queue until one is) or for the zone's level to come down.
     */
    private boolean waitsForEscort(Job job, Incident incident) {
        if (job.agency != Agency.AMBULANCE && job.agency != Agency.FIRE) return false;
        boolean there = false;
        for (var a : incident.assignments()) {
            if (a.role() != AssignmentRole.ESCORT) continue;
            if (a.arrivedAt().isEmpty()) return true;
            there = true;
        }
        return !there
                && Tasking.escortZone(
                                state(), incident, gateway.engine().rules().zones())
                        .isPresent();
    }

    private static boolean isEscort(Job job, Incident incident) {
        return incident.findAssignment(job.unit)
                .map(a -> a.role() == AssignmentRole.ESCORT)
                .orElse(false);
    }

    /** A unit arrived at, or left, the call: crews standing off there go in once no escort is still to come. */
    private void escortMoved(IncidentId incident) {
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.isFor(incident) && job.phase == Phase.STANDING_OFF) atScene(job);
        }
    }

    /** A zone's level changed: crews standing off go in if their call no longer needs an escort to be there. */
    private void levelChanged() {
        for (Job job : new ArrayList<>(jobs.values())) if (job.phase == Phase.STANDING_OFF) atScene(job);
    }

    private void released(UnitId unit, IncidentId incident) {
        Job job = jobs.get(unit);
        if (job == null || !job.isFor(incident) || !job.phase.isAtOrGoingToScene()) return;
        // diverted: the engine took it off this call for another in the same decision, and assigned() takes
        // the crew on from where it is (stood down here, it would start again from its last report)
        if (state().findIncidentOf(unit).filter(i -> !i.id().equals(incident)).isPresent()) return;
        standDown(job);
    }

    /** A unit deployed under mutual aid and sent on its way (EN_ROUTE) drives to the host's rendezvous point. */
    private void lent(UnitId unitId, AidRequestId request) {
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(unitId);
        Optional<AidRequest> r = s.findAidRequest(request);
        if (unit.isEmpty() || r.isEmpty() || unit.get().status() != UnitStatus.EN_ROUTE) return;
        if (s.findIncidentOf(unitId).isPresent()) return; // already dispatched by its host: that job leads
        Job job = new Job(unitId, Optional.empty(), agencyOf(s, unit.get()));
        jobs.put(unitId, job);
        drive(job, Phase.TO_AID_RENDEZVOUS, r.get().rendezvous(), this::atAidRendezvous);
    }

    /** Arrived for the host: AT_RENDEZVOUS starts the hours lent, and the host may dispatch it from there. */
    private void atAidRendezvous(Job job) {
        Optional<Unit> unit = state().findUnit(job.unit);
        if (unit.isPresent()
                && unit.get().status() == UnitStatus.EN_ROUTE
                && unit.get().isLent()) {
            String request = state().findAidRequestHolding(job.unit)
                    .map(r -> " of mutual aid request " + r.id())
                    .orElse("");
            sendStatus(job, UnitStatus.AT_RENDEZVOUS, "at the rendezvous point" + request);
        }
        drop(job);
    }

    /** Released by its host: home, booking AVAILABLE there if it left the rendezvous point RETURNING. */
    private void returned(UnitId unitId) {
        Optional<Unit> unit = state().findUnit(unitId);
        if (unit.isEmpty()) return;
        UnitStatus status = unit.get().status();
        if (status != UnitStatus.RETURNING && status != UnitStatus.AVAILABLE) return;
        Job job = jobs.get(unitId);
        if (job == null) {
            job = new Job(unitId, Optional.empty(), agencyOf(state(), unit.get()));
            jobs.put(unitId, job);
        }
        enter(job, status == UnitStatus.RETURNING ? Phase.RETURNING : Phase.HOMEWARD);
        goHome(job);
    }

    /** Back to the home station; a returning ambulance books AVAILABLE when it gets there. */
    private void goHome(Job job) {
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(job.unit);
        // a lent unit's base is its host's rendezvous point until it is released
        Optional<GeoPoint> home = unit.filter(Unit::isLent)
                .flatMap(u -> s.findAidRequestHolding(u.id()))
                .map(AidRequest::rendezvous)
                .or(() ->
                        unit.flatMap(Unit::homeStation).flatMap(s::findStation).map(Station::location));
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
        enter(job, phase);
        job.journey = planner.plan(from, to, state());
        job.journeyStart = agenda.now();
        long token = ++job.journeyToken;
        scheduleTick(job, token, onArrival);
    }

    private void scheduleTick(Job job, long token, Consumer<Job> onArrival) {
        Instant end = job.journeyStart.plus(job.journey.duration());
        if (onDemand) { // only the arrival: positions on the way are reported when asked for
            agenda.at(end, at -> tick(job, token, onArrival));
            return;
        }
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

    /**
     * Reports where each crew on the road stands now, when it has not reported for a position interval: what
     * crews reporting on demand do before the engine reads positions (a recommendation, a coverage sample).
     * Only crews that could be sent (going to a scene or the rendezvous point, returning or homeward) are
     * read; a crew conveying or lent is not. Crews are taken in order of unit, so a seed gives one run.
     */
    public void reportPositions() {
        if (!onDemand) return;
        Instant now = agenda.now();
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.journey == null || !isCurrent(job)) continue;
            switch (job.phase) {
                case TO_SCENE, TO_RENDEZVOUS, RETURNING, HOMEWARD -> {}
                default -> {
                    continue;
                }
            }
            if (job.reportedAt != null && now.isBefore(job.reportedAt.plus(config.positionInterval()))) continue;
            Duration elapsed = Duration.between(job.journeyStart, now);
            if (elapsed.compareTo(job.journey.duration()) >= 0) continue; // arriving now: its arrival reports
            job.reportedAt = now;
            if (gateway.submit(ACTOR, "", new Command.ReportPosition(job.unit, job.journey.positionAt(elapsed)))
                    .isPresent()) counters.positionSent();
        }
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
                .or(() -> job.forIncident.flatMap(s::findIncident).map(Incident::location))
                .orElseThrow(() -> new IllegalStateException("unit " + job.unit + " has no position"));
    }

    private static Agency agencyOf(MusterState s, Unit unit) {
        return s.findOrganisation(unit.organisation())
                .map(Organisation::agency)
                .orElse(unit.type().agency());
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

    /**
     * A crew its control room has set conveying (TRANSPORTING by a dispatcher, not by the crew, which enters
     * {@link Phase#CONVEYING} before it says so) has a patient aboard: it leaves the scene's work to the others,
     * takes the patient to hospital and hands over, as a crew conveying of its own accord does. Left on the
     * scene's work, it was stood down when the call closed and its unit stayed TRANSPORTING for good, the move
     * to AVAILABLE refused.
     */
    private void toldToConvey(UnitId unitId) {
        Job job = jobs.get(unitId);
        if (job == null || job.phase == Phase.CONVEYING) return;
        Optional<Station> to = conveyingBy(state(), job);
        if (to.isEmpty()) return;
        enter(job, Phase.CONVEYING);
        drive(job, Phase.CONVEYING, to.get().location(), this::atHospital);
    }

    /**
     * The hospital a unit set TRANSPORTING by its control room is taking its patient to: the one named with the
     * status, else the nearest; empty when the unit is not TRANSPORTING or no hospital is known.
     */
    private static Optional<Station> conveyingBy(MusterState s, Job job) {
        return s.findUnit(job.unit)
                .filter(u -> u.status() == UnitStatus.TRANSPORTING)
                .flatMap(u -> hospitalOf(s, u, u.position().map(Position::point)));
    }

    /** The hospital named with the unit's status, else the one nearest {@code near}. */
    private static Optional<Station> hospitalOf(MusterState s, Unit unit, Optional<GeoPoint> near) {
        return unit.hospital().flatMap(s::findStation).or(() -> near.flatMap(p -> nearestHospital(s, p)));
    }

    /**
     * A crew its control room has set AT_HOSPITAL (a dispatcher, not the crew, which enters
     * {@link Phase#AT_HOSPITAL} before it says so) is at the hospital now, wherever its drive had got to: it
     * stops driving, stands at the hospital, hands over and comes back, as a crew arriving of its own accord
     * does. Left driving, it arrived to say AT_HOSPITAL again, was refused, and its unit stayed AT_HOSPITAL for
     * good. A unit no crew is working (its job dropped on the way) is taken on as one handing over.
     */
    private void toldAtHospital(UnitId unitId) {
        MusterState s = state();
        Optional<Unit> unit = s.findUnit(unitId).filter(u -> u.status() == UnitStatus.AT_HOSPITAL);
        if (unit.isEmpty()) return; // moved on since: whoever moved it leads
        Job job = jobs.get(unitId);
        if (job != null && job.phase == Phase.AT_HOSPITAL) return; // the crew's own
        if (job == null) {
            job = new Job(unitId, Optional.empty(), agencyOf(s, unit.get()));
            jobs.put(unitId, job);
        }
        // where its drive had got to names the nearest hospital, when none was named
        Optional<Station> hospital = hospitalOf(s, unit.get(), Optional.of(positionOf(job)));
        enter(job, Phase.AT_HOSPITAL);
        job.journey = null;
        hospital.ifPresent(h -> {
            if (gateway.submit(ACTOR, "", new Command.ReportPosition(unitId, h.location()))
                    .isPresent()) counters.positionSent();
        });
        Job handingOver = job;
        agenda.after(config.drawHandover(random), at -> leaveHospital(handingOver));
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

    /**
     * Moves {@code job} on to {@code next}: the one place a phase changes, so a crew's stand-off for its escort
     * starts when it enters {@link Phase#STANDING_OFF} and is counted when it leaves, however it leaves.
     */
    private void enter(Job job, Phase next) {
        if (next == Phase.STANDING_OFF && job.phase != Phase.STANDING_OFF) job.standingSince = agenda.now();
        else if (next != Phase.STANDING_OFF && job.phase == Phase.STANDING_OFF) countStandingOff(job);
        job.phase = next;
    }

    /** The job is over (done, refused, or replaced by another for the same unit): a stand-off it was in is counted. */
    private void drop(Job job) {
        countStandingOff(job);
        jobs.remove(job.unit, job);
    }

    private void countStandingOff(Job job) {
        if (job.standingSince == null) return;
        standingOff.merge(job.standingFor, Duration.between(job.standingSince, agenda.now()), Duration::plus);
        job.standingSince = null;
    }

    /**
     * The crew-time each organisation's crews have spent standing off at scenes for their escorts, by whose
     * call it was: the waits ended so far, and those still going counted to {@code until}.
     */
    public Map<OrganisationId, Duration> standingOff(Instant until) {
        Map<OrganisationId, Duration> out = new TreeMap<>(standingOff);
        for (Job job : jobs.values())
            if (job.standingSince != null && until.isAfter(job.standingSince))
                out.merge(job.standingFor, Duration.between(job.standingSince, until), Duration::plus);
        return out;
    }
}
