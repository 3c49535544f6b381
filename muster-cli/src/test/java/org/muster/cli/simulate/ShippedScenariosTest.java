package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.muster.domain.incident.Priority;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.sim.des.IncidentRecord;
import org.muster.sim.des.OrganisationOperations;
import org.muster.sim.des.RunResult;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.ScenarioRun;
import org.muster.sim.des.Shock;
import org.muster.sim.des.ShockPlan;
import org.muster.sim.des.Summary;
import org.muster.sim.report.ReportHtml;

/**
 * The shipped shock scenarios, read as shipped and run for their first hours (the whole runs are for
 * {@code ./muster simulate}), each beside the same run without what it tests: the effect must show.
 */
class ShippedScenariosTest {
    private static ScenarioFile.Read read(String name) {
        ScenarioFile.Read read = ScenarioFile.read(Path.of("..", "scenarios", name), OptionalLong.empty());
        // the region the tests share is the one the files name, and it has every zone they name
        assertThat(read.regionSeed()).isEqualTo(RegionFixture.SEED);
        read.checkZones(ScenarioFile.zoneAgencies(
                zones().listZones(), RegionFixture.region().manifest().listOrganisations()));
        return read;
    }

    /**
     * The shipped scenarios on the demo's region judge its forces by the targets the demo judges them by: one rule
     * ({@link org.muster.sim.demand.PoliceTargets}), which these files write out so that a planner can read and
     * change them.
     */
    @Test
    void theForcesTargetsAreTheDemosOwn() {
        java.util.SortedMap<String, String> rule =
                org.muster.sim.demand.PoliceTargets.of(RegionFixture.region()).settings();
        assertThat(rule)
                .containsEntry("muster.targets.WSP.EMERGENCY", "p90 PT15M")
                .containsEntry("muster.targets.NSP.EMERGENCY", "p90 PT20M")
                .containsEntry("muster.zone-targets.ESP-03.EMERGENCY", "p90 PT20M");
        for (String name : List.of("walkout.yml", "disorder.yml", "firearms-standdown.yml")) {
            java.util.SortedMap<String, String> police = new java.util.TreeMap<>();
            read(name).scenario().targets().settings().forEach((key, value) -> {
                if (!key.matches("muster\\.targets\\.MAS\\..*")) police.put(key, value);
            });
            assertThat(police).as(name).isEqualTo(rule);
        }
    }

    private static ZoneIndex zones() {
        return ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
    }

    private static RunResult run(Scenario s) {
        // as ./muster simulate starts it: the engine dispatches by the scenario's policy
        Rules rules = Rules.defaults()
                .withZones(ZoneLocators.of(zones()))
                .withDispatch(s.plan().dispatch());
        RunResult r = ScenarioRun.run(
                RegionFixture.region(),
                RegionFixture.network(),
                clock -> SingleWriter.synchronous(
                        new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(0)),
                s,
                ScenarioRun.Progress.NONE);
        everyCallIsCounted(r);
        return r;
    }

    /**
     * No call drops out of the summary: each group's calls are its responses, its calls still waiting, and the
     * calls its targets do not judge (in a downgraded zone, or closed before the unit that stops the clock came).
     */
    private static void everyCallIsCounted(RunResult r) {
        for (Summary.OrganisationFigures o : r.summary().organisations()) {
            // incidents.csv's clock_stopped gives the summary's responses and their mean, call by call
            for (Summary.PriorityFigures f : o.priorities()) {
                List<Duration> times = r.incidents().stream()
                        .filter(i -> i.organisation().equals(o.organisation()) && i.priority() == f.priority())
                        .filter(i -> i.clockStopped().isPresent() && !i.targetsSuspended())
                        .map(i ->
                                Duration.between(i.received(), i.clockStopped().get()))
                        .toList();
                assertThat(times)
                        .as("%s %s", o.organisation(), f.priority())
                        .hasSize(f.response().count());
                if (!times.isEmpty())
                    assertThat(times.stream().mapToLong(Duration::toMillis).sum() / times.size())
                            .isCloseTo(
                                    f.response().mean().orElseThrow().toMillis(),
                                    org.assertj.core.data.Offset.offset(1L));
            }
            List<Summary.PriorityFigures> groups = new java.util.ArrayList<>(o.priorities());
            o.zones().forEach(z -> groups.addAll(z.priorities()));
            for (Summary.PriorityFigures f : groups)
                assertThat(counted(f.response(), f.unjudged()))
                        .as("%s %s", o.organisation(), f.priority())
                        .isEqualTo(f.incidents());
            for (Summary.TypeFigures t : o.types())
                assertThat(counted(t.response(), t.unjudged()))
                        .as("%s %s", o.organisation(), t.kind())
                        .isEqualTo(t.incidents());
        }
    }

