package org.muster.domain;

/**
 * Root of Muster's own unchecked exceptions. Each subtype maps to one kind of answer: invalid
 * input (400), not found (404), conflict (409), forbidden (403), transient (retry).
 */
public abstract sealed class MusterException extends RuntimeException
        permits InvalidInputException, NotFoundException, ConflictException, TransientException {
    protected MusterException(String message) {
        super(message);
    }

    protected MusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
