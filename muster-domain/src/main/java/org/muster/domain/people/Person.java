package org.muster.domain.people;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;

/**
 * An officer, paramedic or firefighter.
 *
 * @param skills the skills the person holds
 * @param suspendedSkills held skills they may not use now, such as a firearms authorisation handed in
 */
public record Person(
        PersonId id,
        String name,
        OrganisationId organisation,
        PersonRole role,
        SortedSet<Skill> skills,
        SortedSet<Skill> suspendedSkills,
        DutyState duty) {
    public Person {
        Check.present("person.id", id);
        name = Check.text("person.name", name);
        Check.present("person.organisation", organisation);
        Check.present("person.role", role);
        skills = Sorted.setOf(Check.present("person.skills", skills));
        suspendedSkills = Sorted.setOf(Check.present("person.suspendedSkills", suspendedSkills));
        Check.present("person.duty", duty);
    }

    /** The skills this person can use now: held, not suspended, and on duty. */
    public Set<Skill> activeSkills() {
        if (duty != DutyState.ON_DUTY || skills.isEmpty()) return Set.of();
        EnumSet<Skill> active = EnumSet.copyOf(skills);
        active.removeAll(suspendedSkills);
        // read-only, like every collection a domain value hands out
        return Collections.unmodifiableSet(active);
    }

    public boolean hasActive(Skill skill) {
        return duty == DutyState.ON_DUTY && skills.contains(skill) && !suspendedSkills.contains(skill);
    }

    public Person withDuty(DutyState newDuty) {
        return new Person(id, name, organisation, role, skills, suspendedSkills, newDuty);
    }

    public Person withSkillSuspended(Skill skill, boolean suspended) {
        EnumSet<Skill> next = suspendedSkills.isEmpty() ? EnumSet.noneOf(Skill.class) : EnumSet.copyOf(suspendedSkills);
        if (suspended) next.add(skill);
        else next.remove(skill);
        return new Person(id, name, organisation, role, skills, Sorted.setOf(next), duty);
    }
}
