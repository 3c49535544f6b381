package org.muster.store.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.muster.domain.InvalidInputException;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.SavedSnapshot;
import org.muster.store.ArchivedLog;
import org.muster.store.AuditFinding;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.TamperedLogException;

/**
 * Archive files read back as one stretch of the log, streamed: each question reads the files again, up to
 * where its answer lies, so memory holds one line at a time (and the one snapshot asked for).
 */
public final class ArchiveReplay implements ArchivedLog {
    private final List<Path> files;
    private final List<ArchiveFile.Header> headers;

    private ArchiveReplay(List<Path> files, List<ArchiveFile.Header> headers) {
        this.files = files;
        this.headers = headers;
    }

    /**
     * Opens {@code files}, oldest first, checking from their headers that each follows on from the one before.
     *
     * @throws InvalidInputException naming {@code archive} and the file when it is not an archive, or the files
     *     leave a gap or overlap
     */
    public static ArchiveReplay open(List<Path> files) {
        if (files.isEmpty()) throw InvalidInputException.of("archive", "", "name at least one archive file");
        List<ArchiveFile.Header> headers = new ArrayList<>();
        for (Path file : files) {
            ArchiveFile.Header h;
            try {
                h = ArchiveFile.readHeader(file);
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw InvalidInputException.of("archive", file, "must be a Muster archive file: " + e.getMessage());
            }
            if (!headers.isEmpty() && h.firstSequence() != headers.getLast().lastSequence() + 1) {
                throw InvalidInputException.of(
                        "archive",
                        file,
                        "must follow on from " + files.get(headers.size() - 1).getFileName() + ", which ends at event "
                                + headers.getLast().lastSequence() + ", but it starts at event " + h.firstSequence()
                                + ": name the files oldest first, none missing");
            }
            headers.add(h);
        }
        return new ArchiveReplay(List.copyOf(files), List.copyOf(headers));
    }

    @Override
    public long firstSequence() {
        return headers.getFirst().firstSequence();
    }

    @Override
    public long lastSequence() {
        return headers.getLast().lastSequence();
    }

    @Override
    public long sequenceAt(Instant instant) {
        long[] found = {-1};
        Instant[] first = {null};
        for (Path file : files) {
            boolean done = read(file, new Lines() {
                @Override
                public boolean event(EventRow row) {
                    Instant at = row.toEvent().at();
                    if (first[0] == null) first[0] = at;
                    if (at.isAfter(instant)) return false;
                    found[0] = row.sequence();
                    return true;
                }
            });
            if (done) break;
        }
        if (found[0] < 0) {
            throw InvalidInputException.of(
                    "at",
                    instant,
                    "must be at or after " + first[0] + ", the time of event " + firstSequence()
                            + ", the first these archive files hold");
        }
        return found[0];
    }

    @Override
    public Optional<SavedSnapshot> findSnapshotAtOrBefore(long sequence, Map<String, Class<?>> partTypes) {
        String[] best = {null};
        long[] bestSequence = {-1};
        for (int i = 0; i < files.size(); i++) {
            if (headers.get(i).firstSequence() > sequence + 1) break;
            Path file = files.get(i);
            read(file, new Lines() {
                @Override
                public boolean snapshot(long at, String lastHash, Optional<String> digest, String content) {
                    if (at > sequence || at <= bestSequence[0]) return true;
                    if (digest.isPresent() && !LogAudit.digest(content).equals(digest.get())) {
                        throw new TamperedLogException(List.of(new AuditFinding(
                                Kind.SNAPSHOT_CHANGED,
                                at,
                                "archive " + file.getFileName() + ": the snapshot at " + at
                                        + " was changed: its content's SHA-256 is not its recorded digest")));
                    }
                    best[0] = content;
                    bestSequence[0] = at;
                    return true;
                }

                @Override
                public boolean closedIncident() {
                    return false; // the snapshots all come before
                }

                @Override
                public boolean event(EventRow row) {
                    return false;
                }
            });
        }
        return best[0] == null ? Optional.empty() : Optional.of(SnapshotTable.decode(best[0], partTypes));
    }

    @Override
    public void replay(long afterSequence, String afterHash, long toSequence, Consumer<RecordedEvent> sink) {
        long[] previous = {afterSequence};
        String[] chain = {afterHash};
        for (int i = 0; i < files.size() && previous[0] < toSequence; i++) {
            if (headers.get(i).lastSequence() <= afterSequence) continue;
            Path file = files.get(i);
            read(file, new Lines() {
                @Override
                public boolean event(EventRow row) {
                    if (row.sequence() <= afterSequence) return true;
                    if (row.sequence() > toSequence) return false;
                    Optional<AuditFinding> broken = LogAudit.checkLink(row, previous[0], chain[0]);
                    if (broken.isPresent()) {
                        AuditFinding f = broken.get();
                        throw new TamperedLogException(List.of(new AuditFinding(
                                f.kind(), f.sequence(), "archive " + file.getFileName() + ": " + f.detail())));
                    }
                    sink.accept(row.toEvent());
                    previous[0] = row.sequence();
                    chain[0] = row.hash();
                    return true;
                }
            });
        }
        if (previous[0] < toSequence) {
            throw InvalidInputException.of(
                    "at",
                    toSequence,
                    "must be at most " + lastSequence() + ", the last event these archive files hold");
        }
    }

    /** What a pass over a file is told; each answer says whether to read on. */
    private abstract static class Lines {
        boolean snapshot(long sequence, String lastHash, Optional<String> digest, String content) {
            return true;
        }

        boolean closedIncident() {
            return true;
        }

        abstract boolean event(EventRow row);
    }

    /** Reads {@code file} until {@code lines} says stop; whether it was told to. */
    private static boolean read(Path file, Lines lines) {
        final class Stop extends RuntimeException {
            Stop() {
                super(null, null, false, false);
            }
        }
        try {
            ArchiveFile.read(file, new ArchiveFile.Visitor() {
                @Override
                public void header(ArchiveFile.Header header) {}

                @Override
                public void snapshot(long sequence, String lastHash, Optional<String> digest, String content) {
                    if (!lines.snapshot(sequence, lastHash, digest, content)) throw new Stop();
                }

                @Override
                public void closedIncident(
                        String id, String organisation, String status, long finishedMs, String payload) {
                    if (!lines.closedIncident()) throw new Stop();
                }

                @Override
                public void event(EventRow row) {
                    if (!lines.event(row)) throw new Stop();
                }
            });
            return false;
        } catch (Stop stop) {
            return true;
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("archive", file, "must be a whole Muster archive file: " + e.getMessage());
        }
    }
}
