package org.muster.sim.crew;

import java.util.List;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.geo.road.RoadProfile;
import org.muster.geo.road.TabledTravelTimes;

/**
 * Drives in a straight line, taking the time the table gives between the two points' cells: no road is
 * searched and no route's shape drawn, so a position on the way is an approximation (a straight line) while
 * the arrival comes when the control room's recommendation, reading the same table, expected it.
 */
public final class TabledJourneys implements JourneyPlanner {
    private final TabledTravelTimes table;

    public TabledJourneys(TabledTravelTimes table) {
        this.table = Check.present("table", table);
    }

    @Override
    public Journey plan(GeoPoint from, GeoPoint to) {
        long millis = table.findTabledRoute(RoadProfile.EMERGENCY, from, to).travelTimeMillis();
        if (millis == 0) return Journey.stay(to);
        return new Journey(List.of(new Journey.Waypoint(0, from), new Journey.Waypoint(millis, to)));
    }
}
