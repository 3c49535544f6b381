package org.muster.sim.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.road.RoadNetwork;
import org.muster.sim.control.AutoDispatcher;
import org.muster.sim.crew.SimulatedCrews;
import org.muster.sim.demand.DemandProfile;
import org.muster.sim.testing.SimFixture;

class LiveSimulationTest {
    /** Friday 18:00 in London: the busy evening. */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-20T18:00:00Z");

    private static final Duration STEP = Duration.ofSeconds(5);

    /** One simulation over a fresh engine, stepped by hand. */
    private static final class Harness implements AutoCloseable {
        final MemoryEventLog log = new MemoryEventLog();
        final TestClock clock = new TestClock(FRIDAY_EVENING);
        final SingleWriter engine = SimFixture.engine(log, clock);
        /** What the engine told its listeners: the log's events and, not logged, the reported positions. */
        final List<RecordedEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        final LiveSimulation sim;
        long subscribedAt;
        int mostOpen;

        Harness(long seed, DemandProfile profile) {
            this(seed, profile, org.muster.sim.control.DispatchDelay.of(LiveSimulation.DEFAULT_DISPATCH_DELAY));
        }

        Harness(long seed, DemandProfile profile, org.muster.sim.control.DispatchDelay delay) {
            subscribedAt = log.lastSequence();
            engine.subscribe((events, after) -> heard.addAll(events));
            sim = LiveSimulation.builder(engine, RegionFixture.region(), clock.instant())
                    .roads(RegionFixture.network())
                    .seed(seed)
                    .profile(profile)
                    .dispatchDelay(delay)
                    .build();
        }

        void run(Duration length) {
            Instant end = clock.instant().plus(length);
            while (clock.instant().isBefore(end)) {
                clock.advance(STEP);
                sim.step(clock.instant());
                mostOpen = Math.max(mostOpen, engine.state().listOpenIncidents().size());
            }
        }

        List<RecordedEvent> events() {
            List<RecordedEvent> all = new java.util.ArrayList<>(log.listRange(0, subscribedAt));
            all.addAll(heard);
            return all;
        }

        void human(Command c, String reason) {
            engine.execute(Commands.env(c, reason));
        }

        @Override
        public void close() {
            sim.close();
            engine.close();
        }
    }

    @Test
    void aBusyEveningFillsAndDrainsTheBoard() {
        try (Harness h = new Harness(7, DemandProfile.busyEvening())) {
            h.run(Duration.ofHours(2));
            List<RecordedEvent> events = h.events();
            var counters = h.sim.counters();

            // Calls arrive at the model's rate.
            double expected = h.sim.demand().expectedCount(FRIDAY_EVENING, h.clock.instant());
            long created = events.stream()
                    .filter(e -> e.event() instanceof Event.IncidentCreated)
                    .filter(e -> e.actor().equals(LiveSimulation.CALLS))
                    .count();
            assertThat((double) created)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(4 * Math.sqrt(expected)));
            assertThat(counters.incidentsCreated()).isEqualTo(created);

            // The control room dispatches and the crews work through their statuses.
            assertThat(counters.unitsDispatched()).isGreaterThan(created / 2);
            Set<UnitStatus> crewStatuses = EnumSet.noneOf(UnitStatus.class);
            events.stream().filter(e -> e.actor().equals(SimulatedCrews.ACTOR)).forEach(e -> {
                if (e.event() instanceof Event.UnitStatusChanged s) crewStatuses.add(s.to());
            });
            assertThat(crewStatuses)
                    .contains(
                            UnitStatus.EN_ROUTE,
                            UnitStatus.ON_SCENE,
                            UnitStatus.TRANSPORTING,
                            UnitStatus.AT_HOSPITAL,
                            UnitStatus.RETURNING,
                            UnitStatus.AVAILABLE);
            // a conveying crew names the hospital it drives to, and it is a hospital
            var state = h.engine.state();
            List<Event.UnitStatusChanged> conveying = events.stream()
                    .filter(e -> e.actor().equals(SimulatedCrews.ACTOR))
                    .map(RecordedEvent::event)
                    .flatMap(e -> e instanceof Event.UnitStatusChanged s && s.to() == UnitStatus.TRANSPORTING
                            ? java.util.stream.Stream.of(s)
                            : java.util.stream.Stream.empty())
                    .toList();
            assertThat(conveying)
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(
                                    s.hospital().map(id -> state.getStation(id).kind()))
                            .contains(org.muster.domain.organisation.StationKind.HOSPITAL));
            assertThat(events.stream()
                            .filter(e -> e.actor().equals(AutoDispatcher.ACTOR))
                            .anyMatch(e -> e.event() instanceof Event.UnitAssigned))
                    .isTrue();

