package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muster.domain.TransientException;
import org.muster.domain.event.RecordedEvent;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/** Two nodes' stores on one real PostgreSQL: one lease, and a fenced old writer that cannot append. */
class WriterLeaseTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void aWriterPausedPastItsLeaseCannotAppendOnceAnotherTookOverAndNothingItWasToldIsLost() throws Exception {
        StoreConfig db = TestDatabases.postgres();
        try (EventStore a = EventLogs.open(db);
                EventStore b = EventLogs.open(db)) {
            WriterLease leaseA = a.writerLease().orElseThrow();
            WriterLease leaseB = b.writerLease().orElseThrow();
            // taken for longer than this thread may stand still on a busy machine before b asks: a lease of
            // SHORT could run out before b's try, which would then rightly take it
            long epochA = leaseA.tryAcquire("a", "http://a:8080", Duration.ofSeconds(30))
                    .orElseThrow();
            assertThat(leaseB.tryAcquire("b", "http://b:8080", SHORT))
                    .as("the lease is held")
                    .isEmpty();
            a.fenceAppends(epochA);
            List<RecordedEvent> events = SampleEvents.recorded(1, 5);
            a.append(events.subList(0, 3)); // acknowledged by a
            assertThat(leaseA.renew(epochA, SHORT)).as("a's last renewal").isTrue();

            // a is paused: it does not renew, and b takes over once the lease runs out on the database's clock
            Thread.sleep(SHORT.toMillis() + 200);
            assertThat(leaseB.findHolder())
                    .hasValueSatisfying(h -> assertThat(h.expired()).isTrue());
            long epochB = leaseB.tryAcquire("b", "http://b:8080", Duration.ofSeconds(30))
                    .orElseThrow();
            assertThat(epochB).isEqualTo(epochA + 1);
            b.fenceAppends(epochB);

            // a wakes and appends what it decided meanwhile: refused, naming the new writer
            assertThatThrownBy(() -> a.append(events.subList(3, 4)))
                    .isInstanceOf(TransientException.class)
                    .hasMessageContaining("epoch " + epochA + " is no longer current")
                    .hasMessageContaining("held by b at http://b:8080")
                    .satisfies(e ->
                            assertThat(((TransientException) e).findWriter()).contains("http://b:8080"));
            assertThat(leaseA.renew(epochA, SHORT))
                    .as("a learns it lost the lease")
                    .isFalse();
            assertThat(leaseA.release(epochA)).isFalse();

            // everything a was told was kept is there for b, which appends after it
            assertThat(b.lastSequence()).isEqualTo(3);
            b.append(events.subList(3, 5));
            assertThat(a.listRange(0, 5)).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(b.verify()).isEmpty();
            assertThat(leaseA.findHolder()).contains(new WriterLease.Holder(epochB, "b", "http://b:8080", false));
        }
    }

    @Test
    void aRenewedLeaseIsNotTakenAndAReleasedOneIsTakenAtOnce() throws Exception {
        StoreConfig db = TestDatabases.postgres();
        try (EventStore a = EventLogs.open(db);
                EventStore b = EventLogs.open(db)) {
            WriterLease leaseA = a.writerLease().orElseThrow();
            WriterLease leaseB = b.writerLease().orElseThrow();
            long epoch = leaseA.tryAcquire("a", "http://a", SHORT).orElseThrow();
            // renewed before it runs out, it stays a's however long a holds it
            assertThat(leaseA.renew(epoch, Duration.ofMinutes(1))).isTrue();
            Thread.sleep(SHORT.toMillis() + 200);
            assertThat(leaseB.tryAcquire("b", "http://b", SHORT)).isEmpty();
            assertThat(leaseA.release(epoch)).isTrue();
            assertThat(leaseB.tryAcquire("b", "http://b", SHORT)).contains(epoch + 1);
        }
    }

    @Test
    void sqliteHasNoLeaseAndCannotBeFenced() {
        try (EventStore log = EventLogs.open(TestDatabases.sqlite())) {
            assertThat(log.writerLease()).isEqualTo(Optional.empty());
            assertThatThrownBy(() -> log.fenceAppends(1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SQLite");
        }
    }
}
