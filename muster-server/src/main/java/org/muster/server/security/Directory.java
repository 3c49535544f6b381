package org.muster.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.server.MusterProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The configured users, API tokens and OpenID Connect subjects, checked whole at start: a bad role, an
 * empty name or a duplicate refuses to start, naming the entry.
 */
public final class Directory implements UserDetailsService {
    private final Map<String, MusterPrincipal> users = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();
    private final Map<String, MusterPrincipal> tokens = new HashMap<>();
    private final Map<String, MusterPrincipal> oidc = new HashMap<>();

    public Directory(MusterProperties settings) {
        Check check = Check.collecting();
        List<MusterProperties.User> us = settings.users();
        for (int i = 0; i < us.size(); i++) {
            var u = us.get(i);
            String field = "muster.users[" + i + "]";
            if (!u.name().matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}"))
                check.add(field + ".name", u.name(), "must be 1-64 letters, digits, '_', '.', ':' or '-'");
            else if (users.containsKey(u.name())) check.add(field + ".name", u.name(), "must be unique");
            if (!u.passwordHash().startsWith("{"))
                check.add(field + ".password-hash", "(hidden)", "must be an encoded hash such as {argon2}...");
            users.put(u.name(), MusterPrincipal.configured(field, u.name(), u.roles(), u.organisations()));
            hashes.put(u.name(), u.passwordHash());
        }
        List<MusterProperties.Token> ts = settings.tokens();
        for (int i = 0; i < ts.size(); i++) {
            var t = ts.get(i);
            String field = "muster.tokens[" + i + "]";
            if (!t.name().matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,57}"))
                check.add(field + ".name", t.name(), "must be 1-58 letters, digits, '_', '.', ':' or '-'");
            if (!t.sha256().matches("[0-9a-f]{64}"))
                check.add(field + ".sha256", t.sha256(), "must be 64 lower-case hex digits");
            tokens.put(
                    t.sha256(), MusterPrincipal.configured(field, "token:" + t.name(), t.roles(), t.organisations()));
        }
        List<MusterProperties.OidcUser> os = settings.oidcUsers();
        for (int i = 0; i < os.size(); i++) {
            var o = os.get(i);
            String field = "muster.oidc-users[" + i + "]";
            oidc.put(o.subject(), MusterPrincipal.configured(field, o.subject(), o.roles(), o.organisations()));
        }
        check.throwIfAny();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        MusterPrincipal p = users.get(username);
        if (p == null) throw new UsernameNotFoundException("no such user");
        return User.withUsername(username)
                .password(hashes.get(username))
                .authorities(p.authorities())
                .build();
    }

    public Optional<MusterPrincipal> findUser(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The principal of a presented token, compared by its hash in constant time. */
    public Optional<MusterPrincipal> findToken(String token) {
        byte[] presented = Passwords.sha256(token).getBytes(StandardCharsets.US_ASCII);
        for (var e : tokens.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.US_ASCII)))
                return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    public Optional<MusterPrincipal> findOidcSubject(String subjectOrEmail) {
        return Optional.ofNullable(oidc.get(subjectOrEmail));
    }
}
