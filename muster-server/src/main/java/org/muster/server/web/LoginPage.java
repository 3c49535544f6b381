package org.muster.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The sign-in page for the dashboard: a user name and password, or OpenID Connect where configured. */
@RestController
public class LoginPage {
    private final org.springframework.beans.factory.ObjectProvider<
                    org.springframework.security.oauth2.client.registration.ClientRegistrationRepository>
            oidc;

    public LoginPage(
            org.springframework.beans.factory.ObjectProvider<
                            org.springframework.security.oauth2.client.registration.ClientRegistrationRepository>
                    oidc) {
        this.oidc = oidc;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public String page(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean failed = request.getParameter("error") != null;
        boolean out = request.getParameter("signed-out") != null;
        StringBuilder sso = new StringBuilder();
        if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object o : registrations) {
                var reg = (org.springframework.security.oauth2.client.registration.ClientRegistration) o;
                sso.append("<p><a class=\"sso\" href=\"/oauth2/authorization/")
                        .append(HtmlUtils.htmlEscape(reg.getRegistrationId()))
                        .append("\">Sign in with ")
                        .append(HtmlUtils.htmlEscape(reg.getClientName()))
                        .append("</a></p>");
            }
        }
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Muster: sign in</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="icon" href="/app/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/app/muster.css"></head>
                <body class="login"><main>
                <h1>Muster</h1>
                %s
                <form method="post" action="/login">
                  <label>User <input name="username" id="username" autocomplete="username" autofocus required></label>
                  <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit" id="sign-in">Sign in</button>
                </form>
                %s
                </main></body></html>
                """.formatted(
                        failed
                                ? "<p class=\"error\" role=\"alert\">Wrong user name or password.</p>"
                                : out ? "<p role=\"status\">Signed out.</p>" : "",
                        csrf == null ? "_csrf" : csrf.getParameterName(),
                        csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken()),
                        sso);
    }
}
