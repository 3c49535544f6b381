package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.muster.domain.incident.ClosedIncidents;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;

/**
 * The read model of closed incidents as a table beside the event log ({@code closed_incidents}, migration
 * V4): each incident as the store's JSON, with its organisation and finishing time as indexed columns. The
 * same SQL on SQLite and PostgreSQL. A save replaces the row, so saving again after a crash is harmless.
 *
 * <p>The JSON is stored compressed (migration V6): {@code payload_z} is its zlib deflate with the preset
 * dictionary {@link Zlib#CLOSED_INCIDENTS}, about a fifth of the text, since the read model keeps every
 * incident a year brings. A row saved before holds the plain
 * text in {@code payload} and is read as it is; saving it again compresses it.
 */
final class JdbcClosedIncidents implements ClosedIncidents {
    private static final String UPSERT =
            "INSERT INTO closed_incidents (id, organisation, status, finished_ms, payload, payload_z)"
                    + " VALUES (?, ?, ?, ?, NULL, ?) ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation,"
                    + " status = excluded.status, finished_ms = excluded.finished_ms, payload = NULL,"
                    + " payload_z = excluded.payload_z";

    /** The columns {@link #json} reads, in its order. */
    static final String PAYLOAD = "payload, payload_z";

    private final StoreCalls calls;

    JdbcClosedIncidents(StoreCalls calls) {
        this.calls = calls;
    }

    @Override
    public void save(Incident incident) {
        saveAll(List.of(incident));
    }

    /** {@inheritDoc} One transaction, one batch of upserts. */
    @Override
    public void saveAll(List<Incident> incidents) {
        if (incidents.isEmpty()) return;
        // compressed before the transaction, which on SQLite holds the writer's lock
        Encoded encoded = encode(incidents);
        String what = incidents.size() == 1
                ? "save closed incident " + incidents.getFirst().id()
                : "save " + incidents.size() + " closed incidents";
        run(what, true, c -> {
            upsert(c, encoded);
            return null;
        });
    }

    /** Finished incidents made ready to save, their JSON compressed: work to do before a transaction. */
    record Encoded(List<Incident> incidents, List<byte[]> json) {}

    /** @throws IllegalArgumentException when an incident is still open */
    static Encoded encode(List<Incident> incidents) {
        incidents.forEach(ClosedIncidents::checkFinished);
        return new Encoded(
                List.copyOf(incidents),
                incidents.stream()
                        .map(i -> Zlib.deflate(JsonCodec.write(i), Zlib.CLOSED_INCIDENTS))
                        .toList());
    }

    /**
     * Records encoded ahead of their append, by the engine's decider (see
     * {@link org.muster.domain.log.EventLog#prepare(List, List)}), as {@link PreparedRows} does for events:
     * kept for the very incident objects they were made from, and used only for those; anything else is
     * encoded at the append.
     */
    static final class Prepared {
        /** Past this many, the oldest hints (of batches refused and decided again) are dropped together. */
        private static final int MOST = 10_000;

        private final Map<Incident, byte[]> byIncident = new IdentityHashMap<>();

        synchronized void prepare(List<Incident> incidents) {
            if (byIncident.size() + incidents.size() > MOST) byIncident.clear();
            for (Incident i : incidents) {
                ClosedIncidents.checkFinished(i);
                byIncident.put(i, Zlib.deflate(JsonCodec.write(i), Zlib.CLOSED_INCIDENTS));
            }
        }

        /** As {@link JdbcClosedIncidents#encode}, taking what was prepared for these very incidents. */
        Encoded encode(List<Incident> incidents) {
            incidents.forEach(ClosedIncidents::checkFinished);
            List<byte[]> json = new ArrayList<>(incidents.size());
            for (Incident i : incidents) {
                byte[] ready;
                synchronized (this) {
                    ready = byIncident.remove(i);
                }
                json.add(ready != null ? ready : Zlib.deflate(JsonCodec.write(i), Zlib.CLOSED_INCIDENTS));
            }
            return new Encoded(List.copyOf(incidents), List.copyOf(json));
        }
    }

    /** Saves (or replaces) the incidents in the caller's transaction. */
    static void upsert(Connection c, Encoded encoded) throws SQLException {
        if (encoded.incidents().isEmpty()) return;
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            for (int i = 0; i < encoded.incidents().size(); i++) {
                Incident incident = encoded.incidents().get(i);
                upsert.setString(1, incident.id().value());
                upsert.setString(2, incident.organisation().value());
                upsert.setString(3, incident.status().name());
                upsert.setLong(4, ClosedIncidents.finishedAt(incident).toEpochMilli());
                upsert.setBytes(5, encoded.json().get(i));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    @Override
    public Optional<Incident> findIncident(IncidentId id) {
        return run("read closed incident " + id, false, c -> {
            try (PreparedStatement query =
                    c.prepareStatement("SELECT " + PAYLOAD + " FROM closed_incidents WHERE id = ?")) {
                query.setString(1, id.value());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(incident(rows)) : Optional.empty();
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>The window is applied to the millisecond: an incident finishing within the millisecond of {@code to}
     * is left out, one finishing within that of {@code from} kept.
     */
    @Override
    public List<Incident> listClosed(Collection<OrganisationId> organisations, Instant from, Instant to, int limit) {
        ClosedIncidents.checkQuery(from, to, limit);
        Set<String> orgs = new TreeSet<>();
        organisations.forEach(o -> orgs.add(o.value()));
        if (orgs.isEmpty()) return List.of();
        String sql = "SELECT " + PAYLOAD + " FROM closed_incidents WHERE organisation IN ("
                + String.join(", ", java.util.Collections.nCopies(orgs.size(), "?"))
                + ") AND finished_ms >= ? AND finished_ms < ? ORDER BY finished_ms DESC, id LIMIT ?";
        return run("list closed incidents", false, c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                int k = 1;
                for (String o : orgs) query.setString(k++, o);
                query.setLong(k++, millis(from));
                query.setLong(k++, millis(to));
                query.setInt(k, limit);
                List<Incident> out = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) out.add(incident(rows));
                }
                return out;
            }
        });
    }

    private static Incident incident(ResultSet rows) throws SQLException {
        return JsonCodec.read(json(rows, 1), Incident.class);
    }

    /**
     * The JSON text of a row read with {@code payload, payload_z} at {@code column} and the one after: the
     * plain text when an older Muster saved it, else the compressed one's. For any reader of the table.
     */
    static String json(ResultSet rows, int column) throws SQLException {
        String plain = rows.getString(column);
        return plain != null ? plain : Zlib.inflate(rows.getBytes(column + 1), Zlib.CLOSED_INCIDENTS);
    }

    /** Epoch milliseconds, an instant beyond what a long holds taken as the end it lies towards. */
    private static long millis(Instant at) {
        try {
            return at.toEpochMilli();
        } catch (ArithmeticException e) {
            return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private <T> T run(String what, boolean write, SqlWork<T> work) {
        return write ? calls.write(what, work) : calls.read(what, work);
    }
}
