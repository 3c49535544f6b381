package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.decline;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.requestAid;
import static org.muster.engine.testing.Commands.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.major.MajorIncidentArea;
import org.muster.domain.major.MajorIncidentId;
import org.muster.domain.major.Methane;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * {@code muster report sitrep}: a day of calls, an arrival, a downgraded zone, mutual aid asked and
 * declined, REAP 3 and a major incident with two METHANE reports, written to a SQLite log; the report's
 * figures are checked against the log's own events, and the day before reports none of them.
 */
class SitrepCommandTest {
    private static final GeoPoint AT = TestRegion.CENTRE;
    /** Inside zone AMB-N, which the units at the centre are outside of. */
    private static final GeoPoint NORTH = GeoPoint.of(52.65, -0.75);

    private static final String NORTH_ZONE = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
            + "\"properties\":{\"zone_id\":\"AMB-N\",\"name\":\"North\",\"organisation\":\"AMB\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[-0.8,52.63],[-0.72,52.63],[-0.72,52.67],[-0.8,52.67],[-0.8,52.63]]]}}]}\n";

    @TempDir
    Path dir;

    @Test
    void theSitrepsFiguresAreTheLogs() throws Exception {
        String store = "sqlite:" + dir.resolve("muster.db");
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("zones"));
        Files.writeString(data.resolve("zones").resolve("AMB.geojson"), NORTH_ZONE);
        // the rules the report makes from the data directory, and the live figures the board and the API give
        Rules rules = org.muster.server.MusterProperties.of(Map.of())
                .rules(org.muster.geo.zone.ZoneDirectory.load(data.resolve("zones")), Optional.empty());
        ResponseTimes live = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
        TestClock clock = TestClock.at("2026-11-22T00:30:00Z");
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS)) {
            engine.subscribe(ProjectionFeed.continuing(List.of(live), engine.state()));
            TestRegion.commands().forEach(engine::execute);
            clock.set(java.time.Instant.parse("2026-11-23T08:05:00Z"));
            engine.execute(env(incident("A-1", "AMB", "CARDIAC_ARREST", AT)));
            engine.execute(env(incident("A-2", "AMB", "FALL", AT)));
            engine.execute(env(incident("P-1", "POL", "THEFT_REPORT", AT)));
            engine.execute(env(assign("A-1", "A1")));
            engine.execute(env(status("A1", UnitStatus.EN_ROUTE)));
            clock.advance(Duration.ofMinutes(6));
            engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
            clock.set(java.time.Instant.parse("2026-11-23T14:20:00Z"));
            engine.execute(env(incident("A-3", "AMB", "STROKE", AT)));
            engine.execute(env(
                    new Command.SetOperatingLevel(ZoneId.of("AMB-N"), OperatingLevel.DOWNGRADED, Optional.empty()),
                    "walkout: no crews north"));
            // a call in the downgraded zone, served from the centre: rerouted
            engine.execute(env(incident("A-4", "AMB", "STROKE", NORTH)));
            engine.execute(env(assign("A-4", "A2")));
            engine.execute(env(requestAid(
                    "R1",
                    "AMB",
                    AidNeed.units(UnitType.POLICE_RESPONSE_CAR, 1, Set.of()),
                    AT,
                    clock.instant().plus(Duration.ofHours(1)),
                    "POL")));
            engine.execute(env(decline("R1", "POL", "no cars to spare")));
            // two cars asked, one lent: filled in part, which is not "nothing filled"
            engine.execute(env(requestAid(
                    "R2",
                    "AMB",
                    AidNeed.units(UnitType.POLICE_RESPONSE_CAR, 2, Set.of()),
                    AT,
                    clock.instant().plus(Duration.ofHours(1)),
                    "POL")));
            engine.execute(env(org.muster.engine.testing.Commands.offer("O1", "R2", "POL", "P3")));
            engine.execute(env(org.muster.engine.testing.Commands.accept("R2", "O1", "P3")));
            engine.execute(env(new Command.SetEscalationLevel(org("AMB"), 3), "severe pressure"));
            MajorIncidentId mi = MajorIncidentId.of("MI-1");
            engine.execute(env(
                    new Command.DeclareMajorIncident(
                            mi, org("AMB"), "Pile-up", AT, MajorIncidentArea.circle(AT, 500), false),
                    "motorway pile-up"));
            Methane methane = new Methane("declared", "M1 J21", "pile-up", "fuel", "southbound", "P1 4", "AMB 3");
            engine.execute(env(new Command.FileMethaneReport(mi, org("AMB"), methane)));
            engine.execute(env(new Command.FileMethaneReport(mi, org("AMB"), methane)));
        }

        Path out = dir.resolve("reports");
        Run written = CommandLineTest.run(
                "report",
                "sitrep",
                "--date",
                "2026-11-23",
                "--store",
                store,
                "--data",
                data.toString(),
                "--out",
                out.toString());
        assertThat(written.exit()).as(written.err()).isZero();
        String html = Files.readString(out.resolve("sitrep-2026-11-23.html"));
        assertThat(html).contains("Situation report 2026-11-23", "<svg", "AMB-N", "DOWNGRADED", "Pile-up");
        assertThat(html).contains("<th>Filled in part</th>");
        // the police theft report has no target: its row says so rather than "0 within target"
        assertThat(html)
                .containsPattern("<tr><td>POL</td><td>[A-Z]+</td>(<td>[^<]*</td>){9}<td>—</td></tr>")
                .doesNotContainPattern("<tr><td>POL</td><td>[A-Z]+</td>(<td>[^<]*</td>){9}<td>0</td></tr>");
        JsonNode r = new ObjectMapper().readTree(Files.readString(out.resolve("sitrep-2026-11-23.json")));

        // the day's events, counted straight from the log
        Map<String, Integer> calls = new HashMap<>();
        int aidAsked = 0, declined = 0, methaneFiled = 0;
        try (EventStore log = EventLogs.open(StoreConfig.parse(store))) {
            List<RecordedEvent> day = log.listRange(
                    r.get("firstSequence").asLong() - 1, r.get("lastSequence").asLong());
            assertThat(day).allSatisfy(e -> assertThat(e.at().toString()).startsWith("2026-11-23"));
            for (RecordedEvent e : day) {
                switch (e.event()) {
                    case Event.IncidentCreated c ->
                        calls.merge(c.incident().organisation().value(), 1, Integer::sum);
                    case Event.AidRequested a -> aidAsked++;
                    case Event.AidDeclined d -> declined++;
                    case Event.MethaneReportFiled m -> methaneFiled++;
                    default -> {}
                }
            }
        }
        assertThat(calls).isEqualTo(Map.of("AMB", 4, "POL", 1));
        for (JsonNode d : r.get("demand")) {
            assertThat(d.get("calls").asInt())
                    .isEqualTo(calls.get(d.get("organisation").asText()));
            int byHour = 0;
            for (JsonNode h : d.get("byHour")) byHour += h.asInt();
            assertThat(byHour).isEqualTo(d.get("calls").asInt());
        }
        assertThat(r.get("demand").get(0).get("byHour").get(8).asInt()).isEqualTo(2);
        assertThat(r.get("demand").get(0).get("byHour").get(14).asInt()).isEqualTo(2);

        JsonNode c1 = find(r.get("responses"), "priority", "C1");
        assertThat(c1.get("reached").asInt()).isEqualTo(1);
        assertThat(seconds(c1.get("mean"))).isEqualTo(360.0);
        assertThat(c1.get("withinTarget").asInt())
                .as("6 minutes against C1's 7")
                .isEqualTo(1);
        // A-3 waits; A-4 came in while its zone was downgraded: judged against no target, as the boards leave it
        JsonNode c2 = find(r.get("responses"), "priority", "C2");
        assertThat(c2.get("waiting").asInt()).isEqualTo(1);
        // the log ends that afternoon: the report stands at its last event, as the board does, and judges the
        // waiting call's wait to then, not on to midnight
        assertThat(r.get("asOf").asText()).isEqualTo(clock.instant().toString());
        var atMidnight = live.statsForOrganisation(
                org("AMB"), org.muster.domain.incident.Priority.C2, ResponseTimes.Window.DAY, clock.instant());
        assertThat(c2.get("waiting").asInt()).isEqualTo(atMidnight.waiting());
        assertThat(c2.get("waitingOverTarget").asInt()).isEqualTo(atMidnight.waitingOverTarget());
        assertThat(c2.get("breachesMean").asBoolean()).isEqualTo(atMidnight.breachesMean());
        assertThat(c2.get("notJudged").asInt()).isEqualTo(1);
        assertThat(live.listOpen())
                .filteredOn(o -> o.incident().id().value().equals("A-4"))
                .singleElement()
                .satisfies(o -> assertThat(o.suspended()).isTrue());
        // a priority with no target has no figure within it, as the API's compliance has none
        for (JsonNode x : r.get("responses"))
            if (x.get("organisation").asText().equals("POL"))
                assertThat(x.path("withinTarget").isNull()
                                || x.path("withinTarget").isMissingNode())
                        .as(x.toString())
                        .isTrue();

        // rerouted as the engine counts it for the board and the API: a downgraded zone's call served from outside
        assertThat(live.reroutedIn(ZoneId.of("AMB-N"))).isEqualTo(Map.of(java.time.LocalDate.parse("2026-11-23"), 1));
        assertThat(r.get("rerouted")).hasSize(1);
        assertThat(r.get("rerouted").get(0).get("zone").asText()).isEqualTo("AMB-N");
        assertThat(r.get("rerouted").get(0).get("organisation").asText()).isEqualTo("AMB");
        assertThat(r.get("rerouted").get(0).get("calls").asInt()).isEqualTo(1);
        assertThat(r.get("acrossOrganisations"))
                .as("no unit served another organisation's call")
                .isEmpty();

        assertThat(r.get("zoneChanges")).hasSize(1);
        assertThat(r.get("zoneChanges").get(0).get("reason").asText()).isEqualTo("walkout: no crews north");
        int asked = 0, declinedInReport = 0;
        for (JsonNode a : r.get("aid")) {
            asked += a.get("asked").asInt();
            declinedInReport += a.get("declined").asInt();
        }
        assertThat(asked)
                .as("AMB's two requests for police cars and REAP 3's automatic one")
                .isEqualTo(aidAsked)
                .isEqualTo(3);
        JsonNode amb = null;
        for (JsonNode a : r.get("aid")) if (a.get("requester").asText().equals("AMB")) amb = a;
        assertThat(amb.get("partlyFilled").asInt()).as("R2: one car of two").isEqualTo(1);
        assertThat(amb.get("filled").asInt()).isZero();
        assertThat(declinedInReport).isEqualTo(declined).isEqualTo(1);
        assertThat(r.get("escalations").get(0).get("to").asInt()).isEqualTo(3);
        assertThat(r.get("majorIncidents").get(0).get("methaneReports").asInt())
                .isEqualTo(methaneFiled)
                .isEqualTo(2);

        Run before = CommandLineTest.run(
                "report", "sitrep", "--date", "2026-11-21", "--json", "--store", store, "--data", data.toString());
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(new ObjectMapper().readTree(before.out()).get("demand")).isEmpty();
    }

    /** A duration as the JSON writes it: an ISO-8601 text, or seconds. */
    private static double seconds(JsonNode d) {
        return d.isTextual() ? Duration.parse(d.asText()).toMillis() / 1000.0 : d.asDouble();
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) if (n.get(field).asText().equals(value)) return n;
        throw new AssertionError(value + " not in " + list);
    }
}
