package org.muster.server.stream;

import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/stream}: server-sent events, each with its sequence as the id and its type as the
 * event name, filtered to what the user may see. Resume with {@code Last-Event-ID} (browsers send it on
 * reconnect) or {@code ?after=SEQUENCE}.
 */
@RestController
public class StreamController {
    private final EventHub hub;
    private final CurrentUser user;

    public StreamController(EventHub hub, CurrentUser user) {
        this.hub = hub;
        this.user = user;
    }

    @GetMapping(value = "/api/v1/stream", produces = "text/event-stream")
    public SseEmitter stream(
            @RequestHeader("Last-Event-ID") Optional<String> lastEventId, @RequestParam Optional<Long> after) {
        var p = user.require(Action.READ);
        long from = after.orElse(0L);
        if (lastEventId.isPresent()) {
            try {
                from = Long.parseLong(lastEventId.get().strip());
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("Last-Event-ID", lastEventId.get(), "must be an event sequence number");
            }
        }
        if (from < 0) throw InvalidInputException.of("after", from, "must be 0 or more");
        return hub.open(Visibility.viewer(p), from);
    }
}
