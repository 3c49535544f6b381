package org.muster.domain.road;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;

/**
 * A road closed, or an area to avoid (a hostile perimeter, a flood, a crash), by a supervisor of {@code
 * organisation}: from the next recommendation on, road travel times avoid it, for every organisation's
 * vehicles, until it is reopened.
 *
 * @param points for {@link ClosureKind#ROAD} a point or a line; for {@link ClosureKind#AREA} the polygon's
 *     corners, without repeating the first at the end
 * @param reviewAt when someone should look at it again; Muster does not reopen it by itself
 */
public record RoadClosure(
        RoadClosureId id,
        OrganisationId organisation,
        ClosureKind kind,
        List<GeoPoint> points,
        String reason,
        Instant closedAt,
        Instant reviewAt) {
    /** The most points a line along the roads may have. */
    public static final int MAX_LINE_POINTS = 200;
    /** The most corners an area may have. */
    public static final int MAX_AREA_CORNERS = 500;

    public RoadClosure {
        Check.present("id", id);
        Check.present("organisation", organisation);
        points = shape(kind, points);
        reason = Check.text("reason", reason);
        Check.present("closedAt", closedAt);
        Check.present("reviewAt", reviewAt);
        // that it lies ahead when closed is the engine's rule (it knows the time); here only the order
        if (reviewAt.isBefore(closedAt))
            throw InvalidInputException.of("reviewAt", reviewAt, "must not be before the closure (" + closedAt + ")");
    }

    /**
     * The points a closure of {@code kind} may be drawn with, checked: an area's closing point (equal to its
     * first) dropped, so that an area drawn either way is stored one way.
     *
     * @throws InvalidInputException naming {@code points} when there are too few or too many
     */
    public static List<GeoPoint> shape(ClosureKind kind, List<GeoPoint> points) {
        Check.present("kind", kind);
        if (points != null && points.stream().anyMatch(java.util.Objects::isNull))
            throw InvalidInputException.of("points", points, "must not hold null");
        List<GeoPoint> list = new ArrayList<>(Check.nonEmpty("points", points));
        return switch (kind) {
            case ROAD -> {
                if (list.size() > MAX_LINE_POINTS)
                    throw InvalidInputException.of(
                            "points", list.size() + " points", "a road is at most " + MAX_LINE_POINTS + " points");
                yield List.copyOf(list);
            }
            case AREA -> {
                if (list.size() > 1 && list.getFirst().equals(list.getLast())) list.removeLast();
                if (list.stream().distinct().count() < 3)
                    throw InvalidInputException.of("points", list, "an area needs at least 3 different corners");
                if (list.size() > MAX_AREA_CORNERS)
                    throw InvalidInputException.of(
                            "points", list.size() + " corners", "an area has at most " + MAX_AREA_CORNERS + " corners");
                yield List.copyOf(list);
            }
        };
    }
}
