package org.muster.cli.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.muster.store.EventLogs;
import org.muster.store.StoreConfig;

/** A throwaway PostgreSQL server for benchmarks on a machine that has none configured. */
final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    StoreConfig config() {
        return StoreConfig.parse(pg.getJdbcUrl("postgres", "postgres")).withCredentials("postgres", "postgres");
    }

    String version() {
        return EventLogs.serverVersion(config());
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
