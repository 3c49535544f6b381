package org.muster.engine.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.NotFoundException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;

/**
 * A handover to another service as the sender's engine records it: the acknowledgement, a refusal and the
 * receiver's statuses are lines of the incident's timeline, which replay rebuilds; a status of a copy the incident
 * was never handed over as is refused, and the incident stays its organisation's throughout.
 */
class HandoversTest {
    private static final IncidentId CALL = IncidentId.of("I-1");
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");
    private static final IncidentId COPY = IncidentId.of("I-77");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private MemoryEventLog log;
    private SingleWriter engine;

    @BeforeEach
    void start() {
        log = new MemoryEventLog();
        engine = SingleWriter.start(log, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        engine.execute(env(incident(CALL.value(), "POL", "OBSTRUCTED_ACCESS", GeoPoint.of(52.48, -1.90))));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void theAnswersOfTheReceiverAreTheIncidentsOwnStoryAndReplayRebuildsThem() {
        Instant acknowledged = Instant.parse("2026-11-22T16:00:02Z");
        var refused = engine.execute(env(new Command.RecordHandoverRefused(CALL, "ambulance", AMBULANCE, "HTTP 400")));
        assertThat(refused.events())
                .singleElement()
                .satisfies(e -> assertThat(e.event()).isInstanceOf(Event.HandoverRefused.class));
        assertThatThrownBy(() -> engine.execute(env(new Command.RecordHandoverStatus(
                        CALL, AMBULANCE, COPY, IncidentStatus.ON_SCENE, acknowledged))))
                .as("no copy was acknowledged yet")
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("I-77");
        engine.execute(env(new Command.RecordHandover(CALL, "ambulance", AMBULANCE, COPY, acknowledged)));
        engine.execute(env(new Command.RecordHandoverStatus(
                CALL, AMBULANCE, COPY, IncidentStatus.ON_SCENE, Instant.parse("2026-11-22T16:09:00Z"))));
        assertThatThrownBy(() -> engine.execute(env(new Command.RecordHandoverStatus(
                        CALL, AMBULANCE, IncidentId.of("I-7"), IncidentStatus.CLOSED, acknowledged))))
                .as("I-7 is not I-77: a copy is named whole")
                .isInstanceOf(NotFoundException.class);

        var incident = engine.state().getIncident(CALL);
        List<String> lines =
                incident.timeline().stream().map(TimelineEntry::what).toList();
        assertThat(lines)
                .contains(
                        "handover to MAS via ambulance refused: HTTP 400",
                        "handed over to MAS as I-77 via ambulance, acknowledged at 2026-11-22T16:00:02Z",
                        "MAS I-77 ON_SCENE at 2026-11-22T16:09:00Z (as MAS reported)");
        assertThat(incident.organisation()).isEqualTo(OrganisationId.of("POL"));
        assertThat(incident.status()).isNotIn(IncidentStatus.CLOSED, IncidentStatus.CANCELLED);
        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
    }
}
