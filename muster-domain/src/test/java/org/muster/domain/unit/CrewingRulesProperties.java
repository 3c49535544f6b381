package org.muster.domain.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.DutyState;
import org.muster.domain.people.Person;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;

/**
 * The crewing rules every board and every dispatch relies on, over random crews: people with any skills,
 * some suspended, some off duty. The reference is the rule as the properties file states it: at least N
 * people on board with the skill held, not suspended, and on duty.
 */
class CrewingRulesProperties {
    private final CrewingRules rules = CrewingRules.defaults();

    @Provide
    Arbitrary<Person> people() {
        Arbitrary<Set<Skill>> skills = Arbitraries.of(Skill.class).set().ofMaxSize(Skill.values().length);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 9999),
                        skills,
                        skills,
                        Arbitraries.frequency(
                                Tuple.of(4, DutyState.ON_DUTY),
                                Tuple.of(1, DutyState.OFF_DUTY),
                                Tuple.of(1, DutyState.WITHDRAWN)))
                .as((n, held, suspended, duty) -> person("P" + n, held, suspended, duty));
    }

    @Provide
    Arbitrary<List<Person>> crews() {
        // distinct ids: a person is on board once
        return people().list().ofMaxSize(8).uniqueElements(Person::id);
    }

    private static Person person(String id, Set<Skill> held, Set<Skill> suspended, DutyState duty) {
        return new Person(
                PersonId.of(id),
                "Person " + id,
                OrganisationId.of("ORG"),
                PersonRole.POLICE_OFFICER,
                new TreeSet<>(held),
                new TreeSet<>(suspended),
                duty);
    }

    private static long liveHolders(List<Person> crew, Skill skill) {
        return crew.stream()
                .filter(p -> p.duty() == DutyState.ON_DUTY
                        && p.skills().contains(skill)
                        && !p.suspendedSkills().contains(skill))
                .count();
    }

    @Property
    void aUnitIsOnTheRoadExactlyWhenEveryNeedOfItsTypeHasEnoughLiveHolders(
            @ForAll UnitType type, @ForAll("crews") List<Person> crew) {
        List<CrewingRules.SkillNeed> unmet = rules.needsFor(type).stream()
                .filter(n -> liveHolders(crew, n.skill()) < n.count())
                .toList();
        assertThat(rules.shortfall(type, crew)).containsExactlyElementsOf(unmet);
        assertThat(rules.isRoadworthy(type, crew)).isEqualTo(unmet.isEmpty());
    }

    @Property
    void aCapabilityIsLiveExactlyWhenTheTypeCarriesItAndTheCrewMeetsItsNeeds(
            @ForAll UnitType type, @ForAll("crews") List<Person> crew) {
        Set<Capability> live = rules.liveCapabilities(type, crew);
        for (Capability c : Capability.values()) {
            boolean needsMet = rules.needsFor(c).stream().allMatch(n -> liveHolders(crew, n.skill()) >= n.count());
            assertThat(live.contains(c)).as(c.name()).isEqualTo(type.equipment().contains(c) && needsMet);
        }
    }

    @Property
    void addingSomeoneToTheCrewNeverTakesTheUnitOffTheRoadOrACapabilityAway(
            @ForAll UnitType type, @ForAll("crews") List<Person> crew, @ForAll("people") Person extra) {
        List<Person> more = new ArrayList<>(crew);
        more.add(person("EXTRA", extra.skills(), extra.suspendedSkills(), extra.duty()));
        if (rules.isRoadworthy(type, crew))
            assertThat(rules.isRoadworthy(type, more)).isTrue();
        assertThat(rules.liveCapabilities(type, more)).containsAll(rules.liveCapabilities(type, crew));
        assertThat(rules.shortfall(type, crew)).containsAll(rules.shortfall(type, more));
    }

    @Property
    void aCrewMemberGainingASkillNeverTakesTheUnitOffTheRoad(
            @ForAll UnitType type, @ForAll("crews") List<Person> crew, @ForAll Skill gained, @ForAll int pick) {
        if (crew.isEmpty()) return;
        int i = Math.floorMod(pick, crew.size());
        Person p = crew.get(i);
        TreeSet<Skill> skills = new TreeSet<>(p.skills());
        skills.add(gained);
        List<Person> trained = new ArrayList<>(crew);
        trained.set(i, person(p.id().value(), skills, p.suspendedSkills(), p.duty()));
        if (rules.isRoadworthy(type, crew))
            assertThat(rules.isRoadworthy(type, trained)).isTrue();
        assertThat(rules.liveCapabilities(type, trained)).containsAll(rules.liveCapabilities(type, crew));
    }

    @Property
    void losingTheOneHolderANeedCannotSpareTakesTheUnitOffTheRoad(
            @ForAll UnitType type, @ForAll("crews") List<Person> crew, @ForAll boolean suspendRatherThanStandDown) {
        for (CrewingRules.SkillNeed need : rules.needsFor(type)) {
            if (liveHolders(crew, need.skill()) != need.count()) continue;
            // exactly enough: a firearms authorisation handed in, or an officer walking out, breaks the need
            int i = IntStream.range(0, crew.size())
                    .filter(k -> crew.get(k).hasActive(need.skill()))
                    .findFirst()
                    .orElseThrow();
            List<Person> less = new ArrayList<>(crew);
            less.set(
                    i,
                    suspendRatherThanStandDown
                            ? crew.get(i).withSkillSuspended(need.skill(), true)
                            : crew.get(i).withDuty(DutyState.WITHDRAWN));
            assertThat(rules.isRoadworthy(type, less)).isFalse();
            assertThat(rules.shortfall(type, less)).contains(need);
            // and handing it back restores the crew as it was
            if (suspendRatherThanStandDown) {
                less.set(i, less.get(i).withSkillSuspended(need.skill(), false));
                assertThat(rules.shortfall(type, less)).isEqualTo(rules.shortfall(type, crew));
            }
        }
    }

    @Property
    void theOrderOfTheCrewDoesNotMatter(@ForAll UnitType type, @ForAll("crews") List<Person> crew, @ForAll long seed) {
        List<Person> shuffled = new ArrayList<>(crew);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(rules.isRoadworthy(type, shuffled)).isEqualTo(rules.isRoadworthy(type, crew));
        assertThat(rules.shortfall(type, shuffled)).isEqualTo(rules.shortfall(type, crew));
        assertThat(rules.liveCapabilities(type, shuffled)).isEqualTo(rules.liveCapabilities(type, crew));
    }

    @Property
    void whatTheRulesHandOutCannotBeChanged(
            @ForAll UnitType type, @ForAll Capability capability, @ForAll("crews") List<Person> crew) {
        Set<Capability> live = rules.liveCapabilities(type, crew);
        assertThatThrownBy(() -> live.add(capability)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(live::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.needsFor(type).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.needsFor(capability).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.shortfall(type, crew).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> type.equipment().add(capability)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Property
    void aPersonsActiveSkillsAreTheHeldOnesNotSuspendedWhileOnDutyAndCannotBeAddedTo(
            @ForAll("people") Person p, @ForAll Skill skill) {
        EnumSet<Skill> expected = EnumSet.noneOf(Skill.class);
        if (p.duty() == DutyState.ON_DUTY) {
            expected.addAll(p.skills());
            expected.removeAll(p.suspendedSkills());
        }
        assertThat(p.activeSkills()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(p.hasActive(skill)).isEqualTo(expected.contains(skill));
        // a caller holding the set must not be able to authorise anyone
        assertThatThrownBy(() -> p.activeSkills().add(skill)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.skills().add(skill)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.suspendedSkills().add(skill)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyTypeHasAFullCrewThatFitsItsSeatsAndOneLessIsShort() {
        for (UnitType type : UnitType.values()) {
            List<CrewingRules.SkillNeed> needs = new ArrayList<>(rules.needsFor(type));
            type.equipment().forEach(c -> needs.addAll(rules.needsFor(c)));
            int fewest =
                    needs.stream().mapToInt(CrewingRules.SkillNeed::count).max().orElse(0);
            Set<Skill> all = EnumSet.noneOf(Skill.class);
            needs.forEach(n -> all.add(n.skill()));
            List<Person> full = IntStream.range(0, fewest)
                    .mapToObj(k -> person("F" + k, all, Set.of(), DutyState.ON_DUTY))
                    .toList();
            assertThat(rules.isRoadworthy(type, full)).as(type.name()).isTrue();
            assertThat(rules.liveCapabilities(type, full)).as(type.name()).isEqualTo(type.equipment());
            // a unit registers with at most 64 seats: the rules must never ask for more people than that
            assertThat(fewest).as(type.name()).isBetween(1, 64);
            // with one person fewer the largest need is unmet: off the road, or without part of its equipment
            List<Person> oneShort = full.subList(1, fewest);
            assertThat(!rules.isRoadworthy(type, oneShort)
                            || !rules.liveCapabilities(type, oneShort).equals(type.equipment()))
                    .as(type.name())
                    .isTrue();
        }
    }

    @Test
    void aTypeOrCapabilityTheRulesDoNotMentionNeedsNobody() {
        CrewingRules none = CrewingRules.parse(new java.io.StringReader("type.DOG_UNIT = DOG_HANDLER*1\n"));
        assertThat(none.isRoadworthy(UnitType.FIRE_APPLIANCE, List.of())).isTrue();
        assertThat(none.liveCapabilities(UnitType.FIRE_APPLIANCE, List.of()))
                .isEqualTo(UnitType.FIRE_APPLIANCE.equipment());
        assertThat(none.isRoadworthy(UnitType.DOG_UNIT, List.of())).isFalse();
        assertThat(none.shortfall(UnitType.DOG_UNIT, List.of()))
                .containsExactly(new CrewingRules.SkillNeed(Skill.DOG_HANDLER, 1));
    }
}
