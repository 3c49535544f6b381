package org.muster.engine.state;

import java.util.Optional;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;

/** Which units a query wants; an empty field matches any. Zones are matched by the caller's locator. */
public record UnitFilter(Optional<OrganisationId> organisation, Optional<UnitStatus> status, Optional<UnitType> type) {
    public static final UnitFilter ALL = new UnitFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public UnitFilter withOrganisation(OrganisationId o) {
        return new UnitFilter(Optional.of(o), status, type);
    }

    public UnitFilter withStatus(UnitStatus s) {
        return new UnitFilter(organisation, Optional.of(s), type);
    }

    public UnitFilter withType(UnitType t) {
        return new UnitFilter(organisation, status, Optional.of(t));
    }

    public boolean matches(Unit u) {
        return organisation.map(u.organisation()::equals).orElse(true)
                && status.map(s -> u.status() == s).orElse(true)
                && type.map(t -> u.type() == t).orElse(true);
    }
}
