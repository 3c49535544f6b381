package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;

/** Commands read from outside: the pipe's envelope, and the HTTP API's body without an actor. */
class DomainJsonTest {
    private static final String CLOSE = "\"type\":\"CloseIncident\",\"command\":{\"incident\":\"I-7\"}";

    @Test
    void an_envelope_needs_its_id_and_actor() {
        var envelope = DomainJson.readCommand("{\"id\":\"c1\",\"actor\":\"ops\",\"reason\":\"done\"," + CLOSE + "}");
        assertThat(envelope.command()).isInstanceOf(Command.CloseIncident.class);
        assertThat(envelope.reason()).isEqualTo("done");
        assertThatThrownBy(() -> DomainJson.readCommand("{" + CLOSE + "}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("id");
    }

    @Test
    void a_body_names_no_actor_and_may_name_a_key() {
        var body = DomainJson.readCommandBody("{\"actor\":\"someone else\"," + CLOSE + "}");
        assertThat(body.id()).isEmpty();
        assertThat(body.reason()).isEmpty();
        assertThat(body.command())
                .isEqualTo(new Command.CloseIncident(org.muster.domain.incident.IncidentId.of("I-7")));
        assertThat(DomainJson.readCommandBody("{\"id\":\"retry-1\"," + CLOSE + "}")
                        .id())
                .contains("retry-1");
    }

    @Test
    void a_body_with_a_field_of_its_own_is_refused_naming_it() {
        assertThatThrownBy(() -> DomainJson.readCommandBody("{\"priority\":1," + CLOSE + "}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("priority")
                .hasMessageContaining("allowed: id, reason, type, command");
        assertThatThrownBy(() -> DomainJson.readCommandBody("{\"type\":\"Teleport\",\"command\":{}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Teleport")
                .hasMessageContaining("CloseIncident");
    }

    /** What {@code muster pipe} reads: a position with a coordinate missing, null, not a number or out of range. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "{\"lat\":51.5}|command.point.lon|(missing)",
                "{\"lon\":-0.1}|command.point.lat|(missing)",
                "{\"lat\":null,\"lon\":-0.1}|command.point.lat|(missing)",
                "{\"lat\":51.5,\"lon\":\"NaN\"}|command.point.lon|\"NaN\"",
                "{\"lat\":1e999,\"lon\":-0.1}|command.point.lat|Infinity",
                "{\"lat\":51.5,\"lon\":180.5}|command.point.lon|180.5",
                "{}|command.point.lat|(missing)",
                "{\"lat\":95,\"lon\":\"west\"}|command.point.lat|95.0"
            })
    void a_point_without_both_coordinates_in_range_is_refused_naming_the_field(
            String point, String field, String value) {
        String line = "{\"id\":\"c1\",\"actor\":\"ops\",\"type\":\"ReportPosition\","
                + "\"command\":{\"unit\":\"U-1\",\"point\":" + point + "}}";
        assertThatThrownBy(() -> DomainJson.readCommand(line))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    // each coordinate at fault named: {} misses both, one out of range beside a word both
                    int faulty = point.equals("{}") || point.contains("west") ? 2 : 1;
                    assertThat(e.violations()).hasSize(faulty);
                    var v = e.violations().getFirst();
                    assertThat(v.field()).as(e.violations().toString()).isEqualTo(field);
                    assertThat(String.valueOf(v.value())).isEqualTo(value);
                    assertThat(v.rule()).contains("between");
                });
        var fine = DomainJson.readCommand(line.replace(point, "{\"lat\":51.5,\"lon\":-0.1}"));
        assertThat(((Command.ReportPosition) fine.command()).point())
                .isEqualTo(org.muster.domain.GeoPoint.of(51.5, -0.1));
    }

    /**
     * A value inside a command that its own check refuses (a drawn area, a METHANE report, a support unit) is
     * named by its path once: {@code command.place.area.radiusMeters}, not {@code command.place.area.area...}.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "MarkMajorIncidentPlace|{\"majorIncident\":\"MI-1\",\"place\":{\"kind\":\"INNER_CORDON\",\"name\":\" \","
                        + "\"organisation\":\"WSP\",\"area\":" + CIRCLE + "}}|command.place.name",
                "MarkMajorIncidentPlace|{\"majorIncident\":\"MI-1\",\"place\":{\"kind\":\"INNER_CORDON\",\"name\":\"Inner\","
                        + "\"organisation\":\"WSP\",\"area\":{\"centre\":" + POINT + ",\"radiusMeters\":0}}}"
                        + "|command.place.area.radiusMeters",
                "FileMethaneReport|{\"majorIncident\":\"MI-1\",\"organisation\":\"WSP\",\"report\":{\"majorIncident\":\"Declared\","
                        + "\"exactLocation\":\"Bus station\",\"type\":\"Collision\",\"hazards\":\" \",\"access\":\"North\","
                        + "\"casualties\":\"P1 4\",\"emergencyServices\":\"All three\"}}|command.report.hazards",
                "IssuePublicAlert|{\"id\":\"PA-1\",\"organisation\":\"WSP\",\"content\":{\"headline\":\"Avoid the area\","
                        + "\"description\":\"Disorder\",\"advice\":\"AVOID_THE_AREA\",\"severity\":\"SEVERE\",\"area\":{"
                        + "\"description\":\"Centre\",\"polygon\":[" + POINT + "," + POINT
                        + "]}}}|command.content.area.polygon",
                "IssuePublicAlert|{\"id\":\"PA-1\",\"organisation\":\"WSP\",\"content\":{\"headline\":\"Avoid the area\","
                        + "\"description\":\"Disorder\",\"advice\":\"AVOID_THE_AREA\",\"severity\":\"SEVERE\",\"area\":{"
                        + "\"description\":\"Centre\"}}}|command.content.area.zones"
            })
    void a_value_inside_a_command_is_named_by_its_path_once(String type, String command, String field) {
        String body = "{\"type\":\"" + type + "\",\"command\":" + command + "}";
        assertThatThrownBy(() -> DomainJson.readCommandBody(body))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(org.muster.domain.Violation::field)
                                .containsExactly(field));
    }

    private static final String POINT = "{\"lat\":52.6,\"lon\":-0.7}";
    private static final String CIRCLE = "{\"centre\":" + POINT + ",\"radiusMeters\":300}";

    /** A peer's answer: its problem's detail when it is one, nothing when it is not JSON or has none. */
    @Test
    void a_text_field_is_read_from_an_object_and_nothing_from_anything_else() {
        assertThat(DomainJson.textField("{\"title\":\"Invalid input\",\"detail\":\"type='X': no\"}", "detail"))
                .contains("type='X': no");
        assertThat(DomainJson.textField("<html>Bad gateway</html>", "detail")).isEmpty();
        assertThat(DomainJson.textField("[1,2]", "detail")).isEmpty();
        assertThat(DomainJson.textField("{\"detail\":4}", "detail")).isEmpty();
    }

    /** A number or flag left out (or sent as null) is refused, not read as 0 or false: its value is "(missing)". */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "{\"zone\":\"Z-1\",\"type\":\"ARMED_RESPONSE_VEHICLE\"}|command.minimum|(missing)",
                "{\"zone\":\"Z-1\",\"type\":\"ARMED_RESPONSE_VEHICLE\",\"minimum\":null}|command.minimum|(missing)"
            })
    void a_required_number_left_out_is_refused_naming_the_field(String command, String field, String value) {
        String body = "{\"type\":\"SetSafeMinimum\",\"command\":" + command + "}";
        assertThatThrownBy(() -> DomainJson.readCommandBody(body))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    var v = e.violations().getFirst();
                    assertThat(v.field()).as(e.violations().toString()).isEqualTo(field);
                    assertThat(String.valueOf(v.value())).isEqualTo(value);
                    assertThat(v.rule()).contains("required");
                });
        var fine = DomainJson.readCommandBody(
                "{\"type\":\"SetSafeMinimum\",\"command\":{\"zone\":\"Z-1\",\"type\":\"ARMED_RESPONSE_VEHICLE\",\"minimum\":0}}");
        assertThat(((Command.SetSafeMinimum) fine.command()).minimum()).isZero();
    }

    @Test
    void the_log_still_reads_an_event_written_before_a_number_existed() {
        var e = (org.muster.domain.event.Event.SafeMinimumSet)
                EventCodec.decode("SafeMinimumSet", "{\"zone\":\"Z-1\",\"type\":\"ARMED_RESPONSE_VEHICLE\"}");
        assertThat(e.minimum()).isZero();
    }
}