            // Units move along the roads.
            Map<UnitId, Set<GeoPoint>> places = new HashMap<>();
            RoadNetwork network = RegionFixture.network();
            int checked = 0;
            int onRoad = 0;
            for (RecordedEvent e : events) {
                if (e.event() instanceof Event.UnitMoved m && e.actor().equals(SimulatedCrews.ACTOR)) {
                    places.computeIfAbsent(m.unit(), u -> new HashSet<>()).add(m.point());
                    if (e.sequence() % 7 == 0) {
                        checked++;
                        if (network.findSnap(m.point())
                                .filter(x -> x.offRoadMeters() < 40)
                                .isPresent()) onRoad++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(100);
            assertThat((double) onRoad / checked)
                    .as("%d of %d on a road", onRoad, checked)
                    .isGreaterThan(0.97);
            assertThat(places.values().stream().filter(p -> p.size() > 10).count())
                    .isGreaterThan(20);
            assertThat(counters.positionsSent()).isGreaterThan(1000);

            // Incidents close, and the board drains rather than grows without end.
            long closed = events.stream()
                    .filter(e -> e.event() instanceof Event.IncidentStatusChanged c && c.to() == IncidentStatus.CLOSED)
                    .count();
            assertThat(counters.incidentsClosed()).isEqualTo(closed);
            assertThat(closed).isGreaterThan(created / 3);
            assertThat(h.mostOpen).isLessThan(45);
            assertThat(counters.refused()).isLessThan(counters.statusesSent() / 20 + 5);
        }
    }

    /**
     * The issue's symptom: calls needing several units never closed, and units sat on scene for hours. Four
     * hours of a busy evening: every call opened more than two hours before the end is finished, and no unit
     * stays on one call longer than three hours.
     */
    @Test
    void fourHoursOfDemandCloseEveryCallAndClearEveryUnit() {
        try (Harness h = new Harness(7, DemandProfile.busyEvening())) {
            Instant start = h.clock.instant();
            h.run(Duration.ofHours(4));
            Instant end = h.clock.instant();
            var state = h.engine.state();

            List<String> unfinished = state.incidents().values().stream()
                    .filter(i -> i.receivedAt().isBefore(end.minus(Duration.ofHours(2))))
                    .filter(i -> i.isOpen())
                    .map(i -> i.id() + " " + i.type() + " " + i.status() + " since "
                            + Duration.between(start, i.receivedAt()) + " with " + i.assignments())
                    .toList();
            long old = state.incidents().values().stream()
                    .filter(i -> i.receivedAt().isBefore(end.minus(Duration.ofHours(2))))
                    .count();
            assertThat(old).as("calls in the first two hours").isGreaterThan(30);
            assertThat(unfinished).as("calls older than two hours still open").isEmpty();

            Map<String, Instant> since = new HashMap<>();
            List<String> tooLong = new java.util.ArrayList<>();
            for (RecordedEvent e : h.events()) {
                switch (e.event()) {
                    case Event.UnitAssigned a -> since.put(a.unit() + "@" + a.incident(), e.at());
                    case Event.UnitReleased r -> {
                        Instant from = since.remove(r.unit() + "@" + r.incident());
                        if (from != null && Duration.between(from, e.at()).compareTo(Duration.ofHours(3)) > 0)
                            tooLong.add(r.unit() + " on " + r.incident() + " for " + Duration.between(from, e.at()));
                    }
                    default -> {}
                }
            }
            since.forEach((k, from) -> {
                if (Duration.between(from, end).compareTo(Duration.ofHours(3)) > 0)
                    tooLong.add(k + " still, since " + Duration.between(from, end));
            });
            assertThat(tooLong).as("units on one call longer than three hours").isEmpty();
        }
    }

    @Test
    void aSeedGivesTheSameEveningEveryTime() {
        String first;
        try (Harness h = new Harness(11, DemandProfile.busyEvening())) {
            h.run(Duration.ofMinutes(40));
            first = SimFixture.digest(h.log);
            assertThat(h.sim.counters().incidentsCreated()).isPositive();
        }
        try (Harness h = new Harness(11, DemandProfile.busyEvening())) {
            h.run(Duration.ofMinutes(40));
            assertThat(SimFixture.digest(h.log)).isEqualTo(first);
        }
        try (Harness h = new Harness(12, DemandProfile.busyEvening())) {
            h.run(Duration.ofMinutes(40));
            assertThat(SimFixture.digest(h.log)).isNotEqualTo(first);
        }
    }

    @Test
    void crewsWaitAtTheRendezvousOfAClosedZoneUntilCleared() {
        try (Harness h = new Harness(3, DemandProfile.busyEvening().scaledBy(0))) {
            GeoPoint rendezvous = RegionFixture.network()
                    .snap(GeoPoint.of(52.5850804, -1.2673464))
                    .onRoad();
            h.human(
                    new Command.SetOperatingLevel(
                            ZoneId.of("WSP-01"), OperatingLevel.CLOSED, Optional.empty(), Optional.of(rendezvous)),
                    "armed suspect at large");
            GeoPoint scene = RegionFixture.network()
                    .snap(GeoPoint.of(52.5749035, -1.2505304))
                    .onRoad();
            h.human(Commands.incident("HAND-1", "WSP", "WELFARE_CONCERN", scene), "");
            h.run(Duration.ofMinutes(30));

            var incident = h.engine.state().getIncident(IncidentId.of("HAND-1"));
            assertThat(incident.assignments()).hasSize(1);
            UnitId unit = incident.assignments().getFirst().unit();
            var u = h.engine.state().getUnit(unit);
            assertThat(u.status()).isEqualTo(UnitStatus.AT_RENDEZVOUS);
            assertThat(u.position().orElseThrow().point().distanceMetersTo(rendezvous))
                    .isLessThan(50);

            h.human(new Command.GrantTacticalClearance(IncidentId.of("HAND-1")), "perimeter secure");
            h.run(Duration.ofMinutes(20));
            assertThat(h.events().stream()
                            .anyMatch(e -> e.event() instanceof Event.UnitArrived a
                                    && a.unit().equals(unit)
                                    && e.actor().equals(SimulatedCrews.ACTOR)))
                    .isTrue();
        }
    }

    /** The road network, counting the recommender's searches. */
    private static final class CountingRoads implements org.muster.geo.road.TravelTimes {
        final org.muster.geo.road.RoadNetwork roads = RegionFixture.network();
        final java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public org.muster.geo.road.GeoBounds bounds() {
            return roads.bounds();
        }

        @Override
        public double maxSnapDistanceMeters() {
            return roads.maxSnapDistanceMeters();
        }

        @Override
        public java.util.Optional<org.muster.geo.road.SnappedLocation> findSnap(GeoPoint point) {
            return roads.findSnap(point);
        }

        @Override
        public java.util.Optional<org.muster.geo.road.SnappedLocation> findNearestRoad(GeoPoint point) {
            return roads.findNearestRoad(point);
        }

        @Override
        public org.muster.geo.road.SnappedLocation snap(GeoPoint point) {
            return roads.snap(point);
        }

        @Override
        public org.muster.geo.road.ClosedRoads closeRoads(
                java.util.Collection<org.muster.domain.road.RoadClosure> closures) {
            return roads.closeRoads(closures);
        }

        @Override
        public <T> org.muster.geo.road.OriginIndex<T> indexOrigins(
                java.util.Collection<org.muster.geo.road.Origin<T>> origins) {
            return roads.indexOrigins(origins);
        }

        @Override
        public <T> List<org.muster.geo.road.Arrival<T>> listFastestArrivals(
                org.muster.geo.road.SnappedLocation destination,
                org.muster.geo.road.OriginIndex<T> origins,
                java.util.function.Predicate<? super T> accept,
                org.muster.geo.road.ArrivalQuery query) {
            searches.incrementAndGet();
            return roads.listFastestArrivals(destination, origins, accept, query);
        }

        @Override
        public <T> org.muster.geo.road.DestinationIndex<T> indexDestinations(
                java.util.Collection<org.muster.geo.road.Destination<T>> destinations) {
            return roads.indexDestinations(destinations);
        }

        @Override
        public org.muster.geo.road.Reach reach(
                org.muster.geo.road.SnappedLocation origin,
                org.muster.geo.road.RoadProfile profile,
                Duration max,
                org.muster.geo.road.ClosedRoads closed) {
            return roads.reach(origin, profile, max, closed);
        }

        @Override
        public java.util.Optional<org.muster.geo.road.Route> findRoute(
                org.muster.geo.road.RoadProfile profile,
                GeoPoint from,
                GeoPoint to,
                org.muster.geo.road.ClosedRoads closed) {
            return roads.findRoute(profile, from, to, closed);
        }
    }

    /**
     * The control room's rule: a call it found nobody for is not searched for again every round while nothing
     * that decides who may be sent has changed; once a unit is back, the next round sends it.
     */
    @Test
    void aCallNobodyCanBeSentToIsSearchedForAgainOnlyOnceAUnitChanges() {
        MemoryEventLog log = new MemoryEventLog();
        TestClock clock = new TestClock(FRIDAY_EVENING);
        CountingRoads roads = new CountingRoads();
        try (SingleWriter engine = SimFixture.engine(log, clock);
                LiveSimulation sim = LiveSimulation.builder(engine, RegionFixture.region(), clock.instant())
                        .roads(RegionFixture.network())
                        .travelTimes(roads)
                        .seed(5)
                        .profile(DemandProfile.busyEvening().scaledBy(0))
                        .build()) {
            List<org.muster.domain.unit.UnitId> ambulances = engine.state().units().values().stream()
                    .filter(u -> u.organisation().value().equals("MAS")
                            && u.status() == org.muster.domain.unit.UnitStatus.AVAILABLE)
                    .map(org.muster.domain.unit.Unit::id)
                    .sorted(java.util.Comparator.comparing(org.muster.domain.unit.UnitId::value))
                    .toList();
            for (var id : ambulances)
                engine.execute(Commands.env(new Command.ChangeUnitStatus(
                        id,
                        org.muster.domain.unit.UnitStatus.UNAVAILABLE,
                        java.util.Optional.of(org.muster.domain.unit.UnavailableReason.OUT_OF_SERVICE))));
            GeoPoint scene = RegionFixture.network()
                    .snap(GeoPoint.of(52.5749035, -1.2505304))
                    .onRoad();
            engine.execute(Commands.env(Commands.incident("NOBODY-1", "MAS", "CHEST_PAIN", scene)));

            for (int i = 0; i < 60; i++) { // five minutes: the call is due after one, then 24 rounds
                clock.advance(STEP);
                sim.step(clock.instant());
            }
            assertThat(engine.state().getIncident(IncidentId.of("NOBODY-1")).assignments())
                    .isEmpty();
            assertThat(roads.searches.get())
                    .as("searches while nobody could be sent")
                    .isEqualTo(1);

            var back = ambulances.stream()
                    .filter(id -> engine.state().getUnit(id).type()
                            == org.muster.domain.unit.UnitType.DOUBLE_CREWED_AMBULANCE)
                    .findFirst()
                    .orElseThrow();
            engine.execute(Commands.env(new Command.ChangeUnitStatus(
                    back, org.muster.domain.unit.UnitStatus.AVAILABLE, java.util.Optional.empty())));
            for (int i = 0; i < 4; i++) {
                clock.advance(STEP);
                sim.step(clock.instant());
            }
            assertThat(roads.searches.get()).isEqualTo(2);
            assertThat(engine.state().getIncident(IncidentId.of("NOBODY-1")).assignments())
                    .extracting(a -> a.unit())
                    .containsExactly(back);
        }
    }

    @Test
    void theQueueKnowsWhenTheSimulatedDispatcherWillActAndItActsThen() {
        try (Harness h = new Harness(5, DemandProfile.busyEvening().scaledBy(0))) {
            h.run(Duration.ofSeconds(35)); // off the rounds' beat: the wait, not the round, sets the time
            GeoPoint scene = RegionFixture.network()
                    .snap(GeoPoint.of(52.5749035, -1.2505304))
                    .onRoad();
            h.human(Commands.incident("HAND-3", "MAS", "CHEST_PAIN", scene), "");
            var incident = h.engine.state().getIncident(IncidentId.of("HAND-3"));
            Instant at = h.sim.autoDispatchAt(incident, h.clock.instant()).orElseThrow();
            // the default wait is 60 s and the rounds run every 10 s from the start
            assertThat(at).isEqualTo(FRIDAY_EVENING.plus(Duration.ofSeconds(100)));
            assertThat(Duration.between(incident.receivedAt(), at))
                    .isGreaterThanOrEqualTo(LiveSimulation.DEFAULT_DISPATCH_DELAY);

            h.run(Duration.between(h.clock.instant(), at).minusSeconds(5));
            assertThat(h.engine.state().getIncident(IncidentId.of("HAND-3")).assignments())
                    .isEmpty();
            h.run(Duration.ofSeconds(10));
            List<RecordedEvent> sent = h.events().stream()
                    .filter(e -> e.actor().equals(AutoDispatcher.ACTOR) && e.event() instanceof Event.UnitAssigned)
                    .toList();
            assertThat(sent).isNotEmpty();
            assertThat(sent.getFirst().at()).isEqualTo(at);
            // once it has its units, there is nothing left to count down to
            assertThat(h.sim.autoDispatchAt(h.engine.state().getIncident(IncidentId.of("HAND-3")), h.clock.instant()))
                    .isEmpty();
        }
    }

    @Test
    void aLifeThreateningCallIsSentToAfterItsOwnWaitAndTheRestAfterTheirs() {
        // the demo's waits at sixty times real time: a control room's minute for a C1, five for a C2, and the
        // person's 30 seconds, half an hour, for the rest
        var delay = new org.muster.sim.control.DispatchDelay(
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
        try (Harness h = new Harness(5, DemandProfile.busyEvening().scaledBy(0), delay)) {
            h.run(Duration.ofSeconds(30));
            GeoPoint north = RegionFixture.network()
                    .snap(GeoPoint.of(52.5749035, -1.2505304))
                    .onRoad();
            h.human(Commands.incident("ARREST-1", "MAS", "CARDIAC_ARREST", north), "");
            h.human(Commands.incident("PAIN-1", "MAS", "CHEST_PAIN", north), "");
            h.human(Commands.incident("FALL-1", "MAS", "FALL", north), "");
            var arrest = h.engine.state().getIncident(IncidentId.of("ARREST-1"));
            var pain = h.engine.state().getIncident(IncidentId.of("PAIN-1"));
            assertThat(h.engine.state().getIncident(IncidentId.of("FALL-1")).priority())
                    .isEqualTo(org.muster.domain.incident.Priority.C3);
            assertThat(h.sim.autoDispatchAt(h.engine.state().getIncident(IncidentId.of("FALL-1")), h.clock.instant()))
                    .contains(FRIDAY_EVENING.plus(Duration.ofSeconds(1830)));
            // rounds every 10 s from the start: the first at or after each wait's end
            assertThat(h.sim.autoDispatchAt(arrest, h.clock.instant()))
                    .contains(FRIDAY_EVENING.plus(Duration.ofSeconds(90)));
            assertThat(h.sim.autoDispatchAt(pain, h.clock.instant()))
                    .contains(FRIDAY_EVENING.plus(Duration.ofSeconds(330)));

            h.run(Duration.ofSeconds(70));
            assertThat(h.engine.state().getIncident(IncidentId.of("ARREST-1")).assignments())
                    .as("the C1 was sent to at its minute")
                    .isNotEmpty();
            assertThat(h.engine.state().getIncident(IncidentId.of("PAIN-1")).assignments())
                    .as("the C2 still waits for the person")
                    .isEmpty();
            h.run(Duration.ofMinutes(4));
            assertThat(h.engine.state().getIncident(IncidentId.of("PAIN-1")).assignments())
                    .isNotEmpty();
        }
    }

    @Test
    void aUnitLentUnderMutualAidDrivesToTheRendezvousReportsThereAndGoesHomeOnRelease() {
        try (Harness h = new Harness(5, DemandProfile.busyEvening().scaledBy(0))) {
            var state = h.engine.state();
            var arv = state.units().values().stream()
                    .filter(u -> u.organisation().value().equals("WSP"))
                    .filter(u -> u.type() == org.muster.domain.unit.UnitType.ARMED_RESPONSE_VEHICLE)
                    .filter(u -> u.status() == UnitStatus.AVAILABLE)
                    .min(java.util.Comparator.comparing(u -> u.id().value()))
                    .orElseThrow();
            GeoPoint rendezvous = state.units().values().stream()
                    .filter(u -> u.organisation().value().equals("ESP"))
                    .min(java.util.Comparator.comparing(u -> u.id().value()))
                    .flatMap(u -> u.position())
                    .orElseThrow()
                    .point();
            GeoPoint start = arv.position().orElseThrow().point();
            h.human(
                    Commands.requestAid(
                            "R1",
                            "ESP",
                            org.muster.domain.aid.AidNeed.units(
                                    org.muster.domain.unit.UnitType.ARMED_RESPONSE_VEHICLE,
                                    1,
                                    Set.of(org.muster.domain.unit.Capability.ARMED)),
                            rendezvous,
                            h.clock.instant().plus(Duration.ofHours(2)),
                            "WSP"),
                    "armed stand-off");
            h.human(Commands.offer("O1", "R1", "WSP", arv.id().value()), "");
            h.human(Commands.accept("R1", "O1"), "");
            h.human(Commands.deploy("R1"), "");
            assertThat(h.engine.state().getUnit(arv.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);

            h.run(Duration.ofMinutes(90));
            var lent = h.engine.state().getUnit(arv.id());
            assertThat(lent.status()).isEqualTo(UnitStatus.AT_RENDEZVOUS);
            assertThat(lent.position().orElseThrow().point().distanceMetersTo(rendezvous))
                    .isLessThan(100);
            long fixes = h.events().stream()
                    .filter(e -> e.event() instanceof Event.UnitMoved m
                            && m.unit().equals(arv.id())
                            && e.actor().equals(SimulatedCrews.ACTOR))
                    .count();
            assertThat(fixes).as("position reports on the way").isGreaterThan(3);

            h.human(Commands.releaseAid("R1"), "stand-off resolved");
            h.run(Duration.ofMinutes(120));
            var home = h.engine.state().getUnit(arv.id());
            assertThat(home.isLent()).isFalse();
            assertThat(home.status()).isEqualTo(UnitStatus.AVAILABLE);
            GeoPoint station = h.engine
                    .state()
                    .getStation(home.homeStation().orElseThrow())
                    .location();
            assertThat(home.position().orElseThrow().point().distanceMetersTo(station))
                    .isLessThan(Math.max(500, start.distanceMetersTo(station) + 100));
        }
    }

    @Test
    void aDispatcherWhoActsFirstOrStandsAUnitDownIsRespected() {
        try (Harness h = new Harness(5, DemandProfile.busyEvening().scaledBy(0))) {
            GeoPoint scene = RegionFixture.network()
                    .snap(GeoPoint.of(52.5749035, -1.2505304))
                    .onRoad();
            h.human(Commands.incident("HAND-2", "MAS", "CHEST_PAIN", scene), "");
            UnitId ambulance = h.engine.state().units().values().stream()
                    .filter(u -> u.organisation().value().equals("MAS"))
                    .filter(u -> u.type().name().equals("DOUBLE_CREWED_AMBULANCE"))
                    .map(u -> u.id())
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            h.human(
                    new Command.AssignUnit(
                            IncidentId.of("HAND-2"), ambulance, org.muster.domain.incident.AssignmentRole.PRIMARY),
                    "");
            h.run(Duration.ofMinutes(2));
            assertThat(h.engine.state().getUnit(ambulance).status()).isEqualTo(UnitStatus.EN_ROUTE);
            assertThat(h.sim.counters().unitsDispatched()).isZero();

            // The dispatcher cancels the call while the crew is on its way: it turns for home.
            h.human(new Command.CancelIncident(IncidentId.of("HAND-2")), "caller rang back, not needed");
            h.run(Duration.ofMinutes(60));
            var unit = h.engine.state().getUnit(ambulance);
            assertThat(unit.status()).isEqualTo(UnitStatus.AVAILABLE);
            GeoPoint home = h.engine
                    .state()
                    .getStation(unit.homeStation().orElseThrow())
                    .location();
            assertThat(unit.position().orElseThrow().point().distanceMetersTo(home))
                    .isLessThan(500);
            assertThat(h.events().stream()
                            .noneMatch(e -> e.event() instanceof Event.UnitArrived a
                                    && a.unit().equals(ambulance)))
                    .isTrue();
            assertThat(h.engine
                            .state()
                            .findIncident(IncidentId.of("HAND-2"))
                            .orElseThrow()
                            .status())
                    .isEqualTo(IncidentStatus.CANCELLED);
            assertThat(Actor.of("sim:crew")).isEqualTo(SimulatedCrews.ACTOR);
        }
    }

    @Test
    void atReapThreeTheHeldBackCallsWaitBehindTheRestAndStillCloseOverHours() {
        try (Harness h = new Harness(5, DemandProfile.busyEvening())) {
            var mas = org.muster.domain.organisation.OrganisationId.of("MAS");
            h.human(new Command.SetEscalationLevel(mas, 3), "severe pressure: handovers over two hours");
            h.run(Duration.ofHours(8));
            var state = h.engine.state();
            assertThat(state.escalationOf(mas).holdsBack(org.muster.domain.incident.Priority.C3))
                    .isTrue();
            List<RecordedEvent> events = h.events();
            Set<org.muster.domain.incident.IncidentId> heldBack = new java.util.HashSet<>();
            Set<org.muster.domain.incident.IncidentId> urgent = new java.util.HashSet<>();
            java.util.Map<org.muster.domain.incident.IncidentId, java.time.Instant> received =
                    new java.util.HashMap<>();
            java.util.Map<org.muster.domain.incident.IncidentId, java.time.Instant> firstSent =
                    new java.util.HashMap<>();
            for (RecordedEvent e : events) {
                if (e.event() instanceof Event.IncidentCreated c
                        && c.incident().organisation().equals(mas)) {
                    var p = c.incident().priority();
                    (p == org.muster.domain.incident.Priority.C3 || p == org.muster.domain.incident.Priority.C4
                                    ? heldBack
                                    : urgent)
                            .add(c.incident().id());
                    received.put(c.incident().id(), e.at());
                }
                if (e.event() instanceof Event.UnitAssigned a) firstSent.putIfAbsent(a.incident(), e.at());
            }
            // received in the first five hours: by the end of the eighth, held back or not, nearly all were sent
            java.time.Instant cutoff = FRIDAY_EVENING.plus(Duration.ofHours(5));
            List<org.muster.domain.incident.IncidentId> early = heldBack.stream()
                    .filter(id -> received.get(id).isBefore(cutoff))
                    .toList();
            assertThat(early).as("held-back calls in the first five hours").isNotEmpty();
            long sent = early.stream().filter(firstSent::containsKey).count();
            assertThat((double) sent / early.size())
                    .as("held-back calls sent to in the end, not left for ever")
                    .isGreaterThan(0.8);
            // and they waited behind the rest: on average a held-back call waits longer for its first unit
            assertThat(meanWait(heldBack, received, firstSent)).isGreaterThan(meanWait(urgent, received, firstSent));
        }
    }

    private static double meanWait(
            Set<org.muster.domain.incident.IncidentId> ids,
            java.util.Map<org.muster.domain.incident.IncidentId, java.time.Instant> received,
            java.util.Map<org.muster.domain.incident.IncidentId, java.time.Instant> sent) {
        return ids.stream()
                .filter(sent::containsKey)
                .mapToLong(
                        id -> Duration.between(received.get(id), sent.get(id)).toSeconds())
                .average()
                .orElseThrow();
    }
}
