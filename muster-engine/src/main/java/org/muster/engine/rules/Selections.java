package org.muster.engine.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.muster.domain.ConflictException;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;

/**
 * Resolves a bulk selection to the people or units it names, in id order, then takes the requested share
 * with the command's seed. Named ones that are not eligible are refused; matched ones are filtered.
 */
final class Selections {
    private Selections() {}

    static List<Person> people(MusterState s, PeopleSelection sel, Predicate<Person> eligible) {
        List<Person> candidates = new ArrayList<>();
        for (PersonId id : sel.people()) {
            Person p = s.getPerson(id);
            if (!eligible.test(p))
                throw new ConflictException(
                        id + " is not eligible: duty " + p.duty() + ", suspended " + p.suspendedSkills());
            candidates.add(p);
        }
        if (sel.organisation().isPresent() || sel.skill().isPresent()) {
            sel.organisation().ifPresent(s::getOrganisation);
            s.people().values().stream()
                    .filter(p ->
                            sel.organisation().map(p.organisation()::equals).orElse(true))
                    .filter(p -> sel.skill().map(p.skills()::contains).orElse(true))
                    .filter(p -> !sel.people().contains(p.id()))
                    .filter(eligible)
                    .forEach(candidates::add);
        }
        candidates.sort(Comparator.comparing(p -> p.id().value()));
        List<Person> chosen = Decider.share(candidates, sel.share(), sel.seed());
        Decider.requireSome("selection", describe(sel), chosen, "eligible people");
        return chosen;
    }

    static List<Unit> units(MusterState s, UnitSelection sel, Rules rules, Predicate<Unit> eligible) {
        List<Unit> candidates = new ArrayList<>();
        for (UnitId id : sel.units()) {
            Unit u = s.getUnit(id);
            if (!eligible.test(u))
                throw new ConflictException(u.callsign() + " is not eligible: it is " + u.status()
                        + u.unavailableReason().map(r -> " (" + r + ")").orElse(""));
            candidates.add(u);
        }
        if (sel.organisation().isPresent()
                || sel.type().isPresent()
                || sel.capability().isPresent()) {
            sel.organisation().ifPresent(s::getOrganisation);
            s.units().values().stream()
                    // an organisation's units are those working for it: a lent unit is its host's to act on
                    .filter(u -> sel.organisation().map(u.workingFor()::equals).orElse(true))
                    .filter(u -> sel.type().map(t -> u.type() == t).orElse(true))
                    .filter(u -> sel.capability()
                            .map(c -> s.liveCapabilities(u, rules.crewing()).contains(c)
                                    || u.type().equipment().contains(c))
                            .orElse(true))
                    .filter(u -> !sel.units().contains(u.id()))
                    .filter(eligible)
                    .forEach(candidates::add);
        }
        candidates.sort(Comparator.comparing(u -> u.id().value()));
        List<Unit> chosen = Decider.share(candidates, sel.share(), sel.seed());
        Decider.requireSome("selection", describe(sel), chosen, "eligible units");
        return chosen;
    }

    private static String describe(Record selection) {
        return selection.toString();
    }
}
