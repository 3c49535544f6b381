package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.Response;
import org.muster.domain.log.ResponseLog;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.TestDatabases;

/** The finished responses beside the log, on every backend: exact, once each, cut by time and sequence. */
class ResponseLogStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-22T16:00:00Z");

    private static Response response(String id, long sequence, int minutes, List<String> zones, boolean suspended) {
        return new Response(
                sequence,
                IncidentId.of(id),
                OrganisationId.of("AMB"),
                Priority.C2,
                zones.stream().map(ZoneId::of).toList(),
                T0.plusNanos(123_456_789),
                T0.plusSeconds(60L * minutes).plusNanos(987),
                suspended);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsEachResponseOnceExactlyAndReadsItBackBySequenceAndTime(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        Response r1 = response("I-1", 10, 8, List.of("AMB-N", "AMB-C"), false);
        Response r2 = response("I-2", 12, 30, List.of(), true);
        Response r3 = response("I-3", 20, 60, List.of("AMB-S"), false);
        try (EventStore log = EventLogs.open(config)) {
            log.responses().append(List.of(r1, r2));
            // a replay after a crash writes the same ones again
            log.responses().append(List.of(r2, r3));
        }
        try (EventStore log = EventLogs.open(config)) {
            ResponseLog responses = log.responses();
            assertThat(responses.listStoppedSince(Instant.EPOCH, Long.MAX_VALUE))
                    .containsExactly(r1, r2, r3);
            assertThat(responses.listStoppedSince(Instant.EPOCH, 12)).containsExactly(r1, r2);
            assertThat(responses.listStoppedSince(r2.stopped(), Long.MAX_VALUE)).containsExactly(r2, r3);
            assertThat(responses.listStoppedSince(r3.stopped().plusNanos(1), Long.MAX_VALUE))
                    .isEmpty();
            assertThat(responses.listStoppedSince(Instant.MIN, 11)).containsExactly(r1);
            assertThat(log.lastSequence()).as("nothing in the log").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theMemoryLogAnswersAsTheStoreDoes(Backend backend) {
        ResponseLog memory = ResponseLog.inMemory();
        List<Response> all = List.of(
                response("I-1", 3, 5, List.of("Z1"), false),
                response("I-2", 4, 1, List.of("Z1", "Z2"), false),
                response("I-3", 9, 40, List.of(), true));
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            log.responses().append(all);
            memory.append(all);
            for (long upTo : new long[] {0, 3, 4, 8, 9, 100})
                for (Response r : all)
                    assertThat(log.responses().listStoppedSince(r.stopped(), upTo))
                            .isEqualTo(memory.listStoppedSince(r.stopped(), upTo));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forgetsTheResponsesStoppedBeforeAnInstantAndNoOthers(Backend backend) {
        // a backlog of three hours at one a minute, forgotten in several steps of stopped time
        List<Response> all = new java.util.ArrayList<>();
        for (int minute = 0; minute < 180; minute++)
            all.add(response("I-" + minute, minute + 1, minute, List.of("AMB-N"), false));
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            log.responses().append(all);
            ResponseLog memory = ResponseLog.inMemory();
            memory.append(all);
            Instant cut = all.get(125).stopped();
            assertThat(log.responses().forgetStoppedBefore(cut)).isEqualTo(125);
            assertThat(memory.forgetStoppedBefore(cut)).isEqualTo(125);
            assertThat(log.responses().listStoppedSince(Instant.MIN, Long.MAX_VALUE))
                    .isEqualTo(all.subList(125, 180))
                    .isEqualTo(memory.listStoppedSince(Instant.MIN, Long.MAX_VALUE));
            assertThat(log.responses().forgetStoppedBefore(cut))
                    .as("again: nothing left to forget")
                    .isZero();
            assertThat(log.responses().forgetStoppedBefore(Instant.MAX)).isEqualTo(55);
            assertThat(log.responses().listStoppedSince(Instant.MIN, Long.MAX_VALUE))
                    .isEmpty();
        }
    }
}
