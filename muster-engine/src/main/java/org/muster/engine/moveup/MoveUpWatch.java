package org.muster.engine.moveup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.muster.domain.Words;
import org.muster.domain.alert.Alert;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.state.MusterState;
import org.muster.engine.warning.AlertSource;

/**
 * Move-up as alerts: when an organisation's units of a type are drawn away (committed, withdrawn, lent)
 * and moving some of those still available to its stations would restore cover, an alert addressed to the
 * organisation proposes the moves with their evidence (cover now and after, the busy fraction, each move's
 * drive and what it adds) for its control room to accept or dismiss; resolved when no move is worth
 * proposing any more. Only once some of the units are committed: a region at rest is as planned. Accepting
 * the alert is the decision (the crews are told, and drive); from then on its units count as at their stations,
 * so the moves made are not proposed again.
 *
 * <p>Planning is redone only when the organisation's units of the type change (status or position), and
 * at most every 5 seconds of Muster's time, so the alert thread's many looks cost nothing in between.
 */
public final class MoveUpWatch implements AlertSource {
    /** The kind of alert a move-up proposal is. */
    public static final String KIND = "move-up";

    static final String KEY = "move-up:";

    private final MoveUpPlanner planner;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * Plans at most this often per organisation and type, in Muster's time: a busy control room changes
     * units every second, and a proposal a few seconds old is still the right one to read.
     */
    private static final java.time.Duration REPLAN_AFTER = java.time.Duration.ofSeconds(5);
    /** How long an open proposal stands, its units still free, before a better plan may replace it. */
    static final java.time.Duration HOLD = java.time.Duration.ofMinutes(10);

    private record Cached(String signature, Instant at, Optional<Condition> condition) {}

    public MoveUpWatch(MoveUpPlanner planner) {
        this.planner = planner;
    }

