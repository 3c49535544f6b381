/**
 * The machinery behind {@code org.muster.geo.road}: the on-disk graph cache, OSM file checks, import
 * progress, the primitive reverse graph and the one-to-many search over it. Not for use outside {@code
 * muster-geo}; nothing here depends on the public road package, so the dependency runs one way.
 */
package org.muster.geo.road.internal;
