package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.muster.domain.TransientException;
import org.muster.store.WriterLease;

/**
 * The writer lease as one row of {@code writer_lease} (migration V12). Taking it holds the append lock, so
 * it falls between two appends: every append committed before it is in the log a new writer reads, and
 * every append after it sees the new epoch ({@link #checkEpoch}).
 */
final class JdbcWriterLease implements WriterLease {
    private static final String SELECT =
            "SELECT epoch, holder, url, expires_at <= clock_timestamp()" + " FROM writer_lease WHERE id = 1";

    private final StoreCalls calls;
    private final Dialect dialect;

    JdbcWriterLease(StoreCalls calls, Dialect dialect) {
        this.calls = calls;
        this.dialect = dialect;
    }

    @Override
    public Optional<Long> tryAcquire(String node, String url, Duration length) {
        return calls.write("take the writer lease", c -> {
            dialect.lockForAppend(c);
            Optional<Holder> current = read(c);
            if (current.isPresent() && !current.get().expired()) return Optional.<Long>empty();
            long epoch = current.map(h -> h.epoch() + 1).orElse(1L);
            try (PreparedStatement take =
                    c.prepareStatement("INSERT INTO writer_lease (id, epoch, holder, url, expires_at)"
                            + " VALUES (1, ?, ?, ?, clock_timestamp() + ? * interval '1 millisecond')"
                            + " ON CONFLICT (id) DO UPDATE SET epoch = excluded.epoch, holder = excluded.holder,"
                            + " url = excluded.url, expires_at = excluded.expires_at")) {
                take.setLong(1, epoch);
                take.setString(2, node);
                take.setString(3, url);
                take.setLong(4, length.toMillis());
                take.executeUpdate();
            }
            return Optional.of(epoch);
        });
    }

    @Override
    public boolean renew(long epoch, Duration length) {
        return calls.write("renew the writer lease", c -> {
            try (PreparedStatement renew = c.prepareStatement(
                    "UPDATE writer_lease"
                            + " SET expires_at = clock_timestamp() + ? * interval '1 millisecond' WHERE id = 1 AND epoch = ?")) {
                renew.setLong(1, length.toMillis());
                renew.setLong(2, epoch);
                return renew.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(long epoch) {
        return calls.write("release the writer lease", c -> {
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE writer_lease SET expires_at = clock_timestamp() WHERE id = 1 AND epoch = ?")) {
                release.setLong(1, epoch);
                return release.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Holder> findHolder() {
        return calls.read("read the writer lease", JdbcWriterLease::read);
    }

    /**
     * Refuses an append of a node whose epoch is no longer the lease's. Called under the append lock, which a
     * takeover also holds, so the answer stands until the append commits.
     *
     * @throws TransientException naming the node now holding the lease and its URL
     */
    static void checkEpoch(Connection c, long epoch) throws SQLException {
        Optional<Holder> current = read(c);
        if (current.isPresent() && current.get().epoch() == epoch) return;
        String now = current.map(h -> "epoch " + h.epoch() + ", held by " + h.node() + " at " + h.url())
                .orElse("no lease at all");
        throw TransientException.notTheWriter(
                "this node's writer epoch " + epoch + " is no longer current (" + now
                        + "): another node took over as the writer, so nothing was appended",
                current.map(Holder::url).orElse(""));
    }

    private static Optional<Holder> read(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SELECT);
                ResultSet rows = query.executeQuery()) {
            return rows.next()
                    ? Optional.of(new Holder(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4)))
                    : Optional.empty();
        }
    }
}
