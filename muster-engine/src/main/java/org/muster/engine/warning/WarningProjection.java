package org.muster.engine.warning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.event.Event;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.incident.Incident;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.engine.SavedProjection;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.geo.cell.CellIndex;

/**
 * Early warning as a projection of the event stream: every new incident is counted by the surge detector
 * (in its organisation's zone at its location, and in its organisation) and, if hostile or obstructed, by
 * the hotspot detector; the alerts raised as bins close are kept, the newest per {@link Alert#key()}, while
 * they are recent. As an {@link AlertSource} it has those alerts raised into the log, addressed to the
 * organisations whose calls formed them, and resolved once they are no longer recent.
 *
 * <p>Time moves with the events' recorded times (and {@link #advanceTo} for a quiet spell), so a replay of
 * the log raises the same alerts as the live run did. An incident is counted when it is created; a
 * duplicate call merged later stays counted, which can only make a surge look a little larger.
 *
 * <p>Called on the writer's thread: the work per event is a few map updates, and at each bin's close one
 * surge test per active key and at most one space–time scan. Readers call {@link #listAlerts} from any
 * thread.
 */
public final class WarningProjection implements SavedProjection<WarningProjection.Memento>, AlertSource {
    private final SurgeDetector surges;
    private final HotspotDetector hotspots;
    private final Rules.ZoneLocator zones;
    private volatile MusterState latest = MusterState.empty();
    private final Duration keepFor;
    private final Map<String, Alert> newestByKey = new LinkedHashMap<>();
    /**
     * When each key's current episode was first raised: a surge still being found bin after bin, its windows
     * overlapping, is one episode and one alert, which a supervisor accepts or dismisses once.
     */
    private final Map<String, Instant> episodes = new java.util.HashMap<>();

    /**
     * Where the recent calls of a hostile or obstructed type were, by the key of the zone surge they were counted
     * in: the ambulance and fire services' zones such a surge on police ground asks escorts for. Kept as long
     * as an alert of theirs can stand (its longest window and {@code keepFor}).
     */
    private final Map<String, java.util.ArrayDeque<Place>> escortPlaces = new java.util.HashMap<>();

    private final Set<org.muster.domain.incident.IncidentTypeCode> escortTypes;
    private final Duration keepPlacesFor;

    private Instant now;
    private volatile List<Alert> current = List.of();

    /** Where and when a call was. */
    public record Place(Instant at, GeoPoint point) {}

    /**
     * @param grid the cells hotspots are found in: the service's one cell index
     * @param zones the zones at a point; an incident is counted in its own organisation's zone there, and
     *     one in none of its organisation's zones is counted for its organisation only
     * @param start when watching begins (the first event's time, or the start of a replay)
     * @param seed seeds the hotspot scan's Monte Carlo replicas
     * @param keepFor how long after it was raised an alert stays current unless raised again
     * @param baseline expected counts to judge surges by until the detector has history of its own
     */
    public WarningProjection(
            SurgeConfig surgeConfig,
            HotspotConfig hotspotConfig,
            CellIndex grid,
            Rules.ZoneLocator zones,
            Instant start,
            long seed,
            Duration keepFor,
            SurgeBaseline baseline) {
        this.zones = Check.present("zones", zones);
        this.surges = new SurgeDetector(surgeConfig, start, baseline);
        this.hotspots = new HotspotDetector(hotspotConfig, grid, start, seed, this::zoneOf);
        Check.present("keepFor", keepFor);
        if (keepFor.isNegative() || keepFor.isZero()) {
            throw org.muster.domain.InvalidInputException.of("keepFor", keepFor, "must be more than 0");
        }
        this.keepFor = keepFor;
        this.escortTypes = Set.copyOf(surgeConfig.escortTypes());
        this.keepPlacesFor = surgeConfig
                .binWidth()
                .multipliedBy(surgeConfig.windowBins().last())
                .plus(keepFor);
        this.now = start;
    }

