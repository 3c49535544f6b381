package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;

/** {@code muster board --at}: the boards rebuilt from the log as they stood at an instant. */
class BoardAtIT {
    @TempDir
    Path dir;

    private static final String SETUP = String.join(
            "\n",
            "{\"id\":\"o1\",\"actor\":\"admin\",\"reason\":\"\",\"type\":\"RegisterOrganisation\",\"command\":{\"id\":\"MAS\",\"name\":\"Ambulance\",\"agency\":\"AMBULANCE\"}}",
            "{\"id\":\"z1\",\"actor\":\"admin\",\"reason\":\"\",\"type\":\"RegisterZone\",\"command\":{\"id\":\"MAS-01\",\"organisation\":\"MAS\",\"name\":\"North\",\"parent\":null}}",
            "{\"id\":\"l1\",\"actor\":\"sup\",\"reason\":\"match day\",\"type\":\"SetOperatingLevel\",\"command\":{\"zone\":\"MAS-01\",\"level\":\"ELEVATED\",\"reviewAt\":null,\"rendezvous\":null}}",
            "");
    private static final String LATER =
            "{\"id\":\"l2\",\"actor\":\"sup\",\"reason\":\"disorder\",\"type\":\"SetOperatingLevel\",\"command\":{\"zone\":\"MAS-01\",\"level\":\"DOWNGRADED\",\"reviewAt\":null,\"rendezvous\":null}}\n";

    @Test
    void the_board_as_it_stood_at_an_instant() throws Exception {
        String store = "sqlite:" + dir.resolve("muster.db");
        Path data = dir.resolve("data");
        assertThat(CommandLineTest.runWithInput(SETUP, "pipe", "--store", store, "--data", data.toString())
                        .exit())
                .isZero();
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        assertThat(CommandLineTest.runWithInput(LATER, "pipe", "--store", store, "--data", data.toString())
                        .exit())
                .isZero();

        Run then =
                CommandLineTest.run("board", "--at", between.toString(), "--store", store, "--data", data.toString());
        assertThat(then.exit()).as(then.err()).isZero();
        assertThat(then.out()).contains("AS AT " + between).contains("ELEVATED by sup (match day)");
        Run now = CommandLineTest.run("board", "--store", store, "--data", data.toString());
        assertThat(now.out()).contains("DOWNGRADED by sup (disorder)");

        // the same moment by the event after which it stood (the third: the first level), as state --at takes it
        Run afterThird = CommandLineTest.run("board", "--at", "3", "--store", store, "--data", data.toString());
        assertThat(afterThird.exit()).as(afterThird.err()).isZero();
        assertThat(afterThird.out()).contains("(after event 3)").contains("ELEVATED by sup (match day)");
        // and a time of day, on the day of the last event
        java.time.ZonedDateTime local = between.atZone(java.time.ZoneId.systemDefault());
        Run midnight = CommandLineTest.run("board", "--at", "00:00", "--store", store, "--data", data.toString());
        assertThat(midnight.exit()).as(midnight.err()).isZero();
        assertThat(midnight.out())
                .contains("AS AT "
                        + local.toLocalDate().atStartOfDay(local.getZone()).toInstant());

        Run bad = CommandLineTest.run("board", "--at", "teatime", "--store", store, "--data", data.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--at").contains("teatime").contains("ISO-8601 instant", "HH:MM");
        Run past = CommandLineTest.run("board", "--at", "99", "--store", store, "--data", data.toString());
        assertThat(past.exit()).isNotZero();
        assertThat(past.err()).contains("--at", "99", "must be an event of the log, 1 to 4");
    }
}
