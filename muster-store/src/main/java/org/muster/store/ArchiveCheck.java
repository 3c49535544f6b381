package org.muster.store;

import java.util.List;

/**
 * What {@link Archives#verify} found: the findings, the first broken link first, and each file as read.
 *
 * @param findings empty when every archive is intact, in order, and (with a store) the one it records
 * @param files the files as read, in the order given; a file that could not be read is left out
 */
public record ArchiveCheck(List<AuditFinding> findings, List<ArchiveFileInfo> files) {
    public ArchiveCheck {
        findings = List.copyOf(findings);
        files = List.copyOf(files);
    }

    /** Whether any finding shows a change. */
    public boolean tampered() {
        return findings.stream().anyMatch(AuditFinding::tampering);
    }
}