    private static int counted(org.muster.engine.performance.ResponseStats r, Summary.Unjudged u) {
        return r.count()
                + r.waiting()
                + u.reachedInDowngradedZone()
                + u.waitingInDowngradedZone()
                + u.closedUnreached();
    }

    /** The organisation's calls its targets do not judge, over all its priorities. */
    private static Summary.Unjudged unjudged(RunResult r, String organisation) {
        int reached = 0;
        int waiting = 0;
        int closed = 0;
        for (Summary.PriorityFigures f : priorities(r, organisation)) {
            reached += f.unjudged().reachedInDowngradedZone();
            waiting += f.unjudged().waitingInDowngradedZone();
            closed += f.unjudged().closedUnreached();
        }
        return new Summary.Unjudged(reached, waiting, closed);
    }

    private static OrganisationOperations operations(RunResult r, String organisation) {
        return r.summary().operations().stream()
                .filter(o -> o.organisation().value().equals(organisation))
                .findFirst()
                .orElseThrow();
    }

    private static List<Summary.PriorityFigures> priorities(RunResult r, String organisation) {
        return r.summary().organisations().stream()
                .filter(o -> o.organisation().value().equals(organisation))
                .findFirst()
                .orElseThrow()
                .priorities();
    }

    private static int queued(RunResult r, String organisation) {
        return priorities(r, organisation).stream()
                .mapToInt(Summary.PriorityFigures::queued)
                .sum();
    }

    /** The organisation's mean response over all its calls reached, in seconds. */
    private static double meanResponse(RunResult r, String organisation) {
        double sum = 0;
        int n = 0;
        for (Summary.PriorityFigures f : priorities(r, organisation)) {
            if (f.response().mean().isEmpty()) continue;
            sum += f.response().mean().get().toMillis() / 1000.0 * f.response().count();
            n += f.response().count();
        }
        return sum / n;
    }

    @Test
    void aWalkoutQueuesTheForcesCallsAndItsNeighboursLendCars() {
        Scenario s = read("walkout.yml").scenario().withDuration(Duration.ofHours(6));
        assertThat(s.plan().shocks()).singleElement().isInstanceOf(Shock.WithdrawPeople.class);
        RunResult walkout = run(s);
        RunResult everyday = run(s.withPlan(ShockPlan.NONE));

        // the same calls: the shock changes who answers them, not who calls
        assertThat(walkout.summary().incidents()).isEqualTo(everyday.summary().incidents());
        // cars off the road for want of crews, and Westshire's calls wait longer
        assertThat(operations(walkout, "WSP").unitTime()).containsKey(UnitStatus.UNAVAILABLE);
        assertThat(operations(everyday, "WSP").unitTime()).doesNotContainKey(UnitStatus.UNAVAILABLE);
        assertThat(queued(walkout, "WSP")).isGreaterThan(queued(everyday, "WSP"));
        assertThat(meanResponse(walkout, "WSP")).isGreaterThan(meanResponse(everyday, "WSP"));
        // the queue made Westshire ask; its neighbours lent what they could spare
        OrganisationOperations wsp = operations(walkout, "WSP");
        assertThat(wsp.aidAsked()).isPositive();
        assertThat(wsp.aidFilled() + wsp.aidPartlyFilled()).isPositive();
        assertThat(wsp.officerHoursBorrowed()).isPositive();
        assertThat(operations(walkout, "ESP").officerHoursLent()
                        + operations(walkout, "NSP").officerHoursLent())
                .isEqualTo(wsp.officerHoursBorrowed());
    }

