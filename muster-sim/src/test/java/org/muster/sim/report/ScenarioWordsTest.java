package org.muster.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.des.AidPolicy;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.Shock;
import org.muster.sim.des.ShockPlan;
import org.muster.sim.live.LiveSimulation;

/** The report's first lines: what a scenario plays, as a planner would say it, not as the records print. */
class ScenarioWordsTest {
    private static final Instant FRIDAY = Instant.parse("2026-11-20T18:00:00Z");
    private static final OrganisationId WSP = OrganisationId.of("WSP");

    @Test
    void anArmedStandDownReadsAsItsShocksItsAidAndItsPolicies() {
        Scenario s = new Scenario(
                        "firearms",
                        FRIDAY,
                        Duration.ofHours(26),
                        1,
                        1.0,
                        CrewConfig.defaults(),
                        LiveSimulation.DEFAULT_DISPATCH_DELAY,
                        LiveSimulation.DEFAULT_DISPATCH_INTERVAL)
                .withPlan(new ShockPlan(
                        List.of(
                                new Shock.WithdrawPeople(
                                        WSP,
                                        Optional.of(Skill.AUTHORISED_FIREARMS_OFFICER),
                                        WithdrawalMode.SKILL,
                                        0.9,
                                        FRIDAY.plus(Duration.ofHours(2)),
                                        Duration.ofHours(24)),
                                new Shock.Surge(
                                        new TreeSet<>(Set.of(ZoneId.of("WSP-AREA"))),
                                        new TreeSet<>(Set.of(IncidentTypeCode.of("FIREARMS"))),
                                        Set.of(),
                                        20,
                                        FRIDAY,
                                        Duration.ofHours(26)),
                                new Shock.SetLevel(
                                        new TreeSet<>(Set.of(ZoneId.of("MAS-01"), ZoneId.of("MAS-02"))),
                                        OperatingLevel.ESCORT_REQUIRED,
                                        FRIDAY.plus(Duration.ofHours(1)),
                                        Duration.ofHours(6))),
                        List.of(new AidPolicy(
                                WSP,
                                0,
                                Optional.of(org.muster.engine.capacity.Colour.AMBER),
                                AidNeed.people(Skill.AUTHORISED_FIREARMS_OFFICER, 4, Set.of()),
                                new TreeSet<>(Set.of(OrganisationId.of("ESP"), OrganisationId.of("NSP"))),
                                new TreeSet<>(Set.of(OrganisationId.of("ESP"), OrganisationId.of("NSP"))),
                                Duration.ofMinutes(15),
                                Duration.ofHours(8))),
                        true,
                        true,
                        false,
                        new DispatchPolicy(DispatchPolicy.Rule.NEAREST, true, 2)));

        assertThat(ScenarioWords.of(s))
                .containsExactly(
                        "Calls: the region's demand model at its own rates, over 26 h from Fri 20 Nov 18:00 UTC.",
                        "WSP: 90 % of its people holding AUTHORISED_FIREARMS_OFFICER hand it in (they stay on duty"
                                + " without it) from Fri 20 Nov 20:00 UTC (2 h in) for 24 h.",
                        "FIREARMS calls come 20 times as often in WSP-AREA from Fri 20 Nov 18:00 UTC (the start) for 26 h.",
                        "Zones MAS-01, MAS-02 set to ESCORT_REQUIRED from Fri 20 Nov 19:00 UTC (1 h in) for 6 h.",
                        "Mutual aid: WSP asks ESP and NSP for 4 officers holding AUTHORISED_FIREARMS_OFFICER, to keep"
                                + " for 8 h, when a zone reads AMBER or worse on the capacity board; ESP and NSP"
                                + " decline, answering 15 min after the request.",
                        "Policies: escort agreements on, cross-border cover on, move-up off; dispatch to the nearest"
                                + " unit, diversion on, 2 cars held for the most urgent calls.");
        // with the region's names, each zone is named beside its id
        assertThat(ScenarioWords.of(
                                s,
                                java.util.Map.of(
                                        ZoneId.of("MAS-01"),
                                        "Larkwich Sector",
                                        ZoneId.of("MAS-02"),
                                        "Thornchester Sector"))
                        .get(3))
                .startsWith("Zones MAS-01 (Larkwich Sector), MAS-02 (Thornchester Sector) set to ESCORT_REQUIRED");
    }
}
