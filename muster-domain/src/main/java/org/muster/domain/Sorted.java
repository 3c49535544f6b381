package org.muster.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Immutable sorted copies. Entities and events hold sets in a fixed order so that their serialised form,
 * and so the audit hash over it, does not depend on hashing order.
 */
public final class Sorted {
    private Sorted() {}

    public static <T extends Comparable<? super T>> SortedSet<T> setOf(Collection<T> values) {
        if (values instanceof SortedSet<T> s && isUnmodifiable(s)) return s;
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public static <T extends Comparable<? super T>> SortedSet<T> empty() {
        return Collections.emptySortedSet();
    }

    private static boolean isUnmodifiable(SortedSet<?> set) {
        String name = set.getClass().getName();
        return name.startsWith("java.util.Collections$Unmodifiable") || name.startsWith("java.util.Collections$Empty");
    }
}
