package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.engine.testing.TestRegion;
import org.muster.store.ChainHead;
import org.muster.store.Checkpoint;
import org.muster.store.StoreConfig;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.TamperedLogException;
import org.muster.store.testing.TestDatabases;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A node does not start on a log changed behind its back, and says what was changed; on an intact log it
 * keeps the checkpoint file at the log's head. Each test on a database of its own, on every backend.
 */
class TamperAtStartTest {
    @TempDir
    Path dir;

    private StoreConfig store;
    private Path checkpoint;
    private long snapshotAt;
    private long head;

    /** A region set up through a node, a snapshot half-way, and the node closed. */
    private void prepare(Backend backend) {
        store = TestDatabases.fresh(backend);
        checkpoint = dir.resolve("elsewhere/muster.checkpoint");
        List<org.muster.domain.command.CommandEnvelope> commands = TestRegion.commands();
        try (MusterNode node = start()) {
            int half = commands.size() / 2;
            commands.subList(0, half).forEach(node.engine()::execute);
            snapshotAt = node.engine().state().sequence();
            node.log().saveSnapshot(node.engine().state().toSnapshot(node.log().hashAt(snapshotAt)));
            commands.subList(half, commands.size()).forEach(node.engine()::execute);
            assertThat(node.checkpointFile()).contains(checkpoint);
        }
        // read once closed: the node's alert thread may log an alert of its own after the set-up's last event
        try (var log = org.muster.store.EventLogs.open(store)) {
            head = log.lastSequence();
        }
        assertThat(head).as("events after the snapshot to tamper with").isGreaterThan(snapshotAt + 5);
    }

    private MusterNode start() {
        // bound as the server binds it, so the test follows new settings with their defaults
        MusterProperties settings = new Binder(new MapConfigurationPropertySource(Map.of(
                        "muster.store", store.url(),
                        "muster.data", dir.toString(),
                        "muster.checkpoint", checkpoint.toString())))
                .bind("muster", MusterProperties.class)
                .get();
        return MusterNode.start(settings, Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anIntactLogStartsAndTheCheckpointFollowsItsHead(Backend backend) {
        prepare(backend);
        assertThat(Checkpoint.read(checkpoint).sequence()).isEqualTo(head);
        try (MusterNode node = start()) {
            assertThat(Checkpoint.read(checkpoint))
                    .isEqualTo(new ChainHead(head, node.log().hashAt(head)));
            assertThat(node.engine().state().sequence()).isEqualTo(head);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedEventStopsTheStart(Backend backend) throws SQLException {
        prepare(backend);
        execute(
                dropGuard(backend, "update"),
                // the actor is stored as a code (V14): name another one
                "INSERT INTO actors (name) VALUES ('someone-else')",
                "UPDATE events SET actor_code = (SELECT code FROM actors WHERE name = 'someone-else') WHERE sequence = "
                        + (head - 1));

        assertThatThrownBy(this::start)
                .isInstanceOf(TamperedLogException.class)
                .hasMessageContaining("event " + (head - 1) + " was changed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedSnapshotStopsTheStart(Backend backend) throws SQLException {
        prepare(backend);
        org.muster.store.testing.SnapshotRows.replace(store, snapshotAt, "AVAILABLE", "UNAVAILABLE");

        assertThatThrownBy(this::start)
                .isInstanceOf(TamperedLogException.class)
                .hasMessageContaining("the snapshot at " + snapshotAt + " was changed");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletedLastEventsStopTheStart(Backend backend) throws SQLException {
        prepare(backend);
        execute(dropGuard(backend, "delete"), "DELETE FROM events WHERE sequence > " + (head - 2));

        assertThatThrownBy(this::start)
                .isInstanceOf(TamperedLogException.class)
                .hasMessageContaining("the log ends at event " + (head - 2))
                .hasMessageContaining("were removed from the end");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDeletedEventInTheMiddleStopsTheStart(Backend backend) throws SQLException {
        prepare(backend);
        execute(dropGuard(backend, "delete"), "DELETE FROM events WHERE sequence = " + (head - 3));

        assertThatThrownBy(this::start)
                .isInstanceOf(TamperedLogException.class)
                .hasMessageContaining("event " + (head - 3) + " is missing from the log");
    }

    private static String dropGuard(Backend backend, String kind) {
        return switch (backend) {
            case SQLITE -> "DROP TRIGGER events_no_" + kind;
            case POSTGRESQL -> "DROP TRIGGER events_no_change ON events";
        };
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = TestDatabases.connect(store);
                Statement statement = c.createStatement()) {
            for (String s : sql) statement.execute(s);
        }
    }
}
