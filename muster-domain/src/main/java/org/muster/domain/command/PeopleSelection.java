package org.muster.domain.command;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.Skill;

/**
 * Which people a withdrawal or return applies to: named people, or those of an organisation holding a
 * skill, or a share of them. A share is chosen by the command's seed, so the same command picks the same
 * people; the events then name each one.
 *
 * @param share the fraction of the matching people, 0 (exclusive) to 1
 */
public record PeopleSelection(
        SortedSet<PersonId> people,
        Optional<OrganisationId> organisation,
        Optional<Skill> skill,
        double share,
        long seed) {
    public PeopleSelection {
        people = Sorted.setOf(Check.present("people", people));
        Check.present("organisation", organisation);
        Check.present("skill", skill);
        if (!(share > 0 && share <= 1))
            throw InvalidInputException.of("share", share, "must be more than 0 and at most 1");
        if (people.isEmpty() && organisation.isEmpty() && skill.isEmpty()) {
            throw InvalidInputException.of("selection", "", "must name people, an organisation or a skill");
        }
    }

    public static PeopleSelection of(Set<PersonId> people) {
        return new PeopleSelection(Sorted.setOf(people), Optional.empty(), Optional.empty(), 1.0, 0);
    }

    public static PeopleSelection withSkill(OrganisationId organisation, Skill skill, double share, long seed) {
        return new PeopleSelection(Sorted.empty(), Optional.of(organisation), Optional.of(skill), share, seed);
    }
}
