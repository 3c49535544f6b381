package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.answered;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.incident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.IncidentId;
import org.muster.engine.CommandResult;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.testing.TestRegion;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * The writer on a real PostgreSQL whose answer to a commit is lost: the server kept the batch, the connection
 * went before it said so, and the database stayed out of reach for longer than the store waits for it, so the
 * store cannot tell whether the batch was kept. This is a primary killed with the commit already on its
 * replica ({@code PostgresPromotionIT}). The caller is refused, never told "kept"; once the database is back,
 * the writer takes the kept events in and goes on, where it used to refuse every command after them for ever.
 */
class LostCommitAnswerIT {
    private static final Pattern HOST_AND_PORT = Pattern.compile("jdbc:postgresql://([^/:,]+)(?::(\\d+))?/");

    @Test
    void theWriterTakesInWhatTheLogKeptAndGoesOn() throws Exception {
        StoreConfig direct = TestDatabases.postgres();
        Matcher server = HOST_AND_PORT.matcher(direct.url());
        assertThat(server.lookingAt())
                .as("a single-host URL: %s", direct.redactedUrl())
                .isTrue();
        String port = server.group(2) == null ? "5432" : server.group(2);
        try (CommitCuttingProxy proxy = new CommitCuttingProxy(server.group(1), Integer.parseInt(port))) {
            StoreConfig viaProxy = new StoreConfig(
                    server.replaceFirst("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"),
                    direct.user(),
                    direct.password(),
                    direct.maxPoolSize());
            List<Long> heard = new CopyOnWriteArrayList<>();
            long before;
            CommandEnvelope kept;
            CommandResult next;
            try (EventStore log = EventLogs.open(viaProxy);
                    SingleWriter engine = SingleWriter.start(
                            log, Rules.defaults(), TestClock.at("2026-12-06T16:00:00Z"), WriterConfig.DEFAULTS)) {
                TestRegion.commands().forEach(engine::execute);
                // an incident's event type is coded in a transaction of its own the first time: not the one to cut
                engine.execute(env(incident("WARM-UP", "AMB", "FALL", TestRegion.CENTRE)));
                engine.subscribe((events, after) -> events.forEach(e -> heard.add(e.sequence())));
                before = engine.state().sequence();

                proxy.arm();
                kept = env(incident("LOST-1", "AMB", "FALL", TestRegion.CENTRE));
                assertThatThrownBy(() -> engine.submit(kept).get())
                        .as("the answer was lost: the caller is told to try again, not that it was kept")
                        .hasCauseInstanceOf(TransientException.class);
                assertThat(proxy.cut()).as("the proxy cut a commit's answer").isTrue();
                try (EventStore behind = EventLogs.open(direct)) {
                    assertThat(behind.lastSequence()).as("the server kept it").isEqualTo(before + 1);
                }

                proxy.restore();
                next = answered(engine, env(incident("LOST-2", "AMB", "FALL", TestRegion.CENTRE)));
                assertThat(next.events().getFirst().sequence()).isEqualTo(before + 2);
                CommandResult again = engine.execute(kept);
                assertThat(again.repeated())
                        .as("sent again, the kept command is answered from the log")
                        .isTrue();
                assertThat(again.events().getFirst().sequence()).isEqualTo(before + 1);
                assertThat(engine.state().incidents()).containsKeys(IncidentId.of("LOST-1"), IncidentId.of("LOST-2"));
                assertThat(heard)
                        .as("the listeners heard the kept event, once")
                        .containsExactly(before + 1, before + 2);
            }
            try (EventStore behind = EventLogs.open(direct)) {
                assertThat(behind.verify()).as("the chain").isEmpty();
                assertThat(behind.listRange(before, behind.lastSequence()))
                        .as("after the set-up: the kept command once, then the next")
                        .extracting(RecordedEvent::command)
                        .containsExactly(kept.id(), next.command());
                assertThat(Recovery.replayFromScratch(behind).state().incidents())
                        .containsKeys(IncidentId.of("LOST-1"), IncidentId.of("LOST-2"));
            }
        }
    }
}
