package org.muster.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay between Muster and a real PostgreSQL server that can lose a commit's answer, as a primary killed
 * while its replica already holds the commit does: once {@link #arm armed}, the first {@code COMMIT} of a
 * transaction that writes (not a read-only one's) that the server confirms is not passed on; every connection is cut instead, and new ones are refused until {@link
 * #restore}. The server itself is untouched, so what it committed stays committed.
 */
final class CommitCuttingProxy implements AutoCloseable {
    /** PostgreSQL's CommandComplete message for a commit: 'C', its length (11), the tag "COMMIT" and a NUL. */
    private static final byte[] COMMIT_COMPLETE = commitComplete();
    /** How the store begins a transaction that writes, and one that only reads (a simple query each). */
    private static final byte[] BEGIN_WRITING = "BEGIN\0".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] BEGIN_READING = "BEGIN READ ONLY\0".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listening;
    private final InetSocketAddress server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean down;
    private volatile boolean cut;

    CommitCuttingProxy(String host, int port) throws IOException {
        this.server = new InetSocketAddress(host, port);
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("commit-cutting-proxy").start(this::accept);
    }

    int port() {
        return listening.getLocalPort();
    }

    /** Loses the answer to the next commit the server confirms, and goes down. */
    void arm() {
        cut = false;
        armed.set(true);
    }

    /** Whether an armed proxy has cut a commit's answer. */
    boolean cut() {
        return cut;
    }

    /** Takes connections again. */
    void restore() {
        down = false;
    }

    @Override
    public void close() throws IOException {
        listening.close();
        cutAll();
    }

    private void accept() {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return;
            }
            if (down) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(server, 5_000);
                open.add(client);
                open.add(upstream);
                AtomicBoolean writing = new AtomicBoolean();
                Thread.ofVirtual().start(() -> relay(client, upstream, writing, false));
                Thread.ofVirtual().start(() -> relay(upstream, client, writing, true));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /**
     * Passes bytes on from one side to the other. {@code writing}, shared by a connection's two directions,
     * says whether the client's open transaction began as one that writes.
     */
    private void relay(Socket from, Socket to, AtomicBoolean writing, boolean fromServer) {
        byte[] buffer = new byte[64 * 1024];
        // the last bytes of the previous read, so that a tag split between two reads is still seen
        byte[] tail = new byte[0];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!fromServer) {
                    byte[] sent = Arrays.copyOf(buffer, n);
                    if (indexOf(sent, BEGIN_WRITING) >= 0) writing.set(true);
                    else if (indexOf(sent, BEGIN_READING) >= 0) writing.set(false);
                }
                if (fromServer && armed.get() && writing.get()) {
                    byte[] seen = concat(tail, buffer, n);
                    if (indexOf(seen, COMMIT_COMPLETE) >= 0 && armed.compareAndSet(true, false)) {
                        down = true;
                        cut = true;
                        cutAll();
                        return;
                    }
                    tail = Arrays.copyOfRange(seen, Math.max(0, seen.length - COMMIT_COMPLETE.length), seen.length);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void cutAll() {
        for (Socket s : open) closeQuietly(s);
        open.clear();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static byte[] concat(byte[] tail, byte[] buffer, int n) {
        byte[] all = Arrays.copyOf(tail, tail.length + n);
        System.arraycopy(buffer, 0, all, tail.length, n);
        return all;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static byte[] commitComplete() {
        byte[] tag = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[1 + 4 + tag.length];
        message[0] = 'C';
        message[4] = (byte) (4 + tag.length);
        System.arraycopy(tag, 0, message, 5, tag.length);
        return message;
    }
}
