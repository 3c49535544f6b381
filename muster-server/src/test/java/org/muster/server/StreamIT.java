package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.muster.domain.command.Actor;
import org.muster.server.SseStream.Sse;

/** The live stream: ids are sequences, a reconnect with Last-Event-ID misses nothing, and it is filtered. */
class StreamIT {
    private final TestServer s = SharedServer.get();

    /** Reads events until {@code count} have come, from a stream opened with these headers. */
    private List<Sse> read(String token, String lastEventId, int count) throws Exception {
        return read("/api/v1/stream", token, lastEventId, count);
    }

    private List<Sse> read(String path, String token, String lastEventId, int count) throws Exception {
        return SseStream.read(s, path, token, lastEventId, read -> read.size() >= count);
    }

    /**
     * Reads from after {@code lastEventId} (live from now when null) until an event passes {@code last}, that
     * one included: the shared service's own watch (alerts, archiving, expiry) appends events of its own
     * whenever it sees fit, so a test waiting for its own event reads past theirs.
     */
    private List<Sse> readUntil(String token, String lastEventId, Predicate<Sse> last) throws Exception {
        return SseStream.read(s, "/api/v1/stream", token, lastEventId, SseStream.until(last));
    }

    /** An event Muster logged of its own accord (an alert, an archived incident, an expiry), not a user's. */
    private static boolean byMuster(Sse e) {
        JsonNode actor = Json.parse(e.data()).get("actor");
        String name = actor.isTextual() ? actor.asText() : actor.get("id").asText();
        return name.equals(Actor.SYSTEM.id()) || name.equals("muster");
    }