    @Test
    void escortRequiredSectorsSendPoliceEscortsAndOnlyUnderTheAgreements() {
        Scenario s = read("ambulance-escort.yml").scenario().withDuration(Duration.ofHours(6));
        RunResult shocked = run(s);
        RunResult everyday = run(s.withPlan(ShockPlan.NONE));
        RunResult noAgreements = run(s.withPlan(s.plan().withEscortAgreements(false)));

        OrganisationOperations mas = operations(shocked, "MAS");
        assertThat(mas.escortedDispatches()).isPositive();
        assertThat(operations(everyday, "MAS").escortedDispatches()).isZero();
        // the downgraded sector, and only it, was served from outside it; the area it lies in counts its calls
        assertThat(mas.reroutedCalls()).isPositive();
        assertThat(mas.zones())
                .filteredOn(z -> z.zone().value().equals("MAS-03"))
                .singleElement()
                .satisfies(z -> assertThat(z.reroutedCalls()).isEqualTo(mas.reroutedCalls()));
        assertThat(mas.zones())
                .filteredOn(z -> z.zone().value().equals("MAS-AREA"))
                .singleElement()
                .satisfies(z -> assertThat(z.reroutedCalls()).isEqualTo(mas.reroutedCalls()));
        assertThat(mas.zones())
                .filteredOn(z ->
                        !z.zone().value().equals("MAS-03") && !z.zone().value().equals("MAS-AREA"))
                .allSatisfy(z -> assertThat(z.reroutedCalls()).isZero());
        assertThat(operations(everyday, "MAS").reroutedCalls()).isZero();
        // escorted crews wait for their escort: the life-threatening calls are reached later
        assertThat(mean(shocked, "MAS", Priority.C1)).isGreaterThan(mean(everyday, "MAS", Priority.C1));
        // without the agreements, no force's unit may escort
        assertThat(operations(noAgreements, "MAS").escortedDispatches()).isZero();
        // the downgraded sector's calls are counted apart from the targets, not dropped: reached from outside it
        assertThat(unjudged(shocked, "MAS").reachedInDowngradedZone()).isPositive();
        assertThat(unjudged(everyday, "MAS")).isEqualTo(Summary.Unjudged.NONE);
    }

    @Test
    void theEnglishAmbulanceServiceRunsWithItsCrewsOnDutyAndItsHandoversTail() {
        Scenario s = read("english-ambulance-service.yml").scenario().withDuration(Duration.ofHours(6));
        // the published bases the file cites (docs/calibration-nhs-england.md): a handover through AACE's shares
        // over 30 and 60 minutes, a clear-up after it, and the crews England's ambulance staff can put on duty
        assertThat(s.crews().handoverSpread()).isEqualTo(1.11);
        assertThat(s.crews().clear()).isEqualTo(Duration.ofMinutes(16));
        // and the attended calls' mix of categories, by surges for the whole run
        assertThat(s.plan().shocks())
                .filteredOn(x -> x instanceof Shock.WithdrawUnits)
                .hasSize(2);
        assertThat(s.plan().shocks()).filteredOn(x -> x instanceof Shock.Surge).hasSize(3);
        // the four cars on duty are kept for C1
        assertThat(s.plan().dispatch().heldForTop()).isEqualTo(4);

        RunResult r = run(s);
        assertThat(r.summary().incidents()).isPositive();
        assertThat(r.summary().finished() + r.summary().open())
                .isEqualTo(r.summary().incidents());
        OrganisationOperations mas = operations(r, "MAS");
        // 19 of the 33 ambulances and 7 of the 11 cars have no crew all run; the other 18 (and the hazardous
        // area team) answer every call
        List<OrganisationOperations.UnitTime> idle = mas.units().stream()
                .filter(u -> u.time()
                        .getOrDefault(UnitStatus.UNAVAILABLE, Duration.ZERO)
                        .equals(s.duration()))
                .toList();
        assertThat(idle).hasSize(26);
        assertThat(mas.units()).hasSize(45);
        assertThat(r.incidents())
                .filteredOn(i -> i.organisation().value().equals("MAS"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.unitsSent())
                        .noneMatch(u -> idle.stream().anyMatch(t -> t.unit().equals(u))));
        // crews convey and are held at hospital, handing over and clearing up
        assertThat(mas.unitTime()).containsKey(UnitStatus.AT_HOSPITAL);
        // C1 as ARP measures it: each call's clock stops at the first responder there, a paramedic's car as
        // much as the conveying ambulance, so the C1 mean is the mean of the C1 calls' first arrivals (the
        // ambulance's arrival alone would make it longer wherever a car got there first)
        List<IncidentRecord> c1 = r.incidents().stream()
                .filter(i -> i.organisation().value().equals("MAS") && i.priority() == Priority.C1)
                .filter(i -> i.firstArrival().isPresent())
                .toList();
        assertThat(c1).isNotEmpty();
        double firstArrivals = c1.stream()
                .mapToLong(i -> Duration.between(i.received(), i.firstArrival().orElseThrow())
                        .toMillis())
                .average()
                .orElseThrow();
        assertThat(mean(r, "MAS", Priority.C1)).isCloseTo(firstArrivals, org.assertj.core.data.Offset.offset(1.0));
    }

