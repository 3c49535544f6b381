package org.muster.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.Response;
import org.muster.domain.log.PositionTrack;
import org.muster.domain.log.ResponseLog;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.ZoneId;

/**
 * The finished responses in the store's database ({@code responses}, migration V8), one row per incident
 * and the event that stopped its clock; writing one again is ignored. The same SQL on SQLite and
 * PostgreSQL.
 */
final class JdbcResponseLog implements ResponseLog {
    private static final String INSERT = "INSERT INTO responses (incident, sequence, organisation, priority, zones,"
            + " received_nanos, stopped_nanos, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (incident, sequence) DO NOTHING";
    private static final String SELECT = "SELECT incident, sequence, organisation, priority, zones, received_nanos,"
            + " stopped_nanos, suspended FROM responses WHERE stopped_nanos >= ? AND sequence <= ? ORDER BY sequence";

    private final StoreCalls calls;

    JdbcResponseLog(StoreCalls calls) {
        this.calls = calls;
    }

    /** {@inheritDoc} One transaction, one batch. */
    @Override
    public void append(List<Response> responses) {
        if (responses.isEmpty()) return;
        calls.write("write " + responses.size() + " responses", c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Response r : responses) {
                    insert.setString(1, r.incident().value());
                    insert.setLong(2, r.sequence());
                    insert.setString(3, r.organisation().value());
                    insert.setString(4, r.priority().name());
                    insert.setString(5, r.zones().stream().map(ZoneId::value).collect(Collectors.joining(",")));
                    insert.setLong(6, PositionTrack.epochNanos(r.received()));
                    insert.setLong(7, PositionTrack.epochNanos(r.stopped()));
                    insert.setLong(8, r.targetsSuspended() ? 1 : 0);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Response> listStoppedSince(Instant from, long upToSequence) {
        return calls.read("read the responses since " + from, c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT)) {
                select.setLong(1, nanos(from));
                select.setLong(2, upToSequence);
                select.setFetchSize(JdbcEventStore.FETCH_SIZE);
                List<Response> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) out.add(response(rows));
                }
                return List.copyOf(out);
            }
        });
    }

    /**
     * {@inheritDoc} In steps of {@link JdbcPositionTrack#PRUNE_STEP} of stopped time, each its own short
     * transaction, so that forgetting the backlog of a store written before responses were forgotten never
     * holds the writer's lock for long.
     */
    @Override
    public long forgetStoppedBefore(Instant before) {
        long cutoff = nanos(before);
        long step = JdbcPositionTrack.PRUNE_STEP.toNanos();
        long removed = 0;
        while (true) {
            Optional<Long> oldest = calls.read("find the oldest response", c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT MIN(stopped_nanos) FROM responses");
                        ResultSet rows = select.executeQuery()) {
                    rows.next();
                    long min = rows.getLong(1);
                    return rows.wasNull() ? Optional.<Long>empty() : Optional.of(min);
                }
            });
            if (oldest.isEmpty() || oldest.get() >= cutoff) return removed;
            long upTo = oldest.get() > cutoff - step ? cutoff : oldest.get() + step;
            removed += calls.write("forget the responses stopped before " + before, c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM responses WHERE stopped_nanos < ?")) {
                    delete.setLong(1, upTo);
                    return (long) delete.executeUpdate();
                }
            });
        }
    }

    private static Response response(ResultSet rows) throws SQLException {
        String zones = rows.getString(5);
        return new Response(
                rows.getLong(2),
                IncidentId.of(rows.getString(1)),
                OrganisationId.of(rows.getString(3)),
                Priority.valueOf(rows.getString(4)),
                zones.isEmpty()
                        ? List.of()
                        : Arrays.stream(zones.split(",")).map(ZoneId::of).toList(),
                PositionTrack.ofEpochNanos(rows.getLong(6)),
                PositionTrack.ofEpochNanos(rows.getLong(7)),
                rows.getLong(8) != 0);
    }

    /** Epoch nanoseconds, an instant beyond what a long holds taken as the end it lies towards. */
    private static long nanos(Instant at) {
        try {
            return PositionTrack.epochNanos(at);
        } catch (ArithmeticException e) {
            return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
