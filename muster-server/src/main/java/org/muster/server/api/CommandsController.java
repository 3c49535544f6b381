package org.muster.server.api;

import java.util.Optional;
import org.muster.domain.command.CommandEnvelope;
import org.muster.store.DomainJson;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/commands}: any command in the form {@code muster pipe} takes ({@code type},
 * {@code command}, {@code reason}; an {@code id} is the idempotency key). The actor is always the
 * signed-in user, whatever the body says.
 */
@RestController
public class CommandsController {
    private final CommandGateway commands;

    public CommandsController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping(value = "/api/v1/commands", consumes = "application/json")
    public CommandGateway.Accepted submit(
            @RequestBody String body, @RequestHeader("Idempotency-Key") Optional<String> key) {
        String json = body;
        // The envelope's id and actor are optional here: the key names the command, the user acts.
        var tree = DomainJson.read(json, java.util.Map.class, "body");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(tree);
        for (Object field : m.keySet()) {
            if (!java.util.Set.of("id", "actor", "reason", "type", "command").contains(field))
                throw org.muster.domain.InvalidInputException.of(
                        "body." + field, m.get(field), "is not a field; allowed: id, reason, type, command");
        }
        Object id = m.get("id");
        m.put("id", id instanceof String s && !s.isBlank() ? s : "api");
        m.put("actor", "api");
        CommandEnvelope envelope = DomainJson.readCommand(DomainJson.write(m));
        Optional<String> idempotency =
                key.or(() -> id instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty());
        return commands.submit(envelope.command(), envelope.reason(), idempotency);
    }
}
