package org.muster.cli.simulate;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.muster.sim.des.Replications;

/**
 * A simulation's progress on stderr: the simulated time reached, the share of the run, the replications done, the
 * incidents so far and events per wall second. At a terminal it is a progress bar redrawn in place; elsewhere (a
 * log, CI) a line at most twice a second, which a file keeps readable. The last line, either way, sums the run up.
 */
final class SimulationProgress implements Replications.Progress {
    private static final long EVERY_NANOS = 500_000_000L;
    /** The bar's steps: tenths of a per cent. */
    private static final int STEPS = 1000;
    /** Wide enough for the bar and its message; without a terminal's width the library would guess 80. */
    private static final int RENDERED_WIDTH = 140;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Optional<PrintStream> err;
    private final String label;
    private final int replications;
    private final long startNanos;
    private final ProgressBar bar;
    /** The bar's consumer, closed here too: see {@link #done}. */
    private final ClosingConsumer console;

    private long lastNanos;
    private long firstEvents = -1;
    private long events;
    private long incidents;

    /**
     * @param err where to show it; empty for nothing ({@code --quiet})
     * @param asBar a bar redrawn in place (stderr is a terminal) rather than lines
     */
    SimulationProgress(Optional<PrintStream> err, boolean asBar, String label, int replications, long startNanos) {
        this.err = err;
        this.label = label;
        this.replications = replications;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.console = err.isPresent() && asBar
                ? new ClosingConsumer(new ConsoleProgressBarConsumer(err.get(), RENDERED_WIDTH))
                : null;
        this.bar = console != null
                ? new ProgressBarBuilder()
                        .setTaskName(label)
                        .setInitialMax(STEPS)
                        .setUnit("%", STEPS / 100)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(200)
                        .setConsumer(console)
                        .build()
                : null;
    }

    /**
     * Whether a person is watching at a terminal (stdin and stdout are one). From JDK 22 a console is given for
     * redirected streams too, and {@code Console.isTerminal} (not in Muster's language level, 21) tells them apart.
     */
    static boolean atTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22 a console exists only at a terminal
        }
    }

    @Override
    public void reached(Instant now, double fraction, int finished, long events, long incidents) {
        if (firstEvents < 0) firstEvents = events;
        this.events = events;
        this.incidents = incidents;
        long t = System.nanoTime();
        if (bar != null) {
            bar.stepTo(Math.round(Math.min(1, Math.max(0, fraction)) * STEPS));
            bar.setExtraMessage(String.format(
                    Locale.ROOT,
                    "%s UTC%s, %,d incidents, %,.0f events/s",
                    TIME.format(now),
                    replicated(finished),
                    incidents,
                    eventsPerSecond(t)));
            return;
        }
        if (t - lastNanos < EVERY_NANOS && fraction < 1) return;
        lastNanos = t;
        err.ifPresent(e -> e.printf(
                Locale.ROOT,
                "%s: %s UTC, %3.0f%%%s, %,d incidents, %,.0f events/s%n",
                label,
                TIME.format(now),
                fraction * 100,
                replicated(finished),
                incidents,
                eventsPerSecond(t)));
    }

    /** Fills and closes the bar, then sums the run up: the incidents raised, finished and open, and the rates. */
    void done(int raised, int finished, int open, int runs) {
        long t = System.nanoTime();
        if (bar != null) {
            bar.stepTo(STEPS);
            bar.close();
            // A bar closed before its timer first drew it draws its last frame but never ends its line
            // (progressbar 0.10.2's update action returns after a first frame without closing its consumer).
            console.close();
        }
        double s = seconds(t);
        String over = runs == 1 ? "" : " over " + runs + " replications";
        err.ifPresent(e -> e.printf(
                Locale.ROOT,
                "%s: %,d incidents%s (%,d finished, %,d open at the end) in %.1f s: %,.0f incidents/s,"
                        + " %,.0f events/s%n",
                label,
                raised,
                over,
                finished,
                open,
                s,
                incidents / s,
                eventsPerSecond(t)));
    }

    private String replicated(int finished) {
        return replications == 1
                ? ""
                : String.format(Locale.ROOT, ", %d of %d replications done", finished, replications);
    }

    private double eventsPerSecond(long now) {
        return (events - Math.max(0, firstEvents)) / seconds(now);
    }

    private double seconds(long now) {
        return Math.max(1e-9, (now - startNanos) / 1e9);
    }

    /**
     * The console's consumer, closed once (its close ends the bar's line) and drawing no frame after: closed by
     * the bar, or by {@link #done} when the bar did not.
     */
    private static final class ClosingConsumer implements ProgressBarConsumer {
        private final ProgressBarConsumer console;
        private boolean closed;

        ClosingConsumer(ProgressBarConsumer console) {
            this.console = console;
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String frame) {
            if (!closed) console.accept(frame);
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            console.close();
        }
    }
}
