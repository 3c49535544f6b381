package org.muster.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.muster.server.MusterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may reach what. Everything is denied unless a rule below lets it through: the API and the
 * Prometheus metrics need a signed-in user or an API token, health and the OpenAPI document are open, and
 * the controllers then check each action against the user's roles and organisations.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    @Bean
    Directory directory(MusterProperties settings) {
        return new Directory(settings);
    }

    /** Spring Security's firewall hands the paths it refuses to this bean, if there is one. */
    @Bean
    RequestRejectedHandler rejectedPaths() {
        return new RejectedPaths();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Passwords.encoder();
    }

    @Bean
    SecurityFilterChain filterChain(
            HttpSecurity http, Directory directory, ObjectProvider<ClientRegistrationRepository> oidcClients)
            throws Exception {
        ProblemWriter problems = new ProblemWriter();
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/login", "/login/**", "/oauth2/**", "/error")
                        .permitAll()
                        .requestMatchers("/", "/index.html", "/app/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        // warnings to the public are public: the CAP feed and messages, for aggregators and anyone
                        .requestMatchers(HttpMethod.GET, "/api/v1/cap/feed.atom", "/api/v1/cap/alerts/*")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers("/api/v1/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .addFilterBefore(new TokenFilter(directory, problems), UsernamePasswordAuthenticationFilter.class)
                .formLogin(
                        f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                // The token lives in the session, so only a page the server gave it to can send it back as
                // the X-XSRF-TOKEN header (CsrfCookie shows it to the dashboard's scripts); integrations with
                // a bearer token carry no cookie to forge.
                .csrf(c -> c.csrfTokenRepository(sessionTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(SecurityConfig::hasBearerToken))
                .addFilterAfter(new CsrfCookie(SecurityConfig::hasBearerToken), CsrfFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
                            if (req.getRequestURI().startsWith("/api/")
                                    || req.getRequestURI().startsWith("/actuator/"))
                                problems.write(
                                        res,
                                        401,
                                        "Unauthorized",
                                        "sign in or present an API token",
                                        req.getRequestURI());
                            else res.sendRedirect("/login");
                        })
                        .accessDeniedHandler((req, res, ex) -> problems.write(
                                res, 403, "Forbidden", "not allowed: " + ex.getMessage(), req.getRequestURI())));
        if (oidcClients.getIfAvailable() != null) {
            OidcUserService delegate = new OidcUserService();
            http.oauth2Login(o -> o.loginPage("/login")
                    .userInfoEndpoint(u -> u.oidcUserService(
                            request -> OidcSignIn.withRoles(directory::findOidcSubject, delegate.loadUser(request)))));
        }
        return http.build();
    }

    private static HttpSessionCsrfTokenRepository sessionTokens() {
        HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
        tokens.setHeaderName(CsrfCookie.HEADER);
        return tokens;
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
