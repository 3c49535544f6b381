package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A position is never guessed: a call or a unit's position with a coordinate missing, null, not a number,
 * infinite or out of range is refused naming the field, the value and the rule, and nothing is recorded. Nor
 * is any other number a request leaves out. One left out or null has the value "(missing)", as the message says.
 */
class CoordinatesIT {
    private final TestServer s = SharedServer.get();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"lat\":52.6}|lon|(missing)",
                "{\"lon\":-1.2}|lat|(missing)",
                "{\"lat\":null,\"lon\":-1.2}|lat|(missing)",
                "{\"lat\":52.6,\"lon\":\"NaN\"}|lon|\"NaN\"",
                "{\"lat\":1e999,\"lon\":-1.2}|lat|Infinity",
                "{\"lat\":52.6,\"lon\":-181}|lon|-181.0",
                "{}|lat|(missing)"
            })
    void a_call_and_a_position_need_both_coordinates(String point, String coordinate, String value) {
        long before = s.node().engine().state().sequence();
        var call = s.post(
                "/api/v1/incidents",
                "call-handler",
                "MAS",
                "{\"organisation\":\"MAS\",\"type\":\"CHEST_PAIN\",\"location\":" + point + "}");
        refused(call, "body.location." + coordinate, value);

        String unit = s.units("MAS", u -> true).getFirst().id().value();
        var position = s.post("/api/v1/units/" + unit + "/position", "dispatcher", "MAS", "{\"point\":" + point + "}");
        refused(position, "body.point." + coordinate, value);

        var piped = s.post(
                "/api/v1/commands",
                "dispatcher",
                "MAS",
                "{\"type\":\"ReportPosition\",\"command\":{\"unit\":\"" + unit + "\",\"point\":" + point + "}}");
        refused(piped, "command.point." + coordinate, value);
        assertThat(s.loggedByUsersSince(before)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"point\":null}", "{}"})
    void a_position_report_needs_its_point(String body) {
        String unit = s.units("MAS", u -> true).getFirst().id().value();
        var r = s.post("/api/v1/units/" + unit + "/position", "dispatcher", "MAS", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("point");
    }

    /**
     * Nor is a number: one left out, or sent as null, is refused rather than read as 0, its value "(missing)" as
     * the message says (the one value read "missing", the other "null").
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"reason\":\"cover\"}|left out", "{\"minimum\":null,\"reason\":\"cover\"}|null"})
    void a_safe_minimum_needs_its_number(String body, String sent) {
        long before = s.node().engine().state().sequence();
        var put = s.send(
                "PUT",
                "/api/v1/zones/MAS-AREA/safe-minimums/DOUBLE_CREWED_AMBULANCE",
                TestServer.tokenOf("supervisor", "MAS"),
                body);
        required(put, "body.minimum");
        var command = s.post(
                "/api/v1/commands",
                "supervisor",
                "MAS",
                "{\"type\":\"SetSafeMinimum\",\"command\":{\"zone\":\"MAS-AREA\",\"type\":"
                        + "\"DOUBLE_CREWED_AMBULANCE\"" + (sent.equals("null") ? ",\"minimum\":null" : "") + "}}");
        required(command, "command.minimum");
        assertThat(s.loggedByUsersSince(before)).isEmpty();
    }

    private static void required(TestServer.Answer r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode problem = Json.parse(r.body());
        JsonNode v = problem.get("violations").get(0);
        assertThat(v.get("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(v.get("value").asText()).as(r.body()).isEqualTo("(missing)");
        assertThat(v.get("rule").asText()).as(r.body()).isEqualTo("is required");
        assertThat(problem.get("detail").asText()).as(r.body()).contains(field + " (missing): is required");
    }

    private static void refused(TestServer.Answer r, String field, String value) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode v = Json.parse(r.body()).get("violations").get(0);
        assertThat(v.get("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(v.get("value").asText()).as(r.body()).isEqualTo(value);
        assertThat(v.get("rule").asText()).as(r.body()).contains("between");
    }
}
