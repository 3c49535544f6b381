package org.muster.domain.alert;

public enum AlertStatus {
    OPEN,
    ACCEPTED,
    DISMISSED
}
