package org.muster.domain.organisation;

/** How a zone is being worked, from ordinary business to closed pending tactical clearance. */
public enum OperatingLevel {
    NORMAL,
    ELEVATED,
    /** A hostile perimeter: ambulance and fire enter only with a police escort. */
    ESCORT_REQUIRED,
    /** Targets suspended; calls served from neighbouring zones and counted as rerouted. */
    DOWNGRADED,
    /** Units wait at a rendezvous point until tactical clearance. */
    CLOSED
}
