package org.muster.domain.command;

import org.muster.domain.Check;

/** Who issued a command: a user, an integration, the simulator, or Muster itself ({@link #SYSTEM}). */
public record Actor(String id) {
    public static final Actor SYSTEM = new Actor("system");

    public Actor {
        Check.code("actor", id);
    }

    public static Actor of(String id) {
        return new Actor(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
