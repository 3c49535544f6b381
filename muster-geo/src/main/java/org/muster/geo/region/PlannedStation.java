package org.muster.geo.region;

import org.muster.domain.organisation.Station;

/** A station and the grid junction it stands at. */
record PlannedStation(Station station, Town town, int i, int j) {}