    private static double mean(RunResult r, String organisation, Priority p) {
        return priorities(r, organisation).stream()
                .filter(f -> f.priority() == p)
                .findFirst()
                .flatMap(f -> f.response().mean())
                .orElseThrow()
                .toMillis();
    }

    @Test
    void anArmedStandDownLeavesFirearmsCallsWaitingAndTheNeighboursDecline() {
        Scenario s = read("firearms-standdown.yml").scenario().withDuration(Duration.ofHours(6));
        RunResult standDown = run(s);
        // the same surge of firearms calls, with the officers armed and nobody asked
        RunResult armed = run(s.withPlan(new ShockPlan(
                s.plan().shocks().stream().filter(x -> x instanceof Shock.Surge).toList(), List.of(), true, true)));
        Instant from = s.plan().shocks().stream()
                .filter(x -> x instanceof Shock.WithdrawPeople)
                .findFirst()
                .orElseThrow()
                .at();

        // the same firearms calls in both runs, received while the officers are stood down
        List<IncidentRecord> calls = firearmsCallsAfter(standDown, from);
        assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
        assertThat(firearmsCallsAfter(armed, from))
                .extracting(IncidentRecord::id)
                .isEqualTo(calls.stream().map(IncidentRecord::id).toList());
        // armed, each is dispatched to; stood down, none is, and each is still waiting at the end
        Instant late = s.end().minus(Duration.ofMinutes(5));
        assertThat(firearmsCallsAfter(armed, from))
                .filteredOn(i -> i.received().isBefore(late))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.firstDispatched()).isPresent());
        assertThat(calls).allSatisfy(i -> {
            assertThat(i.firstDispatched()).isEmpty();
            assertThat(i.isOpen()).isTrue();
        });
        // asked, and declined by both neighbours, as the policy says
        OrganisationOperations wsp = operations(standDown, "WSP");
        assertThat(wsp.aidAsked()).isPositive();
        assertThat(wsp.aidDeclined()).isEqualTo(2 * wsp.aidAsked());
        assertThat(wsp.aidFilled() + wsp.aidPartlyFilled()).isZero();
        assertThat(wsp.officerHoursBorrowed()).isZero();
        assertThat(operations(standDown, "ESP").aidDeclinesGiven()).isEqualTo(wsp.aidAsked());
        assertThat(operations(standDown, "NSP").aidDeclinesGiven()).isEqualTo(wsp.aidAsked());
        assertThat(operations(armed, "WSP").aidAsked()).isZero();

        // the planner's question, answered per kind of call: how long firearms calls were left waiting
        Summary.TypeFigures firearms = firearms(standDown);
        List<IncidentRecord> unreached = standDown.incidents().stream()
                .filter(i -> i.type().value().equals("FIREARMS")
                        && i.organisation().value().equals("WSP"))
                .filter(i -> i.isOpen() && i.firstArrival().isEmpty())
                .toList();
        assertThat(firearms.response().waiting()).isEqualTo(unreached.size()).isGreaterThanOrEqualTo(calls.size());
        assertThat(firearms.response().oldestWait())
                .contains(Duration.between(unreached.getFirst().received(), s.end()));
        // judged against the force's emergency target the scenario sets, and far past it
        assertThat(firearms.response().target().limit()).contains(Duration.ofMinutes(15));
        assertThat(firearms.response().oldestWait().orElseThrow()).isGreaterThan(Duration.ofMinutes(15));
        assertThat(firearms(armed).response().waiting())
                .isLessThan(firearms.response().waiting());
        // and the report names it first among the force's kinds of call
        String html = ReportHtml.html(new ReportHtml.Input(List.of(standDown), Optional.empty(), List.of()));
        assertThat(html).contains("<b>WSP</b>: ").contains("left waiting longest: FIREARMS, ");
        // and, without a baseline beside it, what the aid policy did: asked, and declined by both
        String operations = html.substring(html.indexOf("<section id=\"operations\">"));
        operations = operations.substring(0, operations.indexOf("</section>"));
        assertThat(operations).contains("<th>aid asked</th>", "<th>aid declined</th>", "<th>declines given</th>");
        assertThat(operations).doesNotContain("<th>aid filled</th>", "No aid was asked for");
        String wspRow = operations.substring(operations.indexOf("<tr data-organisation=\"WSP\">"));
        wspRow = wspRow.substring(0, wspRow.indexOf("</tr>"));
        // asked, filled in part (not shown: none was), declined, declines given, as the table's columns
        assertThat(wspRow)
                .contains("<td>WSP</td><td class=\"n\">" + wsp.aidAsked() + "</td><td class=\"n\">" + wsp.aidDeclined()
                        + "</td><td class=\"n\">0</td>");
        String armedHtml = ReportHtml.html(new ReportHtml.Input(List.of(armed), Optional.empty(), List.of()));
        assertThat(armedHtml).contains("No aid was asked for, and no call was rerouted or escorted.");
    }

    @Test
    void aWaveOfDisorderQueuesTheForcesCallsCrewsGoInUnderEscortAndOneNeighbourLends() {
        // the first evening's disorder and the hour after it
        Scenario whole = read("disorder.yml").scenario();
        Instant end = whole.start().plus(Duration.ofHours(8));
        Scenario s = whole.withPlan(whole.plan()
                        .withShocks(whole.plan().shocks().stream()
                                .filter(x -> x.at().isBefore(end))
                                .toList()))
                .withDuration(Duration.ofHours(8));
        assertThat(s.plan().shocks()).hasSize(4);
        RunResult disorder = run(s);
        RunResult quiet = run(s.withPlan(s.plan().withShocks(List.of())));
        RunResult alone = run(s.withPlan(s.plan().withAid(List.of())));

        // many more disorder calls in Westshire's towns, and its calls wait longer for fewer free cars (on this
        // seed none waits past the control room's handling time; on others some do)
        assertThat(disorderCalls(disorder).incidents())
                .isGreaterThan(3 * disorderCalls(quiet).incidents());
        assertThat(meanResponse(disorder, "WSP")).isGreaterThan(1.2 * meanResponse(quiet, "WSP"));
        // ambulance and fire crews went into the towns with a police escort, and only there
        for (String org : List.of("MAS", "MFRS")) {
            OrganisationOperations ops = operations(disorder, org);
            assertThat(ops.escortedDispatches()).as(org).isPositive();
            assertThat(ops.zones())
                    .filteredOn(z -> z.escortedDispatches() > 0)
                    .extracting(z -> z.zone().value())
                    .as(org)
                    .isSubsetOf(org + "-01", org + "-02", org + "-AREA");
            assertThat(operations(quiet, org).escortedDispatches()).as(org).isZero();
        }
        // Westshire asked; Northshire declined each time and Eastshire lent what Westshire borrowed
        OrganisationOperations wsp = operations(disorder, "WSP");
        assertThat(wsp.aidAsked()).isPositive();
        assertThat(operations(disorder, "NSP").aidDeclinesGiven()).isEqualTo(wsp.aidAsked());
        assertThat(wsp.officerHoursBorrowed())
                .isPositive()
                .isEqualTo(operations(disorder, "ESP").officerHoursLent());
        assertThat(operations(disorder, "NSP").officerHoursLent()).isZero();
        // what Eastshire's carriers bought back: the disorder calls reached sooner than with no one asked
        assertThat(disorderCalls(disorder).response().meanWithWaiting().orElseThrow())
                .isLessThan(disorderCalls(alone).response().meanWithWaiting().orElseThrow());
        assertThat(operations(alone, "WSP").aidAsked()).isZero();
        // disorder calls the cars dealt with and closed before a public order carrier came: counted, not dropped
        assertThat(unjudged(disorder, "WSP").closedUnreached()).isPositive();
        assertThat(unjudged(quiet, "WSP").closedUnreached()).isZero();
    }

    private static Summary.TypeFigures disorderCalls(RunResult r) {
        return westshiresCalls(r, "PUBLIC_DISORDER");
    }

    private static Summary.TypeFigures firearms(RunResult r) {
        return westshiresCalls(r, "FIREARMS");
    }

    /** Westshire Police's figures for one kind of call. */
    private static Summary.TypeFigures westshiresCalls(RunResult r, String type) {
        return r.summary().organisations().stream()
                .filter(o -> o.organisation().value().equals("WSP"))
                .flatMap(o -> o.types().stream())
                .filter(t -> t.kind().type().value().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static List<IncidentRecord> firearmsCallsAfter(RunResult r, Instant from) {
        return r.incidents().stream()
                .filter(i -> i.type().value().equals("FIREARMS")
                        && i.organisation().value().equals("WSP"))
                .filter(i -> i.received().isAfter(from))
                .toList();
    }
}
