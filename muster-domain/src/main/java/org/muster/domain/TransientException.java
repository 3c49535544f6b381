package org.muster.domain;

/** A failure that may pass if the same command is tried again (storage unreachable, writer shutting down). */
public final class TransientException extends MusterException {
    public TransientException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientException(String message) {
        super(message);
    }
}