    private void createIncidents(String org, int n) {
        var st = s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().value().equals(org))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < n; i++) {
            String body = String.format(
                    Locale.ROOT,
                    "{\"organisation\":\"%s\",\"type\":\"%s\",\"location\":{\"lat\":%.6f,\"lon\":%.6f}}",
                    org,
                    org.equals("MAS") ? "STROKE" : "WELFARE_CONCERN",
                    st.location().lat() + 0.001 * i,
                    st.location().lon());
            assertThat(s.post("/api/v1/incidents", "call-handler", org, body).status())
                    .isEqualTo(201);
        }
    }

    @Test
    void a_reconnect_with_last_event_id_misses_nothing() throws Exception {
        String all = TestServer.tokenOf("coordinator", "*");
        long start = s.node().engine().state().sequence();
        createIncidents("MAS", 3);
        long mid = s.node().engine().state().sequence();
        List<Sse> first = read(all, Long.toString(start), (int) (mid - start));
        assertThat(first).extracting(Sse::id).first().isEqualTo(start + 1);
        // disconnected: more happens meanwhile
        createIncidents("WSP", 2);
        long end = s.node().engine().state().sequence();
        long last = first.get(first.size() - 1).id();
        List<Sse> second = read(all, Long.toString(last), (int) (end - last));
        List<Long> ids = new ArrayList<>();
        first.forEach(e -> ids.add(e.id()));
        second.forEach(e -> ids.add(e.id()));
        assertThat(ids).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(ids).hasSize((int) (end - start));
        assertThat(ids.get(ids.size() - 1)).isEqualTo(end);
        assertThat(second.get(0).type()).isNotBlank();
        assertThat(Json.parse(second.get(0).data()).get("sequence").asLong())
                .isEqualTo(second.get(0).id());
    }

    @Test
    void without_a_starting_point_the_stream_is_live_from_now() throws Exception {
        String all = TestServer.tokenOf("coordinator", "*");
        long start = s.node().engine().state().sequence();
        assertThat(start).as("the log already holds the region and more").isGreaterThan(100);
        var reader = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        // read to the first event of a user's: the alerts Muster raises on the calls (or on anything) may come
        // first, live as well
        var future = reader.submit(() -> readUntil(all, null, e -> !byMuster(e)));
        // a call now and then until the stream, live once it is open, passes one on
        for (int i = 0; i < 60 && !future.isDone(); i++) {
            createIncidents("WSP", 1);
            Thread.sleep(500);
        }
        List<Sse> seen = future.get(30, TimeUnit.SECONDS);
        reader.shutdownNow();
        assertThat(seen).isNotEmpty();
        assertThat(seen.getFirst().id()).as("no event from before it opened").isGreaterThan(start);
        assertThat(seen.getLast().type()).isEqualTo("IncidentCreated");
    }

    @Test
    void with_after_the_stream_resumes_there_and_not_beyond_the_last_event() throws Exception {
        String all = TestServer.tokenOf("coordinator", "*");
        long start = s.node().engine().state().sequence();
        createIncidents("MAS", 2);
        List<Sse> missed = read("/api/v1/stream?after=" + start, all, null, 2);
        assertThat(missed).extracting(Sse::id).containsExactly(start + 1, start + 2);

        long last = s.node().log().lastSequence();
        var beyond = s.openStream("/api/v1/stream?after=" + (last + 1000), all);
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body())
                .contains("after")
                .contains(Long.toString(last + 1000))
                .contains("beyond");
        var header = s.http()
                .send(
                        HttpRequest.newBuilder(s.uri("/api/v1/stream"))
                                .header("Authorization", "Bearer " + all)
                                .header("Accept", "text/event-stream")
                                .header("Last-Event-ID", Long.toString(last + 1000))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(header.body()).contains("Last-Event-ID");
    }

    /**
     * A log whose first events were moved out, as archiving does (here deleted under the running server):
     * resuming before what it holds is refused with 410 naming {@code after}, the value and the first
     * event held; resuming right before that first event still works.
     */
    @Test
    void resuming_before_what_the_log_holds_is_gone() throws Exception {
        try (TestServer own = TestServer.start(org.muster.store.StoreConfig.Backend.SQLITE)) {
            try (var c = org.muster.store.testing.TestDatabases.connect(own.store());
                    var sql = c.createStatement()) {
                sql.execute("DROP TRIGGER events_no_delete");
                sql.execute("DELETE FROM events WHERE sequence <= 10");
            }
            assertThat(own.node().log().firstSequence()).isEqualTo(11);
            String all = TestServer.tokenOf("coordinator", "*");

            var gone = own.openStream("/api/v1/stream?after=5", all);
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(Json.parse(gone.body()).get("detail").asText())
                    .contains("after=5")
                    .contains("first event it holds is 11");
            var browser = own.http()
                    .send(
                            HttpRequest.newBuilder(own.uri("/api/v1/stream"))
                                    .header("Authorization", "Bearer " + all)
                                    .header("Accept", "text/event-stream")
                                    .header("Last-Event-ID", "0")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(browser.statusCode()).isEqualTo(410);
            assertThat(browser.body()).contains("Last-Event-ID=0");

            assertThat(own.openStream("/api/v1/stream?after=10", all).status()).isEqualTo(200);
        }
    }

    @Test
    void live_events_arrive_and_only_what_the_user_may_see() throws Exception {
        long start = s.node().engine().state().sequence();
        var reader = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        // a WSP viewer follows live from now; MAS calls come first, then one WSP call
        // (the node's own alerts for WSP may come first, at any time: it reads on to the first call)
        var future = reader.submit(() -> readUntil(
                TestServer.tokenOf("viewer", "WSP"),
                Long.toString(start),
                e -> e.type().equals("IncidentCreated")));
        Thread.sleep(300);
        createIncidents("MAS", 2);
        createIncidents("WSP", 1);
        List<Sse> seen = future.get(30, TimeUnit.SECONDS);
        reader.shutdownNow();
        assertThat(seen.subList(0, seen.size() - 1))
                .as("before the call, Muster's own events only")
                .allMatch(StreamIT::byMuster);
        for (Sse e : seen) assertThat(e.data()).as(e.type()).doesNotContain("\"MAS\"");
        assertThat(seen.getLast().type()).isEqualTo("IncidentCreated");
        assertThat(seen.getLast().data()).contains("\"WSP\"");
        assertThat(seen.getLast().id()).isGreaterThan(start + 2);
        assertThat(Duration.ofSeconds(1)).isPositive();
    }

    @Test
    void a_draft_aid_request_stays_with_its_requester_until_opened() throws Exception {
        long start = s.node().engine().state().sequence();
        var station = s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().value().equals("WSP"))
                .findFirst()
                .orElseThrow();
        String draft = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"DOG_UNIT\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT4H\",\"reason\":\"search for a missing child\",\"priority\":\"URGENT\","
                        + "\"addressees\":{\"organisations\":[\"ESP\"],\"region\":null,\"nationalCoordinator\":false},"
                        + "\"draft\":true}",
                station.location().lat(),
                station.location().lon(),
                java.time.Instant.now().plusSeconds(3600));
        var created = s.post("/api/v1/aid/requests", "supervisor", "WSP", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        createIncidents("ESP", 1);
        // the node's own alerts for ESP may be logged at any time: what matters is that the draft is not there
        List<Sse> esp = readUntil(
                TestServer.tokenOf("viewer", "ESP"),
                Long.toString(start),
                e -> e.type().equals("IncidentCreated"));
        assertThat(esp.getLast().type()).isEqualTo("IncidentCreated");
        for (Sse e : esp) assertThat(e.data()).as(e.type()).doesNotContain(id);
        assertThat(esp.subList(0, esp.size() - 1)).allMatch(StreamIT::byMuster);
        assertThat(s.get("/api/v1/aid/requests/" + id, "viewer", "ESP").status())
                .isEqualTo(404);

        long before = s.node().engine().state().sequence();
        assertThat(s.post("/api/v1/aid/requests/" + id + "/open", "supervisor", "WSP", null)
                        .status())
                .isEqualTo(200);
        // the first event of a user's after it, past any alert Muster raised meanwhile (on ESP's new call)
        List<Sse> opened = readUntil(TestServer.tokenOf("viewer", "ESP"), Long.toString(before), e -> !byMuster(e));
        assertThat(opened.getLast().data()).contains(id);
    }
}
