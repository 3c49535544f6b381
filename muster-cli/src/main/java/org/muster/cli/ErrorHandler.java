package org.muster.cli;

import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.MusterException;
import org.muster.domain.NotFoundException;
import org.muster.store.TamperedLogException;
import picocli.CommandLine;

/**
 * Turns Muster's typed errors into one clear line and an exit code; anything else is a bug and keeps its
 * stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int INVALID = 2;
    static final int NOT_FOUND = 3;
    static final int CONFLICT = 4;
    static final int TRANSIENT = 5;
    /** As {@code audit verify} answers a changed log. */
    static final int TAMPERED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof MusterException m) {
            cmd.getErr().println("muster: " + m.getMessage());
            return switch (m) {
                case InvalidInputException ignored -> INVALID;
                case NotFoundException ignored -> NOT_FOUND;
                case ConflictException ignored -> CONFLICT;
                default -> TRANSIENT;
            };
        }
        // not a bug but the log changed behind Muster's back: the message names what, and no trace helps
        if (e instanceof TamperedLogException tampered) {
            cmd.getErr().println("muster: " + tampered.getMessage());
            return TAMPERED;
        }
        throw new IllegalStateException(e);
    }
}
