/**
 * Zone geometry: organisations' areas and sub-areas read from GeoJSON, repaired when their rings are
 * invalid, and indexed to answer which zone holds a point, which zones border a zone, and which zone is
 * nearest to a point that falls in a gap between zones.
 *
 * <p>Geometries are JTS types in WGS84 longitude/latitude (x = longitude, y = latitude) and never leave
 * the geo module: the rest of Muster sees {@link org.muster.domain.organisation.ZoneId}s and
 * {@link org.muster.domain.organisation.Zone}s.
 */
package org.muster.geo.zone;
