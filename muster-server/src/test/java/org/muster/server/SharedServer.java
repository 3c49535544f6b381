package org.muster.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.muster.store.StoreConfig;

/**
 * One server over a real PostgreSQL for the integration tests of a run; each test makes its own
 * incidents, so they do not depend on each other. Closed when the JVM exits.
 *
 * <p>It knows one peer, {@code ambulance}: a second service holding the ambulance service's and Eastshire
 * Police's work ({@link #peer()}, started by the tests that pass incidents and mutual aid between services), and
 * one that never answers, {@code nowhere}.
 */
final class SharedServer {
    private static TestServer server;
    private static TestServer peer;
    private static int peerPort;

    private SharedServer() {}

    static synchronized TestServer get() {
        if (server == null) {
            peerPort = freePort();
            server = TestServer.start(
                    StoreConfig.Backend.POSTGRESQL,
                    Map.of(
                            "muster.peers.ambulance.url",
                            "http://127.0.0.1:" + peerPort,
                            "muster.peers.ambulance.token",
                            TestServer.tokenOf("call-handler", "MAS"),
                            "muster.peers.ambulance.organisations[0]",
                            "MAS",
                            "muster.peers.ambulance.organisations[1]",
                            "ESP",
                            "muster.peers.nowhere.url",
                            "http://127.0.0.1:" + freePort(),
                            "muster.peers.nowhere.token",
                            TestServer.tokenOf("call-handler", "MFRS"),
                            "muster.peers.nowhere.organisations[0]",
                            "MFRS"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /**
     * A second service on its own SQLite store, on the port the shared server knows as its peer {@code
     * ambulance}; it knows the shared server as {@code westshire}, serving Westshire Police. Its tokens are a
     * test server's, so each service's call-handler token of an organisation is the peer's credential there.
     */
    static synchronized TestServer peer() {
        TestServer sender = get();
        if (peer == null) {
            peer = TestServer.start(
                    StoreConfig.Backend.SQLITE,
                    Map.of(
                            "server.port", String.valueOf(peerPort),
                            "muster.peers.westshire.url", sender.uri("").toString(),
                            "muster.peers.westshire.token", TestServer.tokenOf("call-handler", "WSP"),
                            "muster.peers.westshire.organisations[0]", "WSP"));
            Runtime.getRuntime().addShutdownHook(new Thread(peer::close));
        }
        return peer;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