    /**
     * What a snapshot keeps of early warning: the detectors' bins and counts, and the current alerts in the
     * order they were raised.
     */
    public record Memento(
            Instant now,
            SurgeDetector.Memento surges,
            HotspotDetector.Memento hotspots,
            List<RaisedSurge> surgeAlerts,
            List<HotspotAlert> hotspotAlerts,
            List<String> raisedOrder,
            Map<String, Instant> episodes,
            Map<String, List<Place>> escortPlaces) {
        public Memento {
            surgeAlerts = List.copyOf(surgeAlerts);
            hotspotAlerts = List.copyOf(hotspotAlerts);
            raisedOrder = List.copyOf(raisedOrder);
            // a snapshot saved before episodes were kept: each alert its own episode
            episodes = episodes == null ? Map.of() : Map.copyOf(episodes);
            // one saved before the places were kept: a surge in it asks no escorts until its calls come again
            escortPlaces = escortPlaces == null ? Map.of() : Map.copyOf(escortPlaces);
        }
    }

    /** A {@link SurgeAlert} as plain data: its key's scope spelt out. */
    public record RaisedSurge(
            SurgeDetector.KeyName key,
            Instant windowStart,
            Instant raisedAt,
            int windowBins,
            long count,
            double baselineMean,
            double baselineSd,
            int baselineBins,
            double expected,
            double ratio,
            double pValue,
            double cStatistic,
            SurgeAlert.CountModel model,
            SurgeAlert.Baseline baseline,
            String summary,
            Optional<ProposedAction> proposedAction) {
        static RaisedSurge of(SurgeAlert a) {
            return new RaisedSurge(
                    SurgeDetector.KeyName.of(a.surgeKey()),
                    a.windowStart(),
                    a.raisedAt(),
                    a.windowBins(),
                    a.count(),
                    a.baselineMean(),
                    a.baselineSd(),
                    a.baselineBins(),
                    a.expected(),
                    a.ratio(),
                    a.pValue(),
                    a.cStatistic(),
                    a.model(),
                    a.baseline(),
                    a.summary(),
                    a.proposedAction());
        }

        SurgeAlert toAlert() {
            return new SurgeAlert(
                    key.toKey(),
                    windowStart,
                    raisedAt,
                    windowBins,
                    count,
                    baselineMean,
                    baselineSd,
                    baselineBins,
                    expected,
                    ratio,
                    pValue,
                    cStatistic,
                    model,
                    baseline,
                    summary,
                    proposedAction);
        }
    }

    @Override
    public String name() {
        return "early-warning";
    }

    @Override
    public Class<Memento> mementoType() {
        return Memento.class;
    }

    /**
     * The detectors hold mutable rings, so the memento is built here, on the feeding thread; it is a copy
     * of the counts still in the detectors' windows, not of the history.
     */
    @Override
    public synchronized java.util.function.Supplier<Memento> capture() {
        List<RaisedSurge> surgeAlerts = new ArrayList<>();
        List<HotspotAlert> hotspotAlerts = new ArrayList<>();
        for (Alert a : newestByKey.values()) {
            switch (a) {
                case SurgeAlert s -> surgeAlerts.add(RaisedSurge.of(s));
                case HotspotAlert h -> hotspotAlerts.add(h);
            }
        }
        Memento m = new Memento(
                now,
                surges.memento(),
                hotspots.memento(),
                surgeAlerts,
                hotspotAlerts,
                List.copyOf(newestByKey.keySet()),
                episodes,
                placesCopy());
        return () -> m;
    }

