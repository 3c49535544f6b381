package org.muster.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer mst_...}: an integration's API token. A token that matches nothing is
 * answered 401 at once; a request without one goes on to the other ways of signing in.
 */
final class TokenFilter extends OncePerRequestFilter {
    private final Directory directory;
    private final ProblemWriter problems;

    TokenFilter(Directory directory, ProblemWriter problems) {
        this.directory = directory;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<MusterPrincipal> p =
                    directory.findToken(header.substring(7).strip());
            if (p.isEmpty()) {
                problems.write(response, 401, "Unauthorized", "the API token is not known", request.getRequestURI());
                return;
            }
            var auth = UsernamePasswordAuthenticationToken.authenticated(
                    p.get(), null, p.get().authorities());
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
