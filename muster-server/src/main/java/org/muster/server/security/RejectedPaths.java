package org.muster.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A path the security filters' firewall refuses before any controller runs (an empty segment such as an
 * offer id left out, {@code /offers//accept}; a dot segment; an encoded slash; a semicolon) answered as every
 * other refusal is: a 400 problem naming the path and what a path may not hold, not the container's page.
 */
final class RejectedPaths implements RequestRejectedHandler {
    private final ProblemWriter problems = new ProblemWriter();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refused)
            throws IOException {
        if (response.isCommitted()) return;
        String path = request.getRequestURI();
        problems.write(
                response,
                HttpServletResponse.SC_BAD_REQUEST,
                "Invalid input",
                "path '" + path + "' refused (" + refused.getMessage() + "): empty segments (//), dot segments"
                        + " (/./, /../), encoded slashes and semicolons are not allowed in a Muster path",
                path);
    }
}
