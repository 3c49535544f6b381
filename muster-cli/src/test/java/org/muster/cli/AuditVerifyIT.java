package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;

/** {@code muster audit verify} catches a row edited behind Muster's back and names the event. */
class AuditVerifyIT {
    @TempDir
    Path dir;

    @Test
    void an_edited_row_is_caught_and_named() throws Exception {
        Path db = dir.resolve("muster.db");
        String store = "sqlite:" + db;
        StringBuilder lines = new StringBuilder();
        lines.append(
                "{\"id\":\"o1\",\"actor\":\"admin\",\"reason\":\"\",\"type\":\"RegisterOrganisation\",\"command\":{\"id\":\"MAS\",\"name\":\"Ambulance\",\"agency\":\"AMBULANCE\"}}\n");
        for (int i = 1; i <= 5; i++)
            lines.append("{\"id\":\"z" + i
                    + "\",\"actor\":\"admin\",\"reason\":\"set-up\",\"type\":\"RegisterZone\",\"command\":{\"id\":\"MAS-0"
                    + i + "\",\"organisation\":\"MAS\",\"name\":\"Zone " + i + "\",\"parent\":null}}\n");
        assertThat(CommandLineTest.runWithInput(lines.toString(), "pipe", "--store", store, "--data", dir.toString())
                        .exit())
                .isZero();
        Run intact = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(intact.exit()).isZero();
        assertThat(intact.out()).contains("intact: 6 events");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER events_no_update");
            st.execute("UPDATE events SET reason = 'nothing to see here' WHERE sequence = 4");
        }
        Run broken = CommandLineTest.run("audit", "verify", "--store", store);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at event 4");
    }
}
