package org.muster.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.incident.ReceivedIncidents;
import org.muster.domain.log.PositionTrack;

/**
 * The incidents handed over from other control rooms, in the store's database ({@code received_incidents},
 * migration V9; found by the sender's reference through V16's index), one row per incident; saving one again
 * replaces it. The same SQL on SQLite and PostgreSQL.
 */
final class JdbcReceivedIncidents implements ReceivedIncidents {
    private static final String UPSERT = "INSERT INTO received_incidents (incident, standard, sender, sender_incident,"
            + " document, received_nanos) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident) DO UPDATE SET"
            + " standard = excluded.standard, sender = excluded.sender, sender_incident = excluded.sender_incident,"
            + " document = excluded.document, received_nanos = excluded.received_nanos";
    private static final String SELECT = "SELECT incident, standard, sender, sender_incident, document, received_nanos"
            + " FROM received_incidents WHERE incident = ?";
    /** By the sender's reference (migration V16's index). */
    private static final String BY_SENDER =
            "SELECT incident, standard, sender, sender_incident, document, received_nanos FROM received_incidents"
                    + " WHERE sender_incident = ? AND sender = ? AND standard = ? ORDER BY received_nanos, incident";

    private final StoreCalls calls;

    JdbcReceivedIncidents(StoreCalls calls) {
        this.calls = calls;
    }

    @Override
    public void save(ReceivedIncident r) {
        calls.write("keep the document " + r.incident() + " came in", c -> {
            try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
                upsert.setString(1, r.incident().value());
                upsert.setString(2, r.standard());
                upsert.setString(3, r.sender());
                upsert.setString(4, r.senderIncident());
                upsert.setString(5, r.document());
                upsert.setLong(6, PositionTrack.epochNanos(r.receivedAt()));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ReceivedIncident> findReceived(IncidentId incident) {
        return calls.read("read the document " + incident + " came in", c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT)) {
                select.setString(1, incident.value());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) return Optional.<ReceivedIncident>empty();
                    return Optional.of(received(rows));
                }
            }
        });
    }

    @Override
    public List<ReceivedIncident> findBySender(String standard, String sender, String senderIncident) {
        return calls.read("find the incidents made from " + sender + "'s " + senderIncident, c -> {
            try (PreparedStatement select = c.prepareStatement(BY_SENDER)) {
                select.setString(1, senderIncident);
                select.setString(2, sender);
                select.setString(3, standard);
                List<ReceivedIncident> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) out.add(received(rows));
                }
                return out;
            }
        });
    }

    private static ReceivedIncident received(ResultSet rows) throws SQLException {
        return new ReceivedIncident(
                IncidentId.of(rows.getString(1)),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                PositionTrack.ofEpochNanos(rows.getLong(6)));
    }
}
