package org.muster.engine.writer;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.muster.domain.command.CommandId;
import org.muster.domain.event.RecordedEvent;
import org.muster.domain.log.EventLog;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.engine.SavedProjection;
import org.muster.engine.rules.Evolver;
import org.muster.engine.state.MusterState;

/** Rebuilding the state from a log: the latest snapshot, then every event after it. */
public final class Recovery {
    private final MusterState state;
    private final Map<CommandId, long[]> commands;
    private final Instant lastTime;

    private Recovery(MusterState state, Map<CommandId, long[]> commands, Instant lastTime) {
        this.state = state;
        this.commands = commands;
        this.lastTime = lastTime;
    }

    /** Replays from the newest snapshot, then places the units at the latest fixes of the log's track. */
    public static Recovery replay(EventLog log) {
        return replay(log, log.positions());
    }

    /** Replays from the newest snapshot, then places the units at the latest fixes of {@code positions}. */
    public static Recovery replay(EventLog log, PositionTrack positions) {
        MusterState start =
                log.findLatestSnapshot().map(MusterState::fromSnapshot).orElseGet(MusterState::empty);
        return replayFrom(log, start).placedAt(positions.listLatest());
    }

    /**
     * Replays every event from the start, ignoring snapshots, then places the units at the latest fixes of
     * the log's track: the reference a snapshot must agree with.
     */
    public static Recovery replayFromScratch(EventLog log) {
        return replayFrom(log, MusterState.empty()).placedAt(log.positions().listLatest());
    }

    /**
     * Reported positions are not in the log, so the units stand where the snapshot and the logged moves
     * (a lent unit sent to its rendezvous) left them until a later fix of the track moves them. At equal
     * times the logged move stands: a decision made with the report in hand.
     */
    private Recovery placedAt(List<PositionTrack.Fix> fixes) {
        Instant last = lastTime; // times never go backwards, fixes' included
        for (PositionTrack.Fix fix : fixes) {
            if (fix.at().isAfter(last)) last = fix.at();
        }
        return new Recovery(placedAt(state, fixes), commands, last);
    }

    /**
     * {@code state} with each unit moved to its fix of {@code fixes} where that is later than the position
     * the state gives it; a unit the state does not know is left out. At equal times the state's stands.
     */
    public static MusterState placedAt(MusterState state, List<PositionTrack.Fix> fixes) {
        MusterState placed = state;
        for (PositionTrack.Fix fix : fixes) {
            Optional<Unit> unit = placed.findUnit(fix.unit());
            if (unit.isEmpty()) continue; // a unit the log no longer knows: nothing to place
            Optional<Position> known = unit.get().position();
            if (known.isPresent() && !fix.at().isAfter(known.get().at())) continue;
            placed = placed.withUnit(unit.get().withPosition(new Position(fix.point(), fix.at())));
        }
        return placed;
    }

    private static Recovery replayFrom(EventLog log, MusterState start) {
        MusterState[] state = {start};
        Instant[] last = {Instant.EPOCH};
        Map<CommandId, long[]> commands = new HashMap<>();
        log.readAfter(start.sequence(), e -> {
            state[0] = Evolver.apply(state[0], e);
            last[0] = e.at();
            commands.computeIfAbsent(e.command(), c -> new long[] {e.sequence(), e.sequence()})[1] = e.sequence();
        });
        return new Recovery(state[0], commands, last[0]);
    }

    /** The state at the end of the log. */
    public MusterState state() {
        return state;
    }

    Instant lastTime() {
        return lastTime;
    }

    Map<CommandId, CommandSpan> commands() {
        Map<CommandId, CommandSpan> out = new HashMap<>();
        commands.forEach((id, r) -> out.put(id, new CommandSpan(r[0], r[1])));
        return out;
    }

    /**
     * The state as it stood at {@code at}, after event {@code sequence} (the last recorded at or before it,
     * {@link #sequenceAt}, or an event named at its own time): the events folded from the newest snapshot at or
     * before it that holds every projection's part, {@code projections} fed each event with the state as it stood
     * right after it ({@link ProjectionFeed#replay}); then the units {@code placed} put where they stood at
     * {@code at} ({@link #placedAsAt}). The one way of looking back at a past moment: the API's
     * {@code /history} (the auditor's Audit tab) and {@code muster board --at} both read it, so that they count
     * the same units in the same zones.
     *
     * @throws org.muster.domain.TransientException when the log or the track cannot be read
     */
    public static MusterState asAt(
            EventLog log, List<SavedProjection<?>> projections, long sequence, Instant at, Predicate<Unit> placed) {
        MusterState state = ProjectionFeed.replay(log, projections, sequence).state();
        return placedAsAt(
                state,
                log.positions(),
                state.units().values().stream().filter(placed).map(Unit::id).toList(),
                at);
    }

    /**
     * {@code state} with each of {@code units} put at its last fix of {@code track} at or before {@code at} (the
     * trail's or the latest), where that is later than the place the state gives it ({@link #placedAt}): where a
     * unit stood at a past moment, since reported positions are kept beside the log, not in it.
     */
    public static MusterState placedAsAt(MusterState state, PositionTrack track, Collection<UnitId> units, Instant at) {
        if (units.isEmpty()) return state;
        return placedAt(state, track.listAtOrBefore(units, at));
    }

    /** Rebuilds the state as it stood after the event at {@code sequence}. */
    public static MusterState stateAt(EventLog log, long sequence) {
        MusterState start = log.findSnapshotAtOrBefore(sequence)
                .map(MusterState::fromSnapshot)
                .orElseGet(MusterState::empty);
        MusterState[] state = {start};
        for (RecordedEvent e : log.listRange(start.sequence(), sequence)) state[0] = Evolver.apply(state[0], e);
        return state[0];
    }

    /**
     * The sequence of the last event recorded at or before {@code instant}, or 0 when the log starts later.
     * Event times never go backwards (one writer, one clock), so this is a binary search of a few reads. Only
     * the events the log still holds are read: when the oldest were archived, an instant before the first held
     * answers the sequence just before it, and the caller decides whether it may ask that far back.
     */
    public static long sequenceAt(EventLog log, java.time.Instant instant) {
        long lo = Math.min(log.firstSequence() - 1, log.lastSequence()), hi = log.lastSequence();
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            RecordedEvent e = log.listRange(mid - 1, mid).get(0);
            if (e.at().isAfter(instant)) hi = mid - 1;
            else lo = mid;
        }
        return lo;
    }
}
