package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Muster's server-sent event stream read as a client reads it, for the tests that follow it. */
final class SseStream {
    private SseStream() {}

    /** One event as it came: its id (the log's sequence), its type and its data line. */
    record Sse(long id, String type, String data) {}

    /**
     * Opens {@code path} as the token's user, from after {@code lastEventId} (live from now when null), and
     * reads events until {@code done} holds for those read so far, or the stream ends.
     */
    static List<Sse> read(TestServer s, String path, String token, String lastEventId, Predicate<List<Sse>> done)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
        HttpResponse<Stream<String>> r = s.http().send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        List<Sse> out = new ArrayList<>();
        long id = -1;
        String type = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id:"))
                    id = Long.parseLong(line.substring(3).strip());
                else if (line.startsWith("event:")) type = line.substring(6).strip();
                else if (line.startsWith("data:")) data.append(line.substring(5));
                else if (line.isEmpty() && id >= 0) {
                    out.add(new Sse(id, type, data.toString()));
                    id = -1;
                    data.setLength(0);
                    if (done.test(out)) return out;
                }
            }
        }
        return out;
    }

    /** Until the last event read is one {@code last} accepts. */
    static Predicate<List<Sse>> until(Predicate<Sse> last) {
        return read -> last.test(read.getLast());
    }
}
