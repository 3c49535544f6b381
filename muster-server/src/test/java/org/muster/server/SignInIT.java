package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muster.store.StoreConfig;

/** Password sign-in for the dashboard (a session, CSRF-protected) and OpenID Connect by configuration. */
class SignInIT {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void a_user_signs_in_with_a_password_and_gets_a_session() throws Exception {
        TestServer s = SharedServer.get();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        assertThat(signIn(s, browser, "dana", "wrong")
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .endsWith("/login?error");
        HttpResponse<String> ok = signIn(s, browser, "dana", TestServer.PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElse("")).doesNotContain("error");
        var me =
                browser.send(HttpRequest.newBuilder(s.uri("/api/v1/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Json.parse(me.body()).get("name").asText()).isEqualTo("dana");
        assertThat(Json.parse(me.body()).get("organisations").get(0).asText()).isEqualTo("MAS");
        // a write from the session without the CSRF header is refused
        var forged = browser.send(
                HttpRequest.newBuilder(s.uri("/api/v1/incidents/X/close"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void only_the_csrf_token_the_server_gave_the_session_is_accepted() throws Exception {
        TestServer s = SharedServer.get();
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        assertThat(signIn(s, browser, "dana", TestServer.PASSWORD).statusCode()).isEqualTo(302);
        // the page the dashboard loads after signing in shows its scripts the session's token
        var page = browser.send(HttpRequest.newBuilder(s.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String issued = xsrfCookie(cookies, s).orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));

        // a cookie planted beside the session (a sibling subdomain can) with the header to match it
        var planted = new HttpCookie("XSRF-TOKEN", "planted-by-someone-else");
        planted.setPath("/");
        planted.setVersion(0);
        var store = cookies.getCookieStore();
        store.getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .toList()
                .forEach(c -> store.remove(s.uri("/"), c));
        store.add(s.uri("/"), planted);
        assertThat(xsrfCookie(cookies, s)).contains("planted-by-someone-else");
        var forged = browser.send(
                HttpRequest.newBuilder(s.uri("/api/v1/incidents/NO-SUCH/close"))
                        .header("X-XSRF-TOKEN", "planted-by-someone-else")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);

        // the token the server issued still goes through to the controller (no such incident: 404)
        var honest = browser.send(
                HttpRequest.newBuilder(s.uri("/api/v1/incidents/NO-SUCH/close"))
                        .header("X-XSRF-TOKEN", issued)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(honest.statusCode()).as(honest.body()).isEqualTo(404);
    }

    private static java.util.Optional<String> xsrfCookie(CookieManager cookies, TestServer s) {
        return cookies.getCookieStore().get(s.uri("/")).stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    private static HttpResponse<String> signIn(TestServer s, HttpClient browser, String user, String password)
            throws Exception {
        var page = browser.send(HttpRequest.newBuilder(s.uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + m.group(1);
        return browser.send(
                HttpRequest.newBuilder(s.uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void openid_connect_sign_in_is_offered_when_configured() throws Exception {
        String p = "spring.security.oauth2.client.";
        Map<String, Object> oidc = Map.ofEntries(
                Map.entry(p + "registration.corp.client-id", "muster"),
                Map.entry(p + "registration.corp.client-secret", "secret"),
                Map.entry(p + "registration.corp.client-name", "Corporate SSO"),
                Map.entry(p + "registration.corp.authorization-grant-type", "authorization_code"),
                Map.entry(p + "registration.corp.redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}"),
                Map.entry(p + "registration.corp.scope", "openid,email"),
                Map.entry(p + "provider.corp.authorization-uri", "https://idp.example/authorize"),
                Map.entry(p + "provider.corp.token-uri", "https://idp.example/token"),
                Map.entry(p + "provider.corp.jwk-set-uri", "https://idp.example/jwks"),
                Map.entry(p + "provider.corp.user-info-uri", "https://idp.example/userinfo"),
                Map.entry(p + "provider.corp.user-name-attribute", "sub"),
                Map.entry("muster.oidc-users[0].subject", "pat@example.org"),
                Map.entry("muster.oidc-users[0].roles[0]", "supervisor"),
                Map.entry("muster.oidc-users[0].organisations[0]", "WSP"));
        try (TestServer s = TestServer.start(StoreConfig.Backend.SQLITE, oidc)) {
            HttpClient browser = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            var login =
                    browser.send(HttpRequest.newBuilder(s.uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.body()).contains("Sign in with Corporate SSO");
            var go = browser.send(
                    HttpRequest.newBuilder(s.uri("/oauth2/authorization/corp")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(go.statusCode()).isEqualTo(302);
            String to = go.headers().firstValue("Location").orElseThrow();
            assertThat(to)
                    .startsWith("https://idp.example/authorize?")
                    .contains("client_id=muster")
                    .contains("scope=openid");
            // tokens still work beside it, and an unknown sign-in still gets nothing
            assertThat(s.get("/api/v1/me", "viewer", "WSP").status()).isEqualTo(200);
            assertThat(s.send("GET", "/api/v1/me", null, null).status()).isEqualTo(401);
        }
    }
}
