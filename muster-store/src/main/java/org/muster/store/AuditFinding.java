package org.muster.store;

/**
 * One thing {@link EventStore#audit} found wrong with the log, in words an operator can act on.
 *
 * @param kind what is wrong
 * @param sequence the event or snapshot it concerns: for a gap, the first missing sequence
 * @param detail a sentence naming the link, the snapshot or the checkpoint and what was expected
 */
public record AuditFinding(Kind kind, long sequence, String detail) {

    public enum Kind {
        /** An event's stored hash or link is not the one recomputed from its contents: it was edited. */
        EVENT_CHANGED(true),
        /** Sequences are missing in the middle of the log: events were deleted. */
        EVENTS_MISSING(true),
        /** The log ends before the checkpoint's head: events were removed from the end. */
        TRUNCATED(true),
        /** The log's hash at the checkpoint's sequence is not the checkpoint's: the log was rewritten. */
        CHECKPOINT_MISMATCH(true),
        /** A snapshot's digest or last hash does not match its content or the log: it was edited. */
        SNAPSHOT_CHANGED(true),
        /** A snapshot saved before snapshots had a digest: it is not loaded, so it cannot mislead replay. */
        SNAPSHOT_UNSEALED(false),
        /**
         * An archive file is not the one the archives table records (its SHA-256, its events or its last hash
         * differ), an archive is missing, or a file is not a readable archive.
         */
        ARCHIVE_MISMATCH(true);

        private final boolean tampering;

        Kind(boolean tampering) {
            this.tampering = tampering;
        }

        /** Whether this shows the log was changed; otherwise it is a warning. */
        public boolean tampering() {
            return tampering;
        }
    }

    /** Whether this finding shows the log was changed (as opposed to a warning). */
    public boolean tampering() {
        return kind.tampering();
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}
