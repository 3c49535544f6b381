package org.muster.server.security;

import org.muster.domain.organisation.OrganisationId;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/** The principal behind the current request, however it signed in: password, token or OpenID Connect. */
@Component
public final class CurrentUser {
    private final Directory directory;

    public CurrentUser(Directory directory) {
        this.directory = directory;
    }

    public MusterPrincipal get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated())
            throw new AccessRefused("sign in first");
        return of(auth);
    }

    public MusterPrincipal of(Authentication auth) {
        Object p = auth.getPrincipal();
        return switch (p) {
            case MusterPrincipal m -> m;
            case OidcUser o ->
                OidcSignIn.principalOf(directory::findOidcSubject, o)
                        .orElseThrow(() -> new AccessRefused(
                                "OpenID Connect subject " + o.getSubject() + " has no roles in Muster"));
            case UserDetails u ->
                directory
                        .findUser(u.getUsername())
                        .orElseThrow(() -> new AccessRefused("user " + u.getUsername() + " is no longer configured"));
            case null, default -> throw new AccessRefused("sign in first");
        };
    }

    /** The current principal, when it may do {@code action} at all. */
    public MusterPrincipal require(Role.Action action) {
        MusterPrincipal p = get();
        if (!p.can(action)) throw new AccessRefused(p.name() + " (" + p.roles() + ") may not " + words(action));
        return p;
    }

    /** The current principal, when it may do {@code action} for {@code organisation}. */
    public MusterPrincipal require(Role.Action action, OrganisationId organisation) {
        MusterPrincipal p = require(action);
        if (!p.actsFor(organisation))
            throw new AccessRefused(p.name() + " does not act for organisation " + organisation);
        return p;
    }

    /** What the action lets one do, after "may not": "ask for, offer or accept mutual aid". */
    static String words(Role.Action action) {
        return switch (action) {
            case READ -> "see the boards";
            case TAKE_CALLS -> "take calls";
            case DISPATCH -> "dispatch";
            case SUPERVISE -> "supervise (levels, safe minimums, alerts, withdrawals)";
            case MUTUAL_AID -> "ask for, offer or accept mutual aid";
            case CLOSE_ROADS -> "close or reopen roads";
            case AUDIT -> "audit the log";
            case ADMINISTER -> "administer (register organisations, zones, stations, units and people)";
        };
    }
}
