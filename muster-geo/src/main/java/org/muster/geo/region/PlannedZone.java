package org.muster.geo.region;

import org.muster.domain.organisation.Agency;
import org.muster.geo.zone.ZoneShape;

/** A generated zone and the kind of service whose zone it is. */
record PlannedZone(ZoneShape shape, Agency agency) {}
