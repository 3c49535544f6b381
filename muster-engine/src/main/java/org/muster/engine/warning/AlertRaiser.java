package org.muster.engine.warning;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.muster.domain.alert.AlertId;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.engine.Engine;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * Turns early warnings into alerts in the log. The detectors run on their own thread (a hotspot scan can
 * take its time at the close of a bin), and each new warning is raised by a command from Muster itself, so
 * that it stands in the audit trail with its evidence, and a supervisor's decision on it can follow.
 */
public final class AlertRaiser implements EventListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AlertRaiser.class.getName());

    private final Engine engine;
    private final WarningProjection warnings;
    private final Engine.Subscription subscription;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("muster-warnings").daemon(true).unstarted(r));
    private final Set<AlertId> submitted = new HashSet<>();

    public AlertRaiser(Engine engine, WarningProjection warnings) {
        this.engine = engine;
        this.warnings = warnings;
        this.subscription = engine.subscribe(this);
    }

    @Override
    public void onEvents(List<RecordedEvent> events, MusterState after) {
        worker.execute(() -> {
            try {
                warnings.onEvents(events, after);
                raiseNew();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "early warning failed on a batch of events; it goes on with the next", e);
            }
        });
    }

    /** Waits until the events heard so far have been looked at and their alerts submitted. */
    public void awaitIdle() {
        try {
            worker.submit(() -> {}).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void raiseNew() {
        for (Alert a : warnings.listAlerts()) {
            AlertId id = idOf(a);
            if (engine.state().findAlert(id).isPresent() || !submitted.add(id)) continue;
            engine.submit(new CommandEnvelope(
                    CommandId.of("raise-" + id.value()), Actor.SYSTEM, "early warning", toCommand(id, a)));
        }
    }

    /** The same warning (same key, same bin) always has the same id, so a replayed stream raises it once. */
    static AlertId idOf(Alert a) {
        String key = a.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:-]", "-");
        String id = key + "." + a.raisedAt().getEpochSecond();
        return AlertId.of(
                id.length() <= 64 ? id : id.substring(id.length() - 64).replaceFirst("^[^a-z0-9]+", ""));
    }

    static Command.RaiseAlert toCommand(AlertId id, Alert a) {
        SortedMap<String, String> evidence = new TreeMap<>();
        evidence.put("p_value", String.format(Locale.ROOT, "%.3g", a.pValue()));
        String kind = switch (a) {
            case SurgeAlert s -> {
                evidence.put("count", Long.toString(s.count()));
                evidence.put("baseline_mean", String.format(Locale.ROOT, "%.2f", s.baselineMean()));
                evidence.put("expected", String.format(Locale.ROOT, "%.2f", s.expected()));
                evidence.put("ratio", String.format(Locale.ROOT, "%.2f", s.ratio()));
                evidence.put("window", s.windowStart() + "/" + s.raisedAt());
                yield "surge";
            }
            case HotspotAlert h -> {
                evidence.put("count", Long.toString(h.count()));
                evidence.put("expected", String.format(Locale.ROOT, "%.2f", h.expected()));
                evidence.put("ratio", String.format(Locale.ROOT, "%.2f", h.ratio()));
                evidence.put("cells", String.join(" ", h.cells()));
                evidence.put("centre", h.centre().toString());
                evidence.put("window", h.windowStart() + "/" + h.raisedAt());
                yield "hotspot";
            }
        };
        Optional<ProposedAction> action = a.proposedAction();
        return new Command.RaiseAlert(
                id,
                kind,
                a.key(),
                a.summary(),
                evidence,
                action.map(ProposedAction::zone),
                action.map(ProposedAction::level));
    }

    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }
}
