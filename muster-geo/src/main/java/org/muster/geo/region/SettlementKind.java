package org.muster.geo.region;

/** How big a settlement is, which decides its street grid, its roads and the services based there. */
public enum SettlementKind {
    CITY,
    TOWN,
    VILLAGE
}
