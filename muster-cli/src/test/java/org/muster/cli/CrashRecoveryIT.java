package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.muster.cli.bench.LifecycleWorkload;
import org.muster.cli.pipe.PipeCommand;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * Nothing acknowledged is lost: Muster runs as a separate process, takes commands as fast as they come,
 * and is killed with SIGKILL at a random moment; every acknowledged command must then be in the log, and
 * the state the restarted process rebuilds (snapshot and tail) must equal a fresh replay of the log.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 10;
    private static final int UNITS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(StoreConfig.Backend.class)
    void everyAcknowledgedCommandSurvivesSigkill(StoreConfig.Backend backend) throws Exception {
        StoreConfig store = TestDatabases.fresh(backend);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LifecycleWorkload workload = new LifecycleWorkload("crash");
        try (EventStore log = EventLogs.open(store);
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            workload.setUp(UNITS).forEach(engine::execute);
        }
        long totalAcked = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            Child child = Child.start(store);
            String expectedDigest;
            try (EventStore log = EventLogs.open(store)) {
                expectedDigest =
                        PipeCommand.stateDigest(Recovery.replayFromScratch(log).state());
            }
            assertThat(child.ready.get("state_sha256").asText())
                    .as("round %d (seed %d): the restarted state equals a fresh replay", round, seed)
                    .isEqualTo(expectedDigest);
            if (round == ROUNDS) {
                child.kill();
                break;
            }
            List<CommandEnvelope> commands = new ArrayList<>();
            for (int u = 0; u < UNITS; u++) commands.add(clear(workload, u, round));
            for (int job = 0; job < 100; job++) {
                for (int u = 0; u < UNITS; u++) commands.addAll(workload.job(u, round * 1000L + job));
            }
            child.send(commands);
            // a random moment in the child's work, counted in its acknowledgements rather than in wall-clock
            // time: on a busy machine a child that stood still for the whole of a fixed wait acknowledged
            // nothing, and the rounds together fell short of the total below
            child.awaitAcked(20 + random.nextInt(180), round, seed);
            child.kill();
            totalAcked += child.acked.size();
            try (EventStore log = EventLogs.open(store)) {
                Set<String> logged = new HashSet<>();
                log.listCommandIds().forEach(id -> logged.add(id.value()));
                for (String id : child.acked) {
                    assertThat(logged)
                            .as("acknowledged %s is in the log (round %d, seed %d)", id, round, seed)
                            .contains(id);
                }
            }
        }
        assertThat(totalAcked).isGreaterThan(ROUNDS * 10L);
    }

    /** A unit left mid-job by the last kill is stood down; refused when it is already available. */
    private static CommandEnvelope clear(LifecycleWorkload workload, int unit, int round) {
        CommandEnvelope clearJob = workload.job(unit, round * 1000L + 999).get(4);
        var c = (org.muster.domain.command.Command.ChangeUnitStatus) clearJob.command();
        return new CommandEnvelope(
                CommandId.of("crash-clear-" + round + "-" + unit),
                clearJob.actor(),
                "",
                new org.muster.domain.command.Command.ChangeUnitStatus(
                        c.unit(), UnitStatus.AVAILABLE, java.util.Optional.empty()));
    }

    private static final class Child {
        final Process process;
        final JsonNode ready;
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        private final Thread reader;

        private Child(Process process, JsonNode ready, BufferedReader out) {
            this.process = process;
            this.ready = ready;
            this.reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        JsonNode answer = JSON.readTree(line);
                        if (answer.path("ok").asBoolean(false))
                            acked.add(answer.get("id").asText());
                    }
                } catch (IOException e) {
                    // the process died; what was read is what was acknowledged
                }
            });
        }

        static Child start(StoreConfig store) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "pipe",
                            "--store",
                            store.url(),
                            "--snapshot-every",
                            "500")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null)
                throw new IllegalStateException(
                        "muster pipe exited before it was ready: " + p.waitFor(5, TimeUnit.SECONDS));
            return new Child(p, JSON.readTree(first), out);
        }

        void send(List<CommandEnvelope> commands) {
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedWriter in =
                        new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
                    for (CommandEnvelope c : commands) {
                        in.write(DomainJson.writeCommand(c));
                        in.newLine();
                    }
                } catch (IOException e) {
                    // killed while we were writing
                }
            });
        }

        /** Waits until the child has acknowledged {@code count} commands; a child that stops short fails. */
        void awaitAcked(int count, int round, long seed) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acked.size() < count) {
                if (!process.isAlive() || System.nanoTime() > until)
                    throw new AssertionError("round " + round + " (seed " + seed + "): the child acknowledged "
                            + acked.size() + " commands, not " + count);
                Thread.sleep(5);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor();
            reader.join(5_000);
        }
    }
}
