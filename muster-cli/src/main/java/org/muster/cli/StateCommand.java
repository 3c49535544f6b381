package org.muster.cli;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.unit.Unit;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Rebuilds the state from the log and prints a summary: a quick look at what a store holds. */
@Command(name = "state", mixinStandardHelpOptions = true, description = "Replay the event log and summarise the state.")
final class StateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--at", paramLabel = "SEQUENCE", description = "Rebuild the state as it stood after this event.")
    long at = -1;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try (EventStore log = EventLogs.open(store.existing())) {
            MusterState s =
                    at >= 0 ? Recovery.stateAt(log, at) : Recovery.replay(log).state();
            Map<String, Long> byStatus = new TreeMap<>();
            for (Unit u : s.units().values()) byStatus.merge(u.status().name(), 1L, Long::sum);
            System.out.printf(
                    "sequence %d: %d organisations, %d zones, %d stations, %d units %s, %d people, %d incidents in the live state (%d open; the finished ones not yet archived to the closed-incidents table)%n",
                    s.sequence(),
                    s.organisations().size(),
                    s.zones().size(),
                    s.stations().size(),
                    s.units().size(),
                    byStatus,
                    s.people().size(),
                    s.incidents().size(),
                    s.listOpenIncidents().size());
            System.err.printf(
                    "rebuilt in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        return 0;
    }
}
