package org.muster.engine.warning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.EventListener;
import org.muster.engine.state.MusterState;

/**
 * Early warning as a projection of the event stream: every new incident is counted by the surge detector
 * (in its zone and in its organisation) and, if hostile or obstructed, by the hotspot detector; the alerts
 * raised as bins close are kept, the newest per {@link Alert#key()}, while they are recent.
 *
 * <p>Time moves with the events' recorded times (and {@link #advanceTo} for a quiet spell), so a replay of
 * the log raises the same alerts as the live run did. An incident is counted when it is created; a
 * duplicate call merged later stays counted, which can only make a surge look a little larger.
 *
 * <p>Called on the writer's thread: the work per event is a few map updates, and at each bin's close one
 * surge test per active key and at most one space–time scan. Readers call {@link #listAlerts} from any
 * thread.
 */
public final class WarningProjection implements EventListener {
    private final SurgeDetector surges;
    private final HotspotDetector hotspots;
    private final Function<GeoPoint, Optional<ZoneId>> zoneOf;
    private final Duration keepFor;
    private final Map<String, Alert> newestByKey = new LinkedHashMap<>();
    private Instant now;
    private volatile List<Alert> current = List.of();

    /**
     * @param zoneOf the zone a point lies in; an incident in no zone is counted for its organisation only
     * @param start when watching begins (the first event's time, or the start of a replay)
     * @param seed seeds the hotspot scan's Monte Carlo replicas
     * @param keepFor how long after it was raised an alert stays current unless raised again
     */
    public WarningProjection(
            SurgeConfig surgeConfig,
            HotspotConfig hotspotConfig,
            Function<GeoPoint, Optional<ZoneId>> zoneOf,
            Instant start,
            long seed,
            Duration keepFor) {
        this.zoneOf = Check.present("zoneOf", zoneOf);
        this.surges = new SurgeDetector(surgeConfig, start);
        this.hotspots = new HotspotDetector(hotspotConfig, start, seed, zoneOf);
        Check.present("keepFor", keepFor);
        if (keepFor.isNegative() || keepFor.isZero()) {
            throw org.muster.domain.InvalidInputException.of("keepFor", keepFor, "must be more than 0");
        }
        this.keepFor = keepFor;
        this.now = start;
    }

    /** The default configurations, keeping alerts for 6 hours. */
    public static WarningProjection withDefaults(
            Function<GeoPoint, Optional<ZoneId>> zoneOf, Instant start, long seed) {
        return new WarningProjection(
                SurgeConfig.DEFAULTS, HotspotConfig.DEFAULTS, zoneOf, start, seed, Duration.ofHours(6));
    }

    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        var raised = new ArrayList<Alert>();
        for (var recorded : events) {
            raised.addAll(advance(recorded.at()));
            if (recorded.event() instanceof Event.IncidentCreated created) raised.addAll(count(created.incident()));
        }
        publish(raised);
    }

    /** Closes the bins that end at or before {@code time}, for when no event has come for a while. */
    public synchronized void advanceTo(Instant time) {
        Check.present("time", time);
        publish(advance(time));
    }

    /** The current alerts: the newest for each key, raised within {@code keepFor}; newest first. */
    public List<Alert> listAlerts() {
        return current;
    }

    private List<Alert> advance(Instant time) {
        if (time.isAfter(now)) now = time;
        var raised = new ArrayList<Alert>(surges.advanceTo(now));
        raised.addAll(hotspots.advanceTo(now));
        return raised;
    }

    private List<Alert> count(Incident incident) {
        // Counted at the call's time if it is in the open bin; a late one counts in the open bin.
        Instant at = incident.receivedAt().isAfter(now) ? incident.receivedAt() : now;
        var raised = new ArrayList<Alert>();
        zoneOf.apply(incident.location())
                .ifPresent(zone -> raised.addAll(surges.observe(at, SurgeKey.of(Scope.zone(zone), incident.type()))));
        raised.addAll(surges.observe(at, SurgeKey.of(Scope.organisation(incident.organisation()), incident.type())));
        raised.addAll(hotspots.observe(at, incident.location(), incident.type()));
        if (at.isAfter(now)) now = at;
        return raised;
    }

    private void publish(List<Alert> raised) {
        for (var alert : raised) {
            newestByKey.remove(alert.key()); // re-inserted last: the map stays in order of raising
            newestByKey.put(alert.key(), alert);
        }
        Instant oldest = now.minus(keepFor);
        newestByKey.values().removeIf(a -> a.raisedAt().isBefore(oldest));
        if (raised.isEmpty() && current.size() == newestByKey.size()) return;
        current = newestByKey.values().stream()
                .sorted(Comparator.comparing(Alert::raisedAt).reversed().thenComparing(Alert::key))
                .toList();
    }
}
