package org.muster.cli.simulate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * {@code --sweep KEY=FROM..TO:STEP}: the values of one scenario key to run the scenario at. The keys that may
 * be swept are a small table from the name given on the command line to the scenario file's key each value
 * replaces ({@link #KEYS}); a new one (a shock's size) is one line there. A key of shocks with {@code *} for
 * the index ({@code surge}) replaces the key in every shock it sizes: every surge of the same kinds of call as
 * the scenario's first (a wave of disorder over two evenings is two surges of one kind), or with a kind named
 * ({@code surge.STABBING_CASUALTY}, {@code surge.C1}), every surge that raises that incident type or category.
 *
 * @param name the key as named on the command line
 * @param scenarioKey the scenario file's dotted key that each value replaces (with {@code *} for the index of
 *     each shock it sizes)
 * @param values FROM, FROM + STEP, ... up to TO (included when a step lands on it), exactly, as decimals
 */
public record Sweep(String name, String scenarioKey, List<BigDecimal> values) {
    /** The key of every surge's factor that a surge's sweep sets. */
    private static final String SURGES = "shocks.*.surge.factor";

    /** What may be swept: a name, and the scenario key its values replace. */
    public static final Map<String, String> KEYS = new TreeMap<>(Map.of(
            "demand.scale",
            "demand.scale",
            // the share withdrawn by the scenario's first shock, a withdrawal (walkout.yml's 30 % of officers)
            "withdrawal",
            "shocks.0.withdraw.people",
            // the factor of every surge of the kinds of call the scenario's first surge raises (disorder.yml's
            // public disorder, on both evenings)
            "surge",
            SURGES));

    /** The size of each shock that is no shock at all: none withdrawn, calls as often as usual. */
    private static final Map<String, BigDecimal> NEUTRAL =
            Map.of("withdrawal", BigDecimal.ZERO, "surge", BigDecimal.ONE);

    /** The most values one sweep runs. */
    public static final int MOST = 100;

    private static final Pattern FORM =
            Pattern.compile("([A-Za-z][A-Za-z0-9._]*)=([0-9.eE+-]+)\\.\\.([0-9.eE+-]+):([0-9.eE+-]+)");

    /** A surge's sweep naming the kind of call it sizes: {@code surge.PUBLIC_DISORDER}. */
    private static final String SURGE_OF = "surge.";

    public Sweep {
        Check.text("name", name);
        Check.text("scenarioKey", scenarioKey);
        values = Check.nonEmpty("values", values);
    }

    /**
     * Reads {@code KEY=FROM..TO:STEP}.
     *
     * @throws InvalidInputException naming {@code --sweep}, the text and what was expected
     */
    public static Sweep parse(String text) {
        Check.present("text", text);
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches())
            throw InvalidInputException.of("--sweep", text, "must be KEY=FROM..TO:STEP, such as demand.scale=1..3:0.5");
        String name = m.group(1);
        String key = KEYS.get(base(name));
        if (key == null || name.equals(SURGE_OF))
            throw InvalidInputException.of(
                    "--sweep",
                    text,
                    "must sweep one of " + KEYS.keySet() + " (or surge.KIND: the surges of one incident type or"
                            + " category), not " + name);
        BigDecimal from = number(m.group(2), text);
        BigDecimal to = number(m.group(3), text);
        BigDecimal step = number(m.group(4), text);
        if (step.signum() <= 0) throw InvalidInputException.of("--sweep", text, "must have a STEP above 0");
        if (to.compareTo(from) < 0) throw InvalidInputException.of("--sweep", text, "must have TO at least FROM");
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            if (values.size() == MOST)
                throw InvalidInputException.of("--sweep", text, "must have at most " + MOST + " values");
            values.add(v.stripTrailingZeros());
        }
        return new Sweep(name, key, values);
    }

    private static BigDecimal number(String s, String text) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("--sweep", text, "must have numbers for FROM, TO and STEP, not " + s);
        }
    }

    private static final Pattern SHOCK_KEY = Pattern.compile("shocks\\.(\\d+)\\..+");

    /** The table's name a swept name stands for: {@code surge} for {@code surge.KIND}. */
    private static String base(String name) {
        return name.startsWith(SURGE_OF) ? "surge" : name;
    }

    /** The kind of call a {@code surge.KIND} sweep sizes; empty for any other. */
    private java.util.Optional<String> kind() {
        return name.startsWith(SURGE_OF)
                ? java.util.Optional.of(name.substring(SURGE_OF.length()))
                : java.util.Optional.empty();
    }

    /** Whether this sweep sizes a shock: then it also runs the scenario without it, to tell the zones that breach whatever its size. */
    public boolean sizesAShock() {
        return NEUTRAL.containsKey(base(name));
    }

    /** The size that is no shock (a withdrawal of 0, a surge of 1), when this sweep sizes one. */
    public java.util.Optional<BigDecimal> neutral() {
        return java.util.Optional.ofNullable(NEUTRAL.get(base(name)));
    }

    /** Whether {@code value} is no shock at all: the scenario without the shocks this sweep sizes. */
    public boolean isWithoutTheShock(BigDecimal value) {
        return neutral().filter(n -> n.compareTo(value) == 0).isPresent();
    }

    /**
     * The places in the scenario's {@code shocks} of the shocks this sweep sizes: the first for a withdrawal, each
     * surge of the first surge's kinds for a surge, each surge raising the kind named for {@code surge.KIND}, none
     * for a key that is not a shock's.
     *
     * @throws InvalidInputException naming {@code --sweep} when the scenario has no surge to size, or none of the
     *     kind named (listing the kinds its surges raise)
     */
    public List<Integer> shocks(org.muster.sim.des.Scenario scenario) {
        Matcher m = SHOCK_KEY.matcher(scenarioKey);
        if (m.matches()) return List.of(Integer.parseInt(m.group(1)));
        if (!scenarioKey.equals(SURGES)) return List.of();
        List<org.muster.sim.des.Shock> all = scenario.plan().shocks();
        org.muster.sim.des.Shock.Surge first = all.stream()
                .filter(org.muster.sim.des.Shock.Surge.class::isInstance)
                .map(org.muster.sim.des.Shock.Surge.class::cast)
                .findFirst()
                .orElseThrow(() -> InvalidInputException.of(
                        "--sweep", name, "sizes the scenario's surges, and it has none: add one under shocks"));
        List<Integer> out = new ArrayList<>();
        java.util.SortedSet<String> kinds = new java.util.TreeSet<>();
        for (int i = 0; i < all.size(); i++) {
            if (!(all.get(i) instanceof org.muster.sim.des.Shock.Surge s)) continue;
            List<String> its = new ArrayList<>();
            s.types().forEach(t -> its.add(t.value()));
            s.categories().forEach(c -> its.add(c.name()));
            kinds.addAll(its);
            boolean sized = kind().isPresent()
                    ? its.contains(kind().get())
                    : s.types().equals(first.types()) && s.categories().equals(first.categories());
            if (sized) out.add(i);
        }
        if (out.isEmpty())
            throw InvalidInputException.of(
                    "--sweep",
                    name,
                    "sizes the scenario's surges of " + kind().orElseThrow() + ", and it has none: its surges raise "
                            + kinds);
        return out;
    }

    /** The scenario keys {@code value} replaces in this scenario, as if the file said them. */
    public Map<String, String> overrides(org.muster.sim.des.Scenario scenario, BigDecimal value) {
        if (!scenarioKey.contains("*")) return Map.of(scenarioKey, value.toPlainString());
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i : shocks(scenario)) out.put(scenarioKey.replace("*", String.valueOf(i)), value.toPlainString());
        return out;
    }

    /** The folder name of one value's run: {@code demand.scale=1.5}. */
    public String folder(BigDecimal value) {
        return name + "=" + value.toPlainString();
    }
}
