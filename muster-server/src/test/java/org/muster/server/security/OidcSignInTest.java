package org.muster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** An OpenID Connect user's roles come from their subject, or from an e-mail the provider has verified. */
class OidcSignInTest {
    private static final MusterPrincipal DISPATCHER =
            MusterPrincipal.configured("test", "dispatcher@mps.example", List.of("dispatcher"), List.of("MPS"));
    private static final MusterPrincipal BY_SUBJECT =
            MusterPrincipal.configured("test", "sub-123", List.of("supervisor"), List.of("MPS"));
    private static final Function<String, Optional<MusterPrincipal>> DIRECTORY = name -> Optional.ofNullable(
            Map.of("dispatcher@mps.example", DISPATCHER, "sub-123", BY_SUBJECT).get(name));

    private static OidcUser user(String subject, Optional<String> email, Optional<Boolean> verified) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        email.ifPresent(e -> claims.put("email", e));
        verified.ifPresent(v -> claims.put("email_verified", v));
        var token = new OidcIdToken("id-token", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), claims);
        return new DefaultOidcUser(List.of(), token);
    }

    @Test
    void an_unverified_email_gives_no_roles() {
        var planted = user("attacker", Optional.of("dispatcher@mps.example"), Optional.of(false));
        assertThat(OidcSignIn.principalOf(DIRECTORY, planted)).isEmpty();
        assertThat(OidcSignIn.withRoles(DIRECTORY, planted).getAuthorities()).isEmpty();
    }

    @Test
    void an_email_without_the_verified_claim_gives_no_roles() {
        var unsure = user("attacker", Optional.of("dispatcher@mps.example"), Optional.empty());
        assertThat(OidcSignIn.principalOf(DIRECTORY, unsure)).isEmpty();
        assertThat(OidcSignIn.withRoles(DIRECTORY, unsure).getAuthorities()).isEmpty();
    }

    @Test
    void a_verified_email_gives_its_roles() {
        var verified = user("someone", Optional.of("dispatcher@mps.example"), Optional.of(true));
        assertThat(OidcSignIn.principalOf(DIRECTORY, verified)).contains(DISPATCHER);
        assertThat(OidcSignIn.withRoles(DIRECTORY, verified).getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_DISPATCHER");
    }

    @Test
    void the_subject_is_trusted_first_whatever_the_email() {
        var user = user("sub-123", Optional.of("dispatcher@mps.example"), Optional.of(true));
        assertThat(OidcSignIn.principalOf(DIRECTORY, user)).contains(BY_SUBJECT);
        var noEmail = user("sub-123", Optional.empty(), Optional.empty());
        assertThat(OidcSignIn.principalOf(DIRECTORY, noEmail)).contains(BY_SUBJECT);
    }
}
