package org.muster.cli.audit;

import java.io.PrintStream;
import java.util.Locale;
import org.muster.store.AuditProgress;

/**
 * An audit's progress for a person at a terminal: events checked, the rate and the time left, at most once a
 * second, on stderr so that stdout stays the verdict alone.
 */
final class ProgressLine implements AuditProgress {
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final long startNanos;
    private long lastPrintNanos;
    private long checked;
    private long total;

    ProgressLine(PrintStream out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
        this.lastPrintNanos = startNanos;
    }

    @Override
    public synchronized void checked(long checked, long total) {
        this.checked = Math.max(this.checked, checked);
        this.total = total;
        long now = System.nanoTime();
        if (now - lastPrintNanos < EVERY_NANOS) return;
        lastPrintNanos = now;
        out.println(line(now, false));
    }

    /** The last line: how many were checked, and how fast. */
    synchronized void done() {
        out.println(line(System.nanoTime(), true));
    }

    private String line(long now, boolean done) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = checked / seconds;
        String head = String.format(Locale.ROOT, "audit: %,d of %,d events checked", checked, total);
        if (done) return String.format(Locale.ROOT, "%s in %.1f s (%,.0f events/s)", head, seconds, rate);
        double left = rate > 0 ? (total - checked) / rate : 0;
        return String.format(Locale.ROOT, "%s, %,.0f events/s, about %.0f s left", head, rate, left);
    }
}
