package org.muster.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Which of several nodes sharing one PostgreSQL database is the writer: the holder of an unexpired lease, a
 * row in the database with an epoch that moves on at every takeover. Taking the lease and appending take the
 * same lock, and an append fenced with {@link EventStore#fenceAppends} checks the epoch in its own
 * transaction, so once another node has taken the lease nothing the old writer sends is kept, and everything
 * it was told was kept is in the log the new writer reads. Expiry is judged by the database's clock.
 *
 * <p>All methods throw {@link org.muster.domain.TransientException} when the database cannot be reached.
 */
public interface WriterLease {

    /**
     * Takes the lease for {@code length} when nobody holds it or its holder let it expire, moving the epoch
     * on; empty when another node holds it.
     *
     * @param node this node's name, for the others' messages
     * @param url where this node takes commands, for the others to send clients to
     * @return the new epoch, to fence this node's appends with
     */
    Optional<Long> tryAcquire(String node, String url, Duration length);

    /**
     * Extends the lease held at {@code epoch} by {@code length} from now.
     *
     * @return false when the lease was lost: another node took it, so this one must stop writing
     */
    boolean renew(long epoch, Duration length);

    /** Lets the lease held at {@code epoch} expire now, so a standby need not wait for it; false if lost. */
    boolean release(long epoch);

    /** The lease as it stands; empty before any node took it. */
    Optional<Holder> findHolder();

    /**
     * @param epoch the lease's epoch: one more at every takeover
     * @param node the holder's name
     * @param url where the holder takes commands
     * @param expired whether the holder let it run out (the database's clock), so another may take it
     */
    record Holder(long epoch, String node, String url, boolean expired) {}
}
