package org.muster.geo.road.internal;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative int keys to int values, without boxing: the search looks a
 * node up in it for every node it settles.
 */
final class IntIntMap {
    static final int ABSENT = -1;

    private final int[] keys;
    private final int[] values;
    private final int mask;
    private final int shift;
    private int size;

    /** A map that holds up to {@code expected} keys without growing (it never grows). */
    IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        Arrays.fill(keys, ABSENT);
    }

    int get(int key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) return values[i];
            if (k == ABSENT) return ABSENT;
        }
    }

    /** Stores {@code value} under a key not yet present, or replaces it. */
    void put(int key, int value) {
        if (key < 0) throw new IllegalArgumentException("keys must not be negative: " + key);
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == ABSENT) {
                if (size + 1 > keys.length / 2) throw new IllegalStateException("map is full");
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** The keys, each at the index of its value, for a map whose values are 0 .. size-1 (slots). */
    int[] keysBySlot() {
        int[] out = new int[size];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != ABSENT) out[values[i]] = keys[i];
        }
        return out;
    }

    private int slot(int key) {
        // Fibonacci hashing spreads the dense node ids of one street over the table.
        return (key * 0x9E3779B9) >>> shift;
    }
}
