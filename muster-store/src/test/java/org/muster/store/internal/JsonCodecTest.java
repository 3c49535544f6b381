package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.unit.UnitId;
import org.muster.store.testing.SampleEvents;

class JsonCodecTest {

    @Test
    void identifiersAsMapKeysAreBareStringsInKeyOrder() {
        Map<UnitId, Integer> counts = Map.of(UnitId.of("U2"), 2, UnitId.of("U1"), 1, UnitId.of("U10"), 10);

        String json = JsonCodec.write(counts);

        assertThat(json).isEqualTo("{\"U1\":1,\"U10\":10,\"U2\":2}");
    }

    @Test
    void readsInputFromOutsideIntoDomainValues() {
        ObjectNode tree = (ObjectNode) JsonCodec.readTree("{\"incident\":\"INC-1\",\"unit\":\"WMP-ARV-21\"}");

        Command.ReleaseUnit command = JsonCodec.fromTree(tree, Command.ReleaseUnit.class, "command");

        assertThat(command.unit()).isEqualTo(SampleEvents.ARV);
        assertThat(JsonCodec.toTree(command)).isEqualTo(tree);
    }

    record Asked(int count) {}

    @Test
    void aNumberTooLargeForItsFieldSaysWhereTheWholeNumbersEnd() {
        assertThatThrownBy(() -> JsonCodec.fromTree(JsonCodec.readTree("{\"count\":99999999999}"), Asked.class, "body"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("body.count");
                    assertThat(e.violations().getFirst().value()).isEqualTo("99999999999");
                    assertThat(e.violations().getFirst().rule())
                            .isEqualTo("must be a whole number no larger than 2147483647");
                });
    }

    @Test
    void reportsBadInputAgainstTheFieldItCameIn() {
        assertThatThrownBy(() -> JsonCodec.readTree("{not json"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("$"));
        assertThatThrownBy(() -> JsonCodec.fromTree(
                        JsonCodec.readTree("{\"incident\":\"INC 1\",\"unit\":\"U1\"}"),
                        Command.ReleaseUnit.class,
                        "command"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("command.incident");
                    assertThat(e.violations().getFirst().value()).isEqualTo("INC 1");
                    assertThat(e.violations().getFirst().rule()).startsWith("must be 1-64 letters");
                });
        assertThatThrownBy(() -> JsonCodec.fromTree(
                        JsonCodec.readTree("{\"unit\":\"U1\",\"status\":\"ASLEEP\",\"reason\":null}"),
                        Command.ChangeUnitStatus.class,
                        "command"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("command.status");
                    assertThat(e.violations().getFirst().value()).isEqualTo("ASLEEP");
                });
        assertThatThrownBy(() -> JsonCodec.fromTree(
                        JsonCodec.readTree("{\"unit\":\"U1\",\"status\":\"UNAVAILABLE\",\"reason\":null}"),
                        Command.ChangeUnitStatus.class,
                        "command"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("command.reason");
                    assertThat(e.violations().getFirst().rule()).contains("UNAVAILABLE");
                });
        // a field the request has not: named, with the ones it has (it read "must be a valid ReleaseUnit:
        // Unrecognized field ... (class ...)" with the whole body as the value)
        assertThatThrownBy(() -> JsonCodec.fromTree(
                        JsonCodec.readTree("{\"incident\":\"INC-1\",\"unit\":\"U1\",\"why\":\"x\"}"),
                        Command.ReleaseUnit.class,
                        "command"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("command.why");
                    assertThat(e.violations().getFirst().value())
                            .as("the value given, not the field's name again")
                            .isEqualTo("x");
                    assertThat(e.violations().getFirst().rule())
                            .isEqualTo("is not a field of this request: one of [incident, unit]")
                            .doesNotContain("class");
                });
        // a time or a duration in the wrong form: what the field takes, not the parser's words
        assertThatThrownBy(() -> JsonCodec.fromTree(JsonCodec.readTree("{\"at\":\"tomorrow\"}"), Stamp.class, "body"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("body.at");
                    assertThat(e.violations().getFirst().value()).isEqualTo("tomorrow");
                    assertThat(e.violations().getFirst().rule())
                            .isEqualTo("must be an ISO-8601 instant such as 2026-11-22T16:52:00Z")
                            .doesNotContain("deserialize");
                });
        assertThatThrownBy(
                        () -> JsonCodec.fromTree(JsonCodec.readTree("{\"duration\":\"3 hours\"}"), Stamp.class, "body"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().getFirst().rule())
                                .isEqualTo("must be an ISO-8601 duration such as PT15M"));
        // both coordinates named when both are wrong; a word for a number "must be" one, not "is required"
        assertThatThrownBy(() -> JsonCodec.fromTree(
                        JsonCodec.readTree("{\"lat\":95,\"lon\":200}"), org.muster.domain.GeoPoint.class, "location"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("location.lat", "location.lon"));
        assertThatThrownBy(() -> JsonCodec.fromTree(
                        JsonCodec.readTree("{\"lat\":95,\"lon\":\"west\"}"),
                        org.muster.domain.GeoPoint.class,
                        "location"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations())
                            .extracting(v -> v.field())
                            .containsExactly("location.lat", "location.lon");
                    assertThat(e.violations().get(1).rule()).isEqualTo("must be a number between -180 and 180");
                });
    }

    @Test
    void writesMapsInKeyOrderWhateverTheirOwnOrder() {
        Map<String, Integer> sorted = new TreeMap<>(Map.of("b", 2, "a", 1));
        assertThat(JsonCodec.write(Map.of("b", 2, "a", 1))).isEqualTo(JsonCodec.write(sorted));
    }

    /** A body with a time and a duration. */
    record Stamp(java.util.Optional<java.time.Instant> at, java.util.Optional<java.time.Duration> duration) {}
}
