package org.muster.domain.command;

import org.muster.domain.Check;

/** Identifies a submitted command; submitting the same id twice is answered from the log, not applied twice. */
public record CommandId(String value) implements Comparable<CommandId> {
    public CommandId {
        Check.code("commandId", value);
    }

    public static CommandId of(String value) {
        return new CommandId(value);
    }

    @Override
    public int compareTo(CommandId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
