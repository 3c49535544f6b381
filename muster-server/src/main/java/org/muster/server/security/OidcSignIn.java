package org.muster.server.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who an OpenID Connect sign-in is in Muster: the configured user whose subject is the ID token's
 * {@code sub}, else the one named by its {@code email}, but only when the provider vouches for that
 * address ({@code email_verified} true). An unverified address is whatever the person typed at the
 * provider, so trusting it would let anyone claim a dispatcher's roles.
 */
public final class OidcSignIn {
    private OidcSignIn() {}

    public static Optional<MusterPrincipal> principalOf(
            Function<String, Optional<MusterPrincipal>> directory, OidcUser user) {
        return directory.apply(user.getSubject()).or(() -> verifiedEmail(user).flatMap(directory));
    }

    /** The signed-in user with the roles Muster gives them as authorities; none when Muster does not know them. */
    public static OidcUser withRoles(Function<String, Optional<MusterPrincipal>> directory, OidcUser user) {
        List<SimpleGrantedAuthority> authorities = principalOf(directory, user)
                .map(p -> p.authorities().stream()
                        .map(g -> new SimpleGrantedAuthority(g.getAuthority()))
                        .toList())
                .orElse(List.of());
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo());
    }

    private static Optional<String> verifiedEmail(OidcUser user) {
        return Boolean.TRUE.equals(user.getEmailVerified()) ? Optional.ofNullable(user.getEmail()) : Optional.empty();
    }
}
