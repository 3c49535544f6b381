package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.organisation.OrganisationId;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.SampleEvents;
import org.muster.store.testing.TestDatabases;

/** The read model of closed incidents, on every backend, each test on a database of its own. */
class ClosedIncidentsStoreTest {
    private static final Instant T0 = SampleEvents.T0;
    private static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
    private static final OrganisationId WMP = SampleEvents.WMP;
    private static final OrganisationId WAR = SampleEvents.WMP_NEIGHBOUR;

    /** The sample stabbing under another id and organisation, finished at {@code T0 + minutes}. */
    private static Incident finished(String id, OrganisationId org, IncidentStatus status, long minutes) {
        Incident i = SampleEvents.incident(IncidentId.of(id), org);
        return i.withStatus(status)
                .withTimelineEntry(new TimelineEntry(T0.plus(Duration.ofMinutes(minutes)), "status -> " + status));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void savesFindsAndListsClosedIncidentsNewestFirstByOrganisationAndWindow(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            ClosedIncidents closed = log.closedIncidents();
            Incident a = finished("A", WMP, IncidentStatus.CLOSED, 10);
            Incident b = finished("B", WMP, IncidentStatus.CANCELLED, 30);
            Incident c = finished("C", WAR, IncidentStatus.CLOSED, 20);
            Incident d = finished("D", WMP, IncidentStatus.MERGED, 50);
            for (Incident i : List.of(a, b, c, d)) closed.save(i);

            // the whole incident comes back equal: nanoseconds, hazards, assignments, timeline
            assertThat(closed.findIncident(IncidentId.of("A"))).contains(a);
            assertThat(closed.findIncident(IncidentId.of("NONE"))).isEmpty();
            assertThat(closed.listClosed(List.of(WMP), Instant.EPOCH, END, 10)).containsExactly(d, b, a);
            assertThat(closed.listClosed(List.of(WMP, WAR), Instant.EPOCH, END, 10))
                    .containsExactly(d, b, c, a);
            assertThat(closed.listClosed(List.of(WMP, WAR), Instant.EPOCH, END, 2))
                    .containsExactly(d, b);
            assertThat(closed.listClosed(List.of(WAR), Instant.EPOCH, END, 10)).containsExactly(c);
            assertThat(closed.listClosed(List.of(), Instant.EPOCH, END, 10)).isEmpty();
            // [from, to): the next page starts before the last one's finishing time
            assertThat(closed.listClosed(
                            List.of(WMP), T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(50)), 10))
                    .containsExactly(b, a);
            assertThat(closed.listClosed(List.of(WMP), Instant.EPOCH, ClosedIncidents.finishedAt(b), 10))
                    .containsExactly(a);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void savingAgainReplacesAndSurvivesReopening(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        Incident first = finished("A", WMP, IncidentStatus.CLOSED, 10);
        Incident again = first.withTimelineEntry(new TimelineEntry(T0.plus(Duration.ofMinutes(40)), "noted"));
        try (EventStore log = EventLogs.open(config)) {
            log.closedIncidents().save(first);
            log.closedIncidents().save(first);
            log.closedIncidents().save(again);
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.closedIncidents().findIncident(IncidentId.of("A"))).contains(again);
            assertThat(log.closedIncidents().listClosed(List.of(WMP), Instant.EPOCH, END, 10))
                    .containsExactly(again);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesAnOpenIncidentAndABadQuery(Backend backend) {
        try (EventStore log = EventLogs.open(TestDatabases.fresh(backend))) {
            ClosedIncidents closed = log.closedIncidents();
            assertThatThrownBy(() -> closed.save(SampleEvents.incident()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ASSIGNED");
            assertThat(closed.findIncident(SampleEvents.STABBING)).isEqualTo(Optional.empty());
            assertThatThrownBy(() -> closed.listClosed(List.of(WMP), Instant.EPOCH, END, 0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("limit");
            assertThatThrownBy(() -> closed.listClosed(List.of(WMP), Instant.EPOCH, END, ClosedIncidents.MAX_LIMIT + 1))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> closed.listClosed(List.of(WMP), END, Instant.EPOCH, 10))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("to");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theRecordsOfIncidentsLeavingTheStateAreKeptWithTheBatchThatArchivesThemOrNotAtAll(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        Incident leaving = finished("A", WMP, IncidentStatus.CLOSED, 10);
        try (EventStore log = EventLogs.open(config)) {
            log.append(SampleEvents.recorded(1, 4), List.of(leaving));
            assertThat(log.lastSequence()).isEqualTo(4);
            assertThat(log.closedIncidents().findIncident(IncidentId.of("A"))).contains(leaving);

            // a batch the log refuses (it does not follow the tail) keeps no record either
            Incident refused = finished("B", WMP, IncidentStatus.CANCELLED, 20);
            assertThatThrownBy(() -> log.append(SampleEvents.recorded(9, 2), List.of(refused)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(log.closedIncidents().findIncident(IncidentId.of("B"))).isEmpty();
            assertThat(log.lastSequence()).isEqualTo(4);

            // an open incident is no record: refused before anything is written
            Incident open = SampleEvents.incident(IncidentId.of("C"), WMP);
            assertThatThrownBy(() -> log.append(SampleEvents.recorded(5, 2), List.of(open)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.lastSequence()).isEqualTo(4);
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.closedIncidents().findIncident(IncidentId.of("A"))).contains(leaving);
            assertThat(log.verify()).isEmpty();
        }
    }
}
