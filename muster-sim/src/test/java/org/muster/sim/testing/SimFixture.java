package org.muster.sim.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.muster.domain.GeoPoint;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

/** The seed-7 demo region in an engine whose rules know the zones' geometry, as the demo's will. */
public final class SimFixture {
    private static ZoneIndex zones;

    private SimFixture() {}

    public static synchronized ZoneIndex zones() {
        if (zones == null) {
            zones = ZoneIndex.of(GeoJsonZoneReader.read(RegionFixture.region().zonesFile(), RegionFiles.ZONE_FORMAT)
                    .zones());
        }
        return zones;
    }

    private static Rules rules;

    /** The same rules every time: the simulator keeps the demand cells of the last roads and zones it saw. */
    public static synchronized Rules rules() {
        if (rules != null) return rules;
        ZoneIndex index = zones();
        rules = Rules.defaults().withZones(new Rules.ZoneLocator() {
            @Override
            public List<ZoneId> zonesAt(GeoPoint point) {
                return index.listContaining(point).stream().map(ZoneShape::id).toList();
            }

            @Override
            public List<ZoneId> neighboursOf(ZoneId zone) {
                return index.findZone(zone).isEmpty()
                        ? List.of()
                        : index.listNeighbours(zone).stream().map(ZoneShape::id).toList();
            }
        });
        return rules;
    }

    /** A fresh engine over {@code log} holding the region. */
    public static SingleWriter engine(EventLog log, TestClock clock) {
        SingleWriter engine = SingleWriter.start(log, rules(), clock, WriterConfig.DEFAULTS);
        for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(Commands.env(c));
        return engine;
    }

    /** A digest of every event in the log with its time, actor and reason. */
    public static String digest(EventLog log) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RecordedEvent e : log.listRange(0, log.lastSequence())) {
                sha.update((e.sequence() + "|" + e.at() + "|" + e.actor() + "|" + e.reason() + "|" + e.event() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
