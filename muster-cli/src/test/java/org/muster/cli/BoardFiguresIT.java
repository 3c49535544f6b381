package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.zone.ZoneDirectory;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * {@code muster board}'s response times and rerouted calls are the service's own: a zone downgraded in the
 * night after a day of calls served from outside it reroutes none of that day's calls, and suspends the targets
 * of none of them. The reference is {@link ResponseTimes} fed live by the writer, as the service feeds the figures
 * {@code /api/v1/kpis} and {@code /api/v1/kpis/zones} answer with, on the same log.
 */
class BoardFiguresIT {
    private static final ZoneId NORTH = ZoneId.of("AMB-N");
    /** Inside North; the units stand at the centre, outside it. */
    private static final GeoPoint HOTSPOT = GeoPoint.of(52.65, -0.75);

    private static final String NORTH_ZONE = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
            + "\"properties\":{\"zone_id\":\"AMB-N\",\"name\":\"North\",\"organisation\":\"AMB\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[-0.8,52.63],[-0.72,52.63],[-0.72,52.67],[-0.8,52.67],[-0.8,52.63]]]}}]}\n";

    @TempDir
    Path dir;

    /** What the live figures said at one moment. */
    private record Figures(Map<java.time.LocalDate, Integer> rerouted, ResponseStats c2) {
        static Figures of(ResponseTimes live, Instant now) {
            return new Figures(
                    live.reroutedIn(NORTH),
                    live.statsForOrganisation(org("AMB"), Priority.C2, ResponseTimes.Window.DAY, now));
        }
    }

