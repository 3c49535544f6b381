package org.muster.store;

/**
 * The head of the hash chain: the last event's sequence and hash. Kept out of the database's reach (a
 * {@link Checkpoint} file), it shows whether events were later removed from the end of the log, which
 * leaves a shorter chain that is otherwise intact.
 *
 * @param sequence the last event's sequence, 0 for an empty log
 * @param hash the chain's hash after that event, empty for an empty log
 */
public record ChainHead(long sequence, String hash) {
    public ChainHead {
        if (sequence < 0) throw new IllegalArgumentException("sequence must be 0 or more: " + sequence);
        if (hash == null) throw new IllegalArgumentException("hash is required");
        if (sequence == 0 != hash.isEmpty()) {
            throw new IllegalArgumentException("only an empty log has an empty hash: " + sequence + " '" + hash + "'");
        }
    }
}