    @Override
    public List<Condition> listConditions(MusterState state, Instant now) {
        List<Condition> out = new ArrayList<>();
        Map<String, Map<UnitId, StationId>> decided = underWay(state);
        for (MoveUpPlanner.Fleet fleet : MoveUpPlanner.listFleets(state)) {
            OrganisationId org = fleet.organisation().id();
            UnitType type = fleet.type();
            List<Unit> units = fleet.units();
            String key = KEY + org.value() + ":" + type.name().toLowerCase(Locale.ROOT);
            Map<UnitId, StationId> underWay = decided.getOrDefault(key, Map.of());
            // a closure made or lifted changes the drives and the cover, a move accepted where units stand: plan again
            String signature = signature(units)
                    + state.listRoadClosures().stream().map(c -> c.id().value()).toList()
                    + underWay;
            Cached cached = cache.get(key);
            if (cached == null
                    || (!cached.signature().equals(signature)
                            && !now.isBefore(cached.at().plus(REPLAN_AFTER)))) {
                cached = new Cached(signature, now, condition(state, fleet, key, underWay));
                cache.put(key, cached);
            }
            cached.condition().map(c -> standing(state, key, c, now)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The proposal to show: the open one, while it is younger than {@link #HOLD}, every unit it names is still free
     * and some move is still worth making; else the new plan. A plan redone at every change of a busy evening
     * replaced its proposal every two or three minutes, often with the same units shuffled, faster than a
     * dispatcher could read and accept one.
     */
    private static Condition standing(MusterState state, String key, Condition next, Instant now) {
        Optional<Alert> open = state.alerts().values().stream()
                .filter(a -> a.key().equals(key) && a.status() == AlertStatus.OPEN)
                .max(Comparator.comparing(Alert::raisedAt));
        if (open.isEmpty() || !now.isBefore(open.get().raisedAt().plus(HOLD))) return next;
        List<Move> moves = listMoves(open.get());
        boolean stillFree = !moves.isEmpty()
                && moves.stream()
                        .allMatch(m -> state.findUnit(m.unit())
                                .filter(u -> u.status() == UnitStatus.AVAILABLE)
                                .isPresent());
        if (!stillFree) return next;
        Alert a = open.get();
        TreeMap<String, String> evidence = new TreeMap<>(a.evidence());
        String standing = evidence.remove("state");
        return new Condition(
                a.id(),
                a.kind(),
                a.key(),
                standing == null ? next.state() : standing,
                a.organisations(),
                a.summary(),
                evidence,
                Optional.empty());
    }

    private static String signature(List<Unit> units) {
        StringBuilder s = new StringBuilder();
        for (Unit u : units) {
            s.append(u.id().value()).append('/').append(u.status());
            if (u.status() == UnitStatus.AVAILABLE)
                u.position().ifPresent(p -> s.append('@').append(p.point()));
            s.append(';');
        }
        return s.toString();
    }

    /**
     * By key, the moves of the proposals a control room accepted whose units have stayed available since: the
     * crews are on their way, or there. A plan counts each such unit at its station and does not move it again;
     * else, until it arrived, the plan would propose its move again, or another unit for the station it is
     * filling, and replace the decision with the same proposal. A unit sent to a call since is free again.
     */
    private static Map<String, Map<UnitId, StationId>> underWay(MusterState state) {
        Map<String, Map<UnitId, StationId>> out = new HashMap<>();
        List<Alert> accepted = state.alerts().values().stream()
                .filter(a -> a.kind().equals(KIND) && wasAccepted(a))
                .sorted(Comparator.comparing(Alert::raisedAt))
                .toList();
        for (Alert a : accepted) {
            for (Move m : listMoves(a)) {
                boolean stayedFree = state.findUnit(m.unit())
                        .filter(u -> u.status() == UnitStatus.AVAILABLE
                                && !u.statusSince().isAfter(a.raisedAt()))
                        .isPresent();
                // the latest decision about a unit stands
                if (stayedFree)
                    out.computeIfAbsent(a.key(), k -> new TreeMap<>()).put(m.unit(), m.station());
            }
        }
        return out;
    }

    /** Accepted, and maybe resolved since: a dismissed alert is never resolved, and keeps no acceptance. */
    private static boolean wasAccepted(Alert a) {
        return a.status() == AlertStatus.ACCEPTED
                || (a.status() == AlertStatus.RESOLVED && !a.decidedBy().isEmpty());
    }

    private Optional<Condition> condition(
            MusterState state, MoveUpPlanner.Fleet fleet, String key, Map<UnitId, StationId> underWay) {
        if (!fleet.drawnAway()) return Optional.empty();
        OrganisationId org = fleet.organisation().id();
        UnitType type = fleet.type();
        MoveUpPlanner.Proposal p = planner.propose(state, org, type, underWay);
        if (p.moves().isEmpty()) return Optional.empty();
        TreeMap<String, String> evidence = new TreeMap<>();
        evidence.put("coverage.now", percent(p.before()));
        evidence.put("coverage.after", percent(p.after()));
        evidence.put("busy.fraction", String.format(Locale.ROOT, "%.2f", p.busyFraction()));
        evidence.put("units.available", Integer.toString(p.availableUnits()));
        String target = words(p.target());
        evidence.put("target", target);
        StringBuilder moves = new StringBuilder();
        List<String> said = new ArrayList<>();
        for (int i = 0; i < p.moves().size(); i++) {
            MoveUpPlanner.Relocation m = p.moves().get(i);
            String move = m.unit().callsign() + " to " + m.station().name() + " ("
                    + words(m.travelTime().toSeconds()) + ")";
            evidence.put("move." + (i + 1), move + ", +" + percent(m.gainShare()) + " cover");
            evidence.put("move." + (i + 1) + ".unit", m.unit().id().value());
            evidence.put("move." + (i + 1) + ".station", m.station().id().value());
            evidence.put(
                    "move." + (i + 1) + ".seconds", Long.toString(m.travelTime().toSeconds()));
            moves.append(m.unit().id().value())
                    .append('>')
                    .append(m.station().id().value())
                    .append(';');
            said.add(move);
        }
        SortedSet<OrganisationId> to = new TreeSet<>(List.of(org));
        String summary = "Move-up for " + Words.of(type) + "s: move " + String.join(", ", said)
                + " to restore cover from " + percent(p.before()) + " to " + percent(p.after()) + " within " + target;
        // the same moves proposed again after the last proposal was resolved (the units came back, then left
        // again) are a new alert, as capacity's are: an id made of the moves alone would name the resolved one,
        // and the raiser would take it as already raised. An active proposal of the same moves still stands for
        // it (the raiser compares the moves), so a restart raises nothing twice.
        String occurrence = Integer.toHexString(moves.toString().hashCode()) + "." + state.sequence();
        return Optional.of(new Condition(
                AlertSource.idOf(key, occurrence),
                KIND,
                key,
                moves.toString(),
                to,
                summary,
                evidence,
                Optional.empty()));
    }

    /** One move of a proposal: the unit and the station it is to drive to. */
    public record Move(UnitId unit, StationId station) {}

    /**
     * The moves a move-up alert proposes, in the order proposed, read from its evidence ({@code move.N.unit},
     * {@code move.N.station}); none for an alert of another kind.
     */
    public static List<Move> listMoves(Alert alert) {
        List<Move> out = new ArrayList<>();
        if (!alert.kind().equals(KIND)) return out;
        for (int n = 1; ; n++) {
            String unit = alert.evidence().get("move." + n + ".unit");
            String station = alert.evidence().get("move." + n + ".station");
            if (unit == null || station == null) return out;
            out.add(new Move(UnitId.of(unit), StationId.of(station)));
        }
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of(KEY);
    }

    @Override
    public String resolution(Alert alert, MusterState state) {
        return "No move would restore enough cover any more (units returned, moved, or the proposal replaced)";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** "7 min, category 1", "15 min, emergency"; the time alone for the fallback, which is no standard's. */
    private static String words(MoveUpPlanner.Target target) {
        String time = words(target.time().toSeconds());
        return target.standard()
                .map(s -> time + ", " + categoryWords(s.category()))
                .orElse(time);
    }

    /** An ambulance category by its number, a police or fire grade by its name. */
    private static String categoryWords(Priority category) {
        return category.appliesTo(Agency.AMBULANCE) ? "category " + category.urgency() : Words.of(category);
    }

    private static String words(long seconds) {
        return seconds < 60
                ? seconds + " s"
                : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
