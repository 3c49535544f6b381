package org.muster.engine.writer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.unit.UnitId;

/**
 * A position track held in memory, beside the {@link MemoryEventLog}: nothing is durable. Sampling and
 * pruning are the same as the store's, so the simulator and the engine's tests see what a server sees.
 */
public final class MemoryPositionTrack implements PositionTrack {
    /** What every view of one track shares; guarded by itself. */
    private static final class Storage {
        final Map<UnitId, Fix> latest = new HashMap<>();
        /** Each unit's kept fixes by the start of their interval. */
        final Map<UnitId, NavigableMap<Long, Fix>> trails = new HashMap<>();
    }

    private final Storage storage;
    private final Duration interval;

    public MemoryPositionTrack() {
        this(new Storage(), DEFAULT_INTERVAL);
    }

    private MemoryPositionTrack(Storage storage, Duration interval) {
        this.storage = storage;
        this.interval = PositionTrack.positive("interval", interval);
    }

    @Override
    public void record(List<Fix> fixes) {
        synchronized (storage) {
            for (Fix f : fixes) {
                storage.latest.merge(f.unit(), f, (kept, fix) -> fix.at().isBefore(kept.at()) ? kept : fix);
                storage.trails
                        .computeIfAbsent(f.unit(), u -> new TreeMap<>())
                        .putIfAbsent(PositionTrack.slotNanos(f.at(), interval), f);
            }
        }
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public PositionTrack withInterval(Duration interval) {
        return new MemoryPositionTrack(storage, interval);
    }

    @Override
    public List<Fix> listLatest() {
        synchronized (storage) {
            return List.copyOf(storage.latest.values());
        }
    }

    @Override
    public Optional<Fix> findLatest(UnitId unit) {
        synchronized (storage) {
            return Optional.ofNullable(storage.latest.get(unit));
        }
    }

    @Override
    public List<Fix> listTrail(UnitId unit, Instant from, Instant to) {
        List<Fix> trail = new ArrayList<>();
        synchronized (storage) {
            for (Fix f : storage.trails.getOrDefault(unit, new TreeMap<>()).values())
                if (!f.at().isBefore(from) && !f.at().isAfter(to)) trail.add(f);
            Fix last = storage.latest.get(unit);
            if (last != null
                    && !last.at().isBefore(from)
                    && !last.at().isAfter(to)
                    && (trail.isEmpty() || trail.getLast().at().isBefore(last.at()))) trail.add(last);
        }
        return List.copyOf(trail);
    }

    @Override
    public List<Fix> listAtOrBefore(Collection<UnitId> units, Instant at) {
        List<Fix> found = new ArrayList<>();
        synchronized (storage) {
            for (UnitId unit : units) {
                Fix best = storage.latest.get(unit);
                if (best != null && best.at().isAfter(at)) best = null;
                if (best == null) {
                    for (Fix f :
                            storage.trails.getOrDefault(unit, new TreeMap<>()).values())
                        if (!f.at().isAfter(at)) best = f;
                }
                if (best != null) found.add(best);
            }
        }
        return List.copyOf(found);
    }

    @Override
    public long prune(Instant before) {
        long removed = 0;
        synchronized (storage) {
            for (NavigableMap<Long, Fix> trail : storage.trails.values()) {
                var it = trail.values().iterator();
                while (it.hasNext()) {
                    if (it.next().at().isBefore(before)) {
                        it.remove();
                        removed++;
                    }
                }
            }
        }
        return removed;
    }
}
