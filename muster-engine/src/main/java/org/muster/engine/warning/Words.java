package org.muster.engine.warning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import org.muster.domain.incident.IncidentTypeCode;

/** The few phrases alerts are written with. */
final class Words {
    private Words() {}

    /** {@code OBSTRUCTED_ACCESS} reads "obstructed access". */
    static String type(IncidentTypeCode type) {
        return type.value().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    }

    /** A duration in the largest whole unit that fits: "3 hours", "1 day", "90 minutes". */
    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0) return plural(seconds / 86_400, "day");
        if (seconds % 3_600 == 0) return plural(seconds / 3_600, "hour");
        if (seconds % 60 == 0) return plural(seconds / 60, "minute");
        return plural(seconds, "second");
    }

    /** What a baseline of this span is called: "weekly average", "daily average", "average of 3 days". */
    static String average(Duration span) {
        if (span.equals(Duration.ofDays(7))) return "weekly average";
        if (span.equals(Duration.ofDays(1))) return "daily average";
        return "average of the " + duration(span) + " before";
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * An expected count: one decimal from 1 up ("4.5"), two significant figures below ("0.030"), so a small
     * expectation never reads "0.0" beside a count that it makes surprising.
     */
    static String expected(double value) {
        if (value <= 0 || value >= 1) return number(value);
        BigDecimal twoFigures = new BigDecimal(value).round(new MathContext(2));
        return twoFigures.compareTo(BigDecimal.ONE) >= 0 ? number(value) : twoFigures.toPlainString();
    }

    /** A probability with two significant figures, "0.00031", or "< 1e-12" when vanishingly small. */
    static String probability(double p) {
        if (p < 1e-12) return "< 1e-12";
        return String.format(Locale.ROOT, "%.2g", p);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
