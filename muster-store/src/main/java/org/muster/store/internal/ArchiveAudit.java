package org.muster.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.store.ArchiveCheck;
import org.muster.store.ArchiveFileInfo;
import org.muster.store.ArchiveRecord;
import org.muster.store.AuditFinding;
import org.muster.store.AuditFinding.Kind;
import org.muster.store.AuditProgress;
import org.muster.store.ChainHead;

/**
 * Checks archive files as links of the one hash chain: each file on its own (every event's hash recomputed,
 * its snapshots against their digests and the events' hashes, its header against what it holds), each file
 * chained on from the one before it, and, with the store's rows, each file against the row written for it.
 */
public final class ArchiveAudit {
    /** Progress is told every so many events. */
    private static final int PROGRESS_EVERY = 10_000;

    private ArchiveAudit() {}

    /** See {@link org.muster.store.Archives#verify}; {@code recorded} empty: the files alone. */
    public static ArchiveCheck verify(
            List<Path> files, Optional<List<ArchiveRecord>> recorded, AuditProgress progress) {
        long total = 0;
        for (Path file : files) {
            try {
                ArchiveFile.Header h = ArchiveFile.readHeader(file);
                total += h.events();
            } catch (IllegalArgumentException e) {
                // named below, when the file is read in full
            }
        }
        List<AuditFinding> broken = new ArrayList<>();
        List<AuditFinding> others = new ArrayList<>();
        List<ArchiveFileInfo> infos = new ArrayList<>();
        ChainHead chain = new ChainHead(0, "");
        Optional<Path> previousFile = Optional.empty();
        AtomicLong checked = new AtomicLong();
        for (Path file : files) {
            FileCheck result = checkFile(file, chain, previousFile, checked, total, progress);
            result.info().ifPresent(infos::add);
            if (broken.isEmpty() && result.broken().isPresent())
                broken.add(result.broken().get());
            else result.broken().ifPresent(others::add);
            others.addAll(result.others());
            // Chain the next file on from what this one says it ends with, so a file that is itself intact
            // after a break is not also named broken.
            if (result.info().isPresent()) {
                ArchiveFileInfo info = result.info().get();
                chain = new ChainHead(info.lastSequence(), info.lastHash());
            }
            previousFile = Optional.of(file);
        }
        progress.checked(checked.get(), total);
        recorded.ifPresent(rows -> others.addAll(againstRows(infos, rows, files)));
        List<AuditFinding> found = new ArrayList<>(broken);
        found.addAll(others);
        return new ArchiveCheck(found, infos);
    }

    /**
     * Checks one file that must start right after {@code start}; what the archiver runs on the file it has just
     * written, before it changes the store.
     */
    static List<AuditFinding> checkWritten(Path file, ChainHead start) {
        FileCheck result = checkFile(file, start, Optional.empty(), new AtomicLong(), 0, AuditProgress.NONE);
        List<AuditFinding> found = new ArrayList<>();
        result.broken().ifPresent(found::add);
        found.addAll(result.others());
        return found;
    }

    private record FileCheck(
            Optional<ArchiveFileInfo> info, Optional<AuditFinding> broken, List<AuditFinding> others) {}

    private static FileCheck checkFile(
            Path file,
            ChainHead start,
            Optional<Path> previousFile,
            AtomicLong checked,
            long total,
            AuditProgress progress) {
        String name = file.getFileName().toString();
        String sha256;
        try {
            sha256 = ArchiveFile.sha256(file);
        } catch (IOException e) {
            return unreadable(name, start, "it cannot be read: " + e);
        }
        FileVisitor visitor = new FileVisitor(name, start, previousFile, checked, total, progress);
        try {
            ArchiveFile.read(file, visitor);
        } catch (IllegalArgumentException e) {
            return unreadable(name, start, e.getMessage());
        }
        if (visitor.header == null) return unreadable(name, start, "it has no header");
        visitor.finish();
        ArchiveFile.Header h = visitor.header;
        return new FileCheck(
                Optional.of(new ArchiveFileInfo(
                        file, h.firstSequence(), h.lastSequence(), h.firstPrevHash(), h.lastHash(), sha256)),
                visitor.broken,
                visitor.others);
    }

