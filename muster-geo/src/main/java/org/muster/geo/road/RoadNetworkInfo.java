package org.muster.geo.road;

import java.nio.file.Path;

/**
 * Where a loaded road network came from.
 *
 * @param osmFile the OpenStreetMap file it was imported from
 * @param osmSha256 hex SHA-256 of that file, the first half of the cache key
 * @param graphDir the cache directory holding the prepared graph
 * @param importedNow true when this load imported the file; false when the graph came from the cache
 * @param junctionCount nodes of the road graph (junctions and dead ends)
 * @param edgeCount road edges between them
 */
public record RoadNetworkInfo(
        Path osmFile, String osmSha256, Path graphDir, boolean importedNow, int junctionCount, int edgeCount) {}
