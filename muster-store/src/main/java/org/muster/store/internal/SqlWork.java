package org.muster.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work on a connection; the {@link Connections} around it owns the transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
