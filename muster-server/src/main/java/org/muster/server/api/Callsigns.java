package org.muster.server.api;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.engine.state.MusterState;

/**
 * The callsigns of units named in something the user may see (an escort on their call, a unit offered to
 * their request), so that a board shows MW-RC16 rather than an id; the unit itself stays out of view.
 */
final class Callsigns {
    private Callsigns() {}

    static SortedMap<UnitId, Callsign> of(MusterState state, Stream<UnitId> units) {
        SortedMap<UnitId, Callsign> out = new TreeMap<>();
        units.forEach(u -> state.findUnit(u).ifPresent(unit -> out.put(u, unit.callsign())));
        return out;
    }
}
