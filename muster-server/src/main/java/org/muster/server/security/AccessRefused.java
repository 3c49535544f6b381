package org.muster.server.security;

/** The user is known but may not do this (403); never thrown for something the user may not see (404). */
public final class AccessRefused extends RuntimeException {
    public AccessRefused(String message) {
        super(message);
    }
}
