package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/** Operating levels with their author, reason and review; closed zones and tactical clearance; safe minimums. */
class ZoneLevelsTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private SingleWriter engine;

    @BeforeEach
    void start() {
        // Every point of the test region lies in the ambulance service's zone North.
        Rules rules = Rules.defaults().withZones(point -> List.of(NORTH));
        engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    @Test
    void aLevelCarriesWhoSetItWhyAndWhenToReviewIt() {
        Instant review = clock.instant().plus(Duration.ofHours(2));
        engine.execute(env(
                new Command.SetOperatingLevel(NORTH, OperatingLevel.ESCORT_REQUIRED, Optional.of(review)),
                "crews attacked at the flats"));
        var level = state().getZone(NORTH).level();
        assertThat(level.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
        assertThat(level.reason()).isEqualTo("crews attacked at the flats");
        assertThat(level.setBy()).isEqualTo("tester");
        assertThat(level.since()).contains(clock.instant());
        assertThat(level.reviewAt()).contains(review);
    }

    @Test
    void aLevelChangeWithoutAReasonOrARendezvousForAClosureIsRefused() {
        long before = state().sequence();
        assertThatThrownBy(() -> engine.execute(
                        env(new Command.SetOperatingLevel(NORTH, OperatingLevel.DOWNGRADED, Optional.empty()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> new Command.SetOperatingLevel(NORTH, OperatingLevel.CLOSED, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rendezvous");
        assertThatThrownBy(() -> engine.execute(env(
                        new Command.SetOperatingLevel(ZoneId.of("NOWHERE"), OperatingLevel.ELEVATED, Optional.empty()),
                        "why")))
                .hasMessageContaining("NOWHERE");
        assertThat(state().sequence()).isEqualTo(before);
    }

    @Test
    void inAClosedZoneUnitsWaitForTacticalClearance() {
        engine.execute(env(incident("BEFORE", "AMB", "FALL", TestRegion.CENTRE)));
        GeoPoint rendezvous = GeoPoint.of(52.61, -0.69);
        engine.execute(env(
                new Command.SetOperatingLevel(NORTH, OperatingLevel.CLOSED, Optional.empty(), Optional.of(rendezvous)),
                "shots fired"));
        assertThat(state().getZone(NORTH).level().rendezvous()).contains(rendezvous);
        assertThat(state().getIncident(IncidentId.of("BEFORE")).clearance()).isEqualTo(Clearance.AWAITING);

        engine.execute(env(incident("AFTER", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        assertThat(state().getIncident(IncidentId.of("AFTER")).clearance()).isEqualTo(Clearance.AWAITING);
        engine.execute(env(assign("AFTER", "A1")));
        engine.execute(env(status("A1", UnitStatus.EN_ROUTE)));
        assertThatThrownBy(() -> engine.execute(env(status("A1", UnitStatus.ON_SCENE))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("awaiting tactical clearance");

        long before = state().sequence();
        assertThatThrownBy(() -> engine.execute(env(new Command.GrantTacticalClearance(IncidentId.of("AFTER")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason")
                .hasMessageContaining("tactical clearance");
        assertThat(state().sequence())
                .as("a clearance without a reason changes nothing")
                .isEqualTo(before);
        engine.execute(
                env(new Command.GrantTacticalClearance(IncidentId.of("AFTER")), "armed officers have the scene"));
        assertThat(state().getIncident(IncidentId.of("AFTER")).clearance()).isEqualTo(Clearance.GRANTED);
        assertThat(state().timelineOf(IncidentId.of("AFTER")))
                .extracting(t -> t.what())
                .contains("tactical clearance granted by tester");
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        assertThatThrownBy(() -> engine.execute(env(new Command.GrantTacticalClearance(IncidentId.of("AFTER")))))
                .isInstanceOf(ConflictException.class);

        // the zone reopens: the call still waiting has its clearance (it waited for ever, its crews held at the
        // rendezvous point, until someone granted it by hand)
        assertThat(state().getIncident(IncidentId.of("BEFORE")).clearance()).isEqualTo(Clearance.AWAITING);
        engine.execute(env(new Command.SetOperatingLevel(NORTH, OperatingLevel.NORMAL, Optional.empty()), "all clear"));
        assertThat(state().getIncident(IncidentId.of("BEFORE")).clearance()).isEqualTo(Clearance.GRANTED);
    }

    /** Accepting a surge's proposal raises a zone's level; it never lowers a zone closed since to escort-required. */
    @Test
    void acceptingAProposalNeverLowersAZone() {
        GeoPoint rendezvous = GeoPoint.of(52.61, -0.69);
        engine.execute(env(new Command.RaiseAlert(
                org.muster.domain.alert.AlertId.of("surge:zone:north.1"),
                "surge",
                "surge:zone:north",
                new java.util.TreeSet<>(java.util.List.of(state().getZone(NORTH).organisation())),
                "8 obstructed-access calls in the hour",
                new java.util.TreeMap<>(java.util.Map.of("state", "1")),
                Optional.of(NORTH),
                Optional.of(OperatingLevel.ESCORT_REQUIRED))));
        engine.execute(env(
                new Command.SetOperatingLevel(NORTH, OperatingLevel.CLOSED, Optional.empty(), Optional.of(rendezvous)),
                "shots fired"));
        engine.execute(
                env(new Command.AcceptAlert(org.muster.domain.alert.AlertId.of("surge:zone:north.1")), "seen, agreed"));
        assertThat(state().getZone(NORTH).operatingLevel()).isEqualTo(OperatingLevel.CLOSED);
    }

    @Test
    void safeMinimumsAreKeptAndSnapshotted() {
        engine.execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, 2)));
        assertThat(state().safeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE)).isEqualTo(2);
        assertThat(state().safeMinimum(NORTH, UnitType.RAPID_RESPONSE_CAR)).isZero();
        assertThatThrownBy(() -> new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, -1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("minimum='-1'");
        assertThat(MusterState.fromSnapshot(state().toSnapshot(""))).isEqualTo(state());
    }

    @Test
    void aUnitKnowsSinceWhenItIsInItsStatus() {
        engine.execute(env(incident("I1", "AMB", "FALL", TestRegion.CENTRE)));
        clock.advance(Duration.ofMinutes(3));
        engine.execute(env(assign("I1", "A2")));
        assertThat(state().getUnit(UnitId.of("A2")).statusSince()).isEqualTo(Instant.parse("2026-11-22T16:03:00Z"));
    }
}
