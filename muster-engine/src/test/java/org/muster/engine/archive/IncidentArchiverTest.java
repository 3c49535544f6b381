package org.muster.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.assign;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;
import static org.muster.engine.testing.Commands.org;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.ConflictException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.performance.ResponseTargets;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;

class IncidentArchiverTest {
    private static final IncidentId I1 = IncidentId.of("I1");
    private final TestClock clock = TestClock.at("2026-11-22T16:00:00Z");
    private final MemoryClosedIncidents closed = new MemoryClosedIncidents();
    private final MemoryEventLog log = new MemoryEventLog(closed);
    private final Rules rules = Rules.defaults().withClosedIncidents(closed);
    private SingleWriter engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
    private IncidentArchiver archiver;

    {
        TestRegion.commands().forEach(engine::execute);
    }

    @AfterEach
    void stop() {
        if (archiver != null) archiver.close();
        engine.close();
    }

    /** I1 taken, A1 on scene after nine minutes, then the job finished: I1 closed. */
    private void runI1ToClose() {
        engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        engine.execute(env(assign("I1", "A1")));
        engine.execute(env(status("A1", UnitStatus.EN_ROUTE)));
        clock.advance(Duration.ofMinutes(9));
        engine.execute(env(status("A1", UnitStatus.ON_SCENE)));
        engine.execute(env(new Command.CloseIncident(I1)));
    }

