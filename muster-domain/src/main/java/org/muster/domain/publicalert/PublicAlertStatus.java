package org.muster.domain.publicalert;

/** Whether a public alert stands: issued (and perhaps updated), or cancelled by its organisation. */
public enum PublicAlertStatus {
    ACTIVE,
    CANCELLED
}
