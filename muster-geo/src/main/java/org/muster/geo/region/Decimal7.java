package org.muster.geo.region;

/** Writes degrees with exactly seven decimals (about 1 cm) without the cost and locale of String.format. */
final class Decimal7 {
    private static final long SCALE = 10_000_000L;

    private Decimal7() {}

    static void append(StringBuilder out, double degrees) {
        long fixed = Math.round(degrees * SCALE);
        if (fixed < 0) {
            out.append('-');
            fixed = -fixed;
        }
        out.append(fixed / SCALE).append('.');
        long fraction = fixed % SCALE;
        for (long d = SCALE / 10; d > 1 && fraction < d; d /= 10) out.append('0');
        out.append(fraction);
    }

    static String format(double degrees) {
        StringBuilder sb = new StringBuilder(16);
        append(sb, degrees);
        return sb.toString();
    }
}
