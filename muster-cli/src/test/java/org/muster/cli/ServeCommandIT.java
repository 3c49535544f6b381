package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;

/** {@code muster serve} refuses a bad configuration naming the setting, before it serves anything. */
class ServeCommandIT {
    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void a_bad_role_in_the_configuration_is_named() throws Exception {
        Path config = dir.resolve("muster.yaml");
        Files.writeString(config, """
                server:
                  port: 0
                muster:
                  store: sqlite:%s
                  data: %s
                  users:
                    - name: dana
                      password-hash: "{bcrypt}$2a$10$abcdefghijklmnopqrstuv"
                      roles: [chief-constable]
                      organisations: [WSP]
                """.formatted(dir.resolve("m.db"), dir.resolve("data")));
        Run r = CommandLineTest.run("serve", "--config", config.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .contains("muster.users[0].roles[0]")
                .contains("chief-constable")
                .contains("dispatcher");
    }

    @Test
    void a_missing_configuration_file_is_named() {
        Run r = CommandLineTest.run(
                "serve", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--config").contains("nope.yaml");
    }
}
