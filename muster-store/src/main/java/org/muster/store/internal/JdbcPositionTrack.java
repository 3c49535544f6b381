package org.muster.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muster.domain.GeoPoint;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.unit.UnitId;

/**
 * The position track in the store's database, beside the event log (migration V3): each unit's latest
 * fix upserted in {@code unit_positions}, the sampled trail in {@code unit_trail} keyed by unit and the
 * start of the fix's interval, so that "the first fix of its interval" is an insert that ignores a
 * conflict. Same SQL for SQLite and PostgreSQL.
 */
final class JdbcPositionTrack implements PositionTrack {
    /** Pruning deletes this much of the trail per transaction, so the writer is never held up for long. */
    static final Duration PRUNE_STEP = Duration.ofMinutes(10);
    /** How far before a trail window a fix's interval may start. */
    private static final Duration SLOT_MARGIN = Duration.ofDays(1);

    private static final String UPSERT_LATEST = "INSERT INTO unit_positions (unit, lat, lon, at_nanos)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (unit) DO UPDATE SET lat = excluded.lat, lon = excluded.lon,"
            + " at_nanos = excluded.at_nanos WHERE excluded.at_nanos >= unit_positions.at_nanos";
    private static final String INSERT_TRAIL = "INSERT INTO unit_trail (unit, slot_nanos, lat, lon, at_nanos)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit, slot_nanos) DO NOTHING";
    private static final String SELECT_LATEST = "SELECT unit, lat, lon, at_nanos FROM unit_positions";
    /** The slot bounds let the key find the window; the times then cut it exactly. */
    private static final String SELECT_TRAIL = "SELECT unit, lat, lon, at_nanos FROM unit_trail"
            + " WHERE unit = ? AND slot_nanos >= ? AND slot_nanos <= ? AND at_nanos >= ? AND at_nanos <= ?"
            + " ORDER BY slot_nanos";

    private static final String SELECT_TRAIL_AT_OR_BEFORE = "SELECT unit, lat, lon, at_nanos FROM unit_trail"
            + " WHERE unit = ? AND slot_nanos <= ? AND at_nanos <= ? ORDER BY slot_nanos DESC LIMIT 1";

    private final StoreCalls calls;
    private final Duration interval;

    JdbcPositionTrack(StoreCalls calls, Duration interval) {
        this.calls = calls;
        this.interval = PositionTrack.positive("interval", interval);
    }

