package org.muster.cli.audit;

import java.util.concurrent.Callable;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.log.EventLog;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            description = "Recompute the hash chain and name the first broken link.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (EventStore log = EventLogs.open(store.existing())) {
                var broken = log.verify();
                if (broken.isEmpty()) {
                    System.out.println(
                            "intact: " + log.lastSequence() + " events, chain head " + log.hashAt(log.lastSequence()));
                    return 0;
                }
                EventLog.BrokenLink b = broken.get();
                System.out.println("BROKEN at event " + b.sequence() + ": expected hash " + b.expectedHash()
                        + ", stored " + b.storedHash());
                return 1;
            }
        }
    }
}
