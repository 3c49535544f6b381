package org.muster.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The store's quick reader of instants reads exactly what {@link Instant#parse} reads, or leaves it to it. */
class InstantReaderProperties {
    @Property(tries = 3000)
    void every_instant_written_reads_back(@ForAll("instants") Instant at) {
        assertThat(InstantReader.parse(at.toString())).isEqualTo(at);
        assertThat(JsonCodec.read(JsonCodec.write(at), Instant.class)).isEqualTo(at);
    }

    @Property(tries = 3000)
    void what_it_reads_is_what_the_formatter_reads(
            @ForAll @StringLength(min = 19, max = 31) @Chars({'0', '1', '2', '5', '9', '-', ':', 'T', 'Z', '.', 'z'})
                    String text) {
        Instant quick = InstantReader.parse(text);
        if (quick == null) return; // left to Jackson's own reader
        assertThat(quick).isEqualTo(Instant.parse(text));
    }

    @Property(tries = 2000)
    void a_changed_digit_reads_as_the_formatter_says(@ForAll("instants") Instant at, @ForAll("positions") int at2) {
        String text = at.toString();
        int i = Math.min(at2, text.length() - 1);
        String changed = text.substring(0, i) + "9" + text.substring(i + 1);
        Instant quick = InstantReader.parse(changed);
        if (quick == null) return;
        assertThat(quick).isEqualTo(Instant.parse(changed));
    }

    @Example
    void other_forms_still_read_or_fail_as_before() {
        assertThat(JsonCodec.read("\"2026-01-05T08:30:00+01:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-01-05T07:30:00Z"));
        assertThat(JsonCodec.read("\"2026-01-05t08:30:00z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-01-05T08:30:00Z"));
        assertThat(InstantReader.parse("2026-02-30T00:00:00Z")).isNull();
        assertThatThrownBy(() -> JsonCodec.read("\"2026-02-30T00:00:00Z\"", Instant.class))
                .hasRootCauseInstanceOf(DateTimeParseException.class);
        assertThat(InstantReader.parse("2026-01-05T24:00:00Z")).isNull();
        assertThat(InstantReader.parse("2026-01-05T08:30:00.Z")).isNull();
        assertThat(InstantReader.parse("2026-01-05T08:30:00.1234567890Z")).isNull();
        assertThat(InstantReader.parse("2026-01-05T08:30:00.5Z")).isEqualTo(Instant.parse("2026-01-05T08:30:00.5Z"));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .flatMap(s -> Arbitraries.oneOf(
                                Arbitraries.just(0),
                                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                                Arbitraries.integers().between(0, 999_999_999))
                        .map(nanos -> Instant.ofEpochSecond(s, nanos)));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 29);
    }
}
