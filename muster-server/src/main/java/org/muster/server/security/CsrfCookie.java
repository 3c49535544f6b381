package org.muster.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Predicate;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Shows the dashboard's scripts their session's CSRF token in the {@code XSRF-TOKEN} cookie. The cookie
 * is only a way for the page to read the token: the server compares the {@code X-XSRF-TOKEN} header with
 * the token kept in the session, never with the cookie, so a cookie planted by someone else (a sibling
 * subdomain, a man in the middle on plain HTTP) together with a matching header is refused.
 */
final class CsrfCookie extends OncePerRequestFilter {
    static final String NAME = "XSRF-TOKEN";
    static final String HEADER = "X-XSRF-TOKEN";

    private final Predicate<HttpServletRequest> skip;

    /** @param skip requests that carry no session (an integration's bearer token) */
    CsrfCookie(Predicate<HttpServletRequest> skip) {
        this.skip = skip;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Only a session has a token to show; making one for every anonymous request would fill the memory.
        if (!skip.test(request)
                && request.getSession(false) != null
                && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            String value = token.getToken();
            if (!value.equals(cookie(request))) {
                Cookie c = new Cookie(NAME, value);
                c.setPath("/");
                c.setSecure(request.isSecure());
                c.setAttribute("SameSite", "Strict");
                response.addCookie(c);
            }
        }
        chain.doFilter(request, response);
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return "";
        return Arrays.stream(cookies)
                .filter(c -> c.getName().equals(NAME))
                .map(Cookie::getValue)
                .findFirst()
                .orElse("");
    }
}
