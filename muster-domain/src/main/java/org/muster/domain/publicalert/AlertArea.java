package org.muster.domain.publicalert;

import java.util.List;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.ZoneId;

/**
 * Where a public alert applies: some of the organisation's zones, a drawn area, or both.
 *
 * @param description the area in words, as people know it ("Ladywood, west of the ring road")
 * @param zones the organisation's zones it covers; none (or left out) when the drawing alone says where
 * @param polygon a drawn area: a closed ring of 4 to {@value #MAX_POINTS} points, the first repeated last;
 *     none (or left out) when the zones alone say where
 */
public record AlertArea(String description, SortedSet<ZoneId> zones, List<GeoPoint> polygon) {
    public static final int MAX_POINTS = 1_000;

    public AlertArea {
        // field names are relative to the area, as the reader of a request or a command prefixes its path
        description = Check.text("description", description);
        zones = Sorted.setOf(zones == null ? java.util.Set.<ZoneId>of() : zones);
        polygon = polygon == null ? List.of() : List.copyOf(polygon);
        if (zones.isEmpty() && polygon.isEmpty())
            throw InvalidInputException.of("zones", "none, and no polygon", "must name zones or draw a polygon");
        if (!polygon.isEmpty()
                && (polygon.size() < 4
                        || polygon.size() > MAX_POINTS
                        || !polygon.getFirst().equals(polygon.getLast())))
            throw InvalidInputException.of(
                    "polygon",
                    polygon.size() + " points",
                    "must be a closed ring of 4 to " + MAX_POINTS + " points, the first repeated last");
    }
}
