package org.muster.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.StoreOptions;
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
                "Exit 0 when intact (warnings may be printed), 1 when the log was changed, 2 for a range beyond the"
                        + " log."
            })
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(
                names = "--checkpoint",
                paramLabel = "FILE",
                description = "The chain's head as the server kept it (muster.checkpoint), to find events"
                        + " removed from the end of the log.")
        Path checkpoint;

        @Option(names = "--from", paramLabel = "SEQ", description = "The first event to check (default: the first)")
        Optional<Long> from = Optional.empty();

        @Option(names = "--to", paramLabel = "SEQ", description = "The last event to check (default: the last)")
        Optional<Long> to = Optional.empty();

        @Override
        public Integer call() {
            // read before opening the store: a checkpoint named but missing is the auditor's error (exit 2)
            Optional<ChainHead> kept = Optional.ofNullable(checkpoint).map(Checkpoint::read);
            AuditRange range = to.map(last -> new AuditRange(from.orElse(1L), last))
                    .orElseGet(() -> AuditRange.from(from.orElse(1L)));
            try (EventStore log = EventLogs.open(store.existing())) {
                ProgressLine progress = new ProgressLine(System.err, System.nanoTime());
                List<AuditFinding> findings =
                        kept.map(head -> log.audit(range, head, progress)).orElseGet(() -> log.audit(range, progress));
                progress.done();
                findings.stream()
                        .filter(f -> !f.tampering())
                        .forEach(f -> System.out.println("warning: " + f.detail()));
                List<AuditFinding> tampering =
                        findings.stream().filter(AuditFinding::tampering).toList();
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
                    System.out.println("intact: " + head.sequence() + " events, chain head " + head.hash()
                            + kept.map(k -> ", checkpoint at event " + k.sequence() + " matches")
                                    .orElse(""));
                    return 0;
                }
                AuditFinding first = tampering.getFirst();
                System.out.println("BROKEN at event " + first.sequence() + ": " + first.detail());
                tampering.stream().skip(1).forEach(f -> System.out.println("also: " + f.detail()));
                return 1;
            }
        }
    }
}
