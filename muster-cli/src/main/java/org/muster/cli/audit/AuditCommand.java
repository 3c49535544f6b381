package org.muster.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreOptions;
import org.muster.store.ArchiveRecord;
import org.muster.store.Archives;
import org.muster.store.AuditFinding;
import org.muster.store.AuditRange;
import org.muster.store.ChainHead;
import org.muster.store.Checkpoint;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks the audit log's hash chain. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Audit the event log.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Recompute the hash chain, check every snapshot and, with --checkpoint, that no events were removed"
                        + " from the end; name each change, the first broken link first.",
                "--from and --to check a range only, starting from the hash stored for the event before it.",
                "Parts of the chain are checked in parallel; progress (events checked, rate, time left) goes to"
                        + " stderr.",
                "--archive FILE (repeatable, oldest first) checks archive files too, as one chain from the first"
                        + " event: every hash recomputed, each file chained on from the one before, its SHA-256"
                        + " against the store's archives table, and the live log on from the last.",
                "Exit 0 when intact (warnings may be printed), 1 when the log was changed, 2 for a range beyond the"
                        + " log."
            })
    static final class Verify implements Callable<Integer> {
        @Mixin
        ServiceConfig config;

        @Mixin
        StoreOptions store;

        @Mixin
        org.muster.cli.config.DemoFolderOption demoFolder;

        @Option(
                names = "--checkpoint",
                paramLabel = "FILE",
                description = "The chain's head as the server kept it (muster.checkpoint), to find events"
                        + " removed from the end of the log (default: --config's muster.checkpoint, when it names one, or a"
                        + " demo's beside its store)")
        Path checkpoint;

        @Option(names = "--from", paramLabel = "SEQ", description = "The first event to check (default: the first)")
        Optional<Long> from = Optional.empty();

        @Option(names = "--to", paramLabel = "SEQ", description = "The last event to check (default: the last)")
        Optional<Long> to = Optional.empty();

        @Option(
                names = "--archive",
                paramLabel = "FILE",
                description = "An archive file written by ./muster archive; repeat for each, oldest first")
        List<Path> archives = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            demoFolder.applyTo(config, store);
            store.configuredBy(config);
            // the server's own checkpoint file, when its configuration (or a demo's, beside its store) names one
            // and no other is given
            String configured = config.settingsFor(store.existing()).checkpoint();
            // (a demo's is there once its server has run: an older demo's folder has none)
            if (checkpoint == null
                    && !configured.isBlank()
                    && (config.isGiven() || java.nio.file.Files.exists(Path.of(configured))))
                checkpoint = Path.of(configured);
            // read before opening the store: a checkpoint named but missing is the auditor's error (exit 2)
            Optional<ChainHead> kept = Optional.ofNullable(checkpoint).map(Checkpoint::read);
            AuditRange range = to.map(last -> new AuditRange(from.orElse(1L), last))
                    .orElseGet(() -> AuditRange.from(from.orElse(1L)));
            for (Path archive : archives) {
                if (!java.nio.file.Files.isRegularFile(archive)) {
                    throw org.muster.domain.InvalidInputException.of(
                            "--archive", archive, "must name an existing archive file");
                }
            }
            try (EventStore log = EventLogs.open(store.existing())) {
                List<ArchiveRecord> recorded = log.listArchives();
                List<AuditFinding> archived = List.of();
                if (!archives.isEmpty()) {
                    ProgressLine archiveProgress = new ProgressLine(System.err, System.nanoTime());
                    archived =
                            Archives.verify(archives, recorded, archiveProgress).findings();
                    archiveProgress.done();
                }
                ProgressLine progress = new ProgressLine(System.err, System.nanoTime());
                List<AuditFinding> live =
                        kept.map(head -> log.audit(range, head, progress)).orElseGet(() -> log.audit(range, progress));
                progress.done();
                List<AuditFinding> findings = new java.util.ArrayList<>(archived);
                // named as the live log's when there are archives, so the reader knows where to look
                live.forEach(f -> findings.add(
                        recorded.isEmpty() ? f : new AuditFinding(f.kind(), f.sequence(), "live log: " + f.detail())));
                findings.stream()
                        .filter(f -> !f.tampering())
                        .forEach(f -> System.out.println("warning: " + f.detail()));
                List<AuditFinding> tampering =
                        findings.stream().filter(AuditFinding::tampering).toList();
                if (tampering.isEmpty() && !recorded.isEmpty()) {
                    System.out.println(archivedIntact(log, recorded, kept));
                    return 0;
                }
                if (tampering.isEmpty() && !range.whole()) {
                    long last = range.toTheEnd() ? log.head().sequence() : range.to();
                    System.out.println("intact: events " + range.from() + ".." + last + ", chain at event " + last
                            + " " + log.hashAt(last)
                            + kept.map(k -> ", checkpoint at event " + k.sequence() + " matches")
                                    .orElse(""));
                    return 0;
                }
                if (tampering.isEmpty()) {
                    ChainHead head = log.head();
                    // without a checkpoint a log cut short at its end is intact in itself: say what was not checked
                    System.out.println("intact: " + head.sequence() + " events, chain head " + head.hash()
                            + kept.map(k -> ", checkpoint at event " + k.sequence() + " matches")
                                    .orElse(" (no checkpoint to compare the head with: events removed from the end"
                                            + " would not show; --checkpoint FILE)"));
                    return 0;
                }
                AuditFinding first = tampering.getFirst();
                System.out.println("BROKEN at event " + first.sequence() + ": " + first.detail());
                tampering.stream().skip(1).forEach(f -> System.out.println("also: " + f.detail()));
                return 1;
            }
        }

        /**
         * The verdict on a store whose oldest events are archived: the live part and where its chain starts, and
         * the archives, checked here when given with --archive, named when not.
         */
        private String archivedIntact(EventStore log, List<ArchiveRecord> recorded, Optional<ChainHead> kept) {
            ChainHead head = log.head();
            ArchiveRecord last = recorded.getLast();
            long archivedEvents =
                    recorded.stream().mapToLong(ArchiveRecord::events).sum();
            String files = String.join(
                    ", ",
                    recorded.stream()
                            .map(a -> a.fileName() + " (events " + a.firstSequence() + ".." + a.lastSequence() + ")")
                            .toList());
            String liveEvents = head.sequence() > last.lastSequence()
                    ? "events " + (last.lastSequence() + 1) + ".." + head.sequence()
                    : "no events yet";
            String checkpointNote = kept.map(k -> ", checkpoint at event " + k.sequence() + " matches")
                    .orElse("");
            if (!archives.isEmpty()) {
                return "intact: " + (archivedEvents + head.sequence() - last.lastSequence()) + " events, "
                        + archivedEvents
                        + " in archives " + files + " and the live log's " + liveEvents + ", chain head " + head.hash()
                        + checkpointNote;
            }
            return "intact: the live log's " + liveEvents + ", chained on from the last archive's hash "
                    + last.lastHash()
                    + ", chain head " + head.hash() + checkpointNote + "; " + archivedEvents
                    + " earlier events are in archives not checked here: " + files + " (give them with --archive)";
        }
    }
}
