package org.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** {@link Check#code} accepts exactly what its documented rule says, written as the regex it replaced. */
class CodeRuleProperties {
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    @Property(tries = 2000)
    void a_code_is_what_the_rule_says(
            @ForAll @StringLength(max = 70) @Chars({'a', 'Z', '0', '9', '_', '.', ':', '-', ' ', '/', 'é', '\u0000'})
                    String value) {
        assertRuleHolds(value);
    }

    @Property(tries = 2000)
    void any_string_at_all(@ForAll @StringLength(max = 80) String value) {
        assertRuleHolds(value);
    }

    private static void assertRuleHolds(String value) {
        if (RULE.matcher(value).matches()) {
            assertThat(Check.code("f", value)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> Check.code("f", value)).isInstanceOf(InvalidInputException.class);
        }
    }
}
