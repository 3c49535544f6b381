package org.muster.domain.organisation;

import org.muster.domain.Check;

/** An organisation's code, such as {@code WMP} for West Midlands Police. */
public record OrganisationId(String value) implements Comparable<OrganisationId> {
    public OrganisationId {
        Check.code("organisationId", value);
    }

    public static OrganisationId of(String value) {
        return new OrganisationId(value);
    }

    @Override
    public int compareTo(OrganisationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
