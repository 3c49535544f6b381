package org.muster.server.api;

import java.util.Optional;
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
        DomainJson.CommandBody command = DomainJson.readCommandBody(body);
        Optional<String> idempotency = key.or(() -> command.id().filter(s -> !s.isBlank()));
        return commands.submit(command.command(), command.reason(), idempotency);
    }
}
