package org.muster.engine.aid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.accept;
import static org.muster.engine.testing.Commands.deploy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.offer;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.releaseAid;
import static org.muster.engine.testing.Commands.requestAid;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.Command;
import org.muster.domain.unit.Capability;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.warning.AlertSource.Condition;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * NBR borrows two armed response vehicles from POL for the 8 hours its request asks for, and keeps them: the
 * requester and the lender are told once a unit passes its time, counted from its arrival, until it is released.
 */
class LendingWatchTest {
    private static final GeoPoint RENDEZVOUS = GeoPoint.of(52.66, -0.64);
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final LendingWatch watch = new LendingWatch();
    private SingleWriter engine;

    @BeforeEach
    void start() {
        engine = SingleWriter.start(new MemoryEventLog(), Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        TestRegion.policeForce("NBR", GeoPoint.of(52.65, -0.65), "NBR-ARV1").forEach(engine::execute);
        askForArvs("R1", 2, "POL");
        run(offer("O1", "R1", "POL", "ARV1", "ARV2"));
        run(accept("R1", "O1"));
        run(deploy("R1"));
        clock.advance(Duration.ofMinutes(20));
        run(status("ARV1", UnitStatus.AT_RENDEZVOUS));
        clock.advance(Duration.ofMinutes(10));
        run(status("ARV2", UnitStatus.AT_RENDEZVOUS));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void run(Command c) {
        engine.execute(env(c));
    }

    /** NBR asks {@code force} for {@code count} armed response vehicles, for the 8 hours the test requests ask. */
    private void askForArvs(String id, int count, String force) {
        run(requestAid(
                id,
                "NBR",
                AidNeed.units(UnitType.ARMED_RESPONSE_VEHICLE, count, Set.of(Capability.ARMED)),
                RENDEZVOUS,
                clock.instant().plus(Duration.ofHours(2)),
                force));
    }

    private List<Condition> conditions() {
        return watch.listConditions(engine.state(), clock.instant());
    }

    @Test
    void aUnitKeptPastTheTimeAskedForIsToldToTheRequesterAndTheLenderUntilReleased() {
        // 8 hours from ARV1's arrival: not yet
        clock.advance(Duration.ofHours(8).minusMinutes(11));
        assertThat(conditions()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(conditions()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("lending-overdue");
            assertThat(c.key()).isEqualTo("lending-overdue:R1");
            assertThat(c.organisations()).containsExactly(org("NBR"), org("POL"));
            assertThat(c.evidence()).containsEntry("units", "ARV1").containsEntry("asked_for", "8 h");
            assertThat(c.summary()).contains("still lent to", "under R1 past the 8 h it asked for", ": release it,");
        });
        String first = conditions().getFirst().id().value();

        // ARV2's time passes too: the alert is replaced, naming both
        clock.advance(Duration.ofMinutes(10));
        assertThat(conditions()).singleElement().satisfies(c -> {
            assertThat(c.evidence()).containsEntry("units", "ARV1 ARV2");
            assertThat(c.summary()).startsWith("2 units, ").contains("over by 10 min", ": release them,");
            assertThat(c.id().value()).isNotEqualTo(first);
        });

        // hours on, the alert keeps its figures; where it stands now says how far over it is
        clock.advance(Duration.ofHours(3));
        var alert = org.muster.engine.testing.TestAlerts.raised(conditions().getFirst(), clock.instant());
        assertThat(watch.standingNow(alert, engine.state(), clock.instant()))
                .hasValueSatisfying(
                        now -> assertThat(now).startsWith("Now 2 units are lent past it, over by 3 h 10 min: "));

        // released: nothing is lent past its time
        run(releaseAid("R1", "ARV1", "ARV2"));
        assertThat(conditions()).isEmpty();
        assertThat(watch.standingNow(alert, engine.state(), clock.instant()))
                .contains("Now no unit of R1 is lent past the time it asked for.");
    }

    @Test
    void aUnitStillOnItsWayCountsFromItsDeployment() {
        TestRegion.policeForce("WEST", GeoPoint.of(52.45, -0.95), "WEST-ARV1").forEach(engine::execute);
        askForArvs("R2", 1, "WEST");
        run(offer("O2", "R2", "WEST", "WEST-ARV1"));
        run(accept("R2", "O2"));
        run(deploy("R2"));
        clock.advance(Duration.ofHours(8));
        assertThat(conditions())
                .filteredOn(c -> c.key().equals("lending-overdue:R2"))
                .singleElement()
                .satisfies(c -> assertThat(c.evidence()).containsEntry("units", "WEST-ARV1"));
    }
}
