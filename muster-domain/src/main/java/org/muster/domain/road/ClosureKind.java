package org.muster.domain.road;

/** What a closure's points draw. */
public enum ClosureKind {
    /**
     * A road: one point (the stretch of road nearest it, junction to junction) or a line along the roads
     * (every stretch it follows).
     */
    ROAD,
    /** An area to avoid, its points the corners of a polygon: every road inside it or crossing its edge. */
    AREA
}
