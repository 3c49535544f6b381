package org.muster.domain.access;

import java.util.Optional;
import org.muster.domain.incident.Incident;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;

/**
 * Which unit is committed to which call, as the rules of sight ({@link Viewer}) need it: a unit is seen by
 * the organisation whose call it works while it works it. The engine's state is one; {@link #NONE} knows of
 * no commitments (a unit then is seen only by its home and its host).
 */
public interface Commitments {
    /** Knows no unit and no commitment. */
    Commitments NONE = new Commitments() {
        @Override
        public Optional<Unit> findUnit(UnitId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Incident> findIncidentOf(UnitId unit) {
            return Optional.empty();
        }
    };

    Optional<Unit> findUnit(UnitId id);

    /** The incident the unit is committed to now (as primary, support or escort), if any. */
    Optional<Incident> findIncidentOf(UnitId unit);
}
