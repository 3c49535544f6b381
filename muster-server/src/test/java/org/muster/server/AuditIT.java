package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.store.ChainHead;
import org.muster.store.Checkpoint;
import org.muster.store.StoreConfig;
import org.muster.store.testing.TestDatabases;

/** The audit log through the API: the chain verified, a forged row caught, the boards at a past instant. */
class AuditIT {

    @Test
    void the_boards_as_they_stood_at_an_instant() throws Exception {
        TestServer s = SharedServer.get();
        String zone = espZone(s);
        var level = s.send(
                "PUT",
                "/api/v1/zones/" + zone + "/level",
                TestServer.tokenOf("supervisor", "ESP"),
                "{\"level\":\"ELEVATED\",\"reason\":\"match day\"}");
        assertThat(level.status()).as(level.body()).isEqualTo(200);
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        var down = s.send(
                "PUT",
                "/api/v1/zones/" + zone + "/level",
                TestServer.tokenOf("supervisor", "ESP"),
                "{\"level\":\"DOWNGRADED\",\"reason\":\"disorder\"}");
        assertThat(down.status()).as(down.body()).isEqualTo(200);

        var past = Json.parse(
                s.get("/api/v1/history?at=" + between, "viewer", "ESP").body());
        assertThat(levelOf(past, zone)).isEqualTo("ELEVATED");
        var now = Json.parse(
                s.get("/api/v1/history?at=" + Instant.now(), "viewer", "ESP").body());
        assertThat(levelOf(now, zone)).isEqualTo("DOWNGRADED");
        assertThat(past.get("sequence").asLong()).isLessThan(now.get("sequence").asLong());
        var yesterday = s.get("/api/v1/history?at=yesterday", "viewer", "ESP");
        assertThat(yesterday.status()).isEqualTo(400);
        // named as any invalid field is: the parameter, the value and what it takes (once "must be a Instant")
        var refused = Json.parse(yesterday.body());
        assertThat(refused.get("detail").asText())
                .isEqualTo("at='yesterday': must be an ISO-8601 instant such as 2026-11-22T16:52:00Z");
        assertThat(refused.get("violations").get(0).get("field").asText()).isEqualTo("at");
        s.send(
                "PUT",
                "/api/v1/zones/" + zone + "/level",
                TestServer.tokenOf("supervisor", "ESP"),
                "{\"level\":\"NORMAL\",\"reason\":\"over\"}");
    }

    /** An auditor asks what the public had been told at a moment: the warning in force then, and none after. */
    @Test
    void the_public_warnings_in_force_at_an_instant() throws Exception {
        TestServer s = SharedServer.get();
        String zone = espZone(s);
        String id = "PA-AUDIT-" + System.nanoTime();
        var issued = s.post(
                "/api/v1/cap/alerts",
                "supervisor",
                "ESP",
                "{\"id\":\"" + id + "\",\"organisation\":\"ESP\",\"content\":{\"headline\":\"Stay indoors\","
                        + "\"description\":\"Chemical fire.\",\"advice\":\"STAY_INDOORS\",\"severity\":\"SEVERE\","
                        + "\"area\":{\"description\":\"North\",\"zones\":[\"" + zone + "\"]}}}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        var cancelled = s.post("/api/v1/cap/alerts/" + id + "/cancel", "supervisor", "ESP", "{\"reason\":\"out\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        var then = Json.parse(
                s.get("/api/v1/history?at=" + between, "auditor", "*").body());
        assertThat(then.get("publicAlerts").toString()).contains(id, "Stay indoors");
        assertThat(then.has("roadClosures")).isTrue();
        var after = Json.parse(
                s.get("/api/v1/history?at=" + Instant.now(), "viewer", "MAS").body());
        assertThat(after.get("publicAlerts").toString()).doesNotContain(id);
    }

    /**
     * The calls an auditor sees waiting at a moment are the queue the control room saw then: a call with its crew
     * on the way is not waiting for units, though its response clock still runs.
     */
    @Test
    void the_calls_waiting_at_an_instant_are_the_control_rooms_queue() throws Exception {
        TestServer s = SharedServer.get();
        var station = s.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of("MAS")))
                .sorted(java.util.Comparator.comparing(org.muster.domain.organisation.Station::id))
                .findFirst()
                .orElseThrow();
        var near = new org.muster.domain.GeoPoint(
                station.location().lat() + 0.004, station.location().lon() + 0.004);
        String sent = s.newIncident("MAS", "CHEST_PAIN", near);
        var dispatched = s.post("/api/v1/incidents/" + sent + "/dispatch-recommended", "dispatcher", "MAS", null);
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        String left = s.newIncident("MAS", "STROKE", near);
        Thread.sleep(20);
        Instant then = Instant.now();

