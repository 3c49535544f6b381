package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.domain.event.Event;
import org.muster.domain.log.Snapshot;
import org.muster.domain.people.PersonId;
import org.muster.store.testing.SampleEvents;

class EventCodecTest {

    static Stream<Event> everyEventType() {
        return SampleEvents.oneOfEach().stream();
    }

    @Test
    void theSamplesCoverEveryEventType() {
        Set<String> sampled =
                SampleEvents.oneOfEach().stream().map(EventCodec::typeOf).collect(Collectors.toSet());
        assertThat(sampled)
                .as("add a sample to SampleEvents.oneOfEach() for each new event type")
                .containsExactlyInAnyOrderElementsOf(EventCodec.listTypeNames());
        assertThat(EventCodec.listTypeNames()).hasSize(Event.class.getPermittedSubclasses().length);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventTypeRoundTripsToAnEqualEventAndTheSameText(Event event) {
        String type = EventCodec.typeOf(event);
        String json = EventCodec.encode(event);

        Event back = EventCodec.decode(type, json);

        assertThat(back).isEqualTo(event);
        assertThat(back.getClass()).isEqualTo(event.getClass());
        assertThat(EventCodec.encode(back)).as("deterministic").isEqualTo(json);
    }

    @Test
    void theTypeIsTheRecordsSimpleName() {
        assertThat(EventCodec.typeOf(SampleEvents.oneOfEach().get(7))).isEqualTo("UnitStatusChanged");
    }

    @Test
    void identifiersAreBareStringsAndComponentsKeepTheirOrder() {
        Event event = new Event.UnitArrived(SampleEvents.STABBING, SampleEvents.ARV);

        assertThat(EventCodec.encode(event)).isEqualTo("{\"incident\":\"INC-2025-0804-0192\",\"unit\":\"WMP-ARV-21\"}");
    }

    @Test
    void instantsAreIsoStringsAndEmptyOptionalsNull() {
        String json = EventCodec.encode(new Event.ZoneRegistered(SampleEvents.zone()));

        assertThat(json)
                .isEqualTo("{\"zone\":{\"id\":\"WMP-BHAM-LADYWOOD\",\"organisation\":\"WMP\",\"name\":\"Ladywood\","
                        + "\"parent\":\"WMP-BIRMINGHAM\",\"level\":{\"level\":\"ESCORT_REQUIRED\","
                        + "\"reason\":\"hostile crowd at the Ladywood flats; crews attacked twice\",\"setBy\":\"inspector-4471\","
                        + "\"since\":\"2025-08-04T16:52:07.123456789Z\",\"reviewAt\":\"2025-08-04T18:52:07.123456789Z\","
                        + "\"rendezvous\":null},\"coveredFrom\":null}}");
        Event unit = new Event.UnitRegistered(SampleEvents.unavailableAmbulance());
        assertThat(EventCodec.encode(unit)).contains("\"homeStation\":null").contains("\"position\":null");
    }

    @Test
    void derivedBeanStyleValuesAreNotWritten() {
        // Unit.isAvailable() and Incident.isOpen() are helpers, not state.
        String json = EventCodec.encode(new Event.UnitRegistered(SampleEvents.unit()))
                + EventCodec.encode(new Event.IncidentCreated(SampleEvents.incident()));

        assertThat(json).doesNotContain("\"available\"").doesNotContain("\"open\"");
    }

    @Test
    void setsComeBackSorted() {
        Event.CrewChanged event = (Event.CrewChanged)
                EventCodec.decode("CrewChanged", "{\"unit\":\"WMP-ARV-21\",\"crew\":[\"WMP-5012\",\"WMP-4471\"]}");

        SortedSet<PersonId> crew = event.crew();
        assertThat(List.copyOf(crew)).containsExactly(SampleEvents.OFFICER_A, SampleEvents.OFFICER_B);
        assertThat(EventCodec.encode(event)).contains("[\"WMP-4471\",\"WMP-5012\"]");
    }

    @Test
    void anAlertRecordedBeforeAlertsWereAddressedOrResolvableStillReads() {
        // as the log held it before alerts had addressees, a resolution and a RESOLVED status
        String old = "{\"alert\":{\"id\":\"surge-ladywood-1\",\"kind\":\"surge\","
                + "\"key\":\"surge:zone:LADYWOOD:OBSTRUCTED_ACCESS\",\"raisedAt\":\"2025-08-04T16:52:07Z\","
                + "\"summary\":\"obstructed access incidents at 2.9 times the weekly average\","
                + "\"evidence\":{\"count\":\"29\"},\"proposedZone\":\"WMP-BHAM-LADYWOOD\","
                + "\"proposedLevel\":\"ESCORT_REQUIRED\",\"status\":\"OPEN\",\"decidedBy\":\"\","
                + "\"decisionReason\":\"\"}}";

        var alert = ((Event.AlertRaised) EventCodec.decode("AlertRaised", old)).alert();

        assertThat(alert.organisations()).isEmpty();
        assertThat(alert.resolvedAt()).isEmpty();
        assertThat(alert.resolution()).isEmpty();
        assertThat(alert.proposedZone()).contains(SampleEvents.LADYWOOD);
        assertThat(EventCodec.encode(new Event.AlertRaised(alert)))
                .contains("\"organisations\":[]")
                .contains("\"resolvedAt\":null");
    }

    @Test
    void theSnapshotRoundTrips() {
        Snapshot snapshot = SampleEvents.snapshot(42, "ab12");

        String json = EventCodec.encodeSnapshot(snapshot);
        Snapshot back = EventCodec.decodeSnapshot(json);

        assertThat(back).isEqualTo(snapshot);
        assertThat(EventCodec.encodeSnapshot(back)).isEqualTo(json);
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("UnitTeleported", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnitTeleported")
                .hasMessageContaining("UnitMoved");
    }

    @Test
    void aPayloadThatBreaksADomainRuleIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("UnitArrived", "{\"incident\":\"bad id!\",\"unit\":\"U1\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnitArrived");
        assertThatThrownBy(() -> EventCodec.decode("UnitArrived", "{\"incident\":\"I1\",\"unit\":\"U1\",\"x\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLentUnitKeepsItsHomeAndHostThroughTheCodec() {
        Event lent = new Event.UnitRegistered(SampleEvents.unit().withHost(SampleEvents.WMP_NEIGHBOUR));

        String json = EventCodec.encode(lent);

        assertThat(json).contains("\"organisation\":\"WMP\"").endsWith("\"lentTo\":\"WAR\",\"hospital\":null}}");
        assertThat(EventCodec.decode("UnitRegistered", json)).isEqualTo(lent);
    }

    @Test
    void eventsAndSnapshotsWrittenBeforeMutualAidStillRead() {
        Event unit = new Event.UnitRegistered(SampleEvents.unit());
        String old = EventCodec.encode(unit).replace(",\"lentTo\":null", "");
        assertThat(old).doesNotContain("lentTo");
        assertThat(EventCodec.decode("UnitRegistered", old)).isEqualTo(unit);

        Snapshot snapshot = SampleEvents.snapshot(7, "ab12");
        String json = EventCodec.encodeSnapshot(snapshot);
        String before = json.substring(0, json.indexOf(",\"aidRequests\":")) + "}";
        Snapshot back = EventCodec.decodeSnapshot(before.replace(",\"lentTo\":null", ""));
        assertThat(back.aidRequests()).isEmpty();
        assertThat(back.units()).isEqualTo(snapshot.units());
    }
}
