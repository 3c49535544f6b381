package org.muster.server.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.muster.domain.access.Viewer;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.Engine;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.store.DomainJson;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream to browsers and integrations. A client that names the last event it saw first gets the
 * events after it from the log, then the live ones; one that names none starts live, from the head of the
 * log. A client that falls too far behind is closed and, reconnecting with {@code Last-Event-ID}, catches
 * up from the log. So no event is lost across a reconnect.
 *
 * <p>Each event is written as a server-sent event once, as bytes every client shares; a client's thread
 * writes whatever has waited for it since its last write in one write and one flush. So the work per
 * client is a copy of bytes, not a serialisation and a flush per event, and a client that reads slowly
 * holds up nobody: it has its own queue, bounded by {@link #MAX_WAITING_EVENTS}, past which it is told so
 * and closed.
 */
public final class EventHub implements AutoCloseable, org.springframework.context.SmartLifecycle {
    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());
    /**
     * The most events that may wait for one client, a few seconds of the busiest load measured (about 2,300
     * a second): beyond that the client is closed and resumes from the log, instead of holding ever more
     * batches (and the states they carry) in memory.
     */
    public static final int MAX_WAITING_EVENTS = 10_000;
    /** The name of the last event a client that fell too far behind is sent. */
    public static final String BEHIND = "StreamBehind";

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** The most a client's write buffer keeps between writes; a larger one, grown by a burst, is let go. */
    private static final int KEPT_BUFFER_BYTES = 256 * 1024;
    /** Bytes, written as they are: every event frame is already in the stream's own format. */
    private static final MediaType FRAMES = MediaType.APPLICATION_OCTET_STREAM;
    /** Wakes a client's thread to find it has been closed for falling behind. */
    private static final Batch WAKE = new Batch(List.of(), null);

    private final MusterNode node;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Engine.Subscription subscription;

    public EventHub(MusterNode node) {
        this.node = node;
        this.subscription = node.engine().subscribe(this::publish);
    }

    /** A batch as the clients share it: each event's frame made once, by whichever client gets there first. */
    private record Batch(List<RecordedEvent> events, MusterState after, byte[][] frames) {
        Batch(List<RecordedEvent> events, MusterState after) {
            this(events, after, new byte[events.size()][]);
        }

        byte[] frameAt(int i) {
            byte[] f = frames[i];
            if (f == null) frames[i] = f = frame(events.get(i)); // a race only makes it twice
            return f;
        }
    }

    private final class Client {
        final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
        /** Events in {@link #queue}: what bounds the memory a slow client holds. */
        final AtomicInteger waiting = new AtomicInteger();

        final SseEmitter emitter;
        final Viewer viewer;
        /** Starts at the head of the log as it stands once the client is listening, not at {@link #lastSent}. */
        final boolean live;

        volatile boolean behind;
        volatile boolean closed;
        long lastSent;

        Client(SseEmitter emitter, Viewer viewer, boolean live, long after) {
            this.emitter = emitter;
            this.viewer = viewer;
            this.live = live;
            this.lastSent = after;
        }
    }

    /** On the writer's thread: hand the batch to every client's queue, never waiting. */
    private void publish(List<RecordedEvent> events, MusterState after) {
        Batch b = new Batch(events, after);
        for (Client c : clients) {
            if (c.behind) continue;
            if (c.waiting.addAndGet(events.size()) > MAX_WAITING_EVENTS) {
                // let go of what it holds now, not when its thread next runs
                c.behind = true;
                c.queue.clear();
                c.queue.offer(WAKE);
            } else {
                c.queue.offer(b);
            }
        }
    }

    /** The most events waiting for any one client now: never more than {@link #MAX_WAITING_EVENTS}. */
    public int maxWaitingEvents() {
        int most = 0;
        for (Client c : clients) if (!c.behind) most = Math.max(most, c.waiting.get());
        return most;
    }

    /**
     * Clients closed for falling behind whose last write has not gone out yet: each holds that write's bytes
     * until it reads them or its connection drops, nothing more.
     */
    public int clientsBehind() {
        int n = 0;
        for (Client c : clients) if (c.behind) n++;
        return n;
    }

    /** Opens a stream for {@code viewer} with the events from now on, none from before. */
    public SseEmitter openLive(Viewer viewer) {
        return open(viewer, true, 0);
    }

    /**
     * Opens a stream for {@code viewer} that starts after event {@code after}: the events from there to the
     * head come from the log. The caller checks that the log still holds them ({@link #firstSequence()}).
     */
    public SseEmitter open(Viewer viewer, long after) {
        return open(viewer, false, Math.max(0, after));
    }

    /** The first event a stream can still start from: the first the log holds. */
    public long firstSequence() {
        return node.log().firstSequence();
    }

    /** The last durable event: a stream cannot resume after an event that has not happened. */
    public long lastSequence() {
        return node.log().lastSequence();
    }

    private SseEmitter open(Viewer viewer, boolean live, long after) {
        SseEmitter emitter = new SseEmitter(Duration.ofHours(1).toMillis());
        Client client = new Client(emitter, viewer, live, after);
        emitter.onCompletion(() -> close(client));
        emitter.onTimeout(() -> close(client));
        emitter.onError(e -> close(client));
        clients.add(client);
        Thread.ofVirtual().name("muster-stream").start(() -> serve(client));
        return emitter;
    }

    private void close(Client c) {
        c.closed = true;
        clients.remove(c);
        c.queue.clear();
    }

    private void serve(Client c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        List<Batch> taken = new ArrayList<>();
        try {
            // Everything durable now comes from the log; later batches from the queue, without repeats. The
            // client was listening before the head was read, so a live start misses nothing after it either.
            long head = node.log().lastSequence();
            if (c.live) c.lastSent = head;
            MusterState state = node.engine().state();
            for (long from = c.lastSent; from < head; from = Math.min(head, from + 1000)) {
                Batch old = new Batch(node.log().listRange(from, Math.min(head, from + 1000)), state);
                out.reset();
                for (int i = 0; i < old.events().size(); i++) write(c, old, i, out);
                flush(c, out);
            }
            c.emitter.send(SseEmitter.event().comment("live from " + c.lastSent));
            while (!c.closed && !c.behind) {
                Batch b = c.queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (c.behind) break;
                if (b == null) {
                    c.emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                // everything that waited while the last write went out: one write, one flush
                taken.add(b);
                c.queue.drainTo(taken);
                out.reset();
                for (Batch x : taken) {
                    c.waiting.addAndGet(-x.events().size());
                    for (int i = 0; i < x.events().size(); i++) write(c, x, i, out);
                }
                taken.clear();
                flush(c, out);
                // a burst's buffer is not kept for the client's life: fifty clients idling on megabytes each
                if (out.size() > KEPT_BUFFER_BYTES) out = new ByteArrayOutputStream(1 << 16);
            }
            if (c.behind)
                c.emitter.send(
                        SseEmitter.event().name(BEHIND).data(behindNotice(c.lastSent), MediaType.APPLICATION_JSON));
            c.emitter.complete();
        } catch (IOException | IllegalStateException e) {
            LOG.fine(() -> "stream client went away: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(c);
        }
    }

    /** What a client that fell too far behind is told last: why, and where to resume. */
    static String behindNotice(long lastEventId) {
        return DomainJson.write(Map.of(
                "detail",
                "this stream fell more than " + MAX_WAITING_EVENTS + " events behind and is closed; reconnect"
                        + " with Last-Event-ID: " + lastEventId + " (or ?after=" + lastEventId
                        + ") to read what followed from the log",
                "lastEventId",
                lastEventId));
    }

    private static void flush(Client c, ByteArrayOutputStream out) throws IOException {
        if (out.size() == 0) return;
        c.emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(out.toByteArray(), FRAMES)));
    }

    private void write(Client c, Batch b, int i, ByteArrayOutputStream out) {
        RecordedEvent e = b.events().get(i);
        if (!e.logged()) {
            // A reported position is not in the log: sent live only, without an id, so that Last-Event-ID
            // resumes by the log's sequence alone. A reconnecting client reads /api/v1/units for where the
            // units are now.
            if (EventScope.visible(c.viewer, e.event(), b.after(), node.closedIncidents()))
                out.writeBytes(b.frameAt(i));
            return;
        }
        if (e.sequence() <= c.lastSent) return;
        if (EventScope.visible(c.viewer, e.event(), b.after(), node.closedIncidents())) out.writeBytes(b.frameAt(i));
        c.lastSent = e.sequence();
    }

    /** One event as a server-sent event: its sequence as the id (logged events only), its type, its JSON. */
    static byte[] frame(RecordedEvent e) {
        StringBuilder f = new StringBuilder(512);
        if (e.logged()) f.append("id:").append(e.sequence()).append('\n');
        f.append("event:").append(e.event().getClass().getSimpleName()).append('\n');
        // the codec writes one line; were it ever to write more, each line is a data line of its own
        f.append("data:")
                .append(DomainJson.write(wire(e)).replace("\n", "\ndata:"))
                .append("\n\n");
        return f.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An event as the stream and the audit API show it. */
    public static Map<String, Object> wire(RecordedEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", e.sequence());
        m.put("at", e.at());
        m.put("command", e.command());
        m.put("actor", e.actor());
        m.put("reason", e.reason());
        m.put("type", e.event().getClass().getSimpleName());
        m.put("event", e.event());
        return m;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream first, so that the web server's graceful shutdown does not wait on them. */
    @Override
    public void stop() {
        running = false;
        for (Client c : clients) {
            c.closed = true;
            try {
                c.emitter.complete();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    public int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        subscription.close();
        for (Client c : clients) {
            c.closed = true;
            try {
                c.emitter.complete();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
