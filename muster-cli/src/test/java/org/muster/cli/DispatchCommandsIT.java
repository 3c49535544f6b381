package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.UnitFilter;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.GeneratedRegion;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;

/** The road and dispatch commands as a user runs them: generate, import, recommend. */
class DispatchCommandsIT {
    @TempDir
    static Path dir;

    static Path data;
    static String store;
    static GeneratedRegion region;

    @BeforeAll
    static void generateAndImport() {
        data = dir.resolve("data");
        store = "sqlite:" + dir.resolve("muster.db");
        Run gen = CommandLineTest.run("generate", "--out", dir.resolve("region").toString(), "--seed", "7");
        assertThat(gen.exit()).as(gen.err()).isZero();
        region = GeneratedRegion.read(dir.resolve("region"));
        Run imported = CommandLineTest.run("import", "osm", region.osmFile().toString(), "--data", data.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("ready in");
    }

    private static void execute(SingleWriter engine, String id, Command c) {
        engine.execute(new CommandEnvelope(CommandId.of(id), Actor.of("test"), "", c));
    }

    @Test
    void recommendRanksTheRegionsAmbulancesForACallInTheLog() {
        GeoPoint at;
        try (EventStore log = EventLogs.open(org.muster.store.StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            int n = 0;
            for (Command c : RegionCommands.of(region)) execute(engine, "setup-" + (n++), c);
            var unit = engine.state()
                    .listUnits(UnitFilter.ALL.withOrganisation(OrganisationId.of("MAS")))
                    .get(0);
            GeoPoint p = unit.position().orElseThrow().point();
            at = GeoPoint.of(p.lat() + 0.005, p.lon() + 0.005);
            execute(
                    engine,
                    "call-1",
                    new Command.CreateIncident(
                            IncidentId.of("CALL-1"),
                            OrganisationId.of("MAS"),
                            IncidentTypeCode.of("STROKE"),
                            Optional.empty(),
                            at,
                            "",
                            new TreeSet<>()));
        }
        Run r = CommandLineTest.run(
                "recommend",
                "CALL-1",
                "--store",
                store,
                "--data",
                data.toString(),
                "--osm",
                region.osmFile().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("CALL-1 STROKE C2", "needs DOUBLE_CREWED_AMBULANCE*1: 1 more", "* ", "by road");
        Run unknown = CommandLineTest.run(
                "recommend",
                "NOPE",
                "--store",
                store,
                "--data",
                data.toString(),
                "--osm",
                region.osmFile().toString());
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).contains("no incident with id 'NOPE'");
    }

    /**
     * With the service's configuration file, the command line judges and ranks as the service does: a force's
     * own target makes its slow emergency OVER on the board, and its rapid response cars, held for C1s, are not
     * recommended for a C4.
     */
    @Test
    void theBoardAndRecommendJudgeAndRankUnderTheServicesOwnConfiguration() throws Exception {
        String own = "sqlite:" + dir.resolve("configured.db");
        Path config = dir.resolve("muster.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "muster.store=" + own,
                        "muster.data=" + data,
                        "muster.targets.WSP.EMERGENCY=p90 5m",
                        "muster.dispatch.cars-held=1000",
                        ""));
        var clock = org.muster.engine.testing.TestClock.at("2026-11-20T18:00:00Z");
        try (EventStore log = EventLogs.open(org.muster.store.StoreConfig.parse(own));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), clock.asClock(), WriterConfig.DEFAULTS)) {
            int n = 0;
            for (Command c : RegionCommands.of(region)) execute(engine, "setup-" + (n++), c);
            var car = engine.state().listUnits(UnitFilter.ALL.withOrganisation(OrganisationId.of("WSP"))).stream()
                    .filter(u -> u.type() == org.muster.domain.unit.UnitType.POLICE_RESPONSE_CAR)
                    .findFirst()
                    .orElseThrow();
            GeoPoint p = car.position().orElseThrow().point();
            execute(engine, "rtc", org.muster.engine.testing.Commands.incident("RTC-1", "WSP", "RTC", p));
            execute(
                    engine,
                    "send",
                    org.muster.engine.testing.Commands.assign("RTC-1", car.id().value()));
            clock.advance(java.time.Duration.ofMinutes(10));
            execute(
                    engine,
                    "there",
                    org.muster.engine.testing.Commands.status(
                            car.id().value(), org.muster.domain.unit.UnitStatus.ON_SCENE));
            var ambulance = engine.state()
                    .listUnits(UnitFilter.ALL.withOrganisation(OrganisationId.of("MAS")))
                    .get(0);
            GeoPoint a = ambulance.position().orElseThrow().point();
            execute(
                    engine,
                    "fall",
                    org.muster.engine.testing.Commands.incident(
                            "FALL-1", "MAS", "FALL_NON_INJURY", GeoPoint.of(a.lat() + 0.005, a.lon() + 0.005)));
        }

