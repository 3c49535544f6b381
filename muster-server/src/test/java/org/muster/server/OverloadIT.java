package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.event.Event;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/**
 * Overload over HTTP against a real PostgreSQL: with the database stalled (the event table locked by
 * another session), the writer's small inbox fills, and what does not fit is answered 503 with
 * {@code Retry-After} at once, a problem detail saying so; a request whose command waits longer than the
 * configured time gets a 503 too, not a hung connection. Once the database moves again, every command
 * answered 201 is in the log.
 */
class OverloadIT {
    /** Room for the region's set-up and the alerts it raises, and far fewer than the burst below. */
    private static final int INBOX = 30;

    private static final int REQUESTS = 90;

    /**
     * How long a command in the inbox waits for its answer: longer than the stall below may last on a busy
     * machine, so that the only 503s while it lasts are the full inbox's, and the inbox's commands are taken
     * once it ends.
     */
    private static final Duration WRITER_WAIT = Duration.ofSeconds(20);

    @Test
    void aFullInboxAnswers503WithRetryAfterAndNothingAcknowledgedIsLost() throws Exception {
        try (TestServer s = TestServer.start(
                StoreConfig.Backend.POSTGRESQL,
                Map.of("muster.writer-inbox", Integer.toString(INBOX), "muster.writer-wait", WRITER_WAIT.toString()))) {
            GeoPoint at = masPoint(s);
            long before = s.node().log().lastSequence();
            long refused;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            try (Connection stall = TestDatabases.connect(s.store())) {
                stall.setAutoCommit(false);
                try (Statement lock = stall.createStatement()) {
                    lock.execute("LOCK TABLE events IN EXCLUSIVE MODE"); // reads go on, appends wait
                }
                for (int i = 0; i < REQUESTS; i++)
                    answers.add(s.http().sendAsync(call(s, at, i), HttpResponse.BodyHandlers.ofString()));
                // The overflow is refused while the database is still stalled: at once, by the full inbox, not
                // after a wait. (Counted by what the refusal says, not by a wall-clock window: on a busy machine
                // the client's and the server's threads may stand still for seconds before the requests arrive.)
                long refusedEarly = 0;
                long until = System.nanoTime() + WRITER_WAIT.dividedBy(2).toNanos();
                while (refusedEarly < REQUESTS / 3 && System.nanoTime() < until) {
                    Thread.sleep(50);
                    refusedEarly =
                            answers.stream().filter(OverloadIT::refusedAsFull).count();
                }
                assertThat(answers.stream().filter(a -> a.isDone() && a.join().statusCode() != 503))
                        .as("nothing answered but the refusals while the database stalls")
                        .isEmpty();
                assertThat(refusedEarly).as("refused while the database stalls").isGreaterThanOrEqualTo(REQUESTS / 3);
                refused = refusedEarly;
                stall.commit(); // the database moves again
            }

            int created = 0;
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get();
                assertThat(r.statusCode()).as(r.body()).isIn(201, 503);
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Retry-After")).contains("2");
                    assertThat(r.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    assertThat(r.body()).contains("\"status\":503");
                } else {
                    created++;
                }
            }
            Set<String> acknowledged = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get();
                if (r.statusCode() != 201) continue;
                String location = r.headers().firstValue("Location").orElseThrow();
                acknowledged.add(location.substring(location.lastIndexOf('/') + 1));
            }
            Set<String> logged = new HashSet<>();
            s.node().log().readAfter(before, e -> {
                if (e.event() instanceof Event.IncidentCreated c)
                    logged.add(c.incident().id().value());
            });
            assertThat(created).isPositive();
            assertThat(logged).containsAll(acknowledged);
            // A request refused at once never reached the writer: at most those that got in are logged.
            assertThat((long) logged.size()).isLessThanOrEqualTo(REQUESTS - refused);
            // And the server is well again: the next call goes straight through.
            assertThat(s.newIncident("MAS", "CHEST_PAIN", at)).isNotBlank();
        }
    }

    /** Answered 503 because the writer's inbox was full, which is at once: no wait for the writer ran out. */
    private static boolean refusedAsFull(CompletableFuture<HttpResponse<String>> answer) {
        return answer.isDone()
                && answer.join().statusCode() == 503
                && answer.join().body().contains("Muster is overloaded");
    }

    private static HttpRequest call(TestServer s, GeoPoint at, int i) {
        String body = String.format(
                Locale.ROOT,
                "{\"organisation\":\"MAS\",\"type\":\"CHEST_PAIN\",\"location\":{\"lat\":%.6f,\"lon\":%.6f},"
                        + "\"description\":\"overload %d\"}",
                at.lat(),
                at.lon(),
                i);
        return HttpRequest.newBuilder(s.uri("/api/v1/incidents"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestServer.tokenOf("call-handler", "MAS"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "overload-" + i)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A MAS station's location, nudged: inside a MAS zone and near roads. */
    private static GeoPoint masPoint(TestServer s) {
        Station station = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of("MAS")))
                .min(java.util.Comparator.comparing(Station::id))
                .orElseThrow();
        return new GeoPoint(station.location().lat() + 0.004, station.location().lon() + 0.004);
    }
}
