package org.muster.engine.aid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.muster.engine.testing.Commands.accept;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.decline;
import static org.muster.engine.testing.Commands.deploy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.offer;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.releaseAid;
import static org.muster.engine.testing.Commands.requestAid;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.access.Viewer;
import org.muster.domain.aid.Addressees;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.aid.AidOffer;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.domain.aid.AidRequestStatus;
import org.muster.domain.aid.OfferId;
import org.muster.domain.aid.OfferKind;
import org.muster.domain.aid.OfferStatus;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.CommandResult;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.CapacityConfig;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * Mutual aid on the small test region: {@code POL} (ARV1, ARV2) and the forces {@code NBR} (NBR-ARV1)
 * and {@code WEST} (WEST-ARV1, WEST-ARV2). {@code NBR} is short of armed response vehicles and asks.
 */
class MutualAidTest {
    private static final GeoPoint RENDEZVOUS = GeoPoint.of(52.66, -0.64);
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private MemoryEventLog log;
    private SingleWriter engine;

    @BeforeEach
    void start() {
        log = new MemoryEventLog();
        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        TestRegion.policeForce("NBR", GeoPoint.of(52.65, -0.65), "NBR-ARV1").forEach(engine::execute);
        TestRegion.policeForce("WEST", GeoPoint.of(52.45, -0.95), "WEST-ARV1", "WEST-ARV2")
                .forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private AidRequest request(String id) {
        return state().getAidRequest(AidRequestId.of(id));
    }

    private Instant inHours(int hours) {
        return clock.instant().plus(Duration.ofHours(hours));
    }

    private static AidNeed arvs(int count) {
        return AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, count, Set.of(Capability.ARMED));
    }

    private void run(Command c) {
        engine.execute(env(c));
    }

    /** Runs the command expecting a refusal; the log must not move. */
    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> refused(Command c) {
        long before = log.lastSequence();
        MusterState was = state();
        var assertion = assertThatThrownBy(() -> engine.execute(env(c, "why not")));
        assertThat(log.lastSequence()).as("nothing written").isEqualTo(before);
        assertThat(state()).as("nothing changed").isEqualTo(was);
        return assertion;
    }

