package org.muster.domain.unit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.muster.domain.Check;
import org.muster.domain.people.Person;
import org.muster.domain.people.Skill;

/**
 * Which skills, and how many people holding them, a unit needs on board: to be on the road at all (per
 * unit type), and to offer each capability. An armed response vehicle whose crew holds fewer than two
 * live firearms authorisations offers no {@code ARMED} capability and, by default, is off the road.
 *
 * <p>Configuration, read from a properties file:
 *
 * <pre>
 * type.ARMED_RESPONSE_VEHICLE = AUTHORISED_FIREARMS_OFFICER*2, RESPONSE_DRIVER*1
 * capability.ARMED = AUTHORISED_FIREARMS_OFFICER*2
 * </pre>
 */
public final class CrewingRules {
    /** At least {@code count} people on board with {@code skill} active. */
    public record SkillNeed(Skill skill, int count) {
        public SkillNeed {
            Check.present("skill", skill);
            Check.atLeast("count", count, 1);
        }

        boolean isMetBy(Collection<Person> crew) {
            return crew.stream().filter(p -> p.hasActive(skill)).count() >= count;
        }

        @Override
        public String toString() {
            return count + " x " + skill;
        }
    }

    private static final String DEFAULTS = "crewing-rules.properties";

    private final Map<UnitType, List<SkillNeed>> byType;
    private final Map<Capability, List<SkillNeed>> byCapability;

    private CrewingRules(Map<UnitType, List<SkillNeed>> byType, Map<Capability, List<SkillNeed>> byCapability) {
        this.byType = byType;
        this.byCapability = byCapability;
    }

    /** The rules shipped with Muster. */
    public static CrewingRules defaults() {
        try (InputStream in = CrewingRules.class.getResourceAsStream(DEFAULTS)) {
            Properties p = new Properties();
            p.load(in);
            return fromProperties(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CrewingRules parse(Reader reader) {
        Properties p = new Properties();
        try {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromProperties(p);
    }

    /** Reads the rules, reporting every bad key or value at once. */
    public static CrewingRules fromProperties(Properties p) {
        Check check = Check.collecting();
        Map<UnitType, List<SkillNeed>> byType = new EnumMap<>(UnitType.class);
        Map<Capability, List<SkillNeed>> byCapability = new EnumMap<>(Capability.class);
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            String value = p.getProperty(key);
            if (key.startsWith("type.")) {
                parseEnum(check, key, key.substring(5), UnitType.class)
                        .ifPresent(t -> byType.put(t, parseNeeds(check, key, value)));
            } else if (key.startsWith("capability.")) {
                parseEnum(check, key, key.substring(11), Capability.class)
                        .ifPresent(c -> byCapability.put(c, parseNeeds(check, key, value)));
            } else {
                check.add(key, value, "keys must start with 'type.' or 'capability.'");
            }
        }
        check.throwIfAny();
        return new CrewingRules(byType, byCapability);
    }

    private static List<SkillNeed> parseNeeds(Check check, String key, String value) {
        List<SkillNeed> needs = new ArrayList<>();
        if (value.isBlank()) return needs;
        for (String part : value.split(",")) {
            String[] skillAndCount = part.strip().split("\\*");
            int count = skillAndCount.length == 2 ? parseCount(skillAndCount[1]) : skillAndCount.length == 1 ? 1 : 0;
            if (count < 1) {
                check.add(key, part.strip(), "must be SKILL or SKILL*N with N >= 1");
                continue;
            }
            parseEnum(check, key, skillAndCount[0].strip(), Skill.class)
                    .ifPresent(s -> needs.add(new SkillNeed(s, count)));
        }
        return List.copyOf(needs);
    }

    private static int parseCount(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Check check, String field, String name, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            check.add(field, name, "must be one of " + EnumSet.allOf(type));
            return Optional.empty();
        }
    }

    /** What the unit needs on board to be on the road at all. */
    public List<SkillNeed> needsFor(UnitType type) {
        return byType.getOrDefault(type, List.of());
    }

    public List<SkillNeed> needsFor(Capability capability) {
        return byCapability.getOrDefault(capability, List.of());
    }

    public boolean isRoadworthy(UnitType type, Collection<Person> crew) {
        return needsFor(type).stream().allMatch(n -> n.isMetBy(crew));
    }

    /** The needs the crew does not meet for the unit to be on the road; empty when it may go. */
    public List<SkillNeed> shortfall(UnitType type, Collection<Person> crew) {
        return needsFor(type).stream().filter(n -> !n.isMetBy(crew)).toList();
    }

    /** The capabilities of the type's equipment that this crew can use. */
    public Set<Capability> liveCapabilities(UnitType type, Collection<Person> crew) {
        EnumSet<Capability> live = EnumSet.noneOf(Capability.class);
        for (Capability c : type.equipment()) {
            if (needsFor(c).stream().allMatch(n -> n.isMetBy(crew))) live.add(c);
        }
        return Collections.unmodifiableSet(live);
    }
}
