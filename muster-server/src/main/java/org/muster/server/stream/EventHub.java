package org.muster.server.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.muster.domain.access.Viewer;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.Engine;
import org.muster.engine.state.MusterState;
import org.muster.server.MusterNode;
import org.muster.store.DomainJson;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream to browsers and integrations. A client that names the last event it saw first gets the
 * events after it from the log, then the live ones; one that names none starts live, from the head of the
 * log. A client that falls too far behind is closed and, reconnecting with {@code Last-Event-ID}, catches
 * up from the log. So no event is lost across a reconnect.
 */
public final class EventHub implements AutoCloseable, org.springframework.context.SmartLifecycle {
    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());
    private static final int QUEUE = 10_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final MusterNode node;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Engine.Subscription subscription;

    public EventHub(MusterNode node) {
        this.node = node;
        this.subscription = node.engine().subscribe(this::publish);
    }

    /** A batch as the clients share it: each event written as JSON once, by whichever client gets there first. */
    private record Batch(List<RecordedEvent> events, MusterState after, String[] json) {
        Batch(List<RecordedEvent> events, MusterState after) {
            this(events, after, new String[events.size()]);
        }

        String jsonAt(int i) {
            String j = json[i];
            if (j == null) json[i] = j = DomainJson.write(wire(events.get(i))); // a race only writes it twice
            return j;
        }
    }

    private final class Client {
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
        final SseEmitter emitter;
        final Viewer viewer;
        /** Starts at the head of the log as it stands once the client is listening, not at {@link #lastSent}. */
        final boolean live;

        volatile boolean overflowed;
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
            if (!c.queue.offer(b)) c.overflowed = true;
        }
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
    }

    private void serve(Client c) {
        try {
            // Everything durable now comes from the log; later batches from the queue, without repeats. The
            // client was listening before the head was read, so a live start misses nothing after it either.
            long head = node.log().lastSequence();
            if (c.live) c.lastSent = head;
            MusterState state = node.engine().state();
            for (long from = c.lastSent; from < head; from = Math.min(head, from + 1000)) {
                Batch old = new Batch(node.log().listRange(from, Math.min(head, from + 1000)), state);
                for (int i = 0; i < old.events().size(); i++) send(c, old, i);
            }
            c.emitter.send(SseEmitter.event().comment("live from " + c.lastSent));
            while (!c.closed) {
                if (c.overflowed) {
                    c.emitter.send(SseEmitter.event().comment("behind; reconnect with Last-Event-ID " + c.lastSent));
                    break;
                }
                Batch b = c.queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (b == null) {
                    c.emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                for (int i = 0; i < b.events().size(); i++) send(c, b, i);
            }
            c.emitter.complete();
        } catch (IOException | IllegalStateException e) {
            LOG.fine(() -> "stream client went away: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(c);
        }
    }

    private void send(Client c, Batch b, int i) throws IOException {
        RecordedEvent e = b.events().get(i);
        if (!e.logged()) {
            // A reported position is not in the log: sent live only, without an id, so that Last-Event-ID
            // resumes by the log's sequence alone. A reconnecting client reads /api/v1/units for where the
            // units are now.
            if (EventScope.visible(c.viewer, e.event(), b.after(), node.closedIncidents()))
                c.emitter.send(SseEmitter.event()
                        .name(e.event().getClass().getSimpleName())
                        .data(b.jsonAt(i), MediaType.APPLICATION_JSON));
            return;
        }
        if (e.sequence() <= c.lastSent) return;
        if (EventScope.visible(c.viewer, e.event(), b.after(), node.closedIncidents())) {
            c.emitter.send(SseEmitter.event()
                    .id(Long.toString(e.sequence()))
                    .name(e.event().getClass().getSimpleName())
                    .data(b.jsonAt(i), MediaType.APPLICATION_JSON));
        }
        c.lastSent = e.sequence();
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
