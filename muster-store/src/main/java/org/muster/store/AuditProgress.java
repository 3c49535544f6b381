package org.muster.store;

/**
 * Told, now and then while an audit runs, how far it has got. Called from the audit's worker threads, so an
 * implementation must be thread-safe and quick.
 */
@FunctionalInterface
public interface AuditProgress {
    /** Nobody is listening. */
    AuditProgress NONE = (checked, total) -> {};

    /**
     * @param checked the events checked so far
     * @param total the events the audit will check in all
     */
    void checked(long checked, long total);
}