        Run national = CommandLineTest.run("board", "--store", own, "--data", data.toString());
        assertThat(national.exit()).as(national.err()).isZero();
        assertThat(emergencyLine(national.out()))
                .as("police have no national target")
                .contains("1 calls")
                .doesNotContain("OVER");
        Run configured = CommandLineTest.run("board", "--config", config.toString());
        assertThat(configured.exit()).as(configured.err()).isZero();
        assertThat(emergencyLine(configured.out()))
                .as("the force's own 5 minutes, from the file, as its dashboard judges")
                .contains("1 calls")
                .endsWith("OVER");

        String osm = region.osmFile().toString();
        // a C4 fall without injury may have an ambulance or a rapid response car
        List<String> byDefault = rankedTypes(CommandLineTest.run(
                "recommend", "FALL-1", "--store", own, "--data", data.toString(), "--osm", osm, "--json", "--all"));
        assertThat(byDefault).contains("RAPID_RESPONSE_CAR", "DOUBLE_CREWED_AMBULANCE");
        List<String> holding = rankedTypes(CommandLineTest.run(
                "recommend", "FALL-1", "--config", config.toString(), "--osm", osm, "--json", "--all"));
        assertThat(holding)
                .as("the service holds its cars for C1s")
                .isNotEmpty()
                .containsOnly("DOUBLE_CREWED_AMBULANCE");

        Run missing = CommandLineTest.run(
                "board", "--config", dir.resolve("nothing.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--config", "nothing.yaml", "must be a readable .properties or .yaml file");
        Files.writeString(dir.resolve("bad.properties"), "muster.dispatch.rule=fastest\n");
        Run bad = CommandLineTest.run(
                "recommend", "FALL-1", "--config", dir.resolve("bad.properties").toString(), "--osm", osm);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("muster.dispatch.rule", "fastest");
    }