    @Override
    public synchronized void restore(Memento memento) {
        now = memento.now();
        surges.restore(memento.surges());
        hotspots.restore(memento.hotspots());
        Map<String, Alert> byKey = new java.util.HashMap<>();
        for (RaisedSurge s : memento.surgeAlerts()) byKey.put(s.toAlert().key(), s.toAlert());
        for (HotspotAlert h : memento.hotspotAlerts()) byKey.put(h.key(), h);
        newestByKey.clear();
        for (String key : memento.raisedOrder()) {
            Alert a = byKey.get(key);
            if (a == null) throw new IllegalArgumentException("the saved alerts have no alert for key " + key);
            newestByKey.put(key, a);
        }
        episodes.clear();
        episodes.putAll(memento.episodes());
        escortPlaces.clear();
        memento.escortPlaces().forEach((key, places) -> escortPlaces.put(key, new java.util.ArrayDeque<>(places)));
        current = newestByKey.values().stream()
                .sorted(Comparator.comparing(Alert::raisedAt).reversed().thenComparing(Alert::key))
                .toList();
    }

    /** The default configurations, keeping alerts for 6 hours, with no configured baseline. */
    public static WarningProjection withDefaults(CellIndex grid, Rules.ZoneLocator zones, Instant start, long seed) {
        return withDefaults(grid, zones, start, seed, SurgeBaseline.none());
    }

    /** The default configurations, keeping alerts for 6 hours. */
    public static WarningProjection withDefaults(
            CellIndex grid, Rules.ZoneLocator zones, Instant start, long seed, SurgeBaseline baseline) {
        return new WarningProjection(
                SurgeConfig.DEFAULTS, HotspotConfig.DEFAULTS, grid, zones, start, seed, Duration.ofHours(6), baseline);
    }

    /** The organisation's zone at the point, as the zones stand in the last state seen. */
    private Optional<ZoneId> zoneOf(GeoPoint point, OrganisationId organisation) {
        MusterState state = latest;
        return zones.zonesAt(point).stream()
                .filter(z -> state.findZone(z)
                        .map(zone -> zone.organisation().equals(organisation))
                        .orElse(false))
                .findFirst();
    }

    @Override
    public synchronized void onEvents(List<RecordedEvent> events, MusterState after) {
        latest = after;
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
        zoneOf(incident.location(), incident.organisation()).ifPresent(zone -> {
            SurgeKey key = SurgeKey.of(Scope.zone(zone), incident.type());
            if (escortTypes.contains(incident.type())) {
                escortPlaces
                        .computeIfAbsent(key.toString(), k -> new java.util.ArrayDeque<>())
                        .addLast(new Place(at, incident.location()));
            }
            raised.addAll(surges.observe(at, key));
        });
        raised.addAll(surges.observe(at, SurgeKey.of(Scope.organisation(incident.organisation()), incident.type())));
        raised.addAll(hotspots.observe(at, incident.location(), incident.type(), incident.organisation()));
        if (at.isAfter(now)) now = at;
        return raised;
    }

    private void publish(List<Alert> raised) {
        for (var alert : raised) {
            // found again while its last window is still open or just closed: the same episode goes on
            Alert before = newestByKey.remove(alert.key()); // re-inserted last: the map stays in order of raising
            if (before == null || alert.windowStart().isAfter(before.raisedAt()))
                episodes.put(alert.key(), alert.raisedAt());
            newestByKey.put(alert.key(), alert);
        }
        Instant oldest = now.minus(keepFor);
        newestByKey.values().removeIf(a -> a.raisedAt().isBefore(oldest));
        episodes.keySet().retainAll(newestByKey.keySet());
        Instant placesFrom = now.minus(keepPlacesFor);
        escortPlaces.values().removeIf(places -> {
            while (!places.isEmpty() && places.peekFirst().at().isBefore(placesFrom)) places.removeFirst();
            return places.isEmpty();
        });
        if (raised.isEmpty() && current.size() == newestByKey.size()) return;
        current = newestByKey.values().stream()
                .sorted(Comparator.comparing(Alert::raisedAt).reversed().thenComparing(Alert::key))
                .toList();
    }

