package org.muster.domain;

/** The command was well formed but the state has moved on (a unit already dispatched, an illegal transition). */
public final class ConflictException extends MusterException {
    public ConflictException(String message) {
        super(message);
    }
}
