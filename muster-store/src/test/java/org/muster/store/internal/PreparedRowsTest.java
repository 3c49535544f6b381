package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.command.Actor;
import org.muster.domain.event.RecordedEvent;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/**
 * Rows encoded and chained ahead of the append (on the engine's decider thread) are stored exactly as if
 * the append had made them, and are never taken for an event they were not made from or a chain they do
 * not follow.
 */
class PreparedRowsTest {

    @Test
    void preparedBatchesAreStoredAsTheAppendWouldHaveMadeThem(@TempDir Path folder) {
        List<RecordedEvent> first = SampleEvents.recorded(1, 5);
        List<RecordedEvent> second = SampleEvents.recorded(6, 7);
        try (JdbcEventStore prepared = JdbcEventStore.open(TestDatabases.sqlite(folder.resolve("prepared")));
                JdbcEventStore plain = JdbcEventStore.open(TestDatabases.sqlite(folder.resolve("plain")))) {
            // the second batch is prepared before the first is appended, chained on from its prepared rows
            prepared.prepare(first);
            prepared.prepare(second);
            prepared.append(first);
            prepared.append(second);
            plain.append(first);
            plain.append(second);

            assertThat(prepared.verify()).isEmpty();
            assertThat(prepared.listRange(0, 12)).isEqualTo(plain.listRange(0, 12));
            for (long sequence = 1; sequence <= 12; sequence++)
                assertThat(prepared.hashAt(sequence)).isEqualTo(plain.hashAt(sequence));
        }
    }

    @Test
    void aRowPreparedForAnotherEventIsNotStored(@TempDir Path folder) {
        List<RecordedEvent> refused = byAnotherActor(SampleEvents.recorded(1, 4));
        List<RecordedEvent> appended = SampleEvents.recorded(1, 4);
        try (JdbcEventStore log = JdbcEventStore.open(TestDatabases.sqlite(folder.resolve("log")));
                JdbcEventStore plain = JdbcEventStore.open(TestDatabases.sqlite(folder.resolve("plain")))) {
            log.prepare(refused); // decided, then refused: the same sequences are decided again otherwise
            log.append(appended);
            plain.append(appended);

            assertThat(log.listRange(0, 4)).isEqualTo(appended);
            assertThat(log.verify()).isEmpty();
            assertThat(log.hashAt(4)).isEqualTo(plain.hashAt(4));
        }
    }

    @Test
    void rowsChainedOnFromARefusedBatchAreHashedAgain(@TempDir Path folder) {
        List<RecordedEvent> refused = byAnotherActor(SampleEvents.recorded(1, 3));
        List<RecordedEvent> decidedAgain = SampleEvents.recorded(1, 3);
        List<RecordedEvent> next = SampleEvents.recorded(4, 3);
        try (JdbcEventStore log = JdbcEventStore.open(TestDatabases.sqlite(folder.resolve("log")));
                JdbcEventStore plain = JdbcEventStore.open(TestDatabases.sqlite(folder.resolve("plain")))) {
            log.prepare(refused);
            log.prepare(next); // chained on from the refused batch's hashes, which the log will never hold
            log.append(decidedAgain);
            log.append(next);
            plain.append(decidedAgain);
            plain.append(next);

            assertThat(log.verify()).isEmpty();
            assertThat(log.hashAt(6)).isEqualTo(plain.hashAt(6));
            assertThat(log.listRange(3, 6)).isEqualTo(next);
        }
    }

    @Test
    void preparedRowsAreTakenOnlyForTheEventsTheyWereMadeFrom() {
        PreparedRows rows = new PreparedRows();
        List<RecordedEvent> events = SampleEvents.recorded(1, 3);
        rows.prepare(events);

        List<EventRow> taken = rows.drafts(events);
        String chain = "";
        for (EventRow row : taken) {
            assertThat(row.prevHash()).as("chained ahead, from the log's start").isEqualTo(chain);
            assertThat(row.hash()).isEqualTo(row.expectedHash(chain));
            assertThat(PreparedRows.chained(row, chain)).isSameAs(row);
            chain = row.hash();
        }
        // equal events, but not the ones prepared: encoded again, not chained
        assertThat(rows.drafts(SampleEvents.recorded(1, 3)))
                .allSatisfy(row -> assertThat(row.hash()).isEmpty());
        // a prepared row after a different hash is hashed again
        EventRow second = taken.get(1);
        EventRow rechained = PreparedRows.chained(second, "0".repeat(64));
        assertThat(rechained.hash()).isEqualTo(second.expectedHash("0".repeat(64)));
        assertThat(rechained.hash()).isNotEqualTo(second.hash());
    }

    @Test
    void oncePastTheLogsEndRowsAreChainedOnFromTheLastAppended() {
        PreparedRows rows = new PreparedRows();
        List<RecordedEvent> next = SampleEvents.recorded(8, 2);
        rows.prepare(next);
        assertThat(rows.drafts(next))
                .as("the hash before 8 is not known yet")
                .allSatisfy(row -> assertThat(row.hash()).isEmpty());

        String seventh = "ab".repeat(32);
        rows.appended(7, seventh);
        List<RecordedEvent> again = SampleEvents.recorded(8, 2);
        rows.prepare(again);
        assertThat(rows.drafts(again).getFirst().prevHash()).isEqualTo(seventh);
    }

    private static List<RecordedEvent> byAnotherActor(List<RecordedEvent> events) {
        List<RecordedEvent> changed = new ArrayList<>();
        for (RecordedEvent e : events)
            changed.add(new RecordedEvent(
                    e.sequence(), e.at(), e.command(), Actor.of("someone-else"), e.reason(), e.event()));
        return changed;
    }
}
