package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.Command;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.engine.testing.Commands;

/**
 * What a user may not see answers exactly as if it did not exist: a command that names another
 * organisation's incident, unit, mutual aid request or alert gets the same 404, with the same words, as
 * one naming an id that was never used. Here a MAS supervisor names WSP's things.
 */
class ExistenceOracleIT {
    private static final TestServer S = SharedServer.get();
    private static String masIncident;
    private static String wspIncident;
    private static String wspUnit;
    private static String wspRequest;
    private static final String WSP_ALERT = "ORACLE-ALERT-1";

    @BeforeAll
    static void anotherForcesThings() {
        masIncident = S.newIncident("MAS", "STROKE", near(station("MAS")));
        wspIncident = S.newIncident("WSP", "WELFARE_CONCERN", near(station("WSP")));
        wspUnit = S.units("WSP", u -> true).getFirst().id().value();
        Station st = station("WSP");
        String request = String.format(
                Locale.ROOT,
                "{\"requester\":\"WSP\",\"need\":{\"unitType\":\"ARMED_RESPONSE_VEHICLE\",\"skill\":null,\"count\":1,"
                        + "\"capabilities\":[]},\"rendezvous\":{\"lat\":%.6f,\"lon\":%.6f},\"reportBy\":\"%s\","
                        + "\"duration\":\"PT8H\",\"reason\":\"oracle test\","
                        + "\"priority\":\"URGENT\",\"addressees\":{\"organisations\":[\"ESP\"],\"region\":null,"
                        + "\"nationalCoordinator\":false}}",
                st.location().lat(),
                st.location().lon(),
                Instant.now().plusSeconds(3600));
        var created = S.post("/api/v1/aid/requests", "supervisor", "WSP", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String loc = created.headers().firstValue("Location").orElseThrow();
        wspRequest = loc.substring(loc.lastIndexOf('/') + 1);
        if (S.node().engine().state().findAlert(AlertId.of(WSP_ALERT)).isEmpty())
            S.node()
                    .engine()
                    .execute(Commands.env(new Command.RaiseAlert(
                            AlertId.of(WSP_ALERT),
                            "TEST",
                            "oracle-test",
                            new TreeSet<>(java.util.List.of(OrganisationId.of("WSP"))),
                            "an alert only WSP is told of",
                            new TreeMap<>(),
                            Optional.empty(),
                            Optional.empty())));
    }

    @Test
    void the_primary_of_a_duplicate() {
        sameAsNothing(
                wspIncident,
                "NOPE-I-1",
                id -> cmd("LinkDuplicate", "{\"duplicate\":\"" + masIncident + "\",\"primary\":\"" + id + "\"}"));
    }

    @Test
    void an_incident_acted_on() {
        sameAsNothing(wspIncident, "NOPE-I-1", id -> cmd("CloseIncident", "{\"incident\":\"" + id + "\"}"));
        sameAsNothing(wspIncident, "NOPE-I-1", id -> cmd("GrantTacticalClearance", "{\"incident\":\"" + id + "\"}"));
    }

    @Test
    void a_unit_tasked_released_or_moved() {
        sameAsNothing(
                wspUnit,
                "NOPE-U-1",
                id -> cmd(
                        "AssignUnit",
                        "{\"incident\":\"" + masIncident + "\",\"unit\":\"" + id + "\",\"role\":\"PRIMARY\"}"));
        sameAsNothing(
                wspUnit,
                "NOPE-U-1",
                id -> cmd("ReleaseUnit", "{\"incident\":\"" + masIncident + "\",\"unit\":\"" + id + "\"}"));
        sameAsNothing(
                wspUnit,
                "NOPE-U-1",
                id -> cmd("ReportPosition", "{\"unit\":\"" + id + "\",\"point\":{\"lat\":52.5,\"lon\":-1.9}}"));
        sameAsNothing(
                wspUnit,
                "NOPE-U-1",
                id -> cmd(
                        "ChangeUnitStatus",
                        "{\"unit\":\"" + id + "\",\"status\":\"RETURNING\",\"reason\":null,\"hospital\":null}"));
    }

    @Test
    void a_mutual_aid_request_between_others() {
        sameAsNothing(
                wspRequest,
                "NOPE-R-1",
                id -> cmd(
                        "DeclineAid",
                        "{\"request\":\"" + id + "\",\"organisation\":\"MAS\",\"reason\":\"none to spare\"}"));
        sameAsNothing(
                wspRequest,
                "NOPE-R-1",
                id -> cmd(
                        "OfferAid",
                        "{\"id\":\"OF-ORACLE\",\"request\":\"" + id + "\",\"offerer\":\"MAS\",\"units\":[\""
                                + S.units("MAS", u -> true).getFirst().id().value() + "\"],"
                                + "\"provisional\":false,\"note\":\"\"}"));
        sameAsNothing(wspRequest, "NOPE-R-1", id -> cmd("CancelAidRequest", "{\"request\":\"" + id + "\"}"));
        sameAsNothing(wspRequest, "NOPE-R-1", id -> cmd("OpenAidRequest", "{\"request\":\"" + id + "\"}"));
    }

    @Test
    void an_alert_addressed_to_others() {
        sameAsNothing(WSP_ALERT, "NOPE-A-1", id -> cmd("AcceptAlert", "{\"alert\":\"" + id + "\"}"));
        sameAsNothing(WSP_ALERT, "NOPE-A-1", id -> cmd("DismissAlert", "{\"alert\":\"" + id + "\"}"));
        // read alone, it is as absent as an id never used (not "No static resource")
        var hidden = S.get("/api/v1/alerts/" + WSP_ALERT, "viewer", "MAS");
        var absent = S.get("/api/v1/alerts/NOPE-A-1", "viewer", "MAS");
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
        assertThat(absent.status()).as(absent.body()).isEqualTo(404);
        assertThat(Json.parse(hidden.body()).get("detail").asText().replace(WSP_ALERT, "{id}"))
                .isEqualTo(Json.parse(absent.body()).get("detail").asText().replace("NOPE-A-1", "{id}"))
                .contains("alert", "{id}");
        assertThat(S.get("/api/v1/alerts/" + WSP_ALERT, "viewer", "WSP").status())
                .isEqualTo(200);
    }

    /** The answer for the hidden thing equals the answer for the never-used id, but for the id itself. */
    private static void sameAsNothing(String hidden, String absent, java.util.function.Function<String, String> body) {
        long before = S.node().engine().state().sequence();
        var forHidden = S.post("/api/v1/commands", "supervisor", "MAS", body.apply(hidden));
        var forAbsent = S.post("/api/v1/commands", "supervisor", "MAS", body.apply(absent));
        assertThat(forHidden.status()).as(forHidden.body()).isEqualTo(404);
        assertThat(forAbsent.status()).as(forAbsent.body()).isEqualTo(404);
        JsonNode h = Json.parse(forHidden.body());
        JsonNode a = Json.parse(forAbsent.body());
        assertThat(h.get("title").asText()).isEqualTo(a.get("title").asText());
        assertThat(h.get("detail").asText().replace(hidden, "{id}"))
                .as("the hidden %s answers like the absent %s", hidden, absent)
                .isEqualTo(a.get("detail").asText().replace(absent, "{id}"))
                .contains("{id}");
        assertThat(S.node().log().listRange(before, S.node().engine().state().sequence()).stream()
                        .filter(e -> e.actor().id().contains("MAS"))
                        .toList())
                .isEmpty();
    }

    private static String cmd(String type, String command) {
        return "{\"type\":\"" + type + "\",\"command\":" + command + "}";
    }

    private static Station station(String org) {
        return S.node().engine().state().stations().values().stream()
                .filter(x -> x.organisation().equals(OrganisationId.of(org)))
                .findFirst()
                .orElseThrow();
    }

    private static org.muster.domain.GeoPoint near(Station st) {
        return new org.muster.domain.GeoPoint(
                st.location().lat() + 0.003, st.location().lon() - 0.003);
    }
}
