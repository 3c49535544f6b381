package org.muster.geo.zone;

import org.muster.domain.organisation.ZoneId;

/**
 * A feature whose geometry was invalid and has been repaired on load, so that whoever loaded the file can
 * tell its author.
 *
 * @param featureIndex the feature's position in the file's {@code features} array, from 0
 * @param problem what was wrong, such as {@code Self-intersection at (-1.2, 50.9)}
 */
public record ZoneRepair(int featureIndex, ZoneId zone, String problem) {
    @Override
    public String toString() {
        return "features[" + featureIndex + "] (" + zone + "): " + problem;
    }
}
