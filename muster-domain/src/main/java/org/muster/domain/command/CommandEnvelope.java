package org.muster.domain.command;

import org.muster.domain.Check;

/**
 * A command as submitted: its id (for idempotent retries), who sent it and why. The reason may be empty
 * for routine commands; those that need one (a level change) say so.
 */
public record CommandEnvelope(CommandId id, Actor actor, String reason, Command command) {
    public CommandEnvelope {
        Check.present("commandId", id);
        Check.present("actor", actor);
        reason = Check.present("reason", reason).strip();
        if (reason.length() > 1000)
            throw org.muster.domain.InvalidInputException.of(
                    "reason", reason.substring(0, 40) + "...", "must be at most 1000 characters");
        Check.present("command", command);
    }
}