    @Override
    public void record(List<Fix> fixes) {
        if (fixes.isEmpty()) return;
        // One row per key and batch: PostgreSQL's driver sends a batch as one multi-row insert, in which an
        // upsert may not touch a row twice.
        Map<UnitId, Fix> newest = new LinkedHashMap<>();
        Map<List<Object>, Fix> firstOfSlot = new LinkedHashMap<>();
        for (Fix f : fixes) {
            newest.merge(f.unit(), f, (kept, fix) -> fix.at().isBefore(kept.at()) ? kept : fix);
            firstOfSlot.putIfAbsent(List.of(f.unit(), PositionTrack.slotNanos(f.at(), interval)), f);
        }
        writing("record " + fixes.size() + " positions", c -> {
            try (PreparedStatement latest = c.prepareStatement(UPSERT_LATEST);
                    PreparedStatement trail = c.prepareStatement(INSERT_TRAIL)) {
                for (Fix f : newest.values()) {
                    latest.setString(1, f.unit().value());
                    latest.setDouble(2, f.point().lat());
                    latest.setDouble(3, f.point().lon());
                    latest.setLong(4, PositionTrack.epochNanos(f.at()));
                    latest.addBatch();
                }
                for (Map.Entry<List<Object>, Fix> e : firstOfSlot.entrySet()) {
                    Fix f = e.getValue();
                    trail.setString(1, f.unit().value());
                    trail.setLong(2, (Long) e.getKey().get(1));
                    trail.setDouble(3, f.point().lat());
                    trail.setDouble(4, f.point().lon());
                    trail.setLong(5, PositionTrack.epochNanos(f.at()));
                    trail.addBatch();
                }
                latest.executeBatch();
                trail.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public PositionTrack withInterval(Duration interval) {
        return new JdbcPositionTrack(calls, interval);
    }

    @Override
    public List<Fix> listLatest() {
        return reading("read the latest positions", c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_LATEST)) {
                select.setFetchSize(JdbcEventStore.FETCH_SIZE);
                return fixes(select);
            }
        });
    }

    @Override
    public Optional<Fix> findLatest(UnitId unit) {
        return reading("read the latest position of " + unit, c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_LATEST + " WHERE unit = ?")) {
                select.setString(1, unit.value());
                return fixes(select).stream().findFirst();
            }
        });
    }

    @Override
    public List<Fix> listTrail(UnitId unit, Instant from, Instant to) {
        long fromNanos = PositionTrack.epochNanos(from);
        long toNanos = PositionTrack.epochNanos(to);
        return reading("read the trail of " + unit, c -> {
            List<Fix> trail;
            try (PreparedStatement select = c.prepareStatement(SELECT_TRAIL)) {
                select.setString(1, unit.value());
                // a fix's slot starts at most one interval before it; a day's margin also finds the fixes
                // kept under a longer interval configured before, without scanning the unit's whole trail
                select.setLong(2, fromNanos - Math.max(interval.toNanos(), SLOT_MARGIN.toNanos()));
                select.setLong(3, toNanos);
                select.setLong(4, fromNanos);
                select.setLong(5, toNanos);
                select.setFetchSize(JdbcEventStore.FETCH_SIZE);
                trail = fixes(select);
            }
            try (PreparedStatement select = c.prepareStatement(SELECT_LATEST + " WHERE unit = ?")) {
                select.setString(1, unit.value());
                for (Fix last : fixes(select)) {
                    if (!last.at().isBefore(from)
                            && !last.at().isAfter(to)
                            && (trail.isEmpty() || trail.getLast().at().isBefore(last.at()))) trail.add(last);
                }
            }
            return List.copyOf(trail);
        });
    }

    @Override
    public List<Fix> listAtOrBefore(Collection<UnitId> units, Instant at) {
        long atNanos = PositionTrack.epochNanos(at);
        return reading("read the positions at " + at, c -> {
            List<Fix> found = new ArrayList<>();
            try (PreparedStatement latest = c.prepareStatement(SELECT_LATEST + " WHERE unit = ? AND at_nanos <= ?");
                    PreparedStatement trail = c.prepareStatement(SELECT_TRAIL_AT_OR_BEFORE)) {
                for (UnitId unit : units) {
                    // the latest fix is the newest of all: when it is early enough, it is the answer
                    latest.setString(1, unit.value());
                    latest.setLong(2, atNanos);
                    List<Fix> last = fixes(latest);
                    if (!last.isEmpty()) {
                        found.add(last.getFirst());
                        continue;
                    }
                    trail.setString(1, unit.value());
                    trail.setLong(2, atNanos);
                    trail.setLong(3, atNanos);
                    found.addAll(fixes(trail));
                }
            }
            return List.copyOf(found);
        });
    }

    @Override
    public long prune(Instant before) {
        long cutoff = PositionTrack.epochNanos(before);
        long step = PRUNE_STEP.toNanos();
        long removed = 0;
        while (true) {
            Optional<Long> oldest = reading("find the oldest trail fix", c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT MIN(at_nanos) FROM unit_trail");
                        ResultSet rows = select.executeQuery()) {
                    rows.next();
                    long min = rows.getLong(1);
                    return rows.wasNull() ? Optional.<Long>empty() : Optional.of(min);
                }
            });
            if (oldest.isEmpty() || oldest.get() >= cutoff) return removed;
            long upTo = oldest.get() > cutoff - step ? cutoff : oldest.get() + step;
            removed += writing("prune the trail", c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM unit_trail WHERE at_nanos < ?")) {
                    delete.setLong(1, upTo);
                    return (long) delete.executeUpdate();
                }
            });
        }
    }

    private static List<Fix> fixes(PreparedStatement select) throws SQLException {
        List<Fix> out = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.add(new Fix(
                        UnitId.of(rows.getString(1)),
                        GeoPoint.of(rows.getDouble(2), rows.getDouble(3)),
                        PositionTrack.ofEpochNanos(rows.getLong(4))));
            }
        }
        return out;
    }

    private <T> T reading(String what, SqlWork<T> work) {
        return calls.read(what, work);
    }

    private <T> T writing(String what, SqlWork<T> work) {
        return calls.write(what, work);
    }
}
