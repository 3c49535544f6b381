package org.muster.store;

import java.nio.file.Path;

/**
 * An archive file as {@link Archives#verify} read it: the header it carries and the SHA-256 of its bytes.
 *
 * @param file where it was read from
 * @param firstSequence its first event
 * @param lastSequence its last event
 * @param firstPrevHash the hash its first event chains on from (the previous archive's last hash; empty for
 *     the log's first event)
 * @param lastHash the chain's hash after its last event
 * @param fileSha256 SHA-256 of the file, hex
 */
public record ArchiveFileInfo(
        Path file, long firstSequence, long lastSequence, String firstPrevHash, String lastHash, String fileSha256) {}
