package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.engine.writer.Recovery;
import org.muster.store.Checkpoint;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;

/** {@code muster audit verify} catches a row edited behind Muster's back and names the event. */
class AuditVerifyIT {
    @TempDir
    Path dir;

    @Test
    void an_edited_row_is_caught_and_named() throws Exception {
        Path db = dir.resolve("muster.db");
        String store = "sqlite:" + db;
        StringBuilder lines = new StringBuilder();
        lines.append(
                "{\"id\":\"o1\",\"actor\":\"admin\",\"reason\":\"\",\"type\":\"RegisterOrganisation\",\"command\":{\"id\":\"MAS\",\"name\":\"Ambulance\",\"agency\":\"AMBULANCE\"}}\n");
        for (int i = 1; i <= 5; i++)
            lines.append("{\"id\":\"z" + i
                    + "\",\"actor\":\"admin\",\"reason\":\"set-up\",\"type\":\"RegisterZone\",\"command\":{\"id\":\"MAS-0"
                    + i + "\",\"organisation\":\"MAS\",\"name\":\"Zone " + i + "\",\"parent\":null}}\n");
        assertThat(CommandLineTest.runWithInput(lines.toString(), "pipe", "--store", store, "--data", dir.toString())
                        .exit())
                .isZero();
        Run intact = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(intact.exit()).isZero();
        assertThat(intact.out()).contains("intact: 6 events");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER events_no_update");
            st.execute("UPDATE events SET reason = 'nothing to see here' WHERE sequence = 4");
        }
        Run broken = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at event 4");
    }

    /** 1 organisation and 10 zones piped into a new store in {@code dir}: 11 events. */
    static String piped(Path dir) {
        String store = "sqlite:" + dir.resolve("muster.db");
        StringBuilder lines = new StringBuilder();
        lines.append(
                "{\"id\":\"o1\",\"actor\":\"admin\",\"reason\":\"\",\"type\":\"RegisterOrganisation\",\"command\":{\"id\":\"MAS\",\"name\":\"Ambulance\",\"agency\":\"AMBULANCE\"}}\n");
        for (int i = 1; i <= 10; i++)
            lines.append("{\"id\":\"z" + i
                    + "\",\"actor\":\"admin\",\"reason\":\"set-up\",\"type\":\"RegisterZone\",\"command\":{\"id\":\"MAS-"
                    + (10 + i) + "\",\"organisation\":\"MAS\",\"name\":\"Zone " + i + "\",\"parent\":null}}\n");
        assertThat(CommandLineTest.runWithInput(lines.toString(), "pipe", "--store", store, "--data", dir.toString())
                        .exit())
                .isZero();
        return store;
    }

    /** {@link #piped}, a snapshot at 6, and the head kept in a checkpoint. */
    private String prepared(Path checkpoint) {
        String store = piped(dir);
        try (EventStore log = EventLogs.open(store)) {
            log.saveSnapshot(Recovery.stateAt(log, 6).toSnapshot(log.hashAt(6)));
            Checkpoint.write(checkpoint, log.head());
        }
        Run intact = CommandLineTest.run("audit", "verify", "--store", store, "--checkpoint", checkpoint.toString());
        assertThat(intact.exit()).as(intact.out() + intact.err()).isZero();
        assertThat(intact.out()).contains("intact: 11 events").contains("checkpoint at event 11 matches");
        return store;
    }

    private void execute(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("muster.db"));
                Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void events_deleted_from_the_end_are_named_against_the_checkpoint() throws Exception {
        Path checkpoint = dir.resolve("elsewhere/muster.checkpoint");
        String store = prepared(checkpoint);
        execute("DROP TRIGGER events_no_delete", "DELETE FROM events WHERE sequence > 8");

        Run without = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(without.exit()).as("a shorter chain is intact in itself").isZero();
        Run truncated = CommandLineTest.run("audit", "verify", "--store", store, "--checkpoint", checkpoint.toString());
        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.out())
                .contains("BROKEN at event 9: the log ends at event 8")
                .contains("events 9..11 were removed from the end");

        Path config = dir.resolve("muster.yaml");
        Files.writeString(config, """
                server:
                  port: 0
                muster:
                  store: %s
                  data: %s
                  checkpoint: %s
                """.formatted(store, dir.resolve("data"), checkpoint));
        Run serve = CommandLineTest.run("serve", "--config", config.toString());
        assertThat(serve.exit()).as(serve.out() + serve.err()).isEqualTo(1);
        // after Spring's own log of the failed start, one line that says what was changed
        assertThat(serve.err())
                .contains("\nmuster: the event log has been tampered with: TRUNCATED: the log ends at event 8");
        // the auditor with the server's own file: its store and its checkpoint, nothing else to name
        Run audited = CommandLineTest.run("audit", "verify", "--config", config.toString());
        assertThat(audited.exit()).as(audited.out() + audited.err()).isEqualTo(1);
        assertThat(audited.out()).contains("events 9..11 were removed from the end");
    }

    @Test
    void an_event_deleted_in_the_middle_is_named() throws Exception {
        Path checkpoint = dir.resolve("muster.checkpoint");
        String store = prepared(checkpoint);
        execute("DROP TRIGGER events_no_delete", "DELETE FROM events WHERE sequence = 9");

        Run gap = CommandLineTest.run("audit", "verify", "--store", store, "--checkpoint", checkpoint.toString());
        assertThat(gap.exit()).isEqualTo(1);
        assertThat(gap.out()).contains("BROKEN at event 9: event 9 is missing from the log (deleted)");
    }

    @Test
    void an_edited_snapshot_is_named() throws Exception {
        Path checkpoint = dir.resolve("muster.checkpoint");
        String store = prepared(checkpoint);
        org.muster.store.testing.SnapshotRows.replace(org.muster.store.StoreConfig.parse(store), 6, "Zone 1", "Zone 9");

        Run edited = CommandLineTest.run("audit", "verify", "--store", store, "--checkpoint", checkpoint.toString());
        assertThat(edited.exit()).isEqualTo(1);
        assertThat(edited.out()).contains("BROKEN at event 6: the snapshot at 6 was changed");
        Run replay = CommandLineTest.run("state", "--store", store);
        assertThat(replay.exit())
                .as("a replay refuses the snapshot instead of trusting it")
                .isEqualTo(1);
        assertThat(replay.err())
                .contains("muster: the event log has been tampered with: SNAPSHOT_CHANGED: the snapshot at 6");
    }

    /** The demo's server keeps a checkpoint beside its store: the auditor of a demo's store needs to name nothing. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_demos_store_is_verified_against_the_checkpoint_beside_it() throws Exception {
        assertThat(Main.run("generate", "--out", dir.resolve("region-seed-7").toString(), "--seed", "7"))
                .isZero();
        new org.muster.cli.demo.DemoSettings(7, 10, 1, 30).write(dir);
        String store = piped(dir);
        assertThat(CommandLineTest.run("audit", "verify", "--store", store).out())
                .as("a demo's folder from before its server kept a checkpoint: none to check against")
                .contains("intact: 11 events")
                .contains("no checkpoint to compare the head with");
        try (EventStore log = EventLogs.open(store)) {
            Checkpoint.write(org.muster.cli.demo.DemoSettings.checkpointIn(dir), log.head());
        }
        assertThat(CommandLineTest.run("audit", "verify", "--store", store).out())
                .contains("intact: 11 events", "checkpoint at event 11 matches");
        execute("DROP TRIGGER events_no_delete", "DELETE FROM events WHERE sequence > 8");

        Run truncated = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(truncated.exit()).as(truncated.out() + truncated.err()).isEqualTo(1);
        assertThat(truncated.out()).contains("events 9..11 were removed from the end");
    }

    @Test
    void a_checkpoint_named_but_missing_is_refused() throws Exception {
        String store = prepared(dir.resolve("muster.checkpoint"));

        Run missing = CommandLineTest.run(
                "audit",
                "verify",
                "--store",
                store,
                "--checkpoint",
                dir.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out() + missing.err()).contains("checkpoint");
    }
}
