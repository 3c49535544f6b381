package org.muster.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads it, a request whose envelope is broken: a method Muster serves on no
 * path, a query string that is not valid percent-encoding, a Content-Type that is a wildcard, unparseable,
 * or multipart without its boundary. Each is the client's error (4xx with a problem detail); left to the
 * servlet container and the framework they surface deep inside as failures that read like Muster's own.
 */
public final class MalformedRequests extends OncePerRequestFilter {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final ProblemWriter problems = new ProblemWriter();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader(
                    "Allow", String.join(", ", METHODS.stream().sorted().toList()));
            problems.write(
                    response,
                    405,
                    "Method not allowed",
                    "method='" + request.getMethod() + "': must be one of "
                            + METHODS.stream().sorted().toList(),
                    request.getRequestURI());
            return;
        }
        Optional<String> query = brokenQuery(request.getQueryString());
        if (query.isPresent()) {
            problems.write(response, 400, "Invalid input", query.get(), request.getRequestURI());
            return;
        }
        Optional<String> type = unacceptableContentType(request.getContentType());
        if (type.isPresent()) {
            problems.write(response, 415, "Unsupported media type", type.get(), request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why the query string cannot be decoded, if it cannot: a '%' not followed by two hex digits. */
    static Optional<String> brokenQuery(String query) {
        if (query == null) return Optional.empty();
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) != '%') continue;
            if (i + 2 >= query.length() || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2)))
                return Optional.of("query='" + query + "': must be percent-encoded ('%' followed by two hex digits)");
        }
        try {
            // well-formed escapes can still spell bytes that are not UTF-8
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(percentDecoded(query)));
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.of("query='" + query + "': must decode to UTF-8 text");
        }
        return Optional.empty();
    }

    private static byte[] percentDecoded(String query) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(query.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Why a request's Content-Type can never be read, if it cannot. */
    static Optional<String> unacceptableContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) return Optional.empty();
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return Optional.of("Content-Type='" + contentType + "': must be a media type such as application/json");
        }
        if (type.isWildcardType() || type.isWildcardSubtype())
            return Optional.of("Content-Type='" + contentType + "': must name a type, not a wildcard");
        if (type.getType().equals("multipart") && type.getParameter("boundary") == null)
            return Optional.of(
                    "Content-Type='" + contentType + "': multipart needs a boundary (and Muster takes JSON)");
        return Optional.empty();
    }
}