    @Test
    void aRequestDeclinedByEveryoneItAskedIsReferredToTheCoordinatorAndItsAnswersSaySo() {
        run(requestAid("R1", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        assertThat(request("R1").answersInWords()).isEqualTo("nobody answered");
        refused(offer("O-W", "R1", "WEST", "WEST-ARV1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("once all of them have declined");

        run(decline("R1", "POL", "none spare"));
        assertThat(request("R1").isRefused()).isTrue();
        assertThat(request("R1").status()).as("open until its report-by time").isEqualTo(AidRequestStatus.OPEN);
        assertThat(request("R1").expiryReason())
                .endsWith(": declined by POL (none spare); nothing offered through the national coordinator")
                .doesNotContain("nobody answered");

        // referred to the coordinator: any force may now be brokered in
        run(offer("O-W", "R1", "WEST", "WEST-ARV1"));
        assertThat(request("R1").isRefused()).isFalse();
        assertThat(request("R1").answersInWords())
                .isEqualTo("declined by POL (none spare); offered by WEST, not accepted");
    }

    @Test
    void aHeldUnitSentToACallAtHomeLeavesThePendingOfferAndADeploySendsWhatCanGo() {
        run(requestAid("R1", "NBR", arvs(2), RENDEZVOUS, inHours(2), "POL", "WEST"));
        run(offer("O-W", "R1", "WEST", "WEST-ARV1", "WEST-ARV2"));
        run(incident("WEST-CALL", "WEST", "FIREARMS", GeoPoint.of(52.45, -0.95)));

        // a call at home: the offered car goes, and leaves the offer
        run(assign("WEST-CALL", "WEST-ARV1"));
        AidOffer offer = request("R1").findOffer(OfferId.of("O-W")).orElseThrow();
        assertThat(offer.units()).containsExactly(UnitId.of("WEST-ARV2"));
        assertThat(offer.kind()).isEqualTo(OfferKind.PARTIAL);
        assertThat(offer.warnings().getLast()).contains("WEST sent WEST-ARV1 to incident WEST-CALL");
        assertThat(state().findAidRequestHolding(UnitId.of("WEST-ARV1"))).isEmpty();
        assertThat(log.listRange(log.lastSequence() - 5, log.lastSequence()))
                .extracting(org.muster.domain.event.RecordedEvent::event)
                .hasAtLeastOneElementOfType(org.muster.domain.event.Event.AidUnitWithheld.class);

        // accepted, then sent to the call too: it stays accepted, and a deploy with nothing else refuses, naming it
        run(accept("R1", "O-W"));
        run(assign("WEST-CALL", "WEST-ARV2"));
        assertThat(request("R1").acceptedUnits()).containsExactly(UnitId.of("WEST-ARV2"));
        refused(deploy("R1"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("WEST-ARV2 is DISPATCHED at incident WEST-CALL");

        // with another unit accepted, the deploy sends it and names the busy one
        run(offer("O-P", "R1", "POL", "ARV1"));
        run(accept("R1", "O-P"));
        run(deploy("R1"));
        assertThat(state().getUnit(UnitId.of("ARV1")).lentTo()).contains(org("NBR"));
        assertThat(state().getUnit(UnitId.of("WEST-ARV2")).lentTo()).isEmpty();
        assertThat(request("R1").acceptedUnits()).contains(UnitId.of("WEST-ARV2"));
    }

    @Test
    void aRequestIsOfferedFilledDeployedDispatchedByTheHostReleasedAndItsHoursRecorded() {
        run(requestAid("R1", "NBR", arvs(3), RENDEZVOUS, inHours(2), "POL", "WEST"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.OPEN);
        run(offer("O-W", "R1", "WEST", "WEST-ARV1"));
        run(decline("R1", "WEST", "changed our mind: WEST-ARV1 needed at home"));
        assertThat(request("R1").findOffer(OfferId.of("O-W")).orElseThrow().status())
                .isEqualTo(OfferStatus.LAPSED);
        run(offer("O-P1", "R1", "POL", "ARV1"));
        assertThat(request("R1").findOffer(OfferId.of("O-P1")).orElseThrow().kind())
                .isEqualTo(OfferKind.PARTIAL);
        run(accept("R1", "O-P1"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.PARTLY_FILLED);
        run(offer("O-P2", "R1", "POL", "ARV2"));
        run(accept("R1", "O-P2"));
        assertThat(request("R1").acceptedUnits()).containsExactly(UnitId.of("ARV1"), UnitId.of("ARV2"));
        assertThat(request("R1").declines()).hasSize(1);

        Instant deployedAt = clock.instant().plus(Duration.ofMinutes(40));
        clock.advance(Duration.ofMinutes(40));
        GeoPoint home =
                state().getUnit(UnitId.of("ARV1")).position().orElseThrow().point();
        run(deploy("R1"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.DEPLOYED);
        assertThat(state().listOpenAidRequests())
                .as("units out under it: still open to its parties and the coordinator")
                .extracting(AidRequest::id)
                .containsExactly(AidRequestId.of("R1"));
        var arv1 = state().getUnit(UnitId.of("ARV1"));
        assertThat(arv1.organisation()).isEqualTo(org("POL"));
        assertThat(arv1.lentTo()).contains(org("NBR"));
        assertThat(arv1.workingFor()).isEqualTo(org("NBR"));
        // deployed units drive to the rendezvous point: en route, still where they were
        assertThat(arv1.status()).isEqualTo(UnitStatus.EN_ROUTE);
        assertThat(arv1.position().orElseThrow().point()).isEqualTo(home);
        assertThat(request("R1").deployments())
                .allSatisfy(d -> assertThat(d.isTravelling()).isTrue())
                .allSatisfy(d -> assertThat(d.crew()).isEqualTo(3));
        assertThat(state().listLentUnits(org("NBR")))
                .extracting(u -> u.id().value())
                .containsExactly("ARV1", "ARV2");
        assertThat(state().listUnitsLentBy(org("POL"))).hasSize(2);

        // each reports at the rendezvous point on arrival, which starts its unit-hours
        clock.advance(Duration.ofMinutes(20));
        run(status("ARV1", UnitStatus.AT_RENDEZVOUS));
        assertThat(state().getUnit(UnitId.of("ARV1")).position().orElseThrow().point())
                .isEqualTo(RENDEZVOUS);
        // a move the engine decided is part of that decision in the log, unlike a reported position
        assertThat(log.listRange(log.lastSequence() - 3, log.lastSequence()))
                .extracting(org.muster.domain.event.RecordedEvent::event)
                .contains(new org.muster.domain.event.Event.UnitMoved(UnitId.of("ARV1"), RENDEZVOUS));
        clock.advance(Duration.ofMinutes(10));
        run(status("ARV2", UnitStatus.AT_RENDEZVOUS));
        assertThat(request("R1").deployments())
                .extracting(d -> d.arrived().orElseThrow())
                .containsExactly(deployedAt.plus(Duration.ofMinutes(20)), deployedAt.plus(Duration.ofMinutes(30)));

        // the host dispatches the lent unit; the home force cannot while it is lent
        run(incident("NBR-CALL", "NBR", "FIREARMS", RENDEZVOUS));
        run(assign("NBR-CALL", "ARV1"));
        run(incident("POL-CALL", "POL", "FIREARMS", TestRegion.CENTRE));
        refused(assign("POL-CALL", "ARV2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ARV2 is of POL, lent to NBR");
        // a unit at an incident is not sent home under it
        refused(releaseAid("R1", "ARV1")).isInstanceOf(ConflictException.class).hasMessageContaining("NBR-CALL");
        run(new Command.CloseIncident(org.muster.domain.incident.IncidentId.of("NBR-CALL")));

        clock.advance(Duration.ofMinutes(170)); // deployed + 3h20
        run(releaseAid("R1", "ARV1"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.DEPLOYED);
        clock.advance(Duration.ofMinutes(40)); // deployed + 4h
        run(releaseAid("R1"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.RELEASED);
        assertThat(state().listOpenAidRequests()).as("every unit home").isEmpty();
        assertThat(state().getUnit(UnitId.of("ARV1")).lentTo()).isEmpty();
        assertThat(state().getUnit(UnitId.of("ARV2")).status())
                .as("released from the rendezvous point, it heads home")
                .isEqualTo(UnitStatus.RETURNING);
        assertThat(state().listLentUnits(org("NBR"))).isEmpty();
        run(assign("POL-CALL", "ARV2")); // home again: its own force dispatches it
        run(new Command.CloseAidRequest(AidRequestId.of("R1")));

        AidHours.Report hours = AidHours.measured().report(state(), AidRequestId.of("R1"), clock.instant());
        assertThat(hours.lines()).hasSize(2);
        assertThat(hours.lines().get(0).start()).isEqualTo(deployedAt);
        // unit-hours from arrival to release: 3h00 and 3h30
        assertThat(hours.lines()).extracting(AidHours.Line::hours).containsExactly(3.0, 3.5);
        // officer-hours: 3 on board x (there + at the host + the way home, taken as the way there)
        assertThat(hours.lines())
                .extracting(AidHours.Line::travelHomeBasis)
                .containsOnly(AidHours.TravelBasis.MEASURED);
        assertThat(hours.lines().get(0).officerHours()).isCloseTo(3 * (20 + 180 + 20) / 60.0, within(1e-9));
        assertThat(hours.lines().get(1).officerHours()).isCloseTo(3 * (30 + 210 + 30) / 60.0, within(1e-9));
        assertThat(hours.requests()).singleElement().satisfies(t -> {
            assertThat(t.deployments()).isEqualTo(2);
            assertThat(t.hours()).isEqualTo(6.5);
            assertThat(t.officerHours()).isCloseTo(24.5, within(1e-9));
        });
        assertThat(hours.pairs()).singleElement().satisfies(t -> {
            assertThat(t.home()).isEqualTo(org("POL"));
            assertThat(t.host()).isEqualTo(org("NBR"));
            assertThat(t.officerHours()).isCloseTo(24.5, within(1e-9));
        });
        assertThat(hours.totalOfficerHours()).isCloseTo(24.5, within(1e-9));
    }

    @Test
    void illegalMovesAreRefusedNamingBothStates() {
        run(requestAid("R1", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        refused(new Command.CloseAidRequest(AidRequestId.of("R1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("from OPEN to CLOSED");
        refused(deploy("R1")).isInstanceOf(ConflictException.class).hasMessageContaining("from OPEN to DEPLOYED");
        refused(releaseAid("R1")).isInstanceOf(ConflictException.class).hasMessageContaining("from OPEN to RELEASED");
        refused(new Command.ExpireAidRequest(AidRequestId.of("R1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("before then");
        run(offer("O1", "R1", "POL", "ARV1"));
        run(accept("R1", "O1"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.FILLED);
        refused(new Command.ExpireAidRequest(AidRequestId.of("R1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("from FILLED to EXPIRED");
        refused(offer("O2", "R1", "POL", "ARV2"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("FILLED");
        engine.execute(env(new Command.CancelAidRequest(AidRequestId.of("R1")), "stand-off resolved"));
        refused(new Command.OpenAidRequest(AidRequestId.of("R1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("from CANCELLED to OPEN")
                .hasMessageContaining("final");
        // the cancelled request no longer holds the unit
        run(requestAid("R2", "WEST", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        run(offer("O3", "R2", "POL", "ARV1"));
    }

    @Test
    void ofTwoOffersRacingForTheSameUnitOnlyOneWins() throws Exception {
        run(requestAid("R-NBR", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        run(requestAid("R-WEST", "WEST", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        CommandEnvelope first = env(offer("O-A", "R-NBR", "POL", "ARV1"));
        CommandEnvelope second = env(offer("O-B", "R-WEST", "POL", "ARV1", "ARV2"));
        CompletableFuture<CommandResult> a = engine.submit(first);
        CompletableFuture<CommandResult> b = engine.submit(second);
        List<Throwable> failures = new ArrayList<>();
        for (var f : List.of(a, b)) {
            try {
                f.join();
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).hasSize(1);
        String winner = a.isCompletedExceptionally() ? "R-WEST" : "R-NBR";
        assertThat(failures.get(0))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ARV1")
                .hasMessageContaining("already offered to mutual aid request " + winner);
        assertThat(state().findAidRequestHolding(UnitId.of("ARV1"))
                        .orElseThrow()
                        .id()
                        .value())
                .isEqualTo(winner);
        // the loser's other unit was not held either: refused whole
        if (winner.equals("R-NBR"))
            assertThat(state().findAidRequestHolding(UnitId.of("ARV2"))).isEmpty();
    }

    @Test
    void badInputIsRefusedWholeNamingFieldValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> arvs(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("count='0': must be at least 1");
        assertThatThrownBy(() -> new AidNeed(
                        Optional.of(UnitType.DOG_UNIT), Optional.of(Skill.PARAMEDIC), 1, new java.util.TreeSet<>()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("either a unit type or a skill");
        refused(requestAid("R0", "NOPE", arvs(1), RENDEZVOUS, inHours(2), "POL"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("organisation with id 'NOPE'");
        refused(requestAid("R0", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL", "GHOST"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("GHOST");
        refused(requestAid("R0", "NBR", arvs(1), RENDEZVOUS, clock.instant().minusSeconds(1), "POL"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reportBy=")
                .hasMessageContaining("must be after now");
        assertThatThrownBy(() -> requestAid("R0", "NBR", arvs(1), RENDEZVOUS, inHours(2), "NBR"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("addressees.organisations='NBR'");
        refused(requestAid("R0", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL", "AMB"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("addressees.organisations='AMB': must be organisations of the POLICE agency,"
                        + " which fields ARMED_RESPONSE_VEHICLE (AMB is AMBULANCE): one of [POL, WEST]");

        run(requestAid("R1", "NBR", arvs(2), RENDEZVOUS, inHours(2), "POL", "WEST"));
        refused(offer("O1", "R1", "POL", "NOPE"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("NOPE");
        refused(offer("O1", "R1", "POL", "WEST-ARV1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("units='WEST-ARV1'")
                .hasMessageContaining("must be units of POL")
                .hasMessageContaining("is of WEST");
        refused(offer("O1", "R1", "POL", "P1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("units='P1': must be of type ARMED_RESPONSE_VEHICLE");
        refused(offer("O1", "R1", "AMB", "A1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("offerer='AMB'");
        refused(offer("O1", "R1", "NBR", "NBR-ARV1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("offerer='NBR'");
        refused(new Command.OfferAid(
                        OfferId.of("O1"), AidRequestId.of("NOPE"), org("POL"), Commands.units("ARV1"), false, ""))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("mutual aid request with id 'NOPE'");
        assertThatThrownBy(() -> offer("O1", "R1", "POL"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("units='[]': must not be empty");

        run(offer("O1", "R1", "POL", "ARV1"));
        refused(accept("R1", "O1", "ARV2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("units='ARV2': must be units of offer O1");
        refused(accept("R1", "NOPE")).isInstanceOf(NotFoundException.class).hasMessageContaining("NOPE");
        run(accept("R1", "O1"));
        run(offer("O2", "R1", "WEST", "WEST-ARV1"));
        run(accept("R1", "O2"));
        run(deploy("R1"));
        // a unit already lent cannot be offered elsewhere
        run(requestAid("R2", "WEST", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        refused(offer("O3", "R2", "POL", "ARV1"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ARV1")
                .hasMessageContaining("lent to NBR under request R1");
        refused(releaseAid("R1", "ARV2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("units='ARV2': must be units lent under request R1");
    }

    @Test
    void aProvisionalOfferHoldsItsUnitsButIsMadeFirmBeforeItCanBeAccepted() {
        run(requestAid("R1", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        run(new Command.OfferAid(
                OfferId.of("O1"),
                AidRequestId.of("R1"),
                org("POL"),
                Commands.units("ARV1"),
                true,
                "if ARV1's crew stays on"));
        refused(accept("R1", "O1")).isInstanceOf(ConflictException.class).hasMessageContaining("PROVISIONAL");
        assertThat(state().findAidRequestHolding(UnitId.of("ARV1"))).isPresent();
        run(offer("O2", "R1", "POL", "ARV1"));
        assertThat(request("R1").findOffer(OfferId.of("O1")).orElseThrow().status())
                .isEqualTo(OfferStatus.LAPSED);
        assertThat(request("R1").findOffer(OfferId.of("O2")).orElseThrow().kind())
                .isEqualTo(OfferKind.FULL);
        run(accept("R1", "O2"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.FILLED);
    }

    @Test
    void aRequestForPeopleCountsTheSkilledCrewOfTheUnitsAndADraftIsSeenOnlyByItsRequester() {
        var need = AidNeed.people(Skill.AUTHORISED_FIREARMS_OFFICER, 5, Set.of());
        Command.RequestAid c = requestAid("R1", "NBR", need, RENDEZVOUS, inHours(2), "POL", "WEST");
        run(new Command.RequestAid(
                c.id(),
                c.requester(),
                c.need(),
                c.rendezvous(),
                c.reportBy(),
                c.duration(),
                c.reason(),
                c.priority(),
                c.addressees(),
                true));
        assertThat(Viewer.of(org("POL")).canSee(request("R1"))).isFalse();
        assertThat(Viewer.of(org("NBR")).canSee(request("R1"))).isTrue();
        assertThat(state().listOpenAidRequests()).isEmpty();
        refused(offer("O1", "R1", "POL", "ARV1"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("DRAFT");
        run(new Command.OpenAidRequest(AidRequestId.of("R1")));
        assertThat(state().listOpenAidRequests()).extracting(AidRequest::id).containsExactly(AidRequestId.of("R1"));
        assertThat(Viewer.of(org("POL")).canSee(request("R1"))).isTrue();
        assertThat(Viewer.of(org("AMB")).canSee(request("R1"))).isFalse();
        assertThat(Viewer.nationalCoordinator().canSee(request("R1"))).isTrue();
        run(offer("O1", "R1", "POL", "ARV1")); // three firearms officers
        run(accept("R1", "O1"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.PARTLY_FILLED);
        run(offer("O2", "R1", "WEST", "WEST-ARV1"));
        run(accept("R1", "O2"));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.FILLED);
        assertThat(state().listAidRequestsVisibleTo(Viewer.of(org("WEST")))).hasSize(1);
        assertThat(state().listAidRequestsVisibleTo(Viewer.of(org("AMB")))).isEmpty();
    }

    @Test
    void anUnfilledRequestExpiresAfterItsReportByTimeAndItsOffersLapse() {
        run(requestAid("R1", "NBR", arvs(2), RENDEZVOUS, inHours(1), "POL"));
        run(offer("O1", "R1", "POL", "ARV1"));
        clock.advance(Duration.ofMinutes(61));
        run(new Command.ExpireAidRequest(AidRequestId.of("R1")));
        assertThat(request("R1").status()).isEqualTo(AidRequestStatus.EXPIRED);
        assertThat(request("R1").offers())
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(OfferStatus.LAPSED));
        assertThat(state().findAidRequestHolding(UnitId.of("ARV1"))).isEmpty();
    }

    @Test
    void aLentUnitIsOnItsHostsBoardAndSeenByBothButActedOnOnlyByTheHost() {
        run(requestAid("R1", "NBR", arvs(1), RENDEZVOUS, inHours(2), "POL"));
        run(offer("O1", "R1", "POL", "ARV1"));
        run(accept("R1", "O1"));
        // no zone geometry here: every point lies in both forces' zones
        CapacityBoard board =
                new CapacityBoard(point -> List.of(ZoneId.of("POL-N"), ZoneId.of("NBR-N")), CapacityConfig.DEFAULTS);
        int polBefore = arvLine(board, "POL-N");
        int nbrBefore = arvLine(board, "NBR-N");
        run(deploy("R1"));
        assertThat(arvLine(board, "POL-N")).isEqualTo(polBefore - 1);
        assertThat(arvLine(board, "NBR-N"))
                .as("on its way, not yet on the host's strength")
                .isEqualTo(nbrBefore);
        run(status("ARV1", UnitStatus.AT_RENDEZVOUS));
        // waiting at the rendezvous point it is on its host's strength, on the board and in the host's headroom
        // alike: an offer of the host's own was said to leave a zone "already below" while the board showed it green
        assertThat(arvLine(board, "NBR-N")).isEqualTo(nbrBefore + 1);
        run(new Command.SetSafeMinimum(ZoneId.of("NBR-N"), UnitType.ARMED_RESPONSE_VEHICLE, nbrBefore + 1));
        var own = state().units().values().stream()
                .filter(u -> u.organisation().equals(org("NBR"))
                        && u.type() == UnitType.ARMED_RESPONSE_VEHICLE
                        && u.status() == UnitStatus.AVAILABLE)
                .findFirst()
                .orElseThrow();
        assertThat(new org.muster.engine.rules.Headroom(
                                state(), org("NBR"), point -> List.of(ZoneId.of("POL-N"), ZoneId.of("NBR-N")))
                        .take(own))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("would fall below its safe minimum of " + (nbrBefore + 1))
                        .contains("(" + (nbrBefore + 1) + " available)"));
        run(new Command.SetSafeMinimum(ZoneId.of("NBR-N"), UnitType.ARMED_RESPONSE_VEHICLE, 0));
        run(status("ARV1", UnitStatus.AVAILABLE)); // standing by for its host at the rendezvous point
        assertThat(arvLine(board, "POL-N")).isEqualTo(polBefore - 1);
        assertThat(arvLine(board, "NBR-N")).isEqualTo(nbrBefore + 1);

        var arv1 = state().getUnit(UnitId.of("ARV1"));
        assertThat(Viewer.of(org("POL")).canSee(arv1, state())).isTrue();
        assertThat(Viewer.of(org("NBR")).canSee(arv1, state())).isTrue();
        assertThat(Viewer.of(org("WEST")).canSee(arv1, state())).isFalse();
        assertThat(Viewer.of(org("NBR")).canActOn(arv1, state())).isTrue();
        assertThat(Viewer.of(org("POL")).canActOn(arv1, state())).isFalse();
        assertThat(Viewer.nationalCoordinator().canActOn(arv1, state())).isFalse();
        assertThat(Viewer.of(org("WEST")).canSee(request("R1"))).isFalse();

        // taking an organisation's units off the road takes those working for it: the host's, not the home's
        run(new Command.WithdrawUnits(
                UnitSelection.of(org("POL"), Optional.of(UnitType.ARMED_RESPONSE_VEHICLE), 1.0, 7)));
        assertThat(state().getUnit(UnitId.of("ARV1")).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(state().getUnit(UnitId.of("ARV2")).status()).isEqualTo(UnitStatus.UNAVAILABLE);
        run(new Command.WithdrawUnits(
                UnitSelection.of(org("NBR"), Optional.of(UnitType.ARMED_RESPONSE_VEHICLE), 1.0, 7)));
        assertThat(state().getUnit(UnitId.of("ARV1")).status()).isEqualTo(UnitStatus.UNAVAILABLE);
    }

    private int arvLine(CapacityBoard board, String zone) {
        return board.compute(state()).findZone(ZoneId.of(zone)).orElseThrow().lines().stream()
                .filter(l -> l.type() == UnitType.ARMED_RESPONSE_VEHICLE)
                .mapToInt(CapacityBoard.Line::available)
                .sum();
    }

    @Test
    void suggestionsRankWhoCanSpareUnitsAboveTheirSafeMinimumsByStraightLineWithoutRoads() {
        run(new Command.SetSafeMinimum(ZoneId.of("POL-N"), UnitType.ARMED_RESPONSE_VEHICLE, 1));
        run(requestAid("R1", "NBR", arvs(2), RENDEZVOUS, inHours(2), "POL", "WEST"));
        AidSuggestions s = new AidSuggester(engine.rules()).suggest(state(), AidRequestId.of("R1"));
        assertThat(s.byRoad()).isFalse();
        assertThat(s.stillNeeded()).isEqualTo(2);
        assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("straight-line estimates"));
        assertThat(s.suggestions()).extracting(x -> x.organisation().value()).containsExactly("WEST", "POL");
        AidSuggestion west = s.suggestions().get(0);
        assertThat(west.spare()).isEqualTo(2);
        assertThat(west.proposed()).hasSize(2);
        assertThat(west.allArrive()).isPresent();
        AidSuggestion pol = s.suggestions().get(1);
        assertThat(pol.suitable()).isEqualTo(2);
        assertThat(pol.spare()).isEqualTo(1);
        assertThat(pol.reasons())
                .anySatisfy(r -> assertThat(r).contains("can spare 1 of 2"))
                .anySatisfy(r -> assertThat(r).contains("holds back 1").contains("safe minimum of 1"));
        // POL's first ARV is nearer: it goes first on POL's list
        run(decline("R1", "WEST", "committed"));
        AidSuggestions after = new AidSuggester(engine.rules()).suggest(state(), AidRequestId.of("R1"));
        assertThat(after.suggestions())
                .extracting(x -> x.organisation().value())
                .containsExactly("POL");
        assertThat(after.notes()).contains("WEST declined: committed");
    }

    @Test
    void aRegionIsResolvedToTheOrganisationsAroundTheZone() {
        Rules.ZoneLocator around = new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return List.of();
            }

            @Override
            public List<ZoneId> neighboursOf(ZoneId zone) {
                return zone.value().equals("NBR-N") ? List.of(ZoneId.of("POL-N"), ZoneId.of("AMB-N")) : List.of();
            }
        };
        try (SingleWriter e = SingleWriter.start(
                new MemoryEventLog(), Rules.defaults().withZones(around), clock, WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(e::execute);
            TestRegion.policeForce("NBR", GeoPoint.of(52.65, -0.65), "NBR-ARV1").forEach(e::execute);
            Command.RequestAid c = requestAid("R1", "NBR", arvs(1), RENDEZVOUS, inHours(2), "WEST");
            e.execute(env(new Command.RequestAid(
                    c.id(),
                    c.requester(),
                    c.need(),
                    c.rendezvous(),
                    c.reportBy(),
                    c.duration(),
                    c.reason(),
                    c.priority(),
                    new Addressees(new java.util.TreeSet<>(), Optional.of(ZoneId.of("NBR-N")), false),
                    false)));
            assertThat(e.state()
                            .getAidRequest(AidRequestId.of("R1"))
                            .addressees()
                            .organisations())
                    .as("the ambulance service around it fields no armed response vehicles")
                    .containsExactly(org("POL"));
        }
    }
}
