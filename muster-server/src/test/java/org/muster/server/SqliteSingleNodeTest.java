package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.ConflictException;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/** SQLite is single-node: a second node on the same file is refused, clearly, until the first closes. */
class SqliteSingleNodeTest {
    @TempDir
    Path dir;

    @Test
    void aSecondNodeOnOneSqliteFileIsRefusedAndTheFileIsFreeOnceTheFirstCloses() {
        StoreConfig store = TestDatabases.sqlite(dir);
        MusterProperties settings = MusterProperties.of(Map.of(
                "muster.store", store.url(), "muster.data", dir.resolve("data").toString()));
        try (MusterNode first = MusterNode.start(settings, Clock.systemUTC())) {
            assertThat(first.isWriter()).isTrue();
            assertThat(first.findWriterUrl()).isEmpty();
            assertThatThrownBy(() -> MusterNode.start(settings, Clock.systemUTC()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(store.findSqliteFile().orElseThrow().toString())
                    .hasMessageContaining("already open by another Muster node")
                    .hasMessageContaining("SQLite is single-node")
                    .hasMessageContaining("PostgreSQL");
        }
        try (MusterNode again = MusterNode.start(settings, Clock.systemUTC())) {
            assertThat(again.isWriter()).isTrue();
        }
    }
}
