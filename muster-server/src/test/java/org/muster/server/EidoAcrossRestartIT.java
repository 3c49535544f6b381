package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.interop.testing.SharedSchemas;
import org.muster.store.StoreConfig;

/**
 * A sender's incident received as an EIDO is one call here across a restart: what the service knows of it is in
 * its store, not in the memory of the node that took it in. One call still live and one closed (and archived out
 * of the state) before the restart; after it, each document sent again is refused, naming the call, and the
 * restarted node logs nothing for it.
 */
class EidoAcrossRestartIT {

    @Test
    void aSendersIncidentTakenInBeforeARestartIsNotAnotherCallAfterIt() throws Exception {
        SharedSchemas.eido();
        TestServer first = TestServer.start(StoreConfig.Backend.POSTGRESQL);
        String liveDoc;
        String closedDoc;
        String live;
        String finished;
        try {
            liveDoc = eidoOf(first, first.newIncident("WSP", "STABBING", point(first, "ESP")));
            closedDoc = eidoOf(first, first.newIncident("WSP", "STABBING", point(first, "ESP")));
            live = imported(first, liveDoc);
            finished = imported(first, closedDoc);
            TestServer.ok(
                    first.post("/api/v1/incidents/" + finished + "/dispatch-recommended", "dispatcher", "ESP", null));
            TestServer.ok(first.post("/api/v1/incidents/" + finished + "/close", "dispatcher", "ESP", null));
            long until = System.nanoTime() + 15_000_000_000L;
            while (first.node()
                            .engine()
                            .state()
                            .findIncident(IncidentId.of(finished))
                            .isPresent()
                    && System.nanoTime() < until) Thread.sleep(50);
            assertThat(first.node().engine().state().findIncident(IncidentId.of(finished)))
                    .as("archived before the restart")
                    .isEmpty();
        } finally {
            first.close();
        }

        // the same store, the same settings: the node starts again from what the store holds
        try (TestServer again = TestServer.restart(first)) {
            long until = System.nanoTime() + 30_000_000_000L;
            while (!again.node().isWriter() && System.nanoTime() < until) Thread.sleep(20);
            assertThat(again.node().isWriter()).isTrue();
            long head = again.node().log().lastSequence();

            var liveAgain = again.post("/api/v1/eido", "dispatcher", "ESP", liveDoc);
            assertThat(liveAgain.status()).as(liveAgain.body()).isEqualTo(409);
            assertThat(Json.parse(liveAgain.body()).get("detail").asText()).contains(live, "OPEN");
            var closedAgain = again.post("/api/v1/eido", "supervisor", "ESP", closedDoc);
            assertThat(closedAgain.status()).as(closedAgain.body()).isEqualTo(409);
            assertThat(Json.parse(closedAgain.body()).get("detail").asText()).contains(finished, "CLOSED");

            assertThat(again.loggedByUsersSince(head))
                    .as("the refusals log nothing")
                    .isEmpty();
            assertThat(again.node().engine().state().incidents().values().stream()
                            .filter(i -> i.organisation().equals(OrganisationId.of("ESP")))
                            .map(i -> i.id().value()))
                    .containsExactly(live);
        }
    }

    private static String eidoOf(TestServer s, String incident) {
        var a = s.get("/api/v1/incidents/" + incident + "/eido", "dispatcher", "WSP");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.body();
    }

    /** Imports the document as Eastshire's dispatcher; answers the call it became. */
    private static String imported(TestServer s, String doc) {
        var a = s.post("/api/v1/eido", "dispatcher", "ESP", doc);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return Json.parse(a.body()).get("incident").asText();
    }

    /** An organisation's station's location, nudged: inside its zones and near roads. */
    private static GeoPoint point(TestServer s, String org) {
        Station station = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(org)))
                .min(java.util.Comparator.comparing(Station::id))
                .orElseThrow();
        return new GeoPoint(station.location().lat() + 0.004, station.location().lon() + 0.004);
    }
}
