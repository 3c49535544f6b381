package org.muster.store.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.muster.domain.TransientException;

/** Brings a database's schema up to date with the migrations shipped for its dialect. */
final class Migrations {
    private Migrations() {}

    static void migrate(DataSource dataSource, Dialect dialect) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .loggers("slf4j")
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywaySqlException e) {
            throw new TransientException("cannot bring the store's schema up to date: " + e.getMessage(), e);
        } catch (FlywayException e) {
            // Not transient: a schema from a newer Muster, a changed migration, a failed script.
            throw new IllegalStateException("the store's schema cannot be migrated: " + e.getMessage(), e);
        }
    }
}
