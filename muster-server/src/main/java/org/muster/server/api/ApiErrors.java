package org.muster.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.NotFoundException;
import org.muster.domain.TransientException;
import org.muster.domain.Violation;
import org.muster.server.security.AccessRefused;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal as an RFC 9457 problem: 400 naming the field, the value and the rule; 404; 409 when the
 * state moved on; 403; 503 when storage is failing and a retry may succeed. A 500 means a bug in Muster,
 * never something a client sent.
 */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    /** Long enough for a full queue to drain a few batches, short enough for a person at a screen. */
    static final String RETRY_AFTER_SECONDS = "2";

    /** The body of a problem; {@code violations} only for invalid input. */
    public record Problem(
            String type, String title, int status, String detail, String instance, List<Violation> violations) {}

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Problem> invalid(InvalidInputException e, HttpServletRequest r) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage(), r, e.violations());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Problem> notFound(NotFoundException e, HttpServletRequest r) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), r, List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Problem> conflict(ConflictException e, HttpServletRequest r) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), r, List.of());
    }

    /**
     * A transient refusal (the writer's queue full, no answer in time, storage failing) says when to come
     * back: a client that retries at once only deepens an overload.
     */
    @ExceptionHandler(TransientException.class)
    ResponseEntity<Problem> unavailable(TransientException e, HttpServletRequest r) {
        ResponseEntity<Problem> problem =
                problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again", e.getMessage(), r, List.of());
        var answer = ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        // a standby names the writer: the same request, sent there, may be taken (docs/standby.md)
        e.findWriter().ifPresent(writer -> answer.header(HttpHeaders.LOCATION, writerLocation(writer, r)));
        return answer.body(problem.getBody());
    }

    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<Problem> refused(AccessRefused e, HttpServletRequest r) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), r, List.of());
    }

    @ExceptionHandler({
        org.springframework.http.converter.HttpMessageNotReadableException.class,
        org.springframework.web.bind.MissingRequestHeaderException.class
    })
    ResponseEntity<Problem> unreadable(Exception e, HttpServletRequest r) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof InvalidInputException)) cause = cause.getCause();
        if (cause instanceof InvalidInputException invalid) return invalid(invalid, r);
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", String.valueOf(e.getMessage()), r, List.of());
    }

    /** What a parameter of this type takes, in words: as a body's field of the type is refused. */
    static String expected(Class<?> type) {
        return org.muster.store.DomainJson.expected(type);
    }

    /**
     * The type one value of the parameter takes: an {@code Optional<AlertStatus>} or a {@code List<AlertStatus>}
     * takes alert statuses, and the error lists them (it read "must be a valid Optional").
     */
    private static Class<?> elementType(org.springframework.beans.TypeMismatchException t) {
        if (t instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m) {
            org.springframework.core.ResolvableType type =
                    org.springframework.core.ResolvableType.forMethodParameter(m.getParameter());
            Class<?> outer = type.resolve();
            if (outer != null
                    && (outer == java.util.Optional.class || java.util.Collection.class.isAssignableFrom(outer))) {
                Class<?> inner = type.getGeneric(0).resolve();
                if (inner != null) return inner;
            }
        }
        return t.getRequiredType();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> bug(Exception e, HttpServletRequest r) {
        if (e instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException
                || e instanceof org.apache.catalina.connector.ClientAbortException) {
            return null; // the client went away (a closed stream): nobody to answer
        }
        if (e instanceof ErrorResponse er) { // Spring's own: unknown path, wrong method, media type, ...
            HttpStatusCode status = er.getStatusCode();
            String detail = er.getBody().getDetail() == null
                    ? e.getMessage()
                    : er.getBody().getDetail();
            String title =
                    er.getBody().getTitle() == null ? "Refused" : er.getBody().getTitle();
            return problem(status, title, detail, r, List.of());
        }
        if (e instanceof org.springframework.beans.TypeMismatchException t) {
            // a query parameter of the wrong kind: refused as any invalid field is, saying what it takes
            return invalid(
                    InvalidInputException.of(
                            t.getPropertyName() == null ? "parameter" : t.getPropertyName(),
                            // a parameter given twice arrives as both values: name them, not the array
                            t.getValue() instanceof Object[] values
                                    ? String.join(
                                            ",",
                                            java.util.Arrays.stream(values)
                                                    .map(String::valueOf)
                                                    .toList())
                                    : t.getValue(),
                            "must be " + expected(elementType(t))),
                    r);
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof InvalidInputException i) return invalid(i, r);
            if (cause instanceof NotFoundException n) return notFound(n, r);
            if (cause instanceof ConflictException c) return conflict(c, r);
            if (cause instanceof TransientException t) return unavailable(t, r);
            cause = cause.getCause();
        }
        LOG.log(Level.SEVERE, "unexpected failure on " + r.getMethod() + " " + r.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "Muster failed; this is a bug", r, List.of());
    }

    /** The request's path and query on the writer's advertised URL. */
    private static String writerLocation(String writer, HttpServletRequest r) {
        String base = writer.endsWith("/") ? writer.substring(0, writer.length() - 1) : writer;
        return base + r.getRequestURI() + (r.getQueryString() == null ? "" : "?" + r.getQueryString());
    }

    static ResponseEntity<Problem> problem(
            HttpStatusCode status, String title, String detail, HttpServletRequest r, List<Violation> violations) {
        return ResponseEntity.status(status)
                .contentType(PROBLEM)
                .body(new Problem("about:blank", title, status.value(), detail, r.getRequestURI(), violations));
    }
}