    private void awaitArchived(IncidentId id) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (engine.state().findIncident(id).isPresent()) {
            if (System.nanoTime() > until) throw new AssertionError(id + " was not archived");
            Thread.onSpinWait();
        }
    }

    @Test
    void aClosedIncidentLeavesTheStateForTheReadModelAndItsResponseStillCounts() {
        ResponseTimes responses = new ResponseTimes(rules, ResponseTargets.DEFAULTS);
        engine.subscribe(responses);
        archiver = IncidentArchiver.start(engine);

        runI1ToClose();
        awaitArchived(I1);

        assertThat(engine.state().incidents()).doesNotContainKey(I1);
        assertThat(engine.state().listOpenIncidents()).isEmpty();
        var record = closed.findIncident(I1).orElseThrow();
        assertThat(record.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(record.timeline()).extracting(t -> t.what()).last().isEqualTo("status ON_SCENE -> CLOSED");
        assertThat(closed.listClosed(List.of(org("AMB")), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10))
                .containsExactly(record);
        assertThat(closed.listClosed(List.of(org("POL")), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10))
                .isEmpty();
        // the figures keep the call that has left the state
        assertThat(responses.listResponses()).extracting(r -> r.incident()).containsExactly(I1);
        var stats = responses.statsForOrganisation(org("AMB"), Priority.C2, ResponseTimes.Window.DAY, clock.instant());
        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.mean()).contains(Duration.ofMinutes(9));
        // the log says when it left, by whom
        RecordedEvent archived = lastEvent();
        assertThat(archived.event()).isEqualTo(new Event.IncidentArchived(I1, org("AMB")));
        assertThat(archived.actor().id()).isEqualTo("system");
    }

    @Test
    void replayOfTheLogRemovesTheIncidentAtTheSamePoint() {
        archiver = IncidentArchiver.start(engine);
        runI1ToClose();
        engine.execute(env(incident("I2", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        engine.execute(env(new Command.CancelIncident(IncidentId.of("I2"))));
        engine.execute(env(incident("I3", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        awaitArchived(I1);
        awaitArchived(IncidentId.of("I2"));

        assertThat(Recovery.replayFromScratch(log).state()).isEqualTo(engine.state());
        assertThat(engine.state().incidents().keySet()).containsExactly(IncidentId.of("I3"));
        assertThat(engine.state().listOpenIncidents()).extracting(i -> i.id()).containsExactly(IncidentId.of("I3"));
        // a replay stopped just before the archive still holds the finished incident
        long archivedAt = log.listRange(0, log.lastSequence()).stream()
                .filter(e -> e.event() instanceof Event.IncidentArchived a
                        && a.incident().equals(I1))
                .findFirst()
                .orElseThrow()
                .sequence();
        var before = Recovery.stateAt(log, archivedAt - 1);
        assertThat(before.getIncident(I1).status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(before.listOpenIncidents()).extracting(i -> i.id()).doesNotContain(I1);
    }

    @Test
    void commandsOnAnArchivedIncidentAreAnsweredClosedAndItsIdStaysTaken() {
        archiver = IncidentArchiver.start(engine);
        runI1ToClose();
        awaitArchived(I1);
        long sequence = engine.state().sequence();

        assertThatThrownBy(() -> engine.execute(env(assign("I1", "A2"))))
                .isInstanceOf(ConflictException.class)
                .hasMessage("incident I1 is closed");
        assertThatThrownBy(() -> engine.execute(env(new Command.CloseIncident(I1))))
                .isInstanceOf(ConflictException.class)
                .hasMessage("incident I1 is closed");
        engine.execute(env(incident("I9", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        assertThatThrownBy(() -> engine.execute(env(new Command.LinkDuplicate(IncidentId.of("I9"), I1))))
                .isInstanceOf(ConflictException.class)
                .hasMessage("incident I1 is closed");
        assertThatThrownBy(() -> engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", TestRegion.CENTRE))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> engine.execute(env(new Command.ArchiveIncident(I1))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already archived");
        assertThat(engine.state().sequence()).as("only I9 was recorded").isEqualTo(sequence + 1);
    }

    @Test
    void onlyAFinishedIncidentLeavesTheStateAndItsRecordGoesWithTheEventThatTakesItOut() {
        // no archiver: whoever submits the command, nothing leaves the state unsaved
        engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        assertThatThrownBy(() -> engine.execute(env(new Command.ArchiveIncident(I1))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("only a finished incident is archived");
        assertThat(closed.size()).isZero();
        engine.execute(env(new Command.CancelIncident(I1)));
        var cancelled = engine.state().getIncident(I1);
        engine.execute(env(new Command.ArchiveIncident(I1)));
        assertThat(engine.state().findIncident(I1)).isEmpty();
        assertThat(closed.findIncident(I1)).contains(cancelled);
        assertThat(lastEvent().event()).isEqualTo(new Event.IncidentArchived(I1, org("AMB")));
    }

    @Test
    void withoutAReadModelNothingLeavesTheStateAndNoArchiverStarts() {
        engine.close();
        MemoryEventLog bare = new MemoryEventLog();
        engine = SingleWriter.start(bare, Rules.defaults(), clock, WriterConfig.DEFAULTS);
        TestRegion.commands().forEach(engine::execute);
        engine.execute(env(incident("I1", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        engine.execute(env(new Command.CancelIncident(I1)));
        assertThatThrownBy(() -> engine.execute(env(new Command.ArchiveIncident(I1))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("keeps no read model of closed incidents");
        assertThat(engine.state().findIncident(I1)).isPresent();
        assertThatThrownBy(() -> IncidentArchiver.start(engine))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere to archive to");
    }

    @Test
    void rulesThatReadAnotherReadModelThanTheLogsAreAWiringMistake() {
        assertThatThrownBy(() -> SingleWriter.start(
                        new MemoryEventLog(new MemoryClosedIncidents()), rules, clock, WriterConfig.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another read model");
    }

    @Test
    void finishedIncidentsLeftInTheStateByACrashAreArchivedAtStart() {
        // finished while no archiver ran, and one saved whose archive command never came (a crash between)
        runI1ToClose();
        engine.execute(env(incident("I2", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        engine.execute(env(incident("I3", "AMB", "CHEST_PAIN", TestRegion.CENTRE)));
        engine.execute(env(new Command.LinkDuplicate(IncidentId.of("I3"), IncidentId.of("I2"))));
        closed.save(engine.state().getIncident(I1));
        engine.close();

        engine = SingleWriter.start(log, rules, clock, WriterConfig.DEFAULTS);
        assertThat(engine.state().findIncident(I1)).isPresent();
        archiver = IncidentArchiver.start(engine);
        awaitArchived(I1);
        awaitArchived(IncidentId.of("I3"));

        assertThat(engine.state().incidents().keySet()).containsExactly(IncidentId.of("I2"));
        assertThat(closed.findIncident(IncidentId.of("I3")).orElseThrow().status())
                .isEqualTo(IncidentStatus.MERGED);
        assertThat(closed.size()).isEqualTo(2);
        assertThat(Recovery.replay(log).state()).isEqualTo(engine.state());
    }

    private RecordedEvent lastEvent() {
        // the archive command is the last thing written once the incident has gone
        return log.listRange(log.lastSequence() - 1, log.lastSequence()).getFirst();
    }
}
