package org.muster.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.log.SnapshotPart;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.CommandResult;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.Rules;
import org.muster.engine.rules.ZoneLocators;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.region.RegionFiles;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * Not a test: the measurement behind docs/projections.md. Builds a log of {@code -Dbench.events} events of
 * calls on the generated region (created, dispatched, en route, on scene, closed, unit free again), with
 * the writer snapshotting every {@code -Dbench.snapshot-every} events with the response times, then times
 * {@code history?at=}'s work (the sequence at an instant, the nearest snapshot with its mementos, the
 * events after it) at random instants, and a snapshot's cost. Run with
 * {@code -Dtest=HistoryTimingBench -Dbench.events=1000000}.
 */
@EnabledIfSystemProperty(named = "bench.events", matches = "\\d+")
class HistoryTimingBench {
    @Test
    void measure() throws Exception {
        long events = Long.getLong("bench.events");
        long every = Long.getLong("bench.snapshot-every", WriterConfig.DEFAULT_SNAPSHOT_EVERY_EVENTS);
        Path dir = Files.createTempDirectory("muster-history-bench-");
        StoreConfig store = TestDatabases.sqlite(dir);
        var region = RegionFixture.region();
        ZoneIndex zones = ZoneIndex.of(GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                .zones());
        Rules rules = Rules.defaults().withZones(ZoneLocators.of(zones));
        AtomicLong millis = new AtomicLong(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli());
        InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
        ResponseTimes live = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
        long built = System.nanoTime();
        try (EventStore log = EventLogs.open(store);
                SingleWriter engine = SingleWriter.start(
                        log,
                        rules,
                        clock,
                        WriterConfig.DEFAULTS
                                .withInboxCapacity(Integer.MAX_VALUE)
                                .withSnapshotEveryEvents(every))) {
            engine.subscribe(ProjectionFeed.continuing(List.of(live), engine.state()));
            engine.saveWithSnapshots(live);
            // finished incidents leave the state as on a node, so a snapshot carries the open work only
            var archiver = org.muster.engine.archive.IncidentArchiver.start(engine);
            for (var c : RegionCommands.of(region)) engine.execute(Commands.env(c));
            List<Unit> ambulances = engine.state().units().values().stream()
                    .filter(u -> u.type() == UnitType.DOUBLE_CREWED_AMBULANCE)
                    .toList();
            var stations = engine.state().stations().values().stream()
                    .filter(s -> s.kind() == StationKind.AMBULANCE_STATION)
                    .toList();
            SplittableRandom random = new SplittableRandom(7);
            List<CompletableFuture<CommandResult>> inFlight = new ArrayList<>();
            int call = 0;
            while (engine.state().sequence() < events) {
                // one call a second of Muster's time: about the national ambulance rate
                millis.addAndGet(1000);
                Unit u = ambulances.get(call % ambulances.size());
                var at = stations.get(random.nextInt(stations.size())).location();
                IncidentId id = IncidentId.of("B-" + ++call);
                List<Command> script = List.of(
                        Commands.incident(id.value(), u.organisation().value(), "CHEST_PAIN", at),
                        new Command.AssignUnit(id, u.id(), AssignmentRole.PRIMARY),
                        Commands.status(u.id().value(), UnitStatus.EN_ROUTE),
                        Commands.status(u.id().value(), UnitStatus.ON_SCENE),
                        new Command.CloseIncident(id),
                        Commands.status(u.id().value(), UnitStatus.AVAILABLE));
                for (Command c : script) inFlight.add(engine.submit(Commands.env(c)));
                if (inFlight.size() > 6_000) {
                    for (var f : inFlight) f.exceptionally(e -> null).join();
                    inFlight.clear();
                }
            }
            for (var f : inFlight) f.exceptionally(e -> null).join();
            archiver.awaitIdle();
            archiver.close();
            System.out.printf(
                    "built %,d events (%,d calls) in %.1f s%n",
                    engine.state().sequence(), call, (System.nanoTime() - built) / 1e9);

            // a snapshot's cost: state and memento built and written, as the writer's snapshot thread does
            MusterState end = engine.state();
            long[] snapshotNanos = new long[5];
            for (int i = 0; i < snapshotNanos.length; i++) {
                long t0 = System.nanoTime();
                var memento = live.capture();
                log.saveSnapshot(
                        end.toSnapshot(log.hashAt(end.sequence())),
                        List.of(new SnapshotPart(live.name(), memento.get())));
                snapshotNanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(snapshotNanos);
            long s0 = System.nanoTime();
            var plain = end.toSnapshot(log.hashAt(end.sequence()));
            long s1 = System.nanoTime();
            String json = org.muster.store.EventCodec.encodeSnapshot(plain);
            long s2 = System.nanoTime();
            live.capture().get();
            long s3 = System.nanoTime();
            System.out.printf(
                    "of which: state as entities %.0f ms, state as JSON %.0f ms (%,d chars), memento %.0f ms%n",
                    (s1 - s0) / 1e6, (s2 - s1) / 1e6, json.length(), (s3 - s2) / 1e6);
            System.out.printf(
                    "snapshot of the final state with the response times: median %.0f ms (%,d incidents, %,d responses in state/window)%n",
                    snapshotNanos[2] / 1e6,
                    end.incidents().size(),
                    live.listResponses().size());
            try (Connection c = TestDatabases.connect(store);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT count(*), avg(length(payload_gz)), max(length(payload_gz)) FROM snapshots")) {
                r.next();
                System.out.printf(
                        "snapshots kept: %d, compressed bytes avg %,.0f max %,d%n",
                        r.getLong(1), r.getDouble(2), r.getLong(3));
            }
            long bytes = 0;
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) bytes += Files.size(f);
            }
            System.out.printf("database files: %,d bytes%n", bytes);

            // history?at=: the work AuditController.at does, at random instants
            Instant first = log.listRange(0, 1).getFirst().at();
            long span = end.sequence() > 0
                    ? Duration.between(first, clock.instant()).toMillis()
                    : 0;
            int samples = Integer.getInteger("bench.samples", 200);
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                Instant at = first.plusMillis((long) (random.nextDouble() * span));
                long t0 = System.nanoTime();
                long sequence = Recovery.sequenceAt(log, at);
                ResponseTimes past = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
                MusterState state =
                        ProjectionFeed.replay(log, List.of(past), sequence).state();
                past.listWaiting(at);
                nanos[i] = System.nanoTime() - t0;
                if (state.sequence() != sequence) throw new AssertionError("replayed to the wrong event");
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "history?at= over %,d events, snapshot every %,d: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
                    end.sequence(),
                    every,
                    nanos[samples / 2] / 1e6,
                    nanos[samples * 99 / 100] / 1e6,
                    nanos[samples - 1] / 1e6,
                    samples);
        }
    }
}
