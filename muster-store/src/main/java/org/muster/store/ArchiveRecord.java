package org.muster.store;

import java.time.Instant;

/**
 * One archive as the store records it ({@code archives} table): the events it moved out of the live log,
 * the chain's hash after its last event (where the next archive or the live log goes on from), and the
 * file they went to with its SHA-256, so a file swapped or edited later is told from the one written.
 *
 * @param firstSequence the first event in the file
 * @param lastSequence the last event in the file
 * @param lastHash the chain's hash after {@code lastSequence}
 * @param fileName the file's name (not its folder: archives are moved to cold storage)
 * @param fileSha256 SHA-256 of the whole file, hex
 * @param archivedAt when the archive was made
 */
public record ArchiveRecord(
        long firstSequence,
        long lastSequence,
        String lastHash,
        String fileName,
        String fileSha256,
        Instant archivedAt) {
    public ArchiveRecord {
        if (firstSequence < 1) throw new IllegalArgumentException("firstSequence must be 1 or more: " + firstSequence);
        if (lastSequence < firstSequence) {
            throw new IllegalArgumentException(
                    "lastSequence " + lastSequence + " is before firstSequence " + firstSequence);
        }
        if (lastHash == null || lastHash.isEmpty()) throw new IllegalArgumentException("lastHash is required");
        if (fileName == null || fileName.isBlank()) throw new IllegalArgumentException("fileName is required");
        if (fileSha256 == null || fileSha256.isBlank()) throw new IllegalArgumentException("fileSha256 is required");
        if (archivedAt == null) throw new IllegalArgumentException("archivedAt is required");
    }

    /** How many events the file holds. */
    public long events() {
        return lastSequence - firstSequence + 1;
    }
}
