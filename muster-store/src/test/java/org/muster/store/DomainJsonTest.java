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
}
