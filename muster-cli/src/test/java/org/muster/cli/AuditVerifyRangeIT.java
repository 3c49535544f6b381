package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;

/** {@code muster audit verify --from --to}: a range of the log, with its progress on stderr. */
class AuditVerifyRangeIT {
    @TempDir
    Path dir;

    private String piped() {
        return AuditVerifyIT.piped(dir);
    }

    @Test
    void a_range_is_checked_from_the_hash_before_it_and_its_progress_goes_to_stderr() throws Exception {
        String store = piped();
        Run range = CommandLineTest.run("audit", "verify", "--store", store, "--from", "3", "--to", "8");
        assertThat(range.exit()).as(range.out() + range.err()).isZero();
        assertThat(range.out()).startsWith("intact: events 3..8, chain at event 8 ");
        assertThat(range.err()).contains("audit: 6 of 6 events checked in ").contains("events/s");

        Run all = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(all.out()).contains("intact: 11 events");
        assertThat(all.err()).contains("audit: 11 of 11 events checked");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("muster.db"));
                Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER events_no_update");
            st.execute("UPDATE events SET reason = 'nothing to see here' WHERE sequence = 5");
        }
        Run after = CommandLineTest.run("audit", "verify", "--store", store, "--from", "6");
        assertThat(after.exit())
                .as("the events after the edited one follow on from its stored hash")
                .isZero();
        assertThat(after.out()).startsWith("intact: events 6..11");
        Run holding = CommandLineTest.run("audit", "verify", "--store", store, "--from", "2", "--to", "7");
        assertThat(holding.exit()).isEqualTo(1);
        assertThat(holding.out()).contains("BROKEN at event 5");
        assertThat(CommandLineTest.run("audit", "verify", "--store", store).out())
                .contains("BROKEN at event 5");

        Run beyond = CommandLineTest.run("audit", "verify", "--store", store, "--to", "99");
        assertThat(beyond.exit()).isEqualTo(2);
        assertThat(beyond.out() + beyond.err()).contains("to").contains("99").contains("beyond the last event, 11");
        Run backwards = CommandLineTest.run("audit", "verify", "--store", store, "--from", "8", "--to", "3");
        assertThat(backwards.exit()).isEqualTo(2);
    }
}