    private static String emergencyLine(String board) {
        return board.lines()
                .filter(l -> l.strip().startsWith("WSP") && l.contains("EMERGENCY"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no WSP EMERGENCY line in:\n" + board));
    }

    private static List<String> rankedTypes(Run r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> types = new java.util.ArrayList<>();
        for (var fill : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out())
                .path("fills"))
            for (var c : fill.path("ranked")) types.add(c.path("type").asText());
        return types;
    }

    @Test
    void withARoadNetworkThePipeTakesACallFarFromAnyRoadWithAWarning() {
        GeoPoint near = region.manifest().settlements().get(0).lat() == 0
                ? null
                : GeoPoint.of(
                        region.manifest().settlements().get(0).lat(),
                        region.manifest().settlements().get(0).lon());
        String lines = String.join(
                        "\n",
                        org.muster.store.DomainJson.writeCommand(new CommandEnvelope(
                                CommandId.of("p1"),
                                Actor.of("t"),
                                "",
                                new Command.RegisterOrganisation(
                                        OrganisationId.of("MAS"), "Midshire Ambulance Service", Agency.AMBULANCE))),
                        org.muster.store.DomainJson.writeCommand(new CommandEnvelope(
                                CommandId.of("p2"),
                                Actor.of("t"),
                                "",
                                new Command.CreateIncident(
                                        IncidentId.of("FAR"),
                                        OrganisationId.of("MAS"),
                                        IncidentTypeCode.of("FALL"),
                                        Optional.empty(),
                                        GeoPoint.of(55.0, -3.0),
                                        "",
                                        new TreeSet<>()))),
                        org.muster.store.DomainJson.writeCommand(new CommandEnvelope(
                                CommandId.of("p3"),
                                Actor.of("t"),
                                "",
                                new Command.CreateIncident(
                                        IncidentId.of("NEAR"),
                                        OrganisationId.of("MAS"),
                                        IncidentTypeCode.of("FALL"),
                                        Optional.empty(),
                                        near,
                                        "",
                                        new TreeSet<>()))),
                        "{\"id\":\"p4\",\"actor\":\"t\",\"type\":\"Teleport\",\"command\":{}}")
                + "\n";
        Run r = CommandLineTest.runWithInput(
                lines,
                "pipe",
                "--store",
                "sqlite:" + dir.resolve("pipe.db"),
                "--data",
                data.toString(),
                "--osm",
                region.osmFile().toString());
        // a control room never refuses a 999 call: the far one is taken, with the walk from the road in words
        assertThat(r.exit()).as("only the Teleport line is refused: " + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("1 line(s) refused, the first at line 4");
        String far = r.out()
                .lines()
                .filter(l -> l.contains("\"id\":\"p2\""))
                .findFirst()
                .orElseThrow();
        assertThat(far).contains("\"ok\":true").containsPattern("\"warnings\":\\[\"[^\"]*km[^\"]*road");
        assertThat(r.out()
                        .lines()
                        .filter(l -> l.contains("\"id\":\"p3\""))
                        .findFirst()
                        .orElseThrow())
                .contains("\"ok\":true")
                .doesNotContain("warnings");
        assertThat(r.out()).contains("\"id\":\"p4\"").contains("type='Teleport': must be one of");
    }

    @Test
    void badRoadFilesAreRefusedWithAClearError() throws Exception {
        Run missing = CommandLineTest.run(
                "import", "osm", dir.resolve("nothing.osm.pbf").toString(), "--data", data.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nothing.osm.pbf");
        Path empty = Files.createFile(dir.resolve("empty.osm.pbf"));
        Run refused = CommandLineTest.run("import", "osm", empty.toString(), "--data", data.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("empty.osm.pbf");
        Path speeds = Files.writeString(dir.resolve("speeds.properties"), "motorway = fast\nrunway = 2\n");
        Run badSpeeds = CommandLineTest.run(
                "import",
                "osm",
                region.osmFile().toString(),
                "--data",
                data.toString(),
                "--emergency-speeds",
                speeds.toString());
        assertThat(badSpeeds.exit()).isEqualTo(2);
        assertThat(badSpeeds.err()).contains("motorway='fast'", "runway='2'");
        Files.writeString(speeds, "motorway = 1.3\nresidential = 1.1\nmax_kmh = 120\n");
        Run goodSpeeds = CommandLineTest.run(
                "import",
                "osm",
                region.osmFile().toString(),
                "--data",
                data.toString(),
                "--emergency-speeds",
                speeds.toString());
        assertThat(goodSpeeds.exit()).as(goodSpeeds.err()).isZero();
        Run badGenerated =
                CommandLineTest.run("bench", "dispatch", "--osm", "generated:lots", "--data", data.toString());
        assertThat(badGenerated.exit()).isEqualTo(2);
        assertThat(badGenerated.err()).contains("--osm", "generated:JUNCTIONS");
    }

    private static Run importZones(Path file, String org, String nameProperty, String store) {
        return CommandLineTest.run(
                "import",
                "zones",
                file.toString(),
                "--org",
                org,
                "--name-property",
                nameProperty,
                "--store",
                store,
                "--data",
                data.toString());
    }

    @Test
    void policeForceAreasImportAsZonesOfAnOrganisation() throws Exception {
        Path shared = Path.of(
                System.getProperty("muster.shared.dir", "../../shared"), "data", "police_force_areas_ew_2020.geojson");
        assumeTrue(Files.isReadable(shared), "skipped: " + shared.toAbsolutePath() + " is absent");
        String zoneStore = "sqlite:" + dir.resolve("zones.db");
        try (EventStore log = EventLogs.open(org.muster.store.StoreConfig.parse(zoneStore));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            execute(
                    engine,
                    "org",
                    new Command.RegisterOrganisation(
                            OrganisationId.of("EW"), "Police forces of England and Wales", Agency.POLICE));
        }
        Run r = importZones(shared, "EW", "PFA20NM", zoneStore);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("43 zones of EW (43 new, 1 repaired)");
        assertThat(data.resolve("zones").resolve("EW.geojson")).exists();
        Run again = importZones(shared, "EW", "PFA20NM", zoneStore);
        assertThat(again.out()).contains("(0 new");
        Run wrongProperty = importZones(shared, "EW", "NOPE", zoneStore);
        assertThat(wrongProperty.exit()).isEqualTo(2);
        assertThat(wrongProperty.err()).contains("features[0].properties.NOPE");
        Run unknownOrg = importZones(shared, "XX", "PFA20NM", zoneStore);
        assertThat(unknownOrg.exit()).isEqualTo(3);
        assertThat(CommandLineTest.run("state", "--store", zoneStore).out()).contains("43 zones");
    }
}
