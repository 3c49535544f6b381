package org.muster.cli.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.InvalidInputException;
import org.muster.store.ArchiveProgress;
import org.muster.store.ArchiveSummary;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Moves closed months out of the live store into a compressed archive file that carries its part of the chain. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        description = {
            "Move the events recorded before DATE out of the live store into FILE (gzip of JSON lines, see"
                    + " docs/archive.md), up to the newest saved snapshot whose events all were, with the older"
                    + " snapshots and the closed incidents finished before DATE.",
            "The file is written, synced and checked before the store changes; the store changes in one"
                    + " transaction. Verify with ./muster audit verify --archive FILE.",
            "Exit 0 when archived or when there is nothing to archive, 2 for bad input (nothing is changed)."
        })
public final class ArchiveCommand implements Callable<Integer> {
    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Option(
            names = "--before",
            required = true,
            paramLabel = "DATE",
            description = "Archive what was recorded before this: YYYY-MM (the month's start), YYYY-MM-DD (the"
                    + " day's start) in UTC, or an ISO-8601 instant such as 2025-09-01T00:00:00Z")
    String before;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The archive file to write; it must not exist (an archive is never overwritten)")
    Path out;

    @Override
    public Integer call() {
        store.configuredBy(config);
        Instant now = Instant.now();
        Instant cut = parseBefore(before);
        if (cut.isAfter(now)) {
            throw InvalidInputException.of(
                    "--before", before, "must not be in the future: it is now " + now + " (UTC)");
        }
        if (Files.exists(out)) {
            throw InvalidInputException.of(
                    "--out", out, "must not exist: an archive is never overwritten; name a new file");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw InvalidInputException.of("--out", out, "must be in an existing folder");
        }
        try (EventStore log = EventLogs.open(store.existing())) {
            ProgressLine progress = new ProgressLine(System.err);
            Optional<ArchiveSummary> moved = log.archive(cut, out, now, progress);
            if (moved.isEmpty()) {
                System.out.println("nothing to archive: no saved snapshot lies wholly before " + cut
                        + " (the live log starts at event " + log.firstSequence() + "); no file was written");
                return 0;
            }
            ArchiveSummary s = moved.get();
            System.out.println(String.format(
                    Locale.ROOT,
                    "archived: moved %,d events (%d..%d), %,d closed incidents and %,d snapshots to %s (%,d bytes,"
                            + " SHA-256 %s); the live log starts at event %d",
                    s.events(),
                    s.archive().firstSequence(),
                    s.archive().lastSequence(),
                    s.closedIncidents(),
                    s.snapshots(),
                    out,
                    s.fileBytes(),
                    s.archive().fileSha256(),
                    s.archive().lastSequence() + 1));
            return 0;
        }
    }

    /**
     * @throws InvalidInputException naming --before when the text is none of the forms it takes
     */
    static Instant parseBefore(String text) {
        String t = text.strip();
        try {
            if (t.matches("\\d{4}-\\d{2}"))
                return YearMonth.parse(t).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (t.matches("\\d{4}-\\d{2}-\\d{2}"))
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(
                    "--before",
                    text,
                    "must be a date: YYYY-MM, YYYY-MM-DD (UTC) or an ISO-8601 instant such as 2025-09-01T00:00:00Z");
        }
    }

    /** Events written, at most once a second, on stderr so that stdout stays the summary alone. */
    private static final class ProgressLine implements ArchiveProgress {
        private static final long EVERY_NANOS = 1_000_000_000L;
        private final PrintStream err;
        private long lastNanos = System.nanoTime();

        ProgressLine(PrintStream err) {
            this.err = err;
        }

        @Override
        public void written(long written, long total) {
            long now = System.nanoTime();
            if (written < total && now - lastNanos < EVERY_NANOS) return;
            lastNanos = now;
            err.println(String.format(Locale.ROOT, "archive: %,d of %,d events written", written, total));
        }
    }
}
