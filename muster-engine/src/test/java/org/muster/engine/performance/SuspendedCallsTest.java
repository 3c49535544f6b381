package org.muster.engine.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.Tasking;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

/**
 * Whether a call's targets are suspended is one rule, {@link Tasking#targetsSuspended}, which the response
 * figures ask as each call comes in and the rerouting rule reads as the state stands: the two agree on the edge
 * cases (a call in two nested zones of its organisation, a level changed after the call came in, another
 * organisation's zone over the same streets), and the figures keep the judgement the call came in under, as the
 * boards and the situation report describe it.
 */
class SuspendedCallsTest {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    private static final ZoneId NORTH_TOWN = ZoneId.of("AMB-N-TOWN");
    private static final ZoneId POLICE_NORTH = ZoneId.of("POL-N");
    /** In North and in the town within it; the police's North covers it too. */
    private static final GeoPoint TOWN = GeoPoint.of(52.65, -0.75);
    /** In North, outside the town; the police's North covers it too. */
    private static final GeoPoint COUNTRY = GeoPoint.of(52.70, -0.80);

    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final Rules rules = Rules.defaults().withZones(p -> {
        if (p.equals(TOWN)) return List.of(NORTH, NORTH_TOWN, POLICE_NORTH);
        if (p.equals(COUNTRY)) return List.of(NORTH, POLICE_NORTH);
        return List.of();
    });
    private SingleWriter engine;
    private ResponseTimes times;
    /** Each call's suspension by the rule, asked with the state right after the call came in. */
    private final Map<IncidentId, Boolean> asItCameIn = new HashMap<>();

    @BeforeEach
    void start() {
        engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        engine.execute(env(new Command.RegisterZone(NORTH_TOWN, org("AMB"), "North town", Optional.of(NORTH))));
        times = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
        engine.subscribe(times);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void level(ZoneId zone, OperatingLevel level) {
        engine.execute(env(new Command.SetOperatingLevel(zone, level, Optional.empty()), "test"));
    }

    private IncidentId call(String id, String organisation, GeoPoint at) {
        engine.execute(env(incident(id, organisation, organisation.equals("AMB") ? "STROKE" : "FIREARMS", at)));
        var state = engine.state();
        var incident = state.getIncident(IncidentId.of(id));
        boolean rule = Tasking.targetsSuspended(
                state, incident.organisation(), rules.zones().zonesAt(at));
        // the rerouting rule reads the same zones: suspended exactly where it finds a downgraded zone
        assertThat(Tasking.of(state, incident, rules).downgradedZones().isEmpty())
                .as("Tasking's downgraded zones of %s", id)
                .isEqualTo(!rule);
        asItCameIn.put(incident.id(), rule);
        return incident.id();
    }

    /** The figures' judgement of each call not reached yet. */
    private Map<IncidentId, Boolean> figures() {
        Map<IncidentId, Boolean> out = new HashMap<>();
        times.listOpen().forEach(c -> out.put(c.incident().id(), c.suspended()));
        return out;
    }

    @Test
    void aCallInTwoNestedZonesIsSuspendedWhenEitherIsDowngraded() {
        level(NORTH_TOWN, OperatingLevel.DOWNGRADED);
        IncidentId inner = call("INNER", "AMB", TOWN);
        IncidentId outside = call("OUTSIDE-TOWN", "AMB", COUNTRY);
        level(NORTH_TOWN, OperatingLevel.NORMAL);
        level(NORTH, OperatingLevel.DOWNGRADED);
        IncidentId outer = call("OUTER", "AMB", TOWN);

        assertThat(asItCameIn)
                .containsEntry(inner, true)
                .containsEntry(outside, false)
                .containsEntry(outer, true);
        assertThat(figures()).isEqualTo(asItCameIn);
    }

    @Test
    void aLevelChangedAfterTheCallCameInLeavesItsJudgementAsItCameIn() {
        IncidentId before = call("BEFORE", "AMB", COUNTRY);
        level(NORTH, OperatingLevel.DOWNGRADED);
        IncidentId during = call("DURING", "AMB", COUNTRY);
        level(NORTH, OperatingLevel.NORMAL);

        assertThat(asItCameIn).containsEntry(before, false).containsEntry(during, true);
        assertThat(figures())
                .as("judged as they came in: the downgrade after BEFORE and the return before now change neither")
                .isEqualTo(asItCameIn);
        // as the state stands now, the rule says neither is in a downgraded zone: the figures do not ask again
        var now = engine.state();
        assertThat(Tasking.targetsSuspended(now, org("AMB"), rules.zones().zonesAt(COUNTRY)))
                .isFalse();
    }

    @Test
    void anotherOrganisationsDowngradedZoneSuspendsNoneOfThisOnesCalls() {
        level(POLICE_NORTH, OperatingLevel.DOWNGRADED);
        IncidentId ambulance = call("AMB-CALL", "AMB", TOWN);
        IncidentId police = call("POL-CALL", "POL", TOWN);

        assertThat(asItCameIn).containsEntry(ambulance, false).containsEntry(police, true);
        assertThat(figures()).isEqualTo(asItCameIn);
    }
}
