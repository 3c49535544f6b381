package org.muster.server.stream;

import java.util.Optional;
import org.muster.domain.InvalidInputException;
import org.muster.server.security.CurrentUser;
import org.muster.server.security.Role.Action;
import org.muster.server.security.Visibility;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/stream}: server-sent events, each with its sequence as the id and its type as the
 * event name, filtered to what the user may see. Without a starting point it follows live from now (a
 * client wanting the past reads it first, then resumes after it). Resume with {@code Last-Event-ID}
 * (browsers send it on reconnect) or {@code ?after=SEQUENCE}: 400 when that is beyond the last event, 410
 * Gone when the log no longer holds the events after it (archived).
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
        String field = "after";
        Optional<Long> from = after;
        if (lastEventId.isPresent()) {
            field = "Last-Event-ID";
            try {
                from = Optional.of(Long.parseLong(lastEventId.get().strip()));
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("Last-Event-ID", lastEventId.get(), "must be an event sequence number");
            }
        }
        if (from.isEmpty()) return hub.openLive(Visibility.viewer(p));
        long start = from.get();
        if (start < 0) throw InvalidInputException.of(field, start, "must be 0 or more");
        long last = hub.lastSequence();
        if (start > last) {
            throw InvalidInputException.of(field, start, "must not be beyond the last event, " + last);
        }
        long first = hub.firstSequence();
        if (start < first - 1) throw gone(field, start, first);
        return hub.open(Visibility.viewer(p), start);
    }

    /**
     * The events after {@code start} were moved out of the log: resuming there would skip them silently, so
     * the client is told what it missed and where it can start again.
     */
    private static ErrorResponseException gone(String field, long start, long first) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.GONE,
                field + "=" + start + ": the log no longer holds events " + (start + 1) + ".." + (first - 1)
                        + " (archived); the first event it holds is " + first + ". Resume with " + field + "="
                        + (first - 1) + " after reading the archive, or without one to follow live");
        problem.setTitle("Gone");
        return new ErrorResponseException(HttpStatus.GONE, problem, null);
    }
}
