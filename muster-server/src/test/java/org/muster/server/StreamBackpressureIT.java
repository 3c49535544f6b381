package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.TransientException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.unit.Unit;
import org.muster.server.stream.EventHub;

/**
 * A subscriber that stops reading holds up nobody and holds no unbounded memory: while a flood of position
 * reports goes out, a dispatcher reading the stream gets a call taken after the flood within seconds, the
 * events waiting for the reader that stopped never pass {@link EventHub#MAX_WAITING_EVENTS}, and that reader
 * is closed with a last event that says why and where to resume, from where it gets the call from the log.
 */
class StreamBackpressureIT {
    private final TestServer s = SharedServer.get();

    @Test
    void aSubscriberThatStopsReadingIsClosedWithANoticeAndHoldsUpNeitherTheOthersNorMemory() throws Exception {
        EventHub hub = s.server().stream();
        String dispatcher = TestServer.tokenOf("dispatcher", "MAS");
        int before = hub.clientCount();
        int behindBefore = hub.clientsBehind();

        // the slow one: reads the response's first bytes, then nothing
        Socket slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(new InetSocketAddress("127.0.0.1", s.server().port()), 5_000);
        OutputStream request = slow.getOutputStream();
        request.write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + dispatcher
                        + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.flush();
        InputStream slowIn = slow.getInputStream();
        assertThat(new String(slowIn.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");

        // the fast one: the organisation's dispatcher reading everything
        AtomicInteger fastPositions = new AtomicInteger();
        List<String> fastCalls = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong markerSeenAt = new AtomicLong();
        CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> read(dispatcher, fastPositions, fastCalls));
        TestServer.eventually(
                () -> Json.parse("{\"n\":" + hub.clientCount() + "}"),
                n -> n.get("n").asInt() >= before + 2);
        assertThat(hub.clientCount()).isGreaterThanOrEqualTo(before + 2);

        // the flood: position reports until the one that stopped reading is let go (more than may wait for it,
        // on top of what its socket holds), or far more than that
        Unit unit = s.units("MAS", u -> u.position().isPresent()).getFirst();
        GeoPoint at = unit.position().orElseThrow().point();
        int sent = 0, accepted = 0, most = 0;
        long run = System.nanoTime();
        while (hub.clientsBehind() == behindBefore && sent < 100_000) {
            List<CompletableFuture<?>> chunk = new ArrayList<>();
            for (int i = 0; i < 500; i++, sent++) {
                chunk.add(s.node()
                        .engine()
                        .submit(new CommandEnvelope(
                                CommandId.of("flood-" + run + "-" + sent),
                                Actor.of("stream-test"),
                                "",
                                new Command.ReportPosition(
                                        unit.id(), new GeoPoint(at.lat() + (sent % 2) * 1e-6, at.lon())))));
            }
            for (CompletableFuture<?> f : chunk) {
                try {
                    f.join();
                    accepted++;
                } catch (CompletionException e) {
                    if (!(e.getCause() instanceof TransientException)) throw e; // overloaded: a few refused
                }
            }
            most = Math.max(most, hub.maxWaitingEvents());
            // the flood goes at the pace of the one who reads, as a control room's does: on a loaded machine
            // this test's own reading thread could otherwise fall 10,000 events behind and be let go itself
            // (CI, 5 December 2026), which says nothing about the one that stopped reading
            long until = System.nanoTime() + 10_000_000_000L;
            while (fastPositions.get() < accepted - 2_000 && System.nanoTime() < until) Thread.sleep(5);
        }
        assertThat(hub.clientsBehind())
                .as("the one that stopped reading, closed")
                .isGreaterThan(behindBefore);
        assertThat(most).as("events waiting for one client, at most").isLessThanOrEqualTo(EventHub.MAX_WAITING_EVENTS);

        // a call after the flood reaches the dispatcher who reads, promptly
        long taken = System.nanoTime();
        String call = s.newIncident("MAS", "STROKE", at);
        while (fastCalls.stream().noneMatch(d -> d.contains(call)) && System.nanoTime() - taken < 20_000_000_000L)
            Thread.sleep(20);
        long lagMillis = (System.nanoTime() - taken) / 1_000_000;
        assertThat(fastCalls).as("calls on the fast stream").anyMatch(d -> d.contains(call));
        // not held behind the slow reader (which stalls for good); how soon is the load bench's stream lag
        assertThat(lagMillis).as("the call's arrival on the fast stream, ms").isLessThan(15_000);
        assertThat(fastPositions.get()).as("positions the fast one read").isGreaterThan(sent / 2);

        // the slow one, read at last: closed, its last event saying why and where to resume
        String slowText = readToEnd(slow, slowIn);
        assertThat(slowText).contains("event:" + EventHub.BEHIND);
        String notice = slowText.substring(slowText.indexOf("event:" + EventHub.BEHIND));
        String data = notice.substring(notice.indexOf("data:") + 5, notice.indexOf('\n', notice.indexOf("data:")));
        var json = Json.parse(data);
        assertThat(json.get("detail").asText()).contains("behind").contains("Last-Event-ID");
        long resumeAt = json.get("lastEventId").asLong();
        TestServer.eventually(
                () -> Json.parse("{\"n\":" + hub.clientCount() + "}"),
                n -> n.get("n").asInt() <= before + 1);
        assertThat(hub.clientCount())
                .as("the slow one let go once it read its last write")
                .isLessThanOrEqualTo(before + 1);

        // resuming there, it reads the call from the log
        List<String> resumed = new ArrayList<>();
        HttpRequest again = HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                .header("Authorization", "Bearer " + dispatcher)
                .header("Last-Event-ID", Long.toString(resumeAt))
                .build();
        HttpResponse<Stream<String>> r = s.http().send(again, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && resumed.stream().noneMatch(d -> d.contains(call))) {
                String line = it.next();
                if (line.startsWith("data:")) resumed.add(line);
            }
        }
        assertThat(resumed).anyMatch(d -> d.contains(call));
        fast.cancel(true);
    }

    /** Reads the stream as {@code token}, counting positions and keeping the other events' data. */
    private void read(String token, AtomicInteger positions, List<String> others) {
        HttpRequest request = HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                .header("Authorization", "Bearer " + token)
                .build();
        try {
            HttpResponse<Stream<String>> r = s.http().send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = r.body()) {
                String type = "";
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.startsWith("event:")) type = line.substring(6);
                    else if (line.startsWith("data:")) {
                        if (type.equals("UnitMoved")) positions.incrementAndGet();
                        else others.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // closed at the end of the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Everything the socket still holds and gets until the server closes the stream (chunked, as sent), for at
     * most 30 seconds.
     */
    private static String readToEnd(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(5_000);
        long deadline = System.nanoTime() + 30_000_000_000L;
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[1 << 16];
        try {
            for (int n = in.read(buffer); n >= 0 && System.nanoTime() < deadline; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                // the end of a chunked response: the last, empty chunk
                if (text.length() > 5 && text.substring(text.length() - 5).equals("0\r\n\r\n")) break;
            }
        } catch (SocketTimeoutException e) {
            // what came is what there is
        } finally {
            socket.close();
        }
        return text.toString();
    }
}
