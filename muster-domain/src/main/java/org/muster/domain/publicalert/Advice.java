package org.muster.domain.publicalert;

/** What a public alert tells people to do. */
public enum Advice {
    /** Stay indoors: shut doors and windows. */
    STAY_INDOORS,
    /** Avoid the area: keep away, let the emergency services through. */
    AVOID_THE_AREA,
    /** Leave the area by the route given. */
    EVACUATE,
    /** Nothing to do now: keep listening for updates. */
    MONITOR,
    /** The danger is over. */
    ALL_CLEAR
}