    private static FileCheck unreadable(String name, ChainHead start, String why) {
        return new FileCheck(
                Optional.empty(),
                Optional.of(new AuditFinding(
                        Kind.ARCHIVE_MISMATCH,
                        start.sequence() + 1,
                        "archive " + name + " is not a whole Muster archive: " + why)),
                List.of());
    }

    /** Each file against its row, and every row against a file. */
    private static List<AuditFinding> againstRows(
            List<ArchiveFileInfo> infos, List<ArchiveRecord> rows, List<Path> files) {
        List<AuditFinding> found = new ArrayList<>();
        Map<Long, ArchiveRecord> byFirst = new HashMap<>();
        rows.forEach(r -> byFirst.put(r.firstSequence(), r));
        for (ArchiveFileInfo info : infos) {
            String name = info.file().getFileName().toString();
            ArchiveRecord row = byFirst.remove(info.firstSequence());
            if (row == null) {
                found.add(new AuditFinding(
                        Kind.ARCHIVE_MISMATCH,
                        info.firstSequence(),
                        "archive " + name + " (events " + info.firstSequence() + ".." + info.lastSequence()
                                + ") is not recorded in the store's archives table"));
                continue;
            }
            List<String> differences = new ArrayList<>();
            if (row.lastSequence() != info.lastSequence()) {
                differences.add(
                        "its last event is " + info.lastSequence() + " but the row records " + row.lastSequence());
            }
            if (!row.lastHash().equals(info.lastHash())) {
                differences.add("its last hash is " + info.lastHash() + " but the row records " + row.lastHash());
            }
            if (!row.fileSha256().equals(info.fileSha256())) {
                differences.add("its SHA-256 is " + info.fileSha256() + " but the row records " + row.fileSha256()
                        + " (written as " + row.fileName() + ")");
            }
            if (!differences.isEmpty()) {
                found.add(new AuditFinding(
                        Kind.ARCHIVE_MISMATCH,
                        info.firstSequence(),
                        "archive " + name + " is not the one the archives table records: "
                                + String.join("; ", differences)));
            }
        }
        byFirst.values().stream()
                .sorted(java.util.Comparator.comparingLong(ArchiveRecord::firstSequence))
                .forEach(row -> found.add(new AuditFinding(
                        Kind.ARCHIVE_MISMATCH,
                        row.firstSequence(),
                        "the archives table records " + row.fileName() + " (events " + row.firstSequence() + ".."
                                + row.lastSequence() + ") but no --archive names it"
                                + (files.isEmpty() ? "" : ": give every archive, oldest first"))));
        return found;
    }

    /** Checks the lines of one file as they stream past. */
    private static final class FileVisitor implements ArchiveFile.Visitor {
        private final String name;
        private final ChainHead start;
        private final Optional<Path> previousFile;
        private final AtomicLong checked;
        private final long total;
        private final AuditProgress progress;
        private final Map<Long, String> snapshotHashes = new HashMap<>();
        private final List<AuditFinding> others = new ArrayList<>();
        private ArchiveFile.Header header;
        private Optional<AuditFinding> broken = Optional.empty();
        private long previous;
        private String chain;
        private long events;
        private long snapshots;
        private long incidents;
        private int unreported;

        FileVisitor(
                String name,
                ChainHead start,
                Optional<Path> previousFile,
                AtomicLong checked,
                long total,
                AuditProgress progress) {
            this.name = name;
            this.start = start;
            this.previousFile = previousFile;
            this.checked = checked;
            this.total = total;
            this.progress = progress;
            this.previous = start.sequence();
            this.chain = start.hash();
        }

