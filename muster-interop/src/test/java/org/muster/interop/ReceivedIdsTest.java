package org.muster.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The ids given to what other control rooms send: the same reference, the same id; the ids already given stay. */
class ReceivedIdsTest {

    @Test
    void theSameReferenceIsTheSameIdAndAnotherIsAnother() {
        String a = ReceivedIds.of("EIDO", "ESP", "urn:muster:WSP", "urn:muster:WSP:incident:I-7");
        assertThat(a).isEqualTo(ReceivedIds.of("EIDO", "ESP", "urn:muster:WSP", "urn:muster:WSP:incident:I-7"));
        assertThat(a).matches("EIDO-[0-9A-F]{16}");
        assertThat(ReceivedIds.of("EIDO", "MAS", "urn:muster:WSP", "urn:muster:WSP:incident:I-7"))
                .isNotEqualTo(a);
        // the parts are kept apart: moving text from one to the next is another reference
        assertThat(ReceivedIds.of("EIDO", "ESP", "urn:muster:WSP:", "incident:I-7"))
                .isNotEqualTo(ReceivedIds.of("EIDO", "ESP", "urn:muster:WSP", ":incident:I-7"));
    }

    @Test
    void anEdxlRmRequestFromElsewhereKeepsTheIdItWasGivenBefore() throws Exception {
        // as EdxlRmController made them before the rule was shared: stores hold requests and offers by these ids
        String messageId = "urn:other-system:msg:4711";
        String before = "RM-"
                + HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 16)
                        .toUpperCase(Locale.ROOT);
        assertThat(ReceivedIds.of("RM", messageId)).isEqualTo(before);
    }
}
