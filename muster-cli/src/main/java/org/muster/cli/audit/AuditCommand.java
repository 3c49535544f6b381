package org.muster.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.StoreOptions;
import org.muster.store.AuditFinding;
import org.muster.store.ChainHead;
import org.muster.store.Checkpoint;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.EventStore.AuditScope;
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
                "Exit 0 when intact (warnings may be printed), 1 when the log was changed."
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

        @Override
        public Integer call() {
            // read before opening the store: a checkpoint named but missing is the auditor's error (exit 2)
            Optional<ChainHead> kept = Optional.ofNullable(checkpoint).map(Checkpoint::read);
            try (EventStore log = EventLogs.open(store.existing())) {
                List<AuditFinding> findings = kept.map(head -> log.audit(AuditScope.WHOLE_LOG, head))
                        .orElseGet(() -> log.audit(AuditScope.WHOLE_LOG));
                findings.stream()
                        .filter(f -> !f.tampering())
                        .forEach(f -> System.out.println("warning: " + f.detail()));
                List<AuditFinding> tampering =
                        findings.stream().filter(AuditFinding::tampering).toList();
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