    @Test
    void theBoardJudgesEachCallByTheZonesLevelWhenItHappenedAsTheServiceDoes() throws Exception {
        // laid out as a demo's folder: its store, and its zones beside it
        Path data = dir;
        Files.createDirectories(data.resolve("zones"));
        Files.writeString(data.resolve("zones").resolve("AMB.geojson"), NORTH_ZONE);
        String store = "sqlite:" + dir.resolve("muster.db");
        // the rules the board makes from the same data directory, with no configuration
        Rules rules = MusterProperties.of(Map.of()).rules(ZoneDirectory.load(data.resolve("zones")), Optional.empty());
        TestClock clock = TestClock.at("2026-12-04T18:00:00Z");
        Figures whileDowngraded;
        Figures atMidnight;
        long downgradedUpTo;
        Figures atEnd;
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS.withSnapshotEveryEvents(25))) {
            // fed and saved as the service feeds and saves its figures, so the board restores from snapshots too
            ResponseTimes live = new ResponseTimes(rules, ResponseTargets.DEFAULTS, log.responses());
            engine.subscribe(ProjectionFeed.continuing(List.of(live), engine.state()));
            engine.saveWithSnapshots(live);
            TestRegion.commands().forEach(engine::execute);
            // the evening before: North is NORMAL, and its calls are served from the centre
            for (int i = 1; i <= 3; i++) respond(engine, clock, "EVE-" + i, "A1", HOTSPOT, Duration.ofMinutes(10 + i));
            engine.execute(env(incident("LATE", "AMB", "STROKE", HOTSPOT)));
            // the board at the evening's midnight: the day's situation report must give the same
            atMidnight = Figures.of(live, Instant.parse("2026-12-05T00:00:00Z"));
            // the night: North downgraded, and a call there served from outside is rerouted
            clock.set(Instant.parse("2026-12-05T02:21:00Z"));
            engine.execute(env(
                    new Command.SetOperatingLevel(NORTH, OperatingLevel.DOWNGRADED, Optional.empty()),
                    "no crews north"));
            respond(engine, clock, "NIGHT-1", "A2", HOTSPOT, Duration.ofMinutes(30));
            respond(engine, clock, "NIGHT-2", "A3", TestRegion.CENTRE, Duration.ofMinutes(9));
            downgradedUpTo = engine.state().sequence();
            // as board --at the event says them: at that event's time
            whileDowngraded = Figures.of(
                    live,
                    log.listRange(downgradedUpTo - 1, downgradedUpTo).getFirst().at());
            // and back to NORMAL: what happened in the night stays as it was counted
            clock.advance(Duration.ofMinutes(5));
            engine.execute(
                    env(new Command.SetOperatingLevel(NORTH, OperatingLevel.NORMAL, Optional.empty()), "crews back"));
            // the ambulance service's targets suspended, as an escalation level does: the board says so, as the
            // dashboard and GET /kpis do
            engine.execute(env(new Command.SuspendTargets(org("AMB"), true), "REAP 4: targets suspended"));
            atEnd = Figures.of(live, clock.instant());
            // snapshots are written off the writer's thread: on a loaded machine the first may still be on its way
            Map<String, Class<?>> parts = Map.of(live.name(), live.mementoType());
            for (int waited = 0;
                    waited < 200
                            && log.findSnapshotAtOrBefore(downgradedUpTo, parts).isEmpty();
                    waited++) Thread.sleep(50);
            assertThat(log.findSnapshotAtOrBefore(downgradedUpTo, parts))
                    .as("a snapshot with the figures saved beside it, for the board to start from")
                    .hasValueSatisfying(s -> assertThat(s.parts()).containsKey(live.name()));
        }
        assertThat(whileDowngraded.rerouted()).isEqualTo(Map.of(java.time.LocalDate.parse("2026-12-05"), 1));
        assertThat(whileDowngraded.c2().count())
                .as("the evening's three and the centre's one; the night's in North has its targets suspended")
                .isEqualTo(4);

        Run now = CommandLineTest.run("board", "--store", store, "--data", data.toString());
        assertThat(now.exit()).as(now.err()).isZero();
        assertThat(now.out()).contains("AMB        targets suspended by the escalation level");
        assertMatches(now.out(), atEnd);
        assertThat(atEnd.c2().breachesMean())
                .as("the late call, waiting all night, would breach C2's mean were the targets in force")
                .isTrue();
        assertThat(now.out().lines().filter(l -> l.startsWith("  AMB ")).toList())
                .as("no figure is OVER while the escalation level has suspended the targets, as on /kpis")
                .isNotEmpty()
                .noneMatch(l -> l.contains("OVER"));
        // the folder named as ./muster project --dir names a demo's
        Run byFolder = CommandLineTest.run("board", "--dir", dir.toString());
        assertThat(byFolder.exit()).as(byFolder.err()).isZero();
        assertThat(byFolder.out()).isEqualTo(now.out());
        // and so do the other commands that read a demo's log
        for (List<String> command : List.of(List.of("state"), List.of("audit", "verify"), List.of("aid", "hours"))) {
            List<String> byDir = new ArrayList<>(command);
            byDir.addAll(List.of("--dir", dir.toString()));
            List<String> byStore = new ArrayList<>(command);
            byStore.addAll(List.of("--store", store));
            Run a = CommandLineTest.run(byDir.toArray(String[]::new));
            Run b = CommandLineTest.run(byStore.toArray(String[]::new));
            assertThat(a.exit()).as(command + ": " + a.err()).isZero();
            assertThat(a.out()).as(command.toString()).isEqualTo(b.out());
        }
        Run both = CommandLineTest.run("board", "--dir", dir.toString(), "--store", store);
        assertThat(both.exit()).isNotZero();
        assertThat(both.err()).contains("--dir", "give it alone");
        Run empty = CommandLineTest.run("board", "--dir", dir.resolve("nothing").toString());
        assertThat(empty.exit()).isNotZero();
        assertThat(empty.err()).contains("--dir", "must hold a demo's store, muster.db");
        // the day's situation report reads the same folder, and gives the same report as by --store and --data
        Run sitrep = CommandLineTest.run(
                "report", "sitrep", "--date", "2026-12-05", "--json", "--store", store, "--data", data.toString());
        assertThat(sitrep.exit()).as(sitrep.err()).isZero();
        Run sitrepByFolder =
                CommandLineTest.run("report", "sitrep", "--date", "2026-12-05", "--json", "--dir", dir.toString());
        assertThat(sitrepByFolder.exit()).as(sitrepByFolder.err()).isZero();
        assertThat(sitrepByFolder.out()).contains("\"rerouted\"").isEqualTo(sitrep.out());
        // the night's rerouted calls in the day's report are the live count for that day
        JsonNode reroutedThatDay = new ObjectMapper().readTree(sitrep.out()).get("rerouted");
        // the day ends with the ambulance service's targets suspended: its report holds no breach, as the board
        for (JsonNode r : new ObjectMapper().readTree(sitrep.out()).get("responses"))
            if (r.get("organisation").asText().equals("AMB"))
                assertThat(r.get("breachesMean").asBoolean()
                                || r.get("breachesP90").asBoolean())
                        .as("AMB " + r.get("priority").asText() + " while its targets are suspended: " + r)
                        .isFalse();
        assertThat(reroutedThatDay).hasSize(1);
        assertThat(reroutedThatDay.get(0).get("calls").asInt())
                .isEqualTo(atEnd.rerouted().get(java.time.LocalDate.parse("2026-12-05")));
        // the evening's report: its response times are the board's at its midnight, read from the snapshots
        Run evening =
                CommandLineTest.run("report", "sitrep", "--date", "2026-12-04", "--json", "--dir", dir.toString());
        assertThat(evening.exit()).as(evening.err()).isZero();
        JsonNode eveningC2 = null;
        for (JsonNode r : new ObjectMapper().readTree(evening.out()).get("responses"))
            if (r.get("priority").asText().equals("C2")) eveningC2 = r;
        assertThat(eveningC2).as(evening.out()).isNotNull();
        assertThat(eveningC2.get("reached").asInt())
                .isEqualTo(atMidnight.c2().count())
                .isEqualTo(3);
        assertThat(eveningC2.get("waiting").asInt())
                .as("the late call, still waiting at midnight")
                .isEqualTo(atMidnight.c2().waiting())
                .isEqualTo(1);
        JsonNode mean = eveningC2.get("mean");
        assertThat(mean.isTextual() ? Duration.parse(mean.asText()).toMillis() : (long) (mean.asDouble() * 1000))
                .isEqualTo(atMidnight.c2().mean().orElseThrow().toMillis());
        Run sitrepBoth = CommandLineTest.run(
                "report", "sitrep", "--date", "2026-12-05", "--json", "--dir", dir.toString(), "--data", ".");
        assertThat(sitrepBoth.exit()).isNotZero();
        assertThat(sitrepBoth.err()).contains("--dir", "give it alone");

        Run then = CommandLineTest.run(
                "board", "--at", String.valueOf(downgradedUpTo), "--store", store, "--data", data.toString());
        assertThat(then.exit()).as(then.err()).isZero();
        assertThat(then.out()).contains("DOWNGRADED by tester (no crews north)");
        assertMatches(then.out(), whileDowngraded);
    }

    /**
     * {@code muster board --at} and the API's {@code /history} (the auditor's Audit tab) look back by the one rule
     * ({@code Recovery.asAt}): each unit placed at its last reported position at or before the instant, which the
     * log does not hold. Two ambulances standing by in North at 23:20 are North's capacity then on both faces, and
     * the rerouted calls are the same, though by morning both stood at the centre again.
     */
    @Test
    void boardAtAndTheHistoryPlaceTheUnitsWhereTheyStoodAtTheInstant() throws Exception {
        Files.createDirectories(dir.resolve("zones"));
        Files.writeString(dir.resolve("zones").resolve("AMB.geojson"), NORTH_ZONE);
        String store = "sqlite:" + dir.resolve("muster.db");
        TestClock clock = TestClock.at("2026-11-20T21:00:00Z");
        Instant then;
        CapacityBoard.ZoneCapacity north;
        Map<java.time.LocalDate, Integer> reroutedThen;
        try (MusterNode node = MusterNode.start(
                MusterProperties.of(Map.of("muster.store", store, "muster.data", dir.toString())), clock.asClock())) {
            TestRegion.commands().forEach(c -> node.engine().execute(c));
            node.engine().execute(env(new Command.SetSafeMinimum(NORTH, UnitType.DOUBLE_CREWED_AMBULANCE, 2)));
            // two ambulances standing by in North: reports kept beside the log, not in it
            clock.advance(Duration.ofMinutes(10));
            node.engine().execute(env(new Command.ReportPosition(UnitId.of("A1"), HOTSPOT)));
            node.engine().execute(env(new Command.ReportPosition(UnitId.of("A2"), GeoPoint.of(52.64, -0.78))));
            clock.advance(Duration.ofMinutes(10));
            node.engine()
                    .execute(env(
                            new Command.SetOperatingLevel(NORTH, OperatingLevel.DOWNGRADED, Optional.empty()),
                            "no crews north"));
            // a call in North served from the centre: rerouted
            node.engine().execute(env(incident("NIGHT-1", "AMB", "STROKE", HOTSPOT)));
            node.engine().execute(env(assign("NIGHT-1", "A3")));
            clock.advance(Duration.ofHours(2));
            then = clock.instant();
            // by morning both are back at the centre, and the log has gone on
            clock.advance(Duration.ofHours(4));
            node.engine().execute(env(new Command.ReportPosition(UnitId.of("A1"), TestRegion.CENTRE)));
            node.engine().execute(env(new Command.ReportPosition(UnitId.of("A2"), TestRegion.CENTRE)));
            node.engine().execute(env(status("A3", UnitStatus.ON_SCENE)));
            // what GET /api/v1/history?at= answers with for a viewer who sees every unit
            MusterNode.History past = node.history(then, u -> true);
            north = node.capacity().compute(past.state()).findZone(NORTH).orElseThrow();
            reroutedThen = past.responses().reroutedIn(NORTH);
        }
        assertThat(north.lines())
                .as("the history counts the two standing by in North")
                .singleElement()
                .satisfies(l -> assertThat(l.available()).isEqualTo(2));
        assertThat(reroutedThen).isEqualTo(Map.of(java.time.LocalDate.parse("2026-11-20"), 1));

        Run board = CommandLineTest.run("board", "--at", then.toString(), "--dir", dir.toString());
        assertThat(board.exit()).as(board.err()).isZero();
        var line = north.lines().getFirst();
        assertThat(board.out())
                .as(board.out())
                .contains(String.format(
                        "      %-30s %d available, minimum %d: %s%n",
                        line.type(), line.available(), line.minimum(), line.colour()))
                .doesNotContain("NO DOUBLE_CREWED_AMBULANCE");
        List<String> rerouted = new ArrayList<>();
        reroutedThen.forEach((day, n) -> rerouted.add("      rerouted on " + day + ": " + n));
        assertThat(board.out().lines().filter(l -> l.contains("rerouted on")).toList())
                .as(board.out())
                .containsExactlyInAnyOrderElementsOf(rerouted);
    }

    private static void respond(
            SingleWriter engine, TestClock clock, String id, String unit, GeoPoint at, Duration after) {
        engine.execute(env(incident(id, "AMB", "STROKE", at)));
        engine.execute(env(assign(id, unit)));
        clock.advance(after);
        engine.execute(env(status(unit, UnitStatus.ON_SCENE)));
        engine.execute(env(status(unit, UnitStatus.AVAILABLE)));
        clock.advance(Duration.ofMinutes(20));
    }

    private static void assertMatches(String board, Figures live) {
        List<String> rerouted = new ArrayList<>();
        live.rerouted().forEach((day, n) -> rerouted.add("      rerouted on " + day + ": " + n));
        assertThat(board.lines().filter(l -> l.contains("rerouted on")).toList())
                .as(board)
                .containsExactlyInAnyOrderElementsOf(rerouted);
        ResponseStats c2 = live.c2();
        assertThat(board.lines().filter(l -> l.startsWith("  AMB        C2 ")).toList())
                .as(board)
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith(String.format(
                                "  AMB        C2         %4d calls%s  mean %s",
                                c2.count(), notReached(c2), words(c2.mean().orElseThrow())))
                        .contains("90th " + words(c2.p90().orElseThrow())));
    }

    /** The calls not reached yet, as the board writes them beside the count: ", 1 not reached (oldest 8 h 9 min)". */
    private static String notReached(ResponseStats s) {
        if (s.waiting() == 0) return "";
        return ", " + s.waiting() + " not reached"
                + s.oldestWait().map(w -> " (oldest " + words(w) + ")").orElse("");
    }

    /** A duration as the board writes it. */
    private static String words(Duration d) {
        long s = d.toSeconds();
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600) / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
}
