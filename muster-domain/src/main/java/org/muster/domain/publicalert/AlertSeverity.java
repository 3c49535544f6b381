package org.muster.domain.publicalert;

/** How much harm the public alert warns of, in CAP's words. */
public enum AlertSeverity {
    /** Extraordinary threat to life or property. */
    EXTREME,
    /** Significant threat to life or property. */
    SEVERE,
    /** Possible threat to life or property. */
    MODERATE,
    /** Minimal to no known threat. */
    MINOR
}
