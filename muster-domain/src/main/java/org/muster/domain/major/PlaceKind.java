package org.muster.domain.major;

/** What a place marked on a major incident's board is for. */
public enum PlaceKind {
    /** Where arriving resources report before they are sent forward. */
    RENDEZVOUS_POINT,
    /** Around the scene itself: only those working in it, with protective equipment, go in. */
    INNER_CORDON,
    /** Around the area that supports the scene: the public is kept out. */
    OUTER_CORDON,
    /** Where vehicles are turned away. */
    TRAFFIC_CORDON
}
