package org.muster.server.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.organisation.OrganisationId;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is asking: a name, roles, and the organisations they act for ({@code allOrganisations} for a
 * national coordinator, an auditor of everything, or an administrator configured with {@code *}).
 */
public record MusterPrincipal(String name, Set<Role> roles, SortedSet<String> organisations, boolean allOrganisations)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public MusterPrincipal {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        organisations = new TreeSet<>(organisations);
    }

    /** Built from configuration: roles by name, organisations by id or {@code *}. */
    public static MusterPrincipal configured(
            String field, String name, List<String> roles, List<String> organisations) {
        Set<Role> r = EnumSet.noneOf(Role.class);
        for (int i = 0; i < roles.size(); i++) r.add(Role.parse(field + ".roles[" + i + "]", roles.get(i)));
        boolean all = organisations.contains("*");
        SortedSet<String> orgs = new TreeSet<>();
        for (String o : organisations)
            if (!o.equals("*")) orgs.add(OrganisationId.of(o).value());
        return new MusterPrincipal(name, r, orgs, all);
    }

    /**
     * The name the log records as the actor: the principal's name with anything but letters, digits,
     * {@code _ . : -} replaced by {@code _} (an e-mail's {@code @}), at most 64 characters.
     */
    public org.muster.domain.command.Actor actor() {
        String a = name.replaceAll("[^A-Za-z0-9_.:-]", "_");
        if (!Character.isLetterOrDigit(a.charAt(0))) a = "u" + a;
        return org.muster.domain.command.Actor.of(a.length() > 64 ? a.substring(0, 64) : a);
    }

    public boolean can(Role.Action action) {
        return roles.stream().anyMatch(r -> r.grants(action));
    }

    public boolean actsFor(OrganisationId organisation) {
        return allOrganisations || organisations.contains(organisation.value());
    }

    public Collection<GrantedAuthority> authorities() {
        return roles.stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }
}
