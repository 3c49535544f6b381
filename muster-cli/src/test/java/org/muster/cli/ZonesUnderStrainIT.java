package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.GeneratedRegion;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/** Zones under strain as a user drives them from the command line: levels, minimums, escorts, the board. */
class ZonesUnderStrainIT {
    @TempDir
    Path dir;

    private static String pipe(String store, Path data, String... lines) {
        Run r = CommandLineTest.runWithInput(
                String.join("\n", lines) + "\n", "pipe", "--store", store, "--data", data.toString());
        // the lines refused on purpose (a negative minimum, no reason, an unknown zone, an unknown level)
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("4 line(s) refused");
        return r.out();
    }

    @Test
    void escortRequiredAndSafeMinimumsShowInTheRecommendationAndOnTheBoard() {
        Path data = dir.resolve("data");
        String store = "sqlite:" + dir.resolve("muster.db");
        assertThat(CommandLineTest.run(
                                "generate", "--out", dir.resolve("region").toString(), "--seed", "7")
                        .exit())
                .isZero();
        GeneratedRegion region = GeneratedRegion.read(dir.resolve("region"));
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            int n = 0;
            for (Command c : RegionCommands.of(region))
                engine.execute(new CommandEnvelope(CommandId.of("setup-" + (n++)), Actor.of("setup"), "", c));
        }
        Run zones = CommandLineTest.run(
                "import",
                "zones",
                region.zonesFile().toString(),
                "--org-property",
                "organisation",
                "--name-property",
                "name",
                "--id-property",
                "zone_id",
                "--parent-property",
                "parent",
                "--store",
                store,
                "--data",
                data.toString());
        assertThat(zones.exit()).as(zones.err()).isZero();
        assertThat(zones.out()).contains("(0 new");

        // a point on the road inside the ambulance service's first sub-zone
        ZoneIndex index = ZoneIndex.of(GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        var zone = index.getZone(ZoneId.of("MAS-01"));
        GeoPoint at = RegionFiles.readUnits(region.unitsFile()).stream()
                .map(u -> u.position())
                .filter(p -> index.listContaining(p).contains(zone))
                .findFirst()
                .orElseThrow();

        String answers = pipe(
                store,
                data,
                "{\"id\":\"m1\",\"actor\":\"supervisor-9\",\"reason\":\"\",\"type\":\"SetSafeMinimum\",\"command\":{\"zone\":\"MAS-01\",\"type\":\"DOUBLE_CREWED_AMBULANCE\",\"minimum\":3}}",
                "{\"id\":\"m2\",\"actor\":\"supervisor-9\",\"reason\":\"\",\"type\":\"SetSafeMinimum\",\"command\":{\"zone\":\"MAS-01\",\"type\":\"DOUBLE_CREWED_AMBULANCE\",\"minimum\":-1}}",
                "{\"id\":\"l1\",\"actor\":\"supervisor-9\",\"reason\":\"\",\"type\":\"SetOperatingLevel\",\"command\":{\"zone\":\"MAS-01\",\"level\":\"ESCORT_REQUIRED\",\"reviewAt\":null,\"rendezvous\":null}}",
                "{\"id\":\"l2\",\"actor\":\"supervisor-9\",\"reason\":\"crews attacked on the estate\",\"type\":\"SetOperatingLevel\",\"command\":{\"zone\":\"MAS-01\",\"level\":\"ESCORT_REQUIRED\",\"reviewAt\":null,\"rendezvous\":null}}",
                "{\"id\":\"l3\",\"actor\":\"supervisor-9\",\"reason\":\"why\",\"type\":\"SetOperatingLevel\",\"command\":{\"zone\":\"NOWHERE\",\"level\":\"ELEVATED\",\"reviewAt\":null,\"rendezvous\":null}}",
                "{\"id\":\"l4\",\"actor\":\"supervisor-9\",\"reason\":\"why\",\"type\":\"SetOperatingLevel\",\"command\":{\"zone\":\"MAS-01\",\"level\":\"PANIC\",\"reviewAt\":null,\"rendezvous\":null}}",
                // an alert raised earlier about the sector, with the figures of then
                "{\"id\":\"a1\",\"actor\":\"system\",\"reason\":\"capacity\",\"type\":\"RaiseAlert\",\"command\":{\"id\":\"ALERT-Z1\",\"kind\":\"capacity\",\"key\":\"capacity:zone:MAS-01\",\"organisations\":[\"MAS\"],\"summary\":\"Zone Larkwich Sector (MAS-01) is red: 1 double crewed ambulance available, safe minimum 3\",\"evidence\":{\"state\":\"red\"},\"proposedZone\":null,\"proposedLevel\":null}}",
                "{\"id\":\"c1\",\"actor\":\"call-taker-3\",\"reason\":\"\",\"type\":\"CreateIncident\",\"command\":{\"id\":\"CALL-1\",\"organisation\":\"MAS\",\"type\":\"CHEST_PAIN\",\"priority\":null,\"location\":{\"lat\":"
                        + at.lat() + ",\"lon\":" + at.lon() + "},\"description\":\"\",\"hazards\":[]}}");
        assertThat(answers)
                .contains(
                        "\"id\":\"m1\",\"last_sequence\"",
                        "\"id\":\"l2\",\"last_sequence\"",
                        "\"id\":\"c1\",\"last_sequence\"");
        assertThat(answers)
                .contains(
                        "minimum='-1'",
                        "\"error\":\"invalid\",\"id\":\"l1\",\"line\":3,\"message\":\"reason=''",
                        "\"error\":\"not_found\",\"id\":\"l3\"",
                        "PANIC");

        Run recommend = CommandLineTest.run(
                "recommend",
                "CALL-1",
                "--store",
                store,
                "--data",
                data.toString(),
                "--osm",
                region.osmFile().toString());
        assertThat(recommend.exit()).as(recommend.err()).isZero();
        assertThat(recommend.out())
                .contains(
                        "as ESCORT",
                        "NOTE: zone MAS-01 is ESCORT_REQUIRED (crews attacked on the estate)",
                        "expected arrival of the whole set");

        Run board = CommandLineTest.run("board", "--store", store, "--data", data.toString());
        assertThat(board.exit()).as(board.err()).isZero();
        assertThat(board.out())
                .contains(
                        "MAS-01",
                        "ESCORT_REQUIRED by supervisor-9 (crews attacked on the estate)",
                        "DOUBLE_CREWED_AMBULANCE",
                        "minimum 3",
                        "WAITING: 1 calls");
        List<String> lines = List.of(board.out().split("\n"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).contains("MAS-01").containsAnyOf("GREEN", "AMBER", "RED", "NO UNITS"));
        // the alert keeps its figures of then; beneath it, the sector as it stands now, in the alert's words
        int alert = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("ALERT ALERT-Z1: Zone Larkwich Sector (MAS-01) is red"))
                .findFirst()
                .orElseThrow());
        assertThat(lines.get(alert + 1)).startsWith("      now it is ").doesNotContain("1 double crewed ambulance");
        // Winddon has no station: its colour is the covering district's, and the board says whose
        int winddon = lines.indexOf(lines.stream()
                .filter(l -> l.strip().startsWith("ESP-03 "))
                .findFirst()
                .orElseThrow());
        assertThat(lines.get(winddon + 1)).isEqualTo("      covered from ESP-01");
    }
}
