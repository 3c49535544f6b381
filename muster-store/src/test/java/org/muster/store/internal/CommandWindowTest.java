package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.store.StoreConfig;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/**
 * A retry is looked up in the store's window of recent commands (V15 has no index of command ids): found
 * while its events are among the window's last events, whoever appended them and across a reopening;
 * forgotten after; never confused with another id, even one with the same fingerprint.
 *
 * <p>{@link SampleEvents#recorded} gives command {@code cmd-k} the events {@code 2k-1} and {@code 2k}.
 */
class CommandWindowTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCommandIsFoundWhileItsEventsAreInTheWindowAndForgottenAfter(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        CommandWindow window = new CommandWindow(10);
        try (JdbcEventStore log = JdbcEventStore.open(config, window)) {
            List<RecordedEvent> first = SampleEvents.recorded(1, 8);
            log.append(first);

            assertThat(log.listCommandEvents(CommandId.of("cmd-2"))).isEqualTo(first.subList(2, 4));
            assertThat(log.containsCommand(CommandId.of("cmd-9"))).isFalse();

            // appended through the store after the window was filled: added as committed, no read needed
            List<RecordedEvent> more = SampleEvents.recorded(9, 12);
            log.append(more.subList(0, 6));
            log.append(more.subList(6, 12));
            assertThat(log.listCommandEvents(CommandId.of("cmd-9"))).isEqualTo(more.subList(8, 10));

            // the window is the last 10 events, 11 to 20: cmd-5 (9, 10) has left it, cmd-6 (11, 12) has not
            assertThat(log.containsCommand(CommandId.of("cmd-5"))).isFalse();
            assertThat(log.containsCommand(CommandId.of("cmd-6"))).isTrue();
            assertThat(log.containsCommand(CommandId.of("cmd-2"))).isFalse();
            assertThat(window.size()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void idsThatShareAFingerprintFindOnlyTheirOwnEvents(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        try (JdbcEventStore log = JdbcEventStore.open(config, new CommandWindow(1_000, key -> 42L))) {
            List<RecordedEvent> events = SampleEvents.recorded(1, 9);
            log.append(events.subList(0, 4));
            log.listEventsOfCommands(Set.of(CommandId.of("cmd-1"))); // fills the window from the log
            log.append(events.subList(4, 9)); // and these are added as they are committed

            assertThat(log.listEventsOfCommands(Set.of(CommandId.of("cmd-4"), CommandId.of("cmd-1"))))
                    .isEqualTo(List.of(events.get(0), events.get(1), events.get(6), events.get(7)));
            assertThat(log.listCommandEvents(CommandId.of("cmd-5"))).containsExactly(events.get(8));
            assertThat(log.containsCommand(CommandId.of("cmd-6"))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void commandsAppendedBeforeAReopeningOrByAnotherWriterAreFound(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        List<RecordedEvent> events = SampleEvents.recorded(1, 12);
        try (JdbcEventStore first = JdbcEventStore.open(config)) {
            first.append(events.subList(0, 4));
        }
        try (JdbcEventStore reopened = JdbcEventStore.open(config);
                JdbcEventStore other = JdbcEventStore.open(config)) {
            assertThat(reopened.listCommandEvents(CommandId.of("cmd-2"))).isEqualTo(events.subList(2, 4));

            // another node held the lease and went on appending: its commands are read from the log
            other.append(events.subList(4, 12));
            assertThat(reopened.listCommandEvents(CommandId.of("cmd-6"))).isEqualTo(events.subList(10, 12));
            reopened.append(SampleEvents.recorded(13, 2));
            assertThat(reopened.containsCommand(CommandId.of("cmd-7"))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theLogHasNoIndexOfCommandIds(Backend backend) throws Exception {
        StoreConfig config = TestDatabases.fresh(backend);
        try (JdbcEventStore log = JdbcEventStore.open(config)) {
            log.append(SampleEvents.recorded(1, 2));
        }
        String query = backend == Backend.SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
                : "SELECT indexname FROM pg_indexes WHERE tablename = 'events'";
        try (Connection c = TestDatabases.connect(config);
                ResultSet rows = c.createStatement().executeQuery(query)) {
            while (rows.next()) assertThat(rows.getString(1)).doesNotContain("command");
        }
    }
}
