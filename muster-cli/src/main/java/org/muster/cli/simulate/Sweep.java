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
 * replaces ({@link #KEYS}); a new one (a shock's size) is one line there.
 *
 * @param name the key as named on the command line
 * @param scenarioKey the scenario file's dotted key that each value replaces
 * @param values FROM, FROM + STEP, ... up to TO (included when a step lands on it), exactly, as decimals
 */
public record Sweep(String name, String scenarioKey, List<BigDecimal> values) {
    /** What may be swept: a name, and the scenario key its values replace. */
    public static final Map<String, String> KEYS = new TreeMap<>(Map.of(
            "demand.scale",
            "demand.scale",
            // the share withdrawn by the scenario's first shock, a withdrawal (walkout.yml's 30 % of officers)
            "withdrawal",
            "shocks.0.withdraw.people"));

    /** The most values one sweep runs. */
    public static final int MOST = 100;

    private static final Pattern FORM =
            Pattern.compile("([A-Za-z][A-Za-z0-9.]*)=([0-9.eE+-]+)\\.\\.([0-9.eE+-]+):([0-9.eE+-]+)");

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
        String key = KEYS.get(name);
        if (key == null)
            throw InvalidInputException.of("--sweep", text, "must sweep one of " + KEYS.keySet() + ", not " + name);
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

    /**
     * The shock whose size this sweep sets (its place in the scenario's {@code shocks}), when it sets one: the
     * sweep also runs the scenario without it, to tell the zones that breach whatever its size.
     */
    public java.util.Optional<Integer> shock() {
        java.util.regex.Matcher m = SHOCK_KEY.matcher(scenarioKey);
        return m.matches() ? java.util.Optional.of(Integer.parseInt(m.group(1))) : java.util.Optional.empty();
    }

    /** Whether {@code value} is no shock at all: a shock's size of 0 is the scenario without it. */
    public boolean isWithoutTheShock(BigDecimal value) {
        return shock().isPresent() && value.signum() == 0;
    }

    /** The folder name of one value's run: {@code demand.scale=1.5}. */
    public String folder(BigDecimal value) {
        return name + "=" + value.toPlainString();
    }
}