        @Override
        public void header(ArchiveFile.Header h) {
            header = h;
            if (h.firstSequence() != start.sequence() + 1) {
                String after = previousFile
                        .map(p -> "the archive before it, " + p.getFileName() + ", ends at event " + start.sequence())
                        .orElse(
                                start.sequence() == 0
                                        ? "the log starts at event 1"
                                        : "the store's archives end at event " + start.sequence());
                String missing = h.firstSequence() > start.sequence() + 1
                        ? "events " + (start.sequence() + 1) + ".." + (h.firstSequence() - 1) + " are missing (an"
                                + " archive is missing or out of order)"
                        : "it overlaps the archive before it (out of order)";
                broken = Optional.of(new AuditFinding(
                        Kind.EVENTS_MISSING,
                        start.sequence() + 1,
                        "archive " + name + " starts at event " + h.firstSequence() + " but " + after + ": "
                                + missing));
                // check the rest of the file from where it says it starts
                previous = h.firstSequence() - 1;
                chain = h.firstPrevHash();
            }
        }

        @Override
        public void snapshot(long sequence, String lastHash, Optional<String> digest, String content) {
            snapshots++;
            Optional<String> why = Optional.empty();
            if (digest.isPresent() && !LogAudit.digest(content).equals(digest.get())) {
                why = Optional.of("its content's SHA-256 is not its recorded digest");
            } else {
                try {
                    var state = SnapshotTable.decodeState(content);
                    if (state.sequence() != sequence || !state.lastHash().equals(lastHash)) {
                        why = Optional.of(
                                "its line says sequence " + sequence + " but its content says " + state.sequence());
                    }
                } catch (IllegalArgumentException e) {
                    why = Optional.of("its content cannot be read back: " + e.getMessage());
                }
            }
            why.ifPresent(w -> others.add(new AuditFinding(
                    Kind.SNAPSHOT_CHANGED,
                    sequence,
                    "archive " + name + ": the snapshot at " + sequence + " was changed: " + w)));
            snapshotHashes.put(sequence, lastHash);
        }

        @Override
        public void closedIncident(String id, String organisation, String status, long finishedMs, String payload) {
            incidents++;
        }

        @Override
        public void event(EventRow row) {
            events++;
            if (broken.isEmpty()) {
                Optional<AuditFinding> link = LogAudit.checkLink(row, previous, chain);
                if (link.isPresent()) {
                    AuditFinding f = link.get();
                    broken = Optional.of(
                            new AuditFinding(f.kind(), f.sequence(), "archive " + name + ": " + f.detail()));
                }
            }
            String snapshotHash = snapshotHashes.get(row.sequence());
            if (snapshotHash != null && !snapshotHash.equals(row.hash())) {
                others.add(new AuditFinding(
                        Kind.SNAPSHOT_CHANGED,
                        row.sequence(),
                        "archive " + name + ": the snapshot at " + row.sequence() + " records last hash '"
                                + snapshotHash + "' but event " + row.sequence() + " has hash '" + row.hash() + "'"));
            }
            previous = row.sequence();
            chain = row.hash();
            if (++unreported == PROGRESS_EVERY) {
                progress.checked(checked.addAndGet(unreported), total);
                unreported = 0;
            }
        }

        /** The header against what the file held. */
        void finish() {
            checked.addAndGet(unreported);
            unreported = 0;
            List<String> differences = new ArrayList<>();
            if (events != header.events() || events != header.lastSequence() - header.firstSequence() + 1) {
                differences.add("it holds " + events + " events where its header says " + header.events() + " ("
                        + header.firstSequence() + ".." + header.lastSequence() + ")");
            }
            if (previous != header.lastSequence()) {
                differences.add("its last event is " + previous + " where its header says " + header.lastSequence());
            }
            if (!chain.equals(header.lastHash())) {
                differences.add("its last event's hash is " + chain + " where its header says " + header.lastHash());
            }
            if (snapshots != header.snapshots()) {
                differences.add("it holds " + snapshots + " snapshots where its header says " + header.snapshots());
            }
            if (incidents != header.closedIncidents()) {
                differences.add("it holds " + incidents + " closed incidents where its header says "
                        + header.closedIncidents());
            }
            if (!differences.isEmpty()) {
                others.add(new AuditFinding(
                        Kind.ARCHIVE_MISMATCH,
                        header.firstSequence(),
                        "archive " + name + " does not hold what its header says: " + String.join("; ", differences)));
            }
        }
    }
}