    @Override
    public List<Condition> listConditions(MusterState state, Instant time) {
        var out = new ArrayList<Condition>();
        Map<String, Instant> episodeOf;
        Map<String, List<Place>> places;
        synchronized (this) {
            episodeOf = Map.copyOf(episodes);
            places = placesCopy();
        }
        for (Alert a : listAlerts()) {
            SortedSet<OrganisationId> to = organisationsOf(a, state);
            if (to.isEmpty()) continue;
            Instant episode = episodeOf.getOrDefault(a.key(), a.raisedAt());
            Optional<ProposedAction> proposal = a.proposedAction();
            if (proposal.isPresent() && onPoliceGround(proposal.get(), state)) {
                // An escort is the ambulance's or fire service's to require, in its own zone: on police ground
                // the force is asked to raise its zone to elevated, and each service whose zone the calls lie
                // in is asked to require escorts there.
                SortedMap<ZoneId, Integer> escorted = escortedZones(a, places, state);
                out.add(condition(
                        a,
                        a.key(),
                        a.summary(),
                        episode,
                        to,
                        Optional.of(ProposedAction.raiseZone(
                                proposal.get().zone(),
                                org.muster.domain.organisation.OperatingLevel.ELEVATED,
                                proposal.get().reason())),
                        escorted.isEmpty()
                                ? Map.of()
                                : Map.of(
                                        "escorts_proposed_in",
                                        escorted.keySet().stream()
                                                .map(ZoneId::value)
                                                .collect(java.util.stream.Collectors.joining(" "))),
                        state));
                escorted.forEach((zone, calls) -> {
                    OrganisationId service = state.findZone(zone).orElseThrow().organisation();
                    String summary = a.summary() + ". " + calls + (calls == 1 ? " of them is" : " of them are")
                            + " in " + service.value() + "'s zone " + zone.value()
                            + ": crews sent there may need a police escort";
                    Condition asked = condition(
                            a,
                            a.key() + ":escorts:" + zone.value(),
                            summary,
                            episode,
                            Sorted.setOf(List.of(service)),
                            Optional.of(ProposedAction.raiseZone(
                                    zone, org.muster.domain.organisation.OperatingLevel.ESCORT_REQUIRED, summary)),
                            Map.of("police_zone", proposal.get().zone().value(), "calls_in_zone", calls.toString()),
                            state);
                    // its whole point is the proposal: a zone that already requires escorts (or is worked at a
                    // level beyond) has nothing to be asked, and is asked when it is lowered while the surge goes on
                    if (asked.proposedAction().isPresent()) out.add(asked);
                });
            } else {
                out.add(condition(a, a.key(), a.summary(), episode, to, proposal, Map.of(), state));
            }
        }
        return out;
    }

    /** Whether the action would require escorts on a zone whose organisation does not take them (a police zone). */
    private static boolean onPoliceGround(ProposedAction action, MusterState state) {
        if (action.level() != org.muster.domain.organisation.OperatingLevel.ESCORT_REQUIRED) return false;
        return state.findZone(action.zone())
                .flatMap(z -> state.findOrganisation(z.organisation()))
                .map(o -> !takesEscorts(o.agency()))
                .orElse(false);
    }

    private static boolean takesEscorts(org.muster.domain.organisation.Agency agency) {
        return agency == org.muster.domain.organisation.Agency.AMBULANCE
                || agency == org.muster.domain.organisation.Agency.FIRE;
    }

