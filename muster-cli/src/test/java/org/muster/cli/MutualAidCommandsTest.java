package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * Mutual aid from the command line: requests, answers, deployment and release as JSON lines through
 * {@code pipe}, then {@code aid suggest} and {@code aid hours} reading the log.
 */
class MutualAidCommandsTest {
    @TempDir
    Path dir;

    private static String line(String id, String type, String command) {
        return "{\"id\":\"" + id + "\",\"actor\":\"ops-1\",\"reason\":\"mutual aid\",\"type\":\"" + type
                + "\",\"command\":" + command + "}";
    }

    private static String request(String id, String unitType, int count, String... addressees) {
        return "{\"id\":\"" + id + "\",\"requester\":\"NBR\",\"need\":{\"unitType\":\"" + unitType
                + "\",\"skill\":null,\"count\":" + count + ",\"capabilities\":[\"ARMED\"]},"
                + "\"rendezvous\":{\"lat\":52.66,\"lon\":-0.64},\"reportBy\":\"2099-01-01T00:00:00Z\","
                + "\"duration\":\"PT8H\",\"reason\":\"armed stand-off at the docks\",\"priority\":\"URGENT\","
                + "\"addressees\":{\"organisations\":[" + String.join(",", addressees)
                + "],\"region\":null,\"nationalCoordinator\":false},\"draft\":false}";
    }

    @Test
    void aidGoesInThroughPipeAndIsSuggestedAndCountedInHours() {
        String store = "sqlite:" + dir.resolve("muster.db");
        Path data = dir.resolve("data");
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            TestRegion.commands().forEach(engine::execute);
            TestRegion.policeForce("NBR", GeoPoint.of(52.65, -0.65), "NBR-ARV1").forEach(engine::execute);
            TestRegion.policeForce("WEST", GeoPoint.of(52.45, -0.95), "WEST-ARV1", "WEST-ARV2")
                    .forEach(engine::execute);
            // a force with no armed units to spare, which declines (aid goes only to the agency that fields the type)
            TestRegion.policeForce("EAST", GeoPoint.of(52.55, -0.45)).forEach(engine::execute);
        }
        Run piped = CommandLineTest.runWithInput(
                String.join(
                                "\n",
                                line(
                                        "r1",
                                        "RequestAid",
                                        request("R1", "ARMED_RESPONSE_VEHICLE", 2, "\"POL\"", "\"WEST\"", "\"EAST\"")),
                                line(
                                        "r2",
                                        "RequestAid",
                                        request("R2", "ARMED_RESPONSE_VEHICLE", 1, "\"POL\"", "\"WEST\"")),
                                line("bad-count", "RequestAid", request("R3", "ARMED_RESPONSE_VEHICLE", 0, "\"POL\"")),
                                line("bad-type", "RequestAid", request("R3", "TANK", 1, "\"POL\"")),
                                line("bad-org", "RequestAid", request("R3", "ARMED_RESPONSE_VEHICLE", 1, "\"GHOST\"")),
                                line(
                                        "d1",
                                        "DeclineAid",
                                        "{\"request\":\"R1\",\"organisation\":\"EAST\",\"reason\":\"no armed units\"}"),
                                line(
                                        "o1",
                                        "OfferAid",
                                        "{\"id\":\"O1\",\"request\":\"R1\",\"offerer\":\"POL\",\"units\":[\"ARV1\"],\"provisional\":false,\"note\":\"\"}"),
                                line("a1", "AcceptOffer", "{\"request\":\"R1\",\"offer\":\"O1\",\"units\":[]}"),
                                line(
                                        "o2",
                                        "OfferAid",
                                        "{\"id\":\"O2\",\"request\":\"R1\",\"offerer\":\"WEST\",\"units\":[\"WEST-ARV1\"],\"provisional\":false,\"note\":\"\"}"),
                                line(
                                        "o-race",
                                        "OfferAid",
                                        "{\"id\":\"O3\",\"request\":\"R2\",\"offerer\":\"WEST\",\"units\":[\"WEST-ARV1\"],\"provisional\":false,\"note\":\"\"}"),
                                line(
                                        "o-ghost",
                                        "OfferAid",
                                        "{\"id\":\"O4\",\"request\":\"R2\",\"offerer\":\"WEST\",\"units\":[\"NOPE\"],\"provisional\":false,\"note\":\"\"}"),
                                line("a2", "AcceptOffer", "{\"request\":\"R1\",\"offer\":\"O2\",\"units\":[]}"),
                                line("dep", "DeployAid", "{\"request\":\"R1\",\"units\":[]}"),
                                line(
                                        "arr",
                                        "ChangeUnitStatus",
                                        "{\"unit\":\"ARV1\",\"status\":\"AT_RENDEZVOUS\",\"reason\":null,\"hospital\":null}"))
                        + "\n",
                "pipe",
                "--store",
                store,
                "--data",
                data.toString());
        // some lines were refused (on purpose): the exit code says so, the others were applied
        assertThat(piped.exit()).as(piped.err()).isEqualTo(1);
        String out = piped.out();
        for (String ok : new String[] {"r1", "r2", "d1", "o1", "a1", "o2", "a2", "dep", "arr"})
            assertThat(out).contains("\"id\":\"" + ok + "\",\"last_sequence\"");
        assertThat(out)
                .contains("\"error\":\"invalid\",\"id\":\"bad-count\"", "command.need.count='0': must be at least 1")
                .contains("\"id\":\"bad-type\"", "TANK")
                .contains("\"error\":\"not_found\",\"id\":\"bad-org\"", "GHOST")
                .contains("\"error\":\"conflict\",\"id\":\"o-race\"", "already offered to mutual aid request R1")
                .contains("\"error\":\"not_found\",\"id\":\"o-ghost\"", "NOPE");

