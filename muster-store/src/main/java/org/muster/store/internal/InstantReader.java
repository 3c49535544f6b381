package org.muster.store.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the store writes ({@code 2026-01-05T08:30:00.123456Z}, as {@link Instant#toString})
 * without a {@link java.time.format.DateTimeFormatter}: a snapshot and the events after it hold hundreds of
 * thousands of them, and the formatter's general parse was a third of the time a look at the past took.
 * Anything else (an offset, a lower-case letter, a leap second, a number) goes to Jackson's own reader, so
 * what is accepted and refused, and with which message, does not change.
 */
final class InstantReader extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantReader() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            Instant quick = parse(p.getText());
            if (quick != null) return quick;
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read directly; null for any other form. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z') return null;
        if (s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) return null;
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) return null;
            int fraction = digits(s, 20, n - 21);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) nanos *= 10;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // the 30th of February: Jackson's reader names it
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code count} digits from {@code from}; -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
