package org.muster.store.internal;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import org.muster.domain.TransientException;

/**
 * Work on one store's connections, as every table of it does it: refused once the store is closed, and a
 * storage failure turned into a {@link TransientException} that says what was being done.
 */
final class StoreCalls {
    private final Connections connections;
    private final BooleanSupplier closed;

    StoreCalls(Connections connections, BooleanSupplier closed) {
        this.connections = connections;
        this.closed = closed;
    }

    <T> T read(String what, SqlWork<T> work) {
        requireOpen();
        try {
            return connections.read(work);
        } catch (SQLException e) {
            throw new TransientException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    <T> T write(String what, SqlWork<T> work) {
        requireOpen();
        try {
            return connections.write(work);
        } catch (SQLException e) {
            throw new TransientException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    void requireOpen() {
        if (closed.getAsBoolean()) throw new IllegalStateException("the event log is closed");
    }
}
