package org.muster.store;

/**
 * What one {@code muster archive} moved out of the live store.
 *
 * @param archive the row recorded for the file
 * @param events the events moved (those of {@code archive})
 * @param closedIncidents the closed incidents moved
 * @param snapshots the snapshots moved (those older than the one the live log now starts from)
 * @param fileBytes the file's size
 */
public record ArchiveSummary(
        ArchiveRecord archive, long events, long closedIncidents, long snapshots, long fileBytes) {}
