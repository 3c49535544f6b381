package org.muster.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.store.internal.JsonCodec;

/**
 * Domain values as JSON in the store's one deterministic form, for the faces that speak JSON lines (the
 * command line's pipe, imports). An envelope names the command's type (its record's simple name) beside
 * the command's components: {@code {"id":"c1","actor":"ops","reason":"","type":"CloseIncident",
 * "command":{"incident":"I-1"}}}. The type stands outside the command because some commands have a
 * field of their own called {@code type}.
 */
public final class DomainJson {
    private static final Map<String, Class<?>> COMMAND_TYPES = Arrays.stream(Command.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private DomainJson() {}

    /** Any domain value (or map of them) as JSON. */
    public static String write(Object value) {
        return JsonCodec.write(value);
    }

    /**
     * Reads JSON from outside (a request body, a file) as a {@code type}.
     *
     * @throws InvalidInputException naming {@code field} (and the path inside it), the value and the rule
     */
    public static <T> T read(String json, Class<T> type, String field) {
        return JsonCodec.fromTree(JsonCodec.readTree(json), type, field);
    }

    /** What a value of this type takes, in words ("an ISO-8601 duration such as PT15M"), as a refusal says it. */
    public static String expected(Class<?> type) {
        return JsonCodec.expected(type);
    }

    /**
     * A text field at the top of a JSON object from outside (a peer's problem document's {@code detail}): empty
     * when the text is not JSON, not an object, or has no such text.
     */
    public static java.util.Optional<String> textField(String json, String name) {
        try {
            var node = JsonCodec.readTree(json).path(name);
            return node.isTextual() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
        } catch (InvalidInputException notJson) {
            return java.util.Optional.empty();
        }
    }

    public static String writeCommand(CommandEnvelope envelope) {
        ObjectNode root = JsonCodec.newObject()
                .put("id", envelope.id().value())
                .put("actor", envelope.actor().id())
                .put("reason", envelope.reason())
                .put("type", envelope.command().getClass().getSimpleName());
        root.set("command", JsonCodec.toTree(envelope.command()));
        return JsonCodec.write(root);
    }

    /**
     * Reads a command envelope written by {@link #writeCommand} (or by hand).
     *
     * @throws InvalidInputException naming the field, the value and what was allowed
     */
    public static CommandEnvelope readCommand(String json) {
        JsonNode root = object(json);
        String id = text(root, "id");
        String actor = text(root, "actor");
        Command c = commandOf(root);
        return new CommandEnvelope(CommandId.of(id), Actor.of(actor), reasonOf(root), c);
    }

    /** A command as a face that knows the actor itself takes it: the id, if given, is the client's key. */
    public record CommandBody(java.util.Optional<String> id, String reason, Command command) {}

    /**
     * Reads {@code {"type":..., "command":{...}, "reason":..., "id":...}} for a face that names the actor
     * itself (the HTTP API); an {@code actor} in the body is ignored, any other field refused.
     *
     * @throws InvalidInputException naming the field, the value and what was allowed
     */
    public static CommandBody readCommandBody(String json) {
        JsonNode root = object(json);
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!java.util.Set.of("id", "actor", "reason", "type", "command").contains(field))
                throw InvalidInputException.of(
                        field,
                        abbreviate(root.get(field).toString()),
                        "is not a field; allowed: id, reason, type, command");
        }
        java.util.Optional<String> id =
                root.path("id").isMissingNode() || root.path("id").isNull()
                        ? java.util.Optional.empty()
                        : java.util.Optional.of(text(root, "id"));
        return new CommandBody(id, reasonOf(root), commandOf(root));
    }

    private static JsonNode object(String json) {
        JsonNode root = JsonCodec.readTree(json);
        if (!root.isObject()) {
            throw InvalidInputException.of(
                    "$", abbreviate(json), "must be a JSON object with id, actor, reason, type and command");
        }
        return root;
    }

    private static String reasonOf(JsonNode root) {
        return root.path("reason").isMissingNode() ? "" : text(root, "reason");
    }

    private static Command commandOf(JsonNode root) {
        String type = text(root, "type");
        Class<?> commandType = COMMAND_TYPES.get(type);
        if (commandType == null) {
            throw InvalidInputException.of(
                    "type",
                    type,
                    "must be one of " + COMMAND_TYPES.keySet().stream().sorted().toList());
        }
        JsonNode command = root.path("command");
        if (!command.isObject()) {
            throw InvalidInputException.of(
                    "command",
                    command.isMissingNode() ? null : command.toString(),
                    "must be an object with the fields of " + type);
        }
        return (Command) JsonCodec.fromTree(command, commandType, "command");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual())
            throw InvalidInputException.of(field, value.isMissingNode() ? null : value.toString(), "must be a string");
        return value.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