        var queue = Json.parse(s.get("/api/v1/queue", "dispatcher", "MAS").body());
        var past =
                Json.parse(s.get("/api/v1/history?at=" + then, "auditor", "*").body());
        assertThat(queue.get("waiting").findValuesAsText("incident"))
                .contains(left)
                .doesNotContain(sent);
        assertThat(past.get("waiting").findValuesAsText("incident"))
                .as("the replayed queue, as the dispatcher's stood")
                .contains(left)
                .doesNotContain(sent);
        s.post("/api/v1/incidents/" + sent + "/cancel", "dispatcher", "MAS", "{\"reason\":\"test over\"}");
        s.post("/api/v1/incidents/" + left + "/cancel", "dispatcher", "MAS", "{\"reason\":\"test over\"}");
    }

    /** Eastshire's first zone. */
    private static String espZone(TestServer s) {
        return s.node()
                .engine()
                .state()
                .listZones(OrganisationId.of("ESP"))
                .get(0)
                .id()
                .value();
    }

    private static String levelOf(com.fasterxml.jackson.databind.JsonNode state, String zone) {
        for (var z : state.get("zones"))
            if (z.get("id").asText().equals(zone))
                return z.get("level").get("level").asText();
        throw new AssertionError("no zone " + zone);
    }

    @Test
    void a_row_edited_in_the_database_is_caught_and_named() throws Exception {
        // its own server and database: this test breaks the chain on purpose
        try (TestServer s = TestServer.start(StoreConfig.Backend.POSTGRESQL)) {
            var ok = Json.parse(s.get("/api/v1/audit/verify", "auditor", "*").body());
            assertThat(ok.get("intact").asBoolean()).isTrue();
            assertThat(ok.get("events").asLong()).isGreaterThan(100);
            try (Connection c = TestDatabases.connect(s.store());
                    Statement st = c.createStatement()) {
                // someone with the database's owner rights gets past the append-only trigger
                st.execute("DROP TRIGGER events_no_change ON events");
                // the actor is stored as a code (V14): name another one
                st.execute("INSERT INTO actors (name) VALUES ('someone-else')");
                st.execute(String.format(
                        Locale.ROOT,
                        "UPDATE events SET actor_code = (SELECT code FROM actors WHERE name = 'someone-else')"
                                + " WHERE sequence = %d",
                        42));
            }
            var broken =
                    Json.parse(s.get("/api/v1/audit/verify", "auditor", "*").body());
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("brokenAt").asLong()).isEqualTo(42);
            assertThat(broken.get("detail").asText()).contains("42");

            // a range: the events after the edited one chain on from its stored hash; one holding it breaks
            // the running node may append its own alerts meanwhile: the range ends between the two heads
            long headBefore = s.node().log().lastSequence();
            var after = Json.parse(
                    s.get("/api/v1/audit/verify?from=43", "auditor", "*").body());
            long headAfter = s.node().log().lastSequence();
            assertThat(after.get("intact").asBoolean()).as(after.toString()).isTrue();
            assertThat(after.get("from").asLong()).isEqualTo(43);
            assertThat(after.get("to").asLong()).isBetween(headBefore, headAfter);
            var around = Json.parse(
                    s.get("/api/v1/audit/verify?from=40&to=50", "auditor", "*").body());
            assertThat(around.get("intact").asBoolean()).isFalse();
            assertThat(around.get("brokenAt").asLong()).isEqualTo(42);
            assertThat(around.get("to").asLong()).isEqualTo(50);
            var beyond = s.get("/api/v1/audit/verify?to=999999999", "auditor", "*");
            assertThat(beyond.status()).isEqualTo(400);
            assertThat(beyond.body()).contains("999999999").contains("beyond the last event");
            assertThat(s.get("/api/v1/audit/verify?from=0", "auditor", "*").status())
                    .isEqualTo(400);
        }
    }

    @Test
    void events_deleted_from_the_end_are_found_against_the_checkpoint_file() throws Exception {
        Path checkpoint = Files.createTempDirectory("muster-audit").resolve("muster.checkpoint");
        try (TestServer s =
                TestServer.start(StoreConfig.Backend.POSTGRESQL, Map.of("muster.checkpoint", checkpoint.toString()))) {
            long head = s.node().log().lastSequence();
            // the node writes the file within a second of an append
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (Checkpoint.find(checkpoint).map(ChainHead::sequence).orElse(0L) < head) {
                assertThat(System.nanoTime()).as("checkpoint reaches %d", head).isLessThan(deadline);
                Thread.sleep(50);
            }
            var ok = Json.parse(s.get("/api/v1/audit/verify", "auditor", "*").body());
            assertThat(ok.get("intact").asBoolean()).as(ok.toString()).isTrue();
            try (Connection c = TestDatabases.connect(s.store());
                    Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER events_no_change ON events");
                st.execute("DELETE FROM events WHERE sequence > " + (head - 3));
            }
            var truncated =
                    Json.parse(s.get("/api/v1/audit/verify", "auditor", "*").body());
            assertThat(truncated.get("intact").asBoolean()).isFalse();
            // Muster's own alerts may have appended since: the checkpoint is at or past head
            long kept = Checkpoint.read(checkpoint).sequence();
            assertThat(kept).isGreaterThanOrEqualTo(head);
            assertThat(truncated.get("brokenAt").asLong()).isEqualTo(head - 2);
            assertThat(truncated.get("findings").get(0).get("kind").asText()).isEqualTo("TRUNCATED");
            assertThat(truncated.get("detail").asText())
                    .contains("the log ends at event " + (head - 3))
                    .contains("events " + (head - 2) + ".." + kept + " were removed from the end");
        }
    }
}
