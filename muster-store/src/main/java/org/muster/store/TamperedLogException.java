package org.muster.store;

import java.util.List;

/**
 * The log was changed behind Muster's back: an edited or deleted event, an edited snapshot, or events
 * removed from the end. Muster does not start on such a log, because every state it would serve and every
 * command it would add would rest on a history it cannot vouch for. Not transient: retrying cannot help; an
 * operator restores the database from a backup, or removes an edited snapshot row (the log is the truth).
 */
public final class TamperedLogException extends IllegalStateException {
    private final List<AuditFinding> findings;

    public TamperedLogException(List<AuditFinding> findings) {
        super("the event log has been tampered with: "
                + String.join(
                        "; ", findings.stream().map(AuditFinding::toString).toList())
                + ". Run `muster audit verify` for the full report.");
        this.findings = List.copyOf(findings);
    }

    /** What was found, the first broken link first. */
    public List<AuditFinding> findings() {
        return findings;
    }
}
