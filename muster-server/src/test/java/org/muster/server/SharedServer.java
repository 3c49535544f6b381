package org.muster.server;

import org.muster.store.StoreConfig;

/**
 * One server over a real PostgreSQL for the integration tests of a run; each test makes its own
 * incidents, so they do not depend on each other. Closed when the JVM exits.
 */
final class SharedServer {
    private static TestServer server;

    private SharedServer() {}

    static synchronized TestServer get() {
        if (server == null) {
            server = TestServer.start(StoreConfig.Backend.POSTGRESQL);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }
}
