package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitType;
import org.muster.engine.capacity.Colour;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.rules.DispatchPolicy;
import org.muster.sim.crew.CrewConfig;
import org.muster.sim.des.CallStream;
import org.muster.sim.des.RecordedCall;
import org.muster.sim.des.Scenario;
import org.muster.sim.des.Shock;
import org.muster.sim.des.ShockPlan;
import org.muster.sim.des.SimulationMode;

class ScenarioFileTest {
    private static final String GOOD = """
            name: test
            region:
              generated:
                seed: 7
            start: 2026-11-17T00:00:00Z
            duration: 24h
            """;

    private static ScenarioFile.Read parse(String yaml) {
        return ScenarioFile.parse("s.yml", new StringReader(yaml), OptionalLong.empty());
    }

    /** The problems the file has, each as "field='value': rule". */
    private static InvalidInputException refused(String yaml) {
        try {
            parse(yaml);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void theShippedNormalDayReads() {
        ScenarioFile.Read read = ScenarioFile.read(Path.of("..", "scenarios", "normal-day.yml"), OptionalLong.empty());
        assertThat(read.regionSeed()).isEqualTo(7);
        assertThat(read.scenario().name()).isEqualTo("normal-day");
        assertThat(read.scenario().start()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
        assertThat(read.scenario().duration()).isEqualTo(Duration.ofHours(24));
        assertThat(read.scenario().crews().handover()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void whatTheFileLeavesOutTakesTheDemosDefaultsAndTheSeedCanBeReplaced() {
        ScenarioFile.Read read = ScenarioFile.parse(
                "s.yml",
                new StringReader(
                        GOOD + "service:\n  onScene:\n    police: [10m, 20m, 30m, 40m]\n  positionInterval: 1m\n"),
                OptionalLong.of(99));
        assertThat(read.scenario().seed()).isEqualTo(99);
        assertThat(read.scenario().demandScale()).isEqualTo(1.0);
        assertThat(read.scenario().crews().onScene().get(Agency.POLICE)[2]).isEqualTo(Duration.ofMinutes(30));
        assertThat(read.scenario().crews().onScene().get(Agency.AMBULANCE)[0]).isEqualTo(Duration.ofMinutes(40));
        assertThat(read.scenario().dispatchDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(read.scenario().crews().positionInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(read.scenario().crews().handover()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void travelIsRoutedOrTabledAndPositionsAreReportedOnDemandUnlessAnIntervalIsAsked() {
        SimulationMode plain = parse(GOOD).scenario().mode();
        assertThat(plain.travel()).isEqualTo(SimulationMode.Travel.ROUTED);
        assertThat(plain.positions()).isEqualTo(SimulationMode.Positions.ON_DEMAND);
        assertThat(parse(GOOD + "travel: tabled\n").scenario().mode().travel()).isEqualTo(SimulationMode.Travel.TABLED);
        assertThat(parse(GOOD + "service:\n  positionInterval: 15s\n")
                        .scenario()
                        .mode()
                        .positions())
                .isEqualTo(SimulationMode.Positions.EVERY_INTERVAL);
        Violation v = refused(GOOD + "travel: teleport\n").violations().getFirst();
        assertThat(v.field()).isEqualTo("s.yml line 7: travel");
        assertThat(v.value()).isEqualTo("teleport");
        assertThat(v.rule()).contains("ROUTED").contains("TABLED");
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheKeysExpected() {
        InvalidInputException e = refused(GOOD + "demand:\n  scael: 2\n");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("s.yml line 8: demand.scael");
            assertThat(v.rule()).contains("expected one of [agencies, poisson, replay, scale]");
        });
        assertThat(refused(GOOD + "weather: []\n").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("s.yml line 7: weather"));
    }

    /**
     * A police walkout's scenario raises the police's calls and leaves the ambulance service's as the demo's:
     * {@code demand.agencies} scales each agency named on top of {@code demand.scale}.
     */
    @Test
    void anAgencysOwnScaleRaisesItsCallsAlone() {
        var s = parse(GOOD + "demand:\n  scale: 1.5\n  agencies: {police: 2}\n").scenario();
        assertThat(s.agencyScale()).containsExactly(java.util.Map.entry(Agency.POLICE, 2.0));
        var usual = org.muster.sim.demand.DemandProfile.busyEvening().meanPerHour();
        assertThat(s.profile().meanPerHour().get(Agency.POLICE)).isEqualTo(usual.get(Agency.POLICE) * 1.5 * 2);
        assertThat(s.profile().meanPerHour().get(Agency.AMBULANCE)).isEqualTo(usual.get(Agency.AMBULANCE) * 1.5);
        assertThat(parse(GOOD).scenario().profile())
                .as("no scale at all is the demo's profile")
                .isEqualTo(org.muster.sim.demand.DemandProfile.busyEvening());

        Violation v = refused(GOOD + "demand:\n  agencies: {police: -2}\n")
                .violations()
                .getFirst();
        assertThat(v.field()).isEqualTo("s.yml line 8: demand.agencies.police");
        assertThat(v.rule()).startsWith("must be 0 or more");
        assertThat(refused(GOOD + "demand:\n  agencies: {coastguard: 2}\n")
                        .violations()
                        .getFirst()
                        .rule())
                .contains("[ambulance, fire, police]");
        assertThat(refused(
                                GOOD
                                        + "demand:\n  agencies: {fire: 2}\n  poisson:\n    - {type: FALL, perHour: 1, at: MAS-AS003}\n")
                        .violations())
                .anySatisfy(x ->
                        assertThat(x.toString()).contains("demand.agencies").contains("demand.poisson replaces"));
    }

    @Test
    void aNegativeRateIsRefusedWithItsLine() {
        Violation v = refused(GOOD + "demand:\n  scale: -0.5\n").violations().getFirst();
        assertThat(v.field()).isEqualTo("s.yml line 8: demand.scale");
        assertThat(v.value()).isEqualTo("-0.5");
        assertThat(v.rule()).startsWith("must be 0 or more");
    }

    @Test
    void aMoveUpPolicyThatIsNeitherOnNorOffIsRefusedWithItsLine() {
        Violation v =
                refused(GOOD + "policies: {moveUp: sometimes}\n").violations().getFirst();
        assertThat(v.field()).endsWith("policies.moveUp");
        assertThat(v.value()).isEqualTo("sometimes");
        assertThat(v.rule()).isEqualTo("must be on or off");
        assertThat(parse(GOOD).scenario().plan().moveUp()).isFalse();
    }

    @Test
    void aDurationThatIsNotOneIsRefusedWithItsLine() {
        for (String bad : new String[] {"soon", "-5m", "0h", "24", "P1Y"}) {
            Violation v = refused(GOOD.replace("duration: 24h", "duration: " + bad))
                    .violations()
                    .getFirst();
            assertThat(v.field()).as(bad).isEqualTo("s.yml line 6: duration");
            assertThat(v.value()).isEqualTo(bad);
            assertThat(v.rule()).contains("positive duration such as 90s, 15m, 24h, 2d or PT24H");
        }
        assertThat(refused(GOOD.replace("24h", "367d")).violations().getFirst().rule())
                .isEqualTo("must be at most 366 days (366d)");
        assertThat(refused(GOOD + "service:\n  onScene:\n    fire: [10m, 20m]\n")
                        .violations()
                        .getFirst())
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("s.yml line 9: service.onScene.fire");
                    assertThat(v.rule()).contains("4 medians");
                });
    }

    @Test
    void everyProblemIsReportedAtOnceAndAMissingKeyIsNamed() {
        InvalidInputException e = refused("""
                region:
                  generated: {seed: seven}
                start: yesterday
                demand: {scale: many}
                """);
        assertThat(e.violations())
                .extracting(Violation::field)
                .containsExactly(
                        "s.yml line 2: region.generated.seed",
                        "s.yml line 3: start",
                        "s.yml line 1: duration",
                        "s.yml line 4: demand.scale");
        assertThat(e.violations().get(2).rule()).isEqualTo("is required");
    }

    @Test
    void brokenYamlNamesItsLine() {
        InvalidInputException e = refused(GOOD + "demand: [1, 2\n");
        assertThat(e.violations().getFirst().field()).startsWith("s.yml line ");
        assertThat(e.violations().getFirst().rule()).startsWith("must be YAML");
        assertThat(refused(GOOD + "seed: 1\nseed: 2\n").violations())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("s.yml line 8: seed");
                    assertThat(v.rule()).isEqualTo("is given twice; first on line 7");
                });
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.yml");
        assertThatThrownBy(() -> ScenarioFile.read(missing, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("must be a scenario file that exists");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedSayingSo(@TempDir Path dir) throws Exception {
        // "café" in a comment, saved as Latin-1 by an editor
        Path latin = Files.write(
                dir.resolve("latin.yml"),
                "name: latin\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ScenarioFile.read(latin, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(latin.toString())
                .hasMessageContaining("must be UTF-8 text");
    }

    @Test
    void organisationsOwnTargetsAreReadAndBadOnesAreRefusedWithTheirLines() {
        ResponseTargets targets = parse(GOOD + """
                        targets:
                          WSP: {EMERGENCY: 20m, PRIORITY: 1h}
                          MAS: {C2: 'mean 30m, p90 1h'}
                        """).scenario().targets();
        OrganisationId wsp = OrganisationId.of("WSP");
        assertThat(targets.targetFor(wsp, Priority.EMERGENCY).p90()).contains(Duration.ofMinutes(20));
        assertThat(targets.targetFor(wsp, Priority.PRIORITY).p90()).contains(Duration.ofHours(1));
        // a force has no target for a priority the scenario leaves out
        assertThat(targets.targetFor(wsp, Priority.SCHEDULED).isSet()).isFalse();
        // an ambulance service's own replaces the national standard; the others keep it
        ResponseTargets.Target c2 = targets.targetFor(OrganisationId.of("MAS"), Priority.C2);
        assertThat(c2.mean()).contains(Duration.ofMinutes(30));
        assertThat(c2.source()).isEqualTo(ResponseTargets.Source.ORGANISATION);
        assertThat(targets.targetFor(OrganisationId.of("MAS"), Priority.C1))
                .isEqualTo(ResponseTargets.DEFAULTS.targetFor(OrganisationId.of("MAS"), Priority.C1));
        // left out, the national standards alone
        assertThat(parse(GOOD).scenario().targets()).isEqualTo(ResponseTargets.DEFAULTS);

        InvalidInputException e = refused(GOOD + """
                targets:
                  XYZ: {EMERGENCY: 20m}
                  WSP: {C1: 20m}
                  ESP: {EMERGENCY: soon}
                """);
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: targets.XYZ='XYZ': is not a key here; expected one of [ESP, MAS, MFRS, NSP,"
                                + " WSP]",
                        "s.yml line 9: targets.WSP.C1='C1': is not a key here; expected one of [EMERGENCY,"
                                + " PRIORITY, RESOLUTION, SCHEDULED]",
                        "s.yml line 10: targets.ESP.EMERGENCY='soon': must be a 90th centile such as 20m, or both"
                                + " parts, such as 'mean 7m, p90 15m'");
    }

    @Test
    void aBaselineIsAScenarioFileBesideThisOneThatExistsAndIsAnotherOne(@TempDir Path dir) throws Exception {
        String minimal = MINIMAL_FOR_BASELINE;
        Files.writeString(dir.resolve("base.yml"), minimal);
        Path scenario = Files.writeString(dir.resolve("s.yml"), minimal + "baseline: base.yml\n");
        assertThat(ScenarioFile.read(scenario, OptionalLong.empty()).baseline())
                .contains(dir.resolve("base.yml").toAbsolutePath().normalize());
        assertThat(ScenarioFile.read(dir.resolve("base.yml"), OptionalLong.empty())
                        .baseline())
                .isEmpty();

        Path missing = Files.writeString(dir.resolve("m.yml"), minimal + "baseline: nowhere.yml\n");
        assertThatThrownBy(() -> ScenarioFile.read(missing, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("m.yml line 6: baseline='nowhere.yml'")
                .hasMessageContaining("must name a scenario file that exists");
        Path itself = Files.writeString(dir.resolve("self.yml"), minimal + "baseline: self.yml\n");
        assertThatThrownBy(() -> ScenarioFile.read(itself, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be another scenario than this one");
        Path list = Files.writeString(dir.resolve("l.yml"), minimal + "baseline: [a.yml, b.yml]\n");
        assertThatThrownBy(() -> ScenarioFile.read(list, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("l.yml line 6: baseline=")
                .hasMessageContaining("must name a scenario file");
    }

    private static final String MINIMAL_FOR_BASELINE = """
            region:
              generated:
                seed: 7
            start: 2026-11-17T00:00:00Z
            duration: 1h
            """;

    @Test
    void anOverrideReplacesAKeyOrAddsItAndIsCheckedAsIfTheFileSaidIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("o.yml"), MINIMAL_FOR_BASELINE);
        assertThat(ScenarioFile.read(file, OptionalLong.empty(), java.util.Map.of("demand.scale", "2.5"))
                        .scenario()
                        .demandScale())
                .isEqualTo(2.5);
        Path scaled = Files.writeString(dir.resolve("p.yml"), MINIMAL_FOR_BASELINE + "demand:\n  scale: 7\n");
        assertThat(ScenarioFile.read(scaled, OptionalLong.empty(), java.util.Map.of("demand.scale", "0.5"))
                        .scenario()
                        .demandScale())
                .isEqualTo(0.5);
        assertThatThrownBy(
                        () -> ScenarioFile.read(scaled, OptionalLong.empty(), java.util.Map.of("demand.scale", "-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("demand.scale='-1'");

        // a flow list or mapping stands as YAML would read it: the shipped walkout without its aid, or its
        // neighbours saying yes; a problem in such a value is named without a line, which the file does not have
        Path walkout = Path.of("..", "scenarios", "walkout.yml");
        assertThat(ScenarioFile.read(walkout, OptionalLong.empty())
                        .scenario()
                        .plan()
                        .aid())
                .isNotEmpty();
        assertThat(ScenarioFile.read(walkout, OptionalLong.empty(), java.util.Map.of("aid", "[]"))
                        .scenario()
                        .plan()
                        .aid())
                .isEmpty();
        assertThat(ScenarioFile.read(walkout, OptionalLong.empty(), java.util.Map.of("shocks", "[]"))
                        .scenario()
                        .plan()
                        .shocks())
                .isEmpty();
        assertThatThrownBy(() ->
                        ScenarioFile.read(walkout, OptionalLong.empty(), java.util.Map.of("aid", "[{requester: WSP}]")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("walkout.yml, as the command line sets it: aid[0].when='': is required")
                .hasMessageNotContaining("line 1:");
        assertThatThrownBy(() -> ScenarioFile.read(walkout, OptionalLong.empty(), java.util.Map.of("aid", "[")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("aid='['");
    }

    @Test
    void theShippedShockScenariosRead() {
        for (String name :
                new String[] {"walkout.yml", "ambulance-escort.yml", "firearms-standdown.yml", "disorder.yml"}) {
            ScenarioFile.Read read = ScenarioFile.read(Path.of("..", "scenarios", name), OptionalLong.empty());
            assertThat(read.scenario().plan().shocks()).as(name).isNotEmpty();
            assertThat(read.scenario().name()).isEqualTo(name.replace(".yml", ""));
        }
    }

    @Test
    void shocksAidAndPoliciesReadIntoThePlan() {
        ScenarioFile.Read read = parse(GOOD + """
                shocks:
                  - withdraw: {organisation: WSP, people: 0.3, at: 1h, for: 48h}
                  - withdraw: {organisation: WSP, people: 0.5, skill: authorised_firearms_officer, mode: skill, at: 2026-11-17T02:00:00Z, for: 6h}
                  - withdraw: {organisation: MAS, units: 0.2, type: DOUBLE_CREWED_AMBULANCE, at: 0s, for: 3h}
                  - level: {zones: [MAS-01, MAS-02], level: ESCORT_REQUIRED, at: 30m, for: 12h}
                  - surge: {types: [STABBING], categories: [C1], zones: [WSP-01], factor: 3, at: 18h, for: 6h}
                aid:
                  - requester: WSP
                    when: {queued: 3, capacity: RED}
                    ask: {skill: AUTHORISED_FIREARMS_OFFICER, count: 4}
                    from: [ESP, NSP]
                    declining: [NSP]
                    for: 8h
                policies: {escortAgreements: off, cover: on, moveUp: on}
                """);
        Instant start = Instant.parse("2026-11-17T00:00:00Z");
        ShockPlan plan = read.scenario().plan();
        assertThat(plan.shocks()).hasSize(5);
        assertThat(plan.shocks().get(0))
                .isEqualTo(new Shock.WithdrawPeople(
                        OrganisationId.of("WSP"),
                        Optional.empty(),
                        WithdrawalMode.PERSON,
                        0.3,
                        start.plusSeconds(3600),
                        Duration.ofHours(48)));
        assertThat(plan.shocks().get(1)).isInstanceOfSatisfying(Shock.WithdrawPeople.class, w -> {
            assertThat(w.mode()).isEqualTo(WithdrawalMode.SKILL);
            assertThat(w.skill()).contains(Skill.AUTHORISED_FIREARMS_OFFICER);
            assertThat(w.at()).isEqualTo(start.plusSeconds(7200));
        });
        assertThat(plan.shocks().get(2))
                .isInstanceOfSatisfying(
                        Shock.WithdrawUnits.class,
                        w -> assertThat(w.type()).contains(UnitType.DOUBLE_CREWED_AMBULANCE));
        assertThat(plan.shocks().get(3)).isInstanceOfSatisfying(Shock.SetLevel.class, l -> {
            assertThat(l.level()).isEqualTo(OperatingLevel.ESCORT_REQUIRED);
            assertThat(l.zones()).containsExactly(ZoneId.of("MAS-01"), ZoneId.of("MAS-02"));
        });
        assertThat(plan.shocks().get(4)).isInstanceOfSatisfying(Shock.Surge.class, x -> {
            assertThat(x.factor()).isEqualTo(3);
            assertThat(x.categories()).containsExactly(Priority.C1);
        });
        assertThat(plan.aid()).singleElement().satisfies(a -> {
            assertThat(a.queued()).isEqualTo(3);
            assertThat(a.capacity()).contains(Colour.RED);
            assertThat(a.need().skill()).contains(Skill.AUTHORISED_FIREARMS_OFFICER);
            assertThat(a.declines()).containsExactly(OrganisationId.of("NSP"));
            assertThat(a.answerAfter()).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(plan.escortAgreements()).isFalse();
        assertThat(plan.cover()).isTrue();
        assertThat(plan.moveUp()).isTrue();
        // the zones named, each with its line, for the region to check
        assertThat(read.zones())
                .extracting(ScenarioFile.ZoneReference::where)
                .containsExactly(
                        "s.yml line 11: shocks[3].level.zones",
                        "s.yml line 11: shocks[3].level.zones",
                        "s.yml line 12: shocks[4].surge.zones");
    }

    @Test
    void theShippedErlangCScenarioReadsAsAnMmcQueue() {
        ScenarioFile.Read read = ScenarioFile.read(Path.of("..", "scenarios", "erlang-c.yml"), OptionalLong.empty());
        Scenario s = read.scenario();
        assertThat(s.calls())
                .containsExactly(new CallStream(IncidentTypeCode.of("FALL"), 4.5, StationId.of("MAS-AS003")));
        assertThat(s.crews().times()).isEqualTo(CrewConfig.Times.EXPONENTIAL);
        assertThat(s.crews().turnout().get(Agency.AMBULANCE)).isZero();
        assertThat(s.crews().conveyShare().get(IncidentTypeCode.of("FALL"))).isZero();
        // the other types keep the demo's shares
        assertThat(s.crews().conveyShare().get(IncidentTypeCode.of("STROKE"))).isEqualTo(0.95);
        assertThat(s.dispatch().maxTravelTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.dispatchDelay()).isZero();
        assertThat(read.stations())
                .containsExactly(new ScenarioFile.StationReference(
                        StationId.of("MAS-AS003"), "erlang-c.yml line 18: demand.poisson[0].at"));
        // a station the region does not have is refused with its line once the region is loaded
        assertThatThrownBy(() -> ScenarioFile.checkStations(read, Set.of(StationId.of("MAS-AS001"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("erlang-c.yml line 18: demand.poisson[0].at='MAS-AS003': is not a station of the"
                        + " region; its stations are [MAS-AS001]");
    }

    @Test
    void badCallStreamsServiceTimesAndReachAreRefusedWithTheirLines() {
        InvalidInputException e = refused(GOOD + """
                demand:
                  scale: 2
                  poisson:
                    - {type: ALIENS, perHour: -3, at: MAS-AS003}
                    - {type: FALL, perHour: 2, at: [MAS-AS003], when: 1h}
                    - {perHour: 0}
                service:
                  times: gamma
                  conveyed: {FALL: 1.5, THEFT_REPORT: 0.5, NOTHING: 0}
                control:
                  maxTravel: 25h
                """);
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: demand.scale='2': scales the region's demand model, which demand.poisson"
                                + " replaces; leave one out",
                        "s.yml line 10: demand.poisson[0].type='ALIENS': is not an incident type",
                        "s.yml line 10: demand.poisson[0].perHour='-3': must be more than 0 and at most 100000",
                        "s.yml line 11: demand.poisson[1].at='(a list)': must be a station id such as MAS-AS003",
                        "s.yml line 11: demand.poisson[1].when='when': is not a key here; expected one of [at, perHour,"
                                + " type]",
                        "s.yml line 12: demand.poisson[2].type='': is required",
                        "s.yml line 12: demand.poisson[2].at='': is required",
                        "s.yml line 12: demand.poisson[2].perHour='0': must be more than 0",
                        "s.yml line 14: service.times='gamma': must be lognormal or exponential",
                        "s.yml line 15: service.conveyed.FALL='1.5': must be a share from 0 to 1",
                        "s.yml line 15: service.conveyed.THEFT_REPORT='THEFT_REPORT': must be an ambulance incident type",
                        "s.yml line 15: service.conveyed.NOTHING='NOTHING': is not an incident type",
                        "s.yml line 17: control.maxTravel='25h': must be at most 24h");
    }

    @Test
    void theHandoverHasItsOwnTailAndAClearUpAfterItAndBadValuesAreRefusedWithTheirLines() {
        CrewConfig crews = parse(GOOD + """
                        service:
                          handover: 18m
                          handoverSpread: 1.1
                          clear: 16m
                          spread: 0.4
                        """).scenario().crews();
        assertThat(crews.handover()).isEqualTo(Duration.ofMinutes(18));
        assertThat(crews.handoverSpread()).isEqualTo(1.1);
        assertThat(crews.clear()).isEqualTo(Duration.ofMinutes(16));
        assertThat(crews.spread()).isEqualTo(0.4);
        // left out, the handover is drawn as every other time and includes the clear-up, as the demo's
        CrewConfig plain = parse(GOOD + "service:\n  spread: 0.3\n").scenario().crews();
        assertThat(plain.handoverSpread()).isEqualTo(0.3);
        assertThat(plain.clear()).isZero();

        InvalidInputException e = refused(GOOD + "service:\n  handoverSpread: 4\n  clear: -5m\n");
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: service.handoverSpread='4': must be 0 to 3 (the standard deviation of the log"
                                + " of the handover)",
                        "s.yml line 9: service.clear='-5m': must be a duration such as 90s, 15m, 24h, 2d or PT24H");
    }

    @Test
    void theDispatchRuleAndDiversionArePoliciesAndBadValuesAreRefusedWithTheirLines() {
        ScenarioFile.Read read = parse(GOOD + "policies:\n  dispatchRule: sameZone\n  diversion: off\n");
        assertThat(read.scenario().plan().dispatch())
                .isEqualTo(new DispatchPolicy(DispatchPolicy.Rule.SAME_ZONE, false));
        // free paramedic cars kept for C1
        assertThat(parse(GOOD + "policies:\n  carsHeld: 2\n").scenario().plan().dispatch())
                .isEqualTo(DispatchPolicy.DEFAULTS.withHeldForTop(2));
        assertThat(refused(GOOD + "policies:\n  carsHeld: -1\n").getMessage())
                .contains("s.yml line 8: policies.carsHeld='-1': must be 0 to 1000");
        // left out, the service's own
        assertThat(parse(GOOD).scenario().plan().dispatch()).isEqualTo(DispatchPolicy.DEFAULTS);
        InvalidInputException e = refused(GOOD + "policies:\n  dispatchRule: random\n  diversion: sometimes\n");
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: policies.dispatchRule='random': must be nearest or sameZone",
                        "s.yml line 9: policies.diversion='sometimes': must be on or off");
    }

    @Test
    void recordedCallsAreReplayedAndABadRowIsRefusedNamingItsLineAndColumn(@TempDir Path dir) throws Exception {
        String header = "received,organisation,type,lat,lon\n";
        Files.writeString(
                dir.resolve("calls.csv"),
                header
                        + "2026-11-17T01:00:00Z,MAS,STROKE,52.58,-1.23\n\n2026-11-17T00:30:00Z,WSP,FIREARMS,52.57,-1.22\n");
        Path ok = Files.writeString(dir.resolve("r.yml"), GOOD + "demand:\n  replay: calls.csv\n");
        assertThat(ScenarioFile.read(ok, OptionalLong.empty()).scenario().replay())
                .containsExactly(
                        new RecordedCall(
                                Instant.parse("2026-11-17T01:00:00Z"),
                                OrganisationId.of("MAS"),
                                IncidentTypeCode.of("STROKE"),
                                org.muster.domain.GeoPoint.of(52.58, -1.23)),
                        new RecordedCall(
                                Instant.parse("2026-11-17T00:30:00Z"),
                                OrganisationId.of("WSP"),
                                IncidentTypeCode.of("FIREARMS"),
                                org.muster.domain.GeoPoint.of(52.57, -1.22)));

        Files.writeString(
                dir.resolve("bad.csv"),
                header
                        + "2026-11-19T01:00:00Z,MAS,STROKE,52.58,-1.23\n"
                        + "yesterday,XSP,ALIENS,north,-1.23\n"
                        + "2026-11-17T01:00:00Z,MAS,FIREARMS,52.58,-200\n"
                        + "2026-11-17T01:00:00Z,MAS\n");
        Path bad = Files.writeString(
                dir.resolve("b.yml"),
                GOOD + "demand:\n  poisson: [{type: FALL, perHour: 6, at: MAS-AS003}]\n  replay: bad.csv\n");
        assertThatThrownBy(() -> ScenarioFile.read(bad, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv line 2 column received='2026-11-19T01:00:00Z': must fall within the run")
                .hasMessageContaining("bad.csv line 3 column received='yesterday': must be an instant in UTC")
                .hasMessageContaining("bad.csv line 3 column organisation='XSP': is not an organisation of the region")
                .hasMessageContaining("bad.csv line 3 column type='ALIENS': is not an incident type of the catalogue")
                .hasMessageContaining("bad.csv line 3 column lat='north': must be a number of degrees from -90 to 90")
                .hasMessageContaining("bad.csv line 4 column type='FIREARMS': must be an incident type of MAS's agency")
                .hasMessageContaining("bad.csv line 4 column lon='-200': must be a number of degrees from -180 to 180")
                .hasMessageContaining("bad.csv line 5='2026-11-17T01:00:00Z,MAS': must have 5 columns")
                .hasMessageContaining("b.yml line 8: demand.poisson='(a list)': is not used with demand.replay");

        Path missing = Files.writeString(dir.resolve("m.yml"), GOOD + "demand:\n  replay: nowhere.csv\n");
        assertThatThrownBy(() -> ScenarioFile.read(missing, OptionalLong.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "m.yml line 8: demand.replay='nowhere.csv': must name a readable CSV file that" + " exists");
        Files.writeString(dir.resolve("headless.csv"), "when,who\n");
        Path headless = Files.writeString(dir.resolve("h.yml"), GOOD + "demand:\n  replay: headless.csv\n");
        assertThatThrownBy(() -> ScenarioFile.read(headless, OptionalLong.empty()))
                .hasMessageContaining("h.yml line 8: demand.replay='headless.csv': must start with the header"
                        + " received,organisation,type,lat,lon");
    }

    @Test
    void aReplayIsScaledAndSurgedLikeTheDemandModelButConstantStreamsAreNotSurged(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("calls.csv"),
                RecordedCall.csv(List.of(new RecordedCall(
                        Instant.parse("2026-11-17T01:00:00Z"),
                        OrganisationId.of("MAS"),
                        IncidentTypeCode.of("STROKE"),
                        org.muster.domain.GeoPoint.of(52.58, -1.23)))));
        Path raised = Files.writeString(dir.resolve("r.yml"), GOOD + """
                demand:
                  replay: calls.csv
                  scale: 1.3
                shocks:
                  - surge: {zones: [MAS-01], categories: [C2], factor: 2, at: 30m, for: 2h}
                """);
        Scenario scenario = ScenarioFile.read(raised, OptionalLong.empty()).scenario();
        assertThat(scenario.demandScale()).isEqualTo(1.3);
        assertThat(scenario.plan().shocks()).singleElement().isInstanceOf(Shock.Surge.class);
        assertThat(scenario.replay()).hasSize(1);

        assertThat(refused(GOOD + """
                        demand:
                          poisson: [{type: FALL, perHour: 6, at: MAS-AS003}]
                        shocks:
                          - surge: {categories: [C2], factor: 2, at: 30m, for: 2h}
                        """).getMessage())
                .contains("s.yml line 10: shocks[0].surge='': raises the demand model's or a replay's calls;"
                        + " demand.poisson's streams keep their constant rates");
    }

    @Test
    void aClosedZoneNeedsTheTimeItsSupervisorTakesToGrantClearance() {
        Shock closed = parse(GOOD + """
                        shocks:
                          - level: {zones: [MAS-01], level: CLOSED, clearanceAfter: 20m, at: 1h, for: 2h}
                        """).scenario().plan().shocks().getFirst();
        assertThat(closed).isInstanceOfSatisfying(Shock.SetLevel.class, l -> {
            assertThat(l.level()).isEqualTo(OperatingLevel.CLOSED);
            assertThat(l.clearance()).contains(Duration.ofMinutes(20));
        });
        InvalidInputException e = refused(GOOD + """
                shocks:
                  - level: {zones: [MAS-01], level: CLOSED, at: 1h, for: 2h}
                  - level: {zones: [MAS-01], level: DOWNGRADED, clearanceAfter: 20m, at: 1h, for: 2h}
                  - level: {zones: [MAS-01], level: CLOSED, clearanceAfter: soon, at: 1h, for: 2h}
                """);
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: shocks[0].level.level='CLOSED': needs 'clearanceAfter: 20m'",
                        "s.yml line 9: shocks[1].level.clearanceAfter='20m': is for a CLOSED zone only",
                        "s.yml line 10: shocks[2].level.clearanceAfter='soon': must be a duration");
    }

    @Test
    void badShocksAndAidAreRefusedWithTheirLinesAllAtOnce() {
        InvalidInputException e = refused(GOOD + """
                shocks:
                  - withdraw: {organisation: XSP, people: 0.3, at: 1h, for: 48h}
                  - withdraw: {organisation: WSP, people: 1.5, at: 25h, for: 1h}
                  - withdraw: {organisation: WSP, people: 0.2, skill: FLYING, at: 1h, for: 1h}
                  - withdraw: {organisation: MAS, units: 0, type: HOVERCRAFT, at: 1h, for: 1h}
                  - withdraw: {organisation: MAS, units: 0.5, type: FIRE_APPLIANCE, at: -1h, for: 1h}
                  - level: {zones: [MAS-01], level: CLOSED, at: 1h, for: 1h}
                  - surge: {types: [ALIENS], factor: -1, at: 1h, for: 1h}
                aid:
                  - requester: WSP
                    when: {queued: 0}
                    ask: {type: POLICE_RESPONSE_CAR, count: 2}
                    from: [WSP, ESP]
                    declining: [NSP]
                    for: 8h
                """);
        assertThat(e.violations())
                .extracting(v -> v.field() + "='" + v.value() + "'")
                .containsExactly(
                        "s.yml line 8: shocks[0].withdraw.organisation='XSP'",
                        "s.yml line 9: shocks[1].withdraw.at='25h'",
                        "s.yml line 9: shocks[1].withdraw.people='1.5'",
                        "s.yml line 10: shocks[2].withdraw.skill='FLYING'",
                        "s.yml line 11: shocks[3].withdraw.units='0'",
                        "s.yml line 11: shocks[3].withdraw.type='HOVERCRAFT'",
                        "s.yml line 12: shocks[4].withdraw.at='-1h'",
                        "s.yml line 12: shocks[4].withdraw.type='FIRE_APPLIANCE'",
                        "s.yml line 13: shocks[5].level.level='CLOSED'",
                        "s.yml line 14: shocks[6].surge.types='ALIENS'",
                        "s.yml line 14: shocks[6].surge.factor='-1'",
                        "s.yml line 17: aid[0].when.queued='0'",
                        "s.yml line 19: aid[0].from='WSP'",
                        "s.yml line 20: aid[0].declining='NSP'");
        Violation outside = e.violations().get(1);
        assertThat(outside.rule())
                .isEqualTo("must fall within the run, from 2026-11-17T00:00:00Z to before 2026-11-18T00:00:00Z");
        assertThat(e.violations().get(0).rule()).contains("[ESP, MAS, MFRS, NSP, WSP]");
        assertThat(e.violations().get(3).rule()).contains("AUTHORISED_FIREARMS_OFFICER");
        assertThat(e.violations().get(7).rule()).isEqualTo("must be a unit type of MAS (AMBULANCE)");
        assertThat(e.violations().get(10).rule()).startsWith("must be 0 or more");
    }

    /** A rural zone's own target (the Home Office's 20 minutes in the country), beside its force's 15. */
    @Test
    void zonesOwnTargetsAreReadTheirZonesCheckedAndBadOnesRefusedWithTheirLines() {
        ScenarioFile.Read read = parse(GOOD + """
                targets:
                  WSP: {EMERGENCY: 15m}
                zoneTargets:
                  WSP-03: {EMERGENCY: 20m}
                """);
        ResponseTargets targets = read.scenario().targets();
        OrganisationId wsp = OrganisationId.of("WSP");
        assertThat(targets.targetFor(ZoneId.of("WSP-03"), wsp, Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(20));
        assertThat(targets.targetFor(ZoneId.of("WSP-03"), wsp, Priority.EMERGENCY)
                        .source())
                .isEqualTo(ResponseTargets.Source.ZONE);
        assertThat(targets.targetFor(ZoneId.of("WSP-01"), wsp, Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(15));
        assertThat(targets.targetFor(wsp, Priority.EMERGENCY).p90()).contains(Duration.ofMinutes(15));
        assertThatThrownBy(() -> read.checkZones(Map.of(ZoneId.of("WSP-01"), Agency.POLICE)))
                .hasMessageContaining("s.yml line 10: zoneTargets.WSP-03='WSP-03': is not a zone of the region");
        read.checkZones(Map.of(ZoneId.of("WSP-03"), Agency.POLICE));

        // a priority of another agency than the zone's: refused once the region says whose the zone is
        ScenarioFile.Read ambulance = parse(GOOD + """
                zoneTargets:
                  WSP-03: {EMERGENCY: 20m, C1: 10m}
                """);
        assertThatThrownBy(() -> ambulance.checkZones(Map.of(ZoneId.of("WSP-03"), Agency.POLICE)))
                .hasMessageContaining("s.yml line 8: zoneTargets.WSP-03.C1='C1': is not a priority of WSP-03, a"
                        + " police zone; its priorities are [EMERGENCY, PRIORITY, SCHEDULED, RESOLUTION]")
                .hasMessageNotContaining("EMERGENCY='");
        // with a zone the region does not have, both at once
        ScenarioFile.Read both = parse(GOOD + """
                zoneTargets:
                  WSP-03: {C1: 10m}
                  WSP-99: {EMERGENCY: 20m}
                """);
        assertThatThrownBy(() -> both.checkZones(Map.of(ZoneId.of("WSP-03"), Agency.POLICE)))
                .hasMessageContaining("s.yml line 8: zoneTargets.WSP-03.C1='C1': is not a priority of WSP-03")
                .hasMessageContaining("s.yml line 9: zoneTargets.WSP-99='WSP-99': is not a zone of the region");

        InvalidInputException e = refused(GOOD + """
                zoneTargets:
                  WSP-03: {EMERGENCY: soon, URGENTISH: 20m}
                  WSP-03: {EMERGENCY: 20m}
                  MAS-01: 20m
                """);
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: zoneTargets.WSP-03.EMERGENCY='soon': must be a 90th centile such as 20m",
                        "s.yml line 8: zoneTargets.WSP-03.URGENTISH='URGENTISH': is not a key here",
                        "s.yml line 9: zoneTargets.WSP-03='WSP-03': is given twice; first on line 8",
                        "s.yml line 10: zoneTargets.MAS-01='20m': must be a mapping of");
    }

    @Test
    void aZoneTheRegionDoesNotHaveIsRefusedWithItsLine() {
        ScenarioFile.Read read = parse(GOOD + """
                shocks:
                  - level: {zones: [MAS-01, MAS-99], level: DOWNGRADED, at: 1h, for: 1h}
                """);
        assertThatThrownBy(() -> read.checkZones(
                        Map.of(ZoneId.of("MAS-01"), Agency.AMBULANCE, ZoneId.of("MAS-02"), Agency.AMBULANCE)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("s.yml line 8: shocks[0].level.zones");
                            assertThat(v.value()).isEqualTo("MAS-99");
                            assertThat(v.rule()).endsWith("[MAS-01, MAS-02]");
                        }));
        read.checkZones(Map.of(ZoneId.of("MAS-01"), Agency.AMBULANCE, ZoneId.of("MAS-99"), Agency.AMBULANCE));
    }

    /**
     * A planner's likely slips, each answered with what was meant: a percentage for a share, a key one letter
     * off (and nothing more about the key it hid), a zone's name for its id.
     */
    @Test
    void aPlannersSlipsAreAnsweredWithWhatWasMeant() {
        InvalidInputException e = refused(GOOD + """
                shocks:
                  - withdraw: {organisation: WSP, people: 20%, at: 1h, for: 2h}
                  - withdraw: {organisation: WSP, poeple: 0.2, at: 1h, for: 2h}
                  - surge: {zone: [WSP-01], types: [PUBLIC_DISORDER], factor: 3, at: 1h, for: 2h}
                """);
        assertThat(e.getMessage())
                .contains(
                        "s.yml line 8: shocks[0].withdraw.people='20%': must be a share more than 0 and at most 1,"
                                + " such as 0.3: write 20% as 0.2",
                        "s.yml line 9: shocks[1].withdraw.poeple='poeple': is not a key here; did you mean 'people'?",
                        "s.yml line 10: shocks[2].surge.zone='zone': is not a key here; did you mean 'zones'?")
                .doesNotContain("must be a number")
                // the mistyped key is the problem: not also "must give a share of either people or units"
                .doesNotContain("shocks[1].withdraw='': must give a share");
        assertThat(ScenarioFile.nearest("Shocks", Set.of("shocks", "start"))).contains("shocks");
        assertThat(ScenarioFile.nearest("weather", Set.of("shocks", "start"))).isEmpty();

        ScenarioFile.Read byName = parse(GOOD + """
                shocks:
                  - level: {zones: [Farwell], level: DOWNGRADED, at: 1h, for: 1h}
                """);
        assertThatThrownBy(() -> byName.checkZones(
                        Map.of(ZoneId.of("WSP-03"), Agency.POLICE, ZoneId.of("WSP-01"), Agency.POLICE),
                        Map.of(ZoneId.of("WSP-03"), "Farwell District", ZoneId.of("WSP-01"), "Larkwich District")))
                .hasMessageContaining("s.yml line 8: shocks[0].level.zones='Farwell': is a zone's name, not its id:"
                        + " write WSP-03; its zones are [WSP-01 (Larkwich District), WSP-03 (Farwell District)]");
    }

    @Test
    void theWithdrawalSweptIsTheFirstShocksShareAndAScenarioWithoutOneIsRefused(@TempDir Path dir) throws Exception {
        Path walkout = Path.of("..", "scenarios", "walkout.yml");
        String key = Sweep.KEYS.get("withdrawal");
        var read = ScenarioFile.read(walkout, OptionalLong.empty(), java.util.Map.of(key, "0.45"));
        assertThat(read.scenario().plan().shocks().getFirst())
                .isInstanceOfSatisfying(
                        org.muster.sim.des.Shock.WithdrawPeople.class,
                        w -> assertThat(w.share()).isEqualTo(0.45));
        Path plain = Files.writeString(dir.resolve("plain.yml"), MINIMAL_FOR_BASELINE);
        assertThatThrownBy(() -> ScenarioFile.read(plain, OptionalLong.empty(), java.util.Map.of(key, "0.3")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shocks.0.withdraw.people")
                .hasMessageContaining("which the scenario does not have");
        assertThatThrownBy(() -> ScenarioFile.read(walkout, OptionalLong.empty(), java.util.Map.of(key, "1.5")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("people='1.5'");
    }
}
