package org.muster.geo.region;

import java.util.List;

/**
 * An OpenStreetMap way to write: its node ids in order and its tags in order.
 *
 * @param tags key, value, key, value, ...
 */
record WayPlan(long[] refs, List<String> tags) {
    WayPlan {
        if (refs.length < 2) throw new IllegalArgumentException("a way needs two nodes");
        if (tags.size() % 2 != 0) throw new IllegalArgumentException("tags come in pairs");
        tags = List.copyOf(tags);
    }

    static WayPlan of(long[] refs, String... tags) {
        return new WayPlan(refs, List.of(tags));
    }

    String tag(String key) {
        for (int i = 0; i < tags.size(); i += 2) if (tags.get(i).equals(key)) return tags.get(i + 1);
        return "";
    }
}
