package org.muster.domain;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Immutable sorted copies. Entities and events hold sets in a fixed order so that their serialised form,
 * and so the audit hash over it, does not depend on hashing order.
 */
public final class Sorted {
    private Sorted() {}

    public static <T extends Comparable<? super T>> SortedSet<T> setOf(Collection<T> values) {
        // A set made here is already an immutable copy nobody else can change: no need to copy it again.
        if (values instanceof Frozen<T> frozen) return frozen;
        return new Frozen<>(new TreeSet<>(values));
    }

    public static <T extends Comparable<? super T>> SortedSet<T> empty() {
        return new Frozen<>(new TreeSet<>());
    }

    /** A read-only view of a tree set that only this class holds. */
    private static final class Frozen<T> extends AbstractSet<T> implements SortedSet<T> {
        private final SortedSet<T> set;

        Frozen(SortedSet<T> set) {
            this.set = Collections.unmodifiableSortedSet(set);
        }

        @Override
        public Iterator<T> iterator() {
            return set.iterator();
        }

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public boolean contains(Object o) {
            return set.contains(o);
        }

        @Override
        public Comparator<? super T> comparator() {
            return set.comparator();
        }

        @Override
        public SortedSet<T> subSet(T fromElement, T toElement) {
            return set.subSet(fromElement, toElement);
        }

        @Override
        public SortedSet<T> headSet(T toElement) {
            return set.headSet(toElement);
        }

        @Override
        public SortedSet<T> tailSet(T fromElement) {
            return set.tailSet(fromElement);
        }

        @Override
        public T first() {
            return set.first();
        }

        @Override
        public T last() {
            return set.last();
        }
    }
}
