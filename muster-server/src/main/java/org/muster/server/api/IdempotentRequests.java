package org.muster.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

/**
 * What an {@code Idempotency-Key} names: one request, its method, path and body. A retry sends all three again
 * and is answered from the log; the same key sent with another request is another command, acted on. Before,
 * the key alone named the command, and a second request under a reused key was answered with the first one's
 * events and never acted on: a call handler's welfare concern, a supervisor's zone level, acknowledged and lost.
 *
 * <p>The filter keeps the body of a request that carries the header, as the controller reads it, for {@link
 * #fingerprint()} to read once the command is made.
 */
public final class IdempotentRequests extends OncePerRequestFilter {
    /** Bodies are small JSON documents; a longer one is fingerprinted by its first mebibyte and its path. */
    private static final int KEPT = 1 << 20;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Idempotency-Key") == null) chain.doFilter(request, response);
        else chain.doFilter(new ContentCachingRequestWrapper(request, KEPT), response);
    }

    /**
     * The request being answered, as a digest of its method, path, query and body; empty outside a request
     * (a command a peer's message or the node itself gives).
     */
    static String fingerprint() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) return "";
        HttpServletRequest request = attributes.getRequest();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        String line = request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n";
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        ContentCachingRequestWrapper kept = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        if (kept != null) sha.update(kept.getContentAsByteArray());
        return HexFormat.of().formatHex(sha.digest());
    }
}
