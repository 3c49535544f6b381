package org.muster.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a person sees of a simulation as it runs: a bar at a terminal, lines in a log. */
class SimulationProgressTest {
    private static final Instant EVENING = Instant.parse("2026-11-20T21:30:00Z");

    @Test
    void atATerminalABarShowsTheSimulatedTimeTheReplicationsAndTheEventsPerSecond() {
        String text = shown(true, "simulate", 4, progress -> {
            progress.reached(EVENING.minusSeconds(3600), 0.1, 0, 100, 10);
            progress.reached(EVENING, 0.55, 2, 4_100, 230);
            progress.done(420, 400, 20, 4);
        });
        String lastFrame = text.substring(text.lastIndexOf('\r') + 1);

        assertThat(text).as("redrawn in place").contains("\r");
        assertThat(lastFrame)
                .as("the bar's last frame, before the summing up")
                .contains("simulate")
                .contains("[")
                .contains("100/100%")
                .contains("2026-11-20 21:30 UTC, 2 of 4 replications done, 230 incidents")
                .containsPattern("[\\d,]+ events/s");
        assertThat(text.lines().toList().getLast())
                .startsWith("simulate: 420 incidents over 4 replications (400 finished, 20 open at the end) in ")
                .contains("incidents/s");
    }

    @Test
    void aBarClosedBeforeItsTimerFirstDrewItStillEndsItsLineBeforeTheSummingUp() {
        // a run over in microseconds: the bar's timer has often not drawn it yet when it is closed
        for (int i = 0; i < 200; i++) {
            String text = shown(true, "simulate", 1, progress -> progress.done(3, 3, 0, 1));
            assertThat(text.lines().toList().getLast()).as("run " + i).startsWith("simulate: 3 incidents (3 finished");
        }
    }

    @Test
    void elsewhereItWritesLinesAFileKeepsReadable() {
        String text = shown(false, "sweep withdrawal=0.30", 1, progress -> {
            progress.reached(EVENING.minusSeconds(3600), 0.1, 0, 100, 10);
            progress.reached(EVENING, 1.0, 1, 4_100, 230);
            progress.done(230, 229, 1, 1);
        });

        assertThat(text).doesNotContain("\r");
        assertThat(text.lines())
                .contains("sweep withdrawal=0.30: 2026-11-20 20:30 UTC,  10%, 10 incidents, 0 events/s")
                .anySatisfy(l -> assertThat(l).startsWith("sweep withdrawal=0.30: 2026-11-20 21:30 UTC, 100%, 230"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("sweep withdrawal=0.30: 230 incidents (229 finished, 1 open at the end) in "));
    }

    /** What a run told its progress shows, drawn as a bar or written as lines, started two seconds ago. */
    private static String shown(boolean asBar, String label, int replications, Consumer<SimulationProgress> run) {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        run.accept(new SimulationProgress(
                Optional.of(new PrintStream(shown, true, StandardCharsets.UTF_8)),
                asBar,
                label,
                replications,
                System.nanoTime() - 2_000_000_000L));
        return shown.toString(StandardCharsets.UTF_8);
    }
}
