package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/**
 * The command line on the store a newcomer has: a missing store is an error naming where it looked, the
 * demo's store is the default once it exists, the figures are on the store's clock, and {@code pipe} says
 * which lines it refused.
 */
class StoreOnTheCommandLineIT {
    @TempDir
    Path dir;

    private static String line(String id, String type, String command) {
        return "{\"id\":\"" + id + "\",\"actor\":\"ops\",\"reason\":\"\",\"type\":\"" + type + "\",\"command\":"
                + command + "}";
    }

    private static final String ORGANISATION =
            line("o1", "RegisterOrganisation", "{\"id\":\"MAS\",\"name\":\"Ambulance\",\"agency\":\"AMBULANCE\"}");

    @Test
    void reading_a_store_that_is_not_there_is_an_error_naming_where_it_looked_and_creates_nothing() {
        Path missing = dir.resolve("nothing-here.db");
        for (String[] command : new String[][] {{"board"}, {"state"}, {"audit", "verify"}, {"aid", "hours"}}) {
            String[] args = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(command),
                            java.util.stream.Stream.of("--store", "sqlite:" + missing))
                    .toArray(String[]::new);
            Run r = CommandLineTest.run(args);
            assertThat(r.exit()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.out()).doesNotContain("intact");
            assertThat(r.err())
                    .contains("--store")
                    .contains(missing.toAbsolutePath().toString())
                    .contains("./muster demo");
            assertThat(Files.exists(missing)).as("no empty store left behind").isFalse();
        }
    }

    @Test
    void the_demos_store_is_the_default_once_the_demo_has_written_it() throws Exception {
        assertThat(StoreOptions.DEMO).isEqualTo("sqlite:data/demo/muster.db");
        assertThat(storeFor(Optional.empty(), Optional.empty())).isEqualTo(StoreOptions.DEFAULT);
        Files.createDirectories(dir.resolve("data/demo"));
        Files.writeString(dir.resolve("data/demo/muster.db"), "");
        assertThat(storeFor(Optional.empty(), Optional.empty())).isEqualTo(StoreOptions.DEMO);
        // what the user says still wins
        assertThat(storeFor(Optional.of("sqlite:mine.db"), Optional.of("sqlite:env.db")))
                .isEqualTo("sqlite:mine.db");
        assertThat(storeFor(Optional.empty(), Optional.of("sqlite:env.db"))).isEqualTo("sqlite:env.db");
    }

    private String storeFor(Optional<String> option, Optional<String> environment) throws Exception {
        var resolve = StoreOptions.class.getDeclaredMethod("resolve", Optional.class, Optional.class, Path.class);
        resolve.setAccessible(true);
        return (String) resolve.invoke(null, option, environment, dir);
    }

    @Test
    void pipe_numbers_its_answers_and_exits_non_zero_when_a_line_was_refused() {
        String store = "sqlite:" + dir.resolve("muster.db");
        String input = String.join(
                "\n",
                ORGANISATION,
                "",
                line(
                        "z1",
                        "RegisterZone",
                        "{\"id\":\"MAS-01\",\"organisation\":\"MAS\",\"name\":\"North\",\"parent\":null}"),
                line(
                        "z2",
                        "RegisterZone",
                        "{\"id\":\"MAS-02\",\"organisation\":\"GHOST\",\"name\":\"South\",\"parent\":null}"),
                "{not json",
                "");
        Run r = CommandLineTest.runWithInput(input, "pipe", "--store", store, "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("2 line(s) refused, the first at line 4");
        assertThat(r.out())
                .contains("\"id\":\"o1\",\"last_sequence\":1,\"line\":1,\"ok\":true")
                .contains("\"id\":\"z1\",\"last_sequence\":2,\"line\":3,\"ok\":true")
                .contains("\"error\":\"not_found\",\"id\":\"z2\",\"line\":4")
                .contains("\"line\":5")
                .contains("GHOST");

        Run clean = CommandLineTest.runWithInput(
                line(
                                "z3",
                                "RegisterZone",
                                "{\"id\":\"MAS-03\",\"organisation\":\"MAS\",\"name\":\"East\",\"parent\":null}")
                        + "\n",
                "pipe",
                "--store",
                store,
                "--data",
                dir.toString());
        assertThat(clean.exit()).as(clean.err()).isZero();
    }

    /**
     * A demo's log runs on a scaled clock, here a day ahead of the machine: the board's waits are measured to
     * the log's last event, not to the wall clock (which made them negative), and what pipe writes next
     * follows on from the log's time.
     */
    @Test
    void the_board_and_pipe_keep_the_stores_clock() {
        String store = "sqlite:" + dir.resolve("muster.db");
        Instant ahead = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        write(store, ahead, new Command.RegisterOrganisation(OrganisationId.of("MAS"), "Ambulance", Agency.AMBULANCE));
        write(
                store,
                ahead,
                new Command.CreateIncident(
                        IncidentId.of("CALL-1"),
                        OrganisationId.of("MAS"),
                        IncidentTypeCode.of("CHEST_PAIN"),
                        Optional.empty(),
                        GeoPoint.of(52.6, -1.2),
                        "",
                        new TreeSet<>()));
        write(
                store,
                ahead.plus(Duration.ofMinutes(10)),
                new Command.RegisterZone(ZoneId.of("MAS-01"), OrganisationId.of("MAS"), "North", Optional.empty()));

        Run board = CommandLineTest.run("board", "--store", store, "--data", dir.toString());
        assertThat(board.exit()).as(board.err()).isZero();
        assertThat(board.out())
                .contains("AS AT " + ahead.plus(Duration.ofMinutes(10)))
                .contains("WAITING: 1 calls, longest CALL-1 10 min 0 s");

        Run piped = CommandLineTest.runWithInput(
                "{\"id\":\"z2\",\"actor\":\"ops\",\"reason\":\"\",\"type\":\"RegisterZone\",\"command\":"
                        + "{\"id\":\"MAS-02\",\"organisation\":\"MAS\",\"name\":\"South\",\"parent\":null}}\n",
                "pipe",
                "--store",
                store,
                "--data",
                dir.toString());
        assertThat(piped.exit()).as(piped.err()).isZero();
        try (EventStore log = EventLogs.open(StoreConfig.parse(store))) {
            assertThat(log.listRange(log.lastSequence() - 1, log.lastSequence())
                            .getFirst()
                            .at())
                    .as("the log's time never goes backwards")
                    .isAfterOrEqualTo(ahead.plus(Duration.ofMinutes(10)));
        }
    }

    private static int written;

    /** Writes one command as a face would, on a clock stopped at {@code at}. */
    private static void write(String store, Instant at, Command command) {
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine = SingleWriter.start(
                        log, Rules.defaults(), Clock.fixed(at, ZoneOffset.UTC), WriterConfig.DEFAULTS)) {
            engine.execute(new CommandEnvelope(CommandId.of("test-" + ++written), Actor.of("test"), "", command));
        }
    }
}
