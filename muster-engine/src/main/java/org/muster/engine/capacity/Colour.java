package org.muster.engine.capacity;

/** How a zone stands against its safe minimums, best to worst. */
public enum Colour {
    GREEN,
    AMBER,
    RED,
    /** Not one unit available: the dispatch screen's "no units available". */
    NONE;

    public Colour worse(Colour other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
