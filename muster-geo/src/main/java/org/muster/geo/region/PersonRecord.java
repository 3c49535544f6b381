package org.muster.geo.region;

import java.util.Optional;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.DutyState;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnitId;

/**
 * A row of the people CSV.
 *
 * @param unit the unit this person crews at the start; empty for a spare
 */
public record PersonRecord(
        PersonId id,
        String name,
        OrganisationId organisation,
        PersonRole role,
        SortedSet<Skill> skills,
        Optional<UnitId> unit) {
    public PersonRecord {
        Check.present("person.id", id);
        name = Check.text("person.name", name);
        Check.present("person.organisation", organisation);
        Check.present("person.role", role);
        skills = Sorted.setOf(Check.present("person.skills", skills));
        Check.present("person.unit", unit);
    }

    /** The person on duty with every skill live, as the region starts. */
    public Person toPerson() {
        return new Person(id, name, organisation, role, skills, Sorted.empty(), DutyState.ON_DUTY);
    }
}