        Run suggest = CommandLineTest.run("aid", "suggest", "R2", "--store", store, "--data", data.toString());
        assertThat(suggest.exit()).as(suggest.err()).isZero();
        assertThat(suggest.out())
                .contains("R2 by NBR", "1 still needed", "WEST", "WEST-ARV2", "can spare 1 of 1")
                .contains("NOTE: travel times are straight-line estimates");
        Run suggestJson =
                CommandLineTest.run("aid", "suggest", "R2", "--json", "--store", store, "--data", data.toString());
        assertThat(suggestJson.out()).contains("\"request\":\"R2\"", "\"suggestions\":[", "\"byRoad\":false");
        Run filled = CommandLineTest.run("aid", "suggest", "R1", "--store", store, "--data", data.toString());
        assertThat(filled.exit()).isEqualTo(4);
        assertThat(filled.err()).contains("DEPLOYED");

        Run hours = CommandLineTest.run("aid", "hours", "--store", store);
        assertThat(hours.exit()).as(hours.err()).isZero();
        assertThat(hours.out()).contains("ARV1", "WEST-ARV1", "still lent", "POL      -> NBR", "WEST     -> NBR");
        // unit-hours beside officer-hours; ARV1 reported at the rendezvous point, WEST-ARV1 is on its way
        assertThat(hours.out())
                .contains("UNIT-H", "OFFICER-H", "on its way", "NOT_YET", "unit-h", "officer-h")
                .contains("journey home: no road network");
        Run oneJson = CommandLineTest.run("aid", "hours", "--request", "R1", "--json", "--store", store);
        assertThat(oneJson.out()).contains("\"pairs\":[", "\"home\":\"POL\"", "\"host\":\"NBR\"");
        Run none = CommandLineTest.run("aid", "hours", "--request", "NOPE", "--store", store);
        assertThat(none.exit()).isEqualTo(3);

        Run board = CommandLineTest.run("board", "--store", store, "--data", data.toString());
        assertThat(board.exit()).as(board.err()).isZero();
        assertThat(board.out()).contains("LENT: ARV1 (ARV1) of POL working for NBR under mutual aid request R1");
    }
}
