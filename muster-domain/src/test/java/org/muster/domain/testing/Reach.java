package org.muster.domain.testing;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Walks a transition table breadth first, so a test can ask what a state leads to at all. */
public final class Reach {
    private Reach() {}

    /** Every state reachable from {@code start} in zero or more moves, {@code start} included. */
    public static <S extends Enum<S>> Set<S> from(S start, Function<S, Set<S>> next) {
        EnumSet<S> seen = EnumSet.of(start);
        var frontier = new ArrayDeque<S>(List.of(start));
        while (!frontier.isEmpty()) {
            for (S s : next.apply(frontier.poll())) {
                if (seen.add(s)) frontier.add(s);
            }
        }
        return seen;
    }
}
