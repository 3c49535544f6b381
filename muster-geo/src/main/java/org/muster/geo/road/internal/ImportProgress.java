package org.muster.geo.road.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for one import, in per cent of the whole: the two passes GraphHopper makes over the OSM
 * file take most of it, then removing islands, preparing the index and contraction hierarchies, and
 * writing.
 *
 * <p>GraphHopper offers no hook into its reading, so the bytes read are watched from outside: on Linux,
 * {@code /proc/self/fdinfo} tells the position of every open file, and a daemon thread samples the
 * position of the descriptor open on the OSM file. Elsewhere the bar moves by stage only.
 */
public final class ImportProgress implements AutoCloseable {
    /** The stages of an import, each with the share of the bar where it ends. */
    public enum Stage {
        READING_WAYS("reading OSM, pass 1 of 2", 40),
        BUILDING_GRAPH("building graph, pass 2 of 2", 80),
        REMOVING_ISLANDS("removing road islands", 85),
        PREPARING("preparing location index and routing speed-ups", 99),
        WRITING("writing graph", 100);

        private final String label;
        private final int endPercent;

        Stage(String label, int endPercent) {
            this.label = label;
            this.endPercent = endPercent;
        }
    }

    private static final Path PROC_FD = Path.of("/proc/self/fd");
    private static final long SAMPLE_MILLIS = 200;
    /** Wide enough for the bar and the stage; without a terminal the library would guess 80. */
    private static final int RENDERED_WIDTH = 130;

    private final ProgressBar bar;
    private final Path osmFile;
    private final long fileBytes;
    private final Thread sampler;
    private volatile Stage stage;
    private volatile boolean closed;

    private ImportProgress(ProgressBar bar, Path osmFile) throws IOException {
        this.bar = bar;
        this.osmFile = osmFile.toRealPath();
        this.fileBytes = Math.max(1, Files.size(osmFile));
        this.stage = Stage.READING_WAYS;
        this.sampler = Thread.ofPlatform().daemon().name("osm-import-progress").unstarted(this::sample);
        bar.setExtraMessage(stage.label);
    }

    /** Starts a bar on {@code out} for importing {@code osmFile}. */
    public static ImportProgress start(Path osmFile, PrintStream out) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Importing " + osmFile.getFileName())
                .setInitialMax(100)
                .setUnit("%", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis((int) SAMPLE_MILLIS)
                .setConsumer(new ConsoleProgressBarConsumer(out, RENDERED_WIDTH))
                .hideEta()
                .build();
        try {
            ImportProgress progress = new ImportProgress(bar, osmFile);
            progress.sampler.start();
            return progress;
        } catch (IOException e) {
            bar.close();
            throw OsmFileCheck.refuse(osmFile, "cannot be read: " + e.getMessage());
        }
    }

    /** Moves the bar to the end of the previous stage and names the new one. */
    public void enter(Stage next) {
        int previousEnd = next.ordinal() == 0 ? 0 : Stage.values()[next.ordinal() - 1].endPercent;
        stage = next;
        bar.stepTo(Math.max(bar.getCurrent(), previousEnd));
        bar.setExtraMessage(next.label);
    }

    /** Fills the bar: the import is complete. */
    public void done() {
        bar.stepTo(100);
        bar.setExtraMessage("done");
    }

    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
        bar.close();
    }

    private void sample() {
        long lastPosition = -1;
        int pass = 0;
        while (!closed) {
            long position = currentPosition();
            if (position >= 0) {
                // A new pass opens the file again, so the position starts over.
                if (lastPosition < 0 || position < lastPosition) pass++;
                lastPosition = position;
                showRead(Math.min(pass, 2), position);
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void showRead(int pass, long position) {
        Stage current = stage;
        if (current != Stage.READING_WAYS && current != Stage.BUILDING_GRAPH) return;
        double share = Math.min(1, position / (double) fileBytes);
        int percent = (int) ((pass - 1) * 40 + share * 40);
        if (percent > bar.getCurrent() && percent <= 80) bar.stepTo(percent);
        bar.setExtraMessage(String.format(
                Locale.ROOT,
                "%s: %.1f of %.1f MB",
                pass == 1 ? Stage.READING_WAYS.label : Stage.BUILDING_GRAPH.label,
                position / 1e6,
                fileBytes / 1e6));
    }

    /** The read position of a descriptor open on the OSM file, or -1 when none is open or it cannot be seen. */
    private long currentPosition() {
        if (!Files.isDirectory(PROC_FD)) return -1;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_FD)) {
            for (Path fd : fds) {
                if (isOsmFile(fd)) {
                    long position = readPosition(fd.getFileName().toString());
                    if (position >= 0) return position;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Progress is a courtesy: a descriptor closing under our feet must not disturb the import.
        }
        return -1;
    }

    private boolean isOsmFile(Path fd) {
        try {
            return Files.readSymbolicLink(fd).equals(osmFile);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long readPosition(String fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd))) {
                if (line.startsWith("pos:"))
                    return Long.parseLong(line.substring(4).trim());
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
