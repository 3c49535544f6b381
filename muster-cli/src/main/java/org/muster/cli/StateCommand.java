package org.muster.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.muster.cli.config.Moment;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Incident;
import org.muster.domain.unit.Unit;
import org.muster.engine.rules.Evolver;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.store.ArchivedLog;
import org.muster.store.Archives;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Rebuilds the state from the log and prints a summary: a quick look at what a store holds, now or at any
 * moment; with {@code --archive}, at a moment only archive files hold.
 */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "Replay the event log (or archive files) and summarise the state, now or at a moment.")
final class StateCommand implements Callable<Integer> {
    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    org.muster.cli.config.DemoFolderOption demoFolder;

    @Option(
            names = "--at",
            paramLabel = "MOMENT",
            description =
                    "Rebuild the state as it stood at this moment, as ./muster board --at takes it: " + Moment.FORMS)
    String atText;

    /** {@code --at} given as a time of day, read against the log's last event. */
    private java.time.LocalTime timeOfDay;

    /** The event {@code --at} names, or -1. */
    private long at = -1;

    /** Which option gave the moment: {@code --time}, or {@code --at} given one. */
    private String timeOption = "--time";

    @Option(
            names = "--time",
            paramLabel = "INSTANT",
            description = "Rebuild the state as it stood at this moment (ISO-8601, e.g. 2025-08-04T17:00:00Z).")
    Instant time;

    @Option(
            names = "--archive",
            paramLabel = "FILE",
            description = "Rebuild from these archive files (oldest first, repeat the option) instead of the store:"
                    + " for moments before the live log's first event.")
    List<Path> archives = new ArrayList<>();

    @Option(names = "--open", description = "Also list the open incidents and the units not available.")
    boolean open;

    @Override
    public Integer call() {
        demoFolder.applyTo(config, store);
        store.configuredBy(config);
        if (atText != null && time != null)
            throw InvalidInputException.of("--time", time, "give either --at or --time, not both");
        if (atText != null) readAt(atText.strip());
        long started = System.nanoTime();
        MusterState s;
        if (!archives.isEmpty()) {
            s = fromArchives(Archives.open(archives));
        } else {
            try (EventStore log = EventLogs.open(store.existing())) {
                if (timeOfDay != null) {
                    time = new Moment.TimeOfDay(timeOfDay)
                            .findInstant(
                                    java.time.ZoneId.systemDefault(), StoreClock.now(log, java.time.Clock.systemUTC()))
                            .orElseThrow();
                    timeOption = "--at";
                }
                if (time != null) {
                    Archives.requireHeld(log, timeOption, time);
                    s = Recovery.stateAt(log, Recovery.sequenceAt(log, time));
                } else if (at >= 0) {
                    Archives.requireHeld(log, "--at", at);
                    s = Recovery.stateAt(log, at);
                } else {
                    s = Recovery.replay(log).state();
                }
            }
        }
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
        if (open) {
            for (Incident i : s.listOpenIncidents().stream()
                    .sorted(Comparator.comparing(Incident::receivedAt))
                    .toList()) {
                System.out.printf(
                        "incident %s  %s  %s  %s  received %s  units %d%n",
                        i.id(),
                        i.organisation(),
                        i.priority(),
                        i.status(),
                        i.receivedAt(),
                        i.assignments().size());
            }
            for (Unit u : s.units().values().stream()
                    .filter(u -> u.status() != org.muster.domain.unit.UnitStatus.AVAILABLE)
                    .sorted(Comparator.comparing(Unit::id))
                    .toList()) {
                System.out.printf("unit %s  %s  %s%n", u.id(), u.organisation(), u.status());
            }
        }
        System.err.printf(
                "rebuilt in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return 0;
    }

    /** {@code --at}: an event's sequence number, or a moment as {@code --time} takes it, or a time of day. */
    private void readAt(String text) {
        switch (Moment.parse("--at", text)) {
            case Moment.AfterEvent e -> at = e.sequence();
            case Moment.At a -> {
                time = a.instant();
                timeOption = "--at";
            }
            case Moment.TimeOfDay d -> {
                if (!archives.isEmpty())
                    throw InvalidInputException.of(
                            "--at",
                            text,
                            "with --archive must be an event's sequence number or an ISO-8601 instant: a time of day"
                                    + " is read on the day of the live log's last event");
                timeOfDay = d.time();
            }
        }
    }

    /**
     * The state at {@code --time} or {@code --at} (the files' last event without either) from the nearest
     * snapshot the files carry at or before it, each event after it checked as a link of the chain.
     */
    private MusterState fromArchives(ArchivedLog files) {
        long sequence = time != null ? files.sequenceAt(time) : at >= 0 ? at : files.lastSequence();
        if (sequence < files.firstSequence() - 1 || sequence > files.lastSequence()) {
            throw InvalidInputException.of(
                    "--at",
                    sequence,
                    "must be within the events these archive files hold, " + files.firstSequence() + " to "
                            + files.lastSequence());
        }
        var saved = files.findSnapshotAtOrBefore(sequence, Map.of());
        if (saved.isEmpty() && files.firstSequence() > 1) {
            throw InvalidInputException.of(
                    "--archive",
                    archives.getFirst(),
                    "must reach back to a snapshot at or before event " + sequence + ", or to the log's first event:"
                            + " name the earlier archive files too");
        }
        MusterState[] state = {
            saved.map(x -> MusterState.fromSnapshot(x.state())).orElseGet(MusterState::empty)
        };
        String afterHash = saved.map(x -> x.state().lastHash()).orElse("");
        files.replay(state[0].sequence(), afterHash, sequence, e -> state[0] = Evolver.apply(state[0], e));
        return state[0];
    }
}
