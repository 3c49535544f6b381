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
 * @param polygon a drawn area: a closed ring of 4 to {@value #MAX_POINTS} points, the first repeated last;
 *     empty when the zones alone say where
 */
public record AlertArea(String description, SortedSet<ZoneId> zones, List<GeoPoint> polygon) {
    public static final int MAX_POINTS = 1_000;

    public AlertArea {
        description = Check.text("area.description", description);
        zones = Sorted.setOf(Check.present("area.zones", zones));
        polygon = List.copyOf(Check.present("area.polygon", polygon));
        if (zones.isEmpty() && polygon.isEmpty())
            throw InvalidInputException.of("area", "no zones, no polygon", "must name zones or draw a polygon");
        if (!polygon.isEmpty()
                && (polygon.size() < 4
                        || polygon.size() > MAX_POINTS
                        || !polygon.getFirst().equals(polygon.getLast())))
            throw InvalidInputException.of(
                    "area.polygon",
                    polygon.size() + " points",
                    "must be a closed ring of 4 to " + MAX_POINTS + " points, the first repeated last");
    }
}
