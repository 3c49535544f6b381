package org.muster.engine.coverage;

import java.util.List;
import java.util.Optional;
import org.muster.domain.GeoPoint;
import org.muster.domain.organisation.ZoneId;

/**
 * One demand cell: an H3 hexagon, its demand, and the point that stands for it.
 *
 * @param h3Index the cell's H3 index
 * @param centre the cell's centre
 * @param demand its weight in the coverage figures
 * @param onRoad where units must reach: the centre placed on the nearest road (or, with no road near the
 *     centre, a point nearer the cell's edge); empty when no road lies near enough, and then the cell is
 *     never covered
 * @param zones the zones its centre lies in
 */
public record DemandCell(long h3Index, GeoPoint centre, double demand, Optional<GeoPoint> onRoad, List<ZoneId> zones) {
    public DemandCell {
        zones = List.copyOf(zones);
    }

    /** The H3 address, as maps and other tools write it. */
    public String address() {
        return Long.toHexString(h3Index);
    }
}
