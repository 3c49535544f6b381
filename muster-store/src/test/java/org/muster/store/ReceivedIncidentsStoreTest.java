package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.store.StoreConfig.Backend;
import org.muster.store.testing.TestDatabases;

/** The documents handed-over incidents came in, on every backend: kept whole, replaced, kept across a reopen. */
class ReceivedIncidentsStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-22T16:52:07.123456789Z");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsTheDocumentAndTheSendersReferencesAcrossAReopen(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        IncidentId id = IncidentId.of("I-77");
        String document = "{\"eidoVersion\":\"1.0\",\"note\":\"café — \\\"quoted\\\"\"}";
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.receivedIncidents().findReceived(id)).isEmpty();
            log.receivedIncidents().save(new ReceivedIncident(id, "EIDO", "psap.example", "urn:x:1", "{}", T0));
            log.receivedIncidents()
                    .save(new ReceivedIncident(id, "EIDO", "psap.example", "urn:x:2", document, T0.plusSeconds(1)));
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.receivedIncidents().findReceived(id))
                    .contains(new ReceivedIncident(id, "EIDO", "psap.example", "urn:x:2", document, T0.plusSeconds(1)));
            assertThat(log.receivedIncidents().findReceived(IncidentId.of("I-78")))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void findsTheIncidentsMadeFromASendersIncidentAcrossAReopen(Backend backend) {
        StoreConfig config = TestDatabases.fresh(backend);
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.receivedIncidents().findBySender("EIDO", "psap.example", "urn:x:1"))
                    .isEmpty();
            // two organisations received it, later than another incident of the same sender
            log.receivedIncidents()
                    .save(new ReceivedIncident(IncidentId.of("I-9"), "EIDO", "psap.example", "urn:x:0", "{}", T0));
            log.receivedIncidents()
                    .save(new ReceivedIncident(
                            IncidentId.of("I-ESP"), "EIDO", "psap.example", "urn:x:1", "{}", T0.plusSeconds(2)));
            log.receivedIncidents()
                    .save(new ReceivedIncident(
                            IncidentId.of("I-MAS"), "EIDO", "psap.example", "urn:x:1", "{}", T0.plusSeconds(1)));
            // the same incident id from another sender is another incident
            log.receivedIncidents()
                    .save(new ReceivedIncident(
                            IncidentId.of("I-10"), "EIDO", "psap.elsewhere", "urn:x:1", "{}", T0.plusSeconds(3)));
        }
        try (EventStore log = EventLogs.open(config)) {
            assertThat(log.receivedIncidents().findBySender("EIDO", "psap.example", "urn:x:1").stream()
                            .map(r -> r.incident().value()))
                    .as("oldest first")
                    .containsExactly("I-MAS", "I-ESP");
            assertThat(log.receivedIncidents().findBySender("EIDO", "psap.elsewhere", "urn:x:1").stream()
                            .map(r -> r.incident().value()))
                    .containsExactly("I-10");
            assertThat(log.receivedIncidents().findBySender("CAP", "psap.example", "urn:x:1"))
                    .isEmpty();
        }
    }
}
