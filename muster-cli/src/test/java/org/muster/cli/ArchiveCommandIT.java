package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.server.MusterNode;
import org.muster.server.MusterProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code muster archive} on a store a real node built over two months, with incidents closed in the first:
 * bad input refused without a change, August moved to a file with its closed incidents, the node started
 * again on what is left, and {@code audit verify} with and without the archive, and with an edited one.
 */
class ArchiveCommandIT {
    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2025-08-04T08:00:00Z");

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aClosedMonthMovesToAFileAndTheNodeRunsOnWithoutIt() throws Exception {
        String store = "sqlite:" + dir.resolve("muster.db");
        long head;
        long setUpHead;
        try (MusterNode node = start(store)) {
            TestRegion.commands().forEach(node.engine()::execute);
            setUpHead = node.log().lastSequence();
            for (int i = 1; i <= 3; i++) {
                clock.advance(Duration.ofMinutes(10));
                callAndCancel(node, "AUG-" + i);
            }
            awaitFinished(node, "AUG-3");
            settled(node);
            clock.set(Instant.parse("2025-09-15T08:00:00Z"));
            callAndCancel(node, "SEP-1");
            awaitFinished(node, "SEP-1");
            head = node.log().lastSequence();
        }
        Path out = dir.resolve("2025-08.muster-archive.gz");
        // the past as the store shows it before the archive, to compare with the files' after it
        Run atFive = CommandLineTest.run("state", "--store", store, "--at", "5", "--open");
        assertThat(atFive.exit()).as(atFive.err()).isZero();
        Run atNine = CommandLineTest.run("state", "--store", store, "--at", "9", "--open");
        assertThat(atNine.out()).startsWith("sequence 9:").isNotEqualTo(atFive.out());
        // a time of day is read on the day of the last event (SEP-1's, 15 September), as board --at reads it
        java.time.ZoneId here = java.time.ZoneId.systemDefault();
        Instant lastMidnight = Instant.parse("2025-09-15T08:00:00Z")
                .atZone(here)
                .toLocalDate()
                .atStartOfDay(here)
                .toInstant();
        Run atMidnight = CommandLineTest.run("state", "--store", store, "--at", "00:00", "--open");
        assertThat(atMidnight.exit()).as(atMidnight.err()).isZero();
        assertThat(atMidnight.out())
                .isEqualTo(CommandLineTest.run("state", "--store", store, "--at", lastMidnight.toString(), "--open")
                        .out())
                .doesNotContain("SEP-1");

        Run badDate = CommandLineTest.run("archive", "--store", store, "--before", "2025-13", "--out", out.toString());
        assertThat(badDate.exit()).isEqualTo(2);
        assertThat(badDate.err()).contains("--before", "2025-13", "must be a date: YYYY-MM");
        Run future = CommandLineTest.run("archive", "--store", store, "--before", "2999-01", "--out", out.toString());
        assertThat(future.exit()).isEqualTo(2);
        assertThat(future.err()).contains("--before", "2999-01", "must not be in the future");
        Path taken = dir.resolve("taken.gz");
        Files.writeString(taken, "keep");
        Run exists = CommandLineTest.run("archive", "--store", store, "--before", "2025-09", "--out", taken.toString());
        assertThat(exists.exit()).isEqualTo(2);
        assertThat(exists.err()).contains("--out", "taken.gz", "must not exist");
        assertThat(Files.readString(taken)).isEqualTo("keep");
        assertThat(out).doesNotExist();
        Run none = CommandLineTest.run("archive", "--store", store, "--before", "2025-08", "--out", out.toString());
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("nothing to archive");
        assertThat(out).doesNotExist();

        Run archived = CommandLineTest.run("archive", "--store", store, "--before", "2025-09", "--out", out.toString());
        assertThat(archived.exit()).as(archived.out() + archived.err()).isZero();
        assertThat(archived.out()).containsPattern("archived: moved \\d+ events \\(1\\.\\.\\d+\\), 3 closed incidents");
        assertThat(archived.err()).containsPattern("archive: \\d+ of \\d+ events written");
        long firstLive = Long.parseLong(archived.out().replaceAll("(?s).*the live log starts at event (\\d+).*", "$1"));
        assertThat(firstLive).isGreaterThan(1).isLessThanOrEqualTo(head);

        Run without = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(without.exit()).as(without.out() + without.err()).isZero();
        assertThat(without.out())
                .contains("intact: the live log's events " + firstLive + ".." + head)
                .contains((firstLive - 1)
                        + " earlier events are in archives not checked here: 2025-08.muster-archive.gz");
        Run with = CommandLineTest.run("audit", "verify", "--store", store, "--archive", out.toString());
        assertThat(with.exit()).as(with.out() + with.err()).isZero();
        assertThat(with.out()).contains("intact: " + head + " events, " + (firstLive - 1) + " in archives 2025-08");

        // the first events are only in the file now: the store refuses to make them up, the file rebuilds them
        assertThat(firstLive).as("events 1..9 archived").isGreaterThan(10);
        Run refused = CommandLineTest.run("state", "--store", store, "--at", "5");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("--at", "archived to 2025-08.muster-archive.gz", "muster state --archive FILE --at 5");
        // the board looks back by the same rule: it does not draw that moment from what is left
        Run boardRefused = CommandLineTest.run("board", "--store", store, "--at", "5");
        assertThat(boardRefused.exit()).isEqualTo(2);
        assertThat(boardRefused.err()).contains("--at", "archived to 2025-08.muster-archive.gz");
        assertThat(boardRefused.out()).doesNotContain("ZONES");
        Run fromFile = CommandLineTest.run("state", "--archive", out.toString(), "--at", "5", "--open");
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEqualTo(atFive.out());
        assertThat(CommandLineTest.run("state", "--archive", out.toString(), "--at", "9", "--open")
                        .out())
                .isEqualTo(atNine.out());
        // the set-up's events were all recorded at its moment; the archive ends at whichever snapshot the
        // writer happened to save, which may hold a few of the calls' events after it, or stop short of it
        String setUp = "2025-08-04T08:00:00Z";
        assertThat(CommandLineTest.run("state", "--archive", out.toString(), "--time", setUp)
                        .out())
                .startsWith("sequence " + Math.min(setUpHead, firstLive - 1) + ":");
        // --at takes a moment too, as ./muster board --at does; anything else is refused naming what it takes
        assertThat(CommandLineTest.run("state", "--archive", out.toString(), "--at", setUp)
                        .out())
                .startsWith("sequence " + Math.min(setUpHead, firstLive - 1) + ":");
        Run teatime = CommandLineTest.run("state", "--archive", out.toString(), "--at", "teatime");
        assertThat(teatime.exit()).isEqualTo(2);
        assertThat(teatime.err()).contains("--at", "teatime", "an event's sequence number", "an ISO-8601 instant");
        Run tooEarly = CommandLineTest.run("state", "--archive", out.toString(), "--time", "2025-08-01T00:00:00Z");
        assertThat(tooEarly.exit()).isEqualTo(2);
        assertThat(tooEarly.err())
                .contains("at", "must be at or after 2025-08-04T08:00", "the first these archive files");

        try (MusterNode node = start(store)) {
            // the first node's alert thread may have logged an alert after the head was read, before it closed,
            // or not yet raised one this start raises: Muster's own events after the head
            assertThat(node.engine().state().sequence()).isGreaterThanOrEqualTo(head);
            assertThat(node.log().listRange(head, node.log().lastSequence()))
                    .as("logged after the head by Muster itself")
                    .allMatch(e -> e.actor().equals(Actor.SYSTEM));
            assertThat(node.log().firstSequence()).isEqualTo(firstLive);
            assertThat(node.findIncident(IncidentId.of("SEP-1")))
                    .as("kept live")
                    .isPresent();
            assertThat(node.findIncident(IncidentId.of("AUG-1")))
                    .as("moved to the archive")
                    .isEmpty();
            callAndCancel(node, "SEP-2");
            awaitFinished(node, "SEP-2");
        }
        assertThat(CommandLineTest.run("audit", "verify", "--store", store, "--archive", out.toString())
                        .exit())
                .isZero();

        // an event altered in the archive file is named, with the file
        Path edited = dir.resolve("edited/2025-08.muster-archive.gz");
        Files.createDirectories(edited.getParent());
        List<String> lines;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(out)), StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        try (Writer w =
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(edited)), StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write((l.startsWith("{\"event\":{\"sequence\":5,") ? l.replace("\"actor\":\"", "\"actor\":\"x") : l)
                        + "\n");
            }
        }
        Run broken = CommandLineTest.run("audit", "verify", "--store", store, "--archive", edited.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at event 5: archive 2025-08.muster-archive.gz: event 5 was changed");
        Run rebuiltFromEdited = CommandLineTest.run("state", "--archive", edited.toString(), "--at", "9");
        assertThat(rebuiltFromEdited.exit()).isEqualTo(1);
        assertThat(rebuiltFromEdited.err()).contains("archive 2025-08.muster-archive.gz: event 5");
    }

    private MusterNode start(String store) {
        MusterProperties settings = new Binder(new MapConfigurationPropertySource(Map.of(
                        "muster.store",
                        store,
                        "muster.data",
                        dir.resolve("data").toString(),
                        "muster.snapshot-every",
                        "10")))
                .bind("muster", MusterProperties.class)
                .get();
        return MusterNode.start(settings, clock.asClock());
    }

    private static void callAndCancel(MusterNode node, String id) {
        node.engine()
                .execute(new CommandEnvelope(
                        CommandId.of("call-" + id),
                        Actor.of("call-handler"),
                        "",
                        new Command.CreateIncident(
                                IncidentId.of(id),
                                OrganisationId.of("AMB"),
                                IncidentTypeCode.of("FALL"),
                                Optional.empty(),
                                TestRegion.CENTRE,
                                "",
                                new TreeSet<>())));
        node.engine()
                .execute(new CommandEnvelope(
                        CommandId.of("cancel-" + id),
                        Actor.of("dispatcher"),
                        "duplicate",
                        new Command.CancelIncident(IncidentId.of(id))));
    }

    /** Waits until the node has moved the finished incident out of its state into the read model. */
    private static void awaitFinished(MusterNode node, String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (node.engine().state().findIncident(IncidentId.of(id)).isEmpty()) return;
            Thread.sleep(50);
        }
        throw new AssertionError(id + " did not leave the state");
    }

    /** Waits until the writer has saved the snapshots it was building. */
    private static void settled(MusterNode node) throws InterruptedException {
        long seen = -1;
        for (int i = 0; i < 100; i++) {
            long now = node.log().findLatestSnapshot().map(s -> s.sequence()).orElse(-1L);
            if (now >= 0 && now == seen) return;
            seen = now;
            Thread.sleep(300);
        }
        throw new AssertionError("no snapshot was saved");
    }
}
