package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.server.app.MusterServer;
import org.muster.server.security.Passwords;

/** The configuration file is read; options given beside it win over it. */
class ConfigFileIT {
    @TempDir
    Path dir;

    @Test
    void settings_come_from_the_file_and_overrides_win() throws Exception {
        Path config = dir.resolve("muster.yaml");
        Files.writeString(
                config, """
                server:
                  port: 1
                muster:
                  store: sqlite:%s
                  data: %s
                  tokens:
                    - name: cad-bridge
                      sha256: %s
                      roles: [viewer]
                      organisations: [WSP]
                """.formatted(dir.resolve("m.db"), dir.resolve("data"), Passwords.sha256("mst_from_the_file")));
        try (MusterServer server = MusterServer.start(
                Optional.of(config), Map.of("server.port", "0", "server.address", "127.0.0.1"), Optional.empty())) {
            assertThat(server.port())
                    .as("the override wins over the file's port 1")
                    .isNotEqualTo(1);
            var me = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/me"))
                                    .header("Authorization", "Bearer mst_from_the_file")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body())
                    .contains("token:cad-bridge")
                    .contains("VIEWER")
                    .contains("WSP");
            assertThat(Files.exists(dir.resolve("m.db"))).as("the file's store").isTrue();
        }
    }
}
