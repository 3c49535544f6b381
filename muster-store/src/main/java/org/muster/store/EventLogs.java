package org.muster.store;

import org.muster.store.internal.JdbcEventStore;

/** Opens event logs. */
public final class EventLogs {
    private EventLogs() {}

    /**
     * Opens the log named by {@code config}, creating the database (an SQLite file and its folder) when it
     * does not exist, and bringing its schema up to date. The caller closes it.
     *
     * @throws org.muster.domain.TransientException when the database cannot be reached
     * @throws IllegalStateException when its schema cannot be migrated (for example, it was written by a
     *     newer Muster)
     */
    public static EventStore open(StoreConfig config) {
        return JdbcEventStore.open(config);
    }

    /** Opens the log at a URL such as {@code sqlite:/var/lib/muster/muster.db}; see {@link StoreConfig}. */
    public static EventStore open(String url) {
        return open(StoreConfig.parse(url));
    }
}
