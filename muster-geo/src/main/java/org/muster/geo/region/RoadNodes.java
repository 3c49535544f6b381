package org.muster.geo.region;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The nodes of roads between towns (their grids' nodes are computed): positions in metres, ids in order. */
final class RoadNodes {
    private final long firstId;
    private double[] xs = new double[1024];
    private double[] ys = new double[1024];
    private int size;
    private final Map<Long, String> junctionRefs = new TreeMap<>();

    RoadNodes(long firstId) {
        this.firstId = firstId;
    }

    long add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        return firstId + size++;
    }

    /** Marks a node as a numbered motorway junction (the point where the exit slip road leaves). */
    void markJunction(long id, String ref) {
        junctionRefs.put(id, ref);
    }

    int size() {
        return size;
    }

    long firstId() {
        return firstId;
    }

    double x(int index) {
        return xs[index];
    }

    double y(int index) {
        return ys[index];
    }

    Optional<String> junctionRef(long id) {
        return Optional.ofNullable(junctionRefs.get(id));
    }
}
