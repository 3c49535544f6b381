package org.muster.domain.people;

import org.muster.domain.Check;

/** Identifies a person: an officer, paramedic or firefighter. */
public record PersonId(String value) implements Comparable<PersonId> {
    public PersonId {
        Check.code("personId", value);
    }

    public static PersonId of(String value) {
        return new PersonId(value);
    }

    @Override
    public int compareTo(PersonId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