    /**
     * The ambulance and fire services' zones the alert's calls lie in, each service's most specific, with how many
     * of them: for a zone's surge, its hostile calls in the window; for a hotspot, its centre (counted as its calls).
     */
    private SortedMap<ZoneId, Integer> escortedZones(Alert alert, Map<String, List<Place>> places, MusterState state) {
        List<GeoPoint> points = switch (alert) {
            case SurgeAlert s ->
                places.getOrDefault(s.surgeKey().toString(), List.of()).stream()
                        .filter(p -> !p.at().isBefore(s.windowStart()) && p.at().isBefore(s.raisedAt()))
                        .map(Place::point)
                        .toList();
            case HotspotAlert h ->
                java.util.Collections.nCopies((int) Math.min(h.count(), Integer.MAX_VALUE), h.centre());
        };
        SortedMap<ZoneId, Integer> out = new TreeMap<>(Comparator.comparing(ZoneId::value));
        for (GeoPoint p : points) {
            // each service's most specific zone there (the smallest comes first): a sector, not its whole area
            java.util.Set<OrganisationId> placed = new java.util.HashSet<>();
            for (ZoneId z : zones.zonesAt(p)) {
                var organisation = state.findZone(z).flatMap(zone -> state.findOrganisation(zone.organisation()));
                if (organisation.isEmpty() || !takesEscorts(organisation.get().agency())) continue;
                if (placed.add(organisation.get().id())) out.merge(z, 1, Integer::sum);
            }
        }
        return out;
    }

    private synchronized Map<String, List<Place>> placesCopy() {
        Map<String, List<Place>> copy = new java.util.HashMap<>();
        escortPlaces.forEach((key, places) -> copy.put(key, List.copyOf(places)));
        return copy;
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of("surge:", "hotspot:");
    }

    @Override
    public String resolution(org.muster.domain.alert.Alert alert, MusterState state) {
        int escorts = alert.key().indexOf(":escorts:");
        if (escorts >= 0) {
            var zone = state.findZone(ZoneId.of(alert.key().substring(escorts + ":escorts:".length())));
            if (zone.isPresent()
                    && zone.get()
                                    .operatingLevel()
                                    .compareTo(org.muster.domain.organisation.OperatingLevel.ESCORT_REQUIRED)
                            >= 0)
                return zone.get().id().value() + " is " + zone.get().operatingLevel() + " now: nothing left to ask";
        }
        return "not raised again in the " + Words.duration(keepFor) + " since " + alert.raisedAt();
    }

    /** A surge is its scope's organisation's; a hotspot belongs to whoever's calls formed it. */
    private static SortedSet<OrganisationId> organisationsOf(Alert alert, MusterState state) {
        return switch (alert) {
            case SurgeAlert s ->
                switch (s.surgeKey().scope()) {
                    case Scope.InOrganisation o -> Sorted.setOf(List.of(o.organisation()));
                    case Scope.InZone z ->
                        state.findZone(z.zone())
                                .map(zone -> Sorted.setOf(List.of(zone.organisation())))
                                .orElseGet(Sorted::empty);
                };
            case HotspotAlert h -> h.organisations();
        };
    }

    /**
     * The alert that should stand for {@code a} under {@code key}: one per episode, its id and state from when the
     * episode was first raised, so that a surge found again in the next bin neither replaces the alert a supervisor
     * accepted or dismissed nor asks them again. A level the zone already has, or one below it, is not proposed.
     */
    private static Condition condition(
            Alert a,
            String key,
            String summary,
            Instant episode,
            SortedSet<OrganisationId> organisations,
            Optional<ProposedAction> proposed,
            Map<String, String> moreEvidence,
            MusterState state) {
        SortedMap<String, String> evidence = new TreeMap<>(moreEvidence);
        evidence.put("p_value", String.format(Locale.ROOT, "%.3g", a.pValue()));
        String kind = switch (a) {
            case SurgeAlert s -> {
                evidence.put("count", Long.toString(s.count()));
                evidence.put("baseline", s.baseline().word());
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
        // a proposal raises a zone's level: none for a zone already there or beyond (a closed zone is not to
        // be lowered to escort-required by accepting it)
        Optional<ProposedAction> proposal = proposed.filter(p -> state.findZone(p.zone())
                .map(z -> p.level().compareTo(z.operatingLevel()) > 0)
                .orElse(true));
        return new Condition(
                AlertSource.idOf(key, Long.toString(episode.getEpochSecond())),
                kind,
                key,
                episode.toString(),
                organisations,
                summary,
                evidence,
                proposal);
    }
}
