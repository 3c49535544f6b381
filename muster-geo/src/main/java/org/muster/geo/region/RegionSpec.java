package org.muster.geo.region;

import org.muster.domain.Check;
import org.muster.domain.GeoPoint;

/**
 * What region to generate.
 *
 * <p>At scale 1 the region is about 40 by 30 km with a city, four towns and a dozen villages, about 3,600
 * road junctions, and 150 units: the demo. Scale multiplies the junctions: the region's sides grow with
 * scale<sup>0.4</sup>, the number of settlements with scale<sup>0.8</sup> and each settlement's width with
 * scale<sup>0.1</sup>, so a large region is more and bigger towns rather than one endless city. Scale 300
 * or so gives a million junctions (use {@link RegionGenerator#specForJunctions} to aim at a count).
 *
 * @param seed fixes every random choice: the same spec gives byte-identical files
 * @param scale 0.05 to 10,000
 * @param unitCount units to generate; by default 150 × scale<sup>0.75</sup>, a little slower than the
 *     number of settlements, as a big region is a bigger share of rural country
 * @param centre the region's centre; the default lies in the East Midlands
 */
public record RegionSpec(long seed, double scale, int unitCount, GeoPoint centre) {
    public static final GeoPoint DEFAULT_CENTRE = GeoPoint.of(52.6, -1.2);
    public static final double BASE_WIDTH_METERS = 40_000;
    public static final double BASE_HEIGHT_METERS = 30_000;
    public static final int BASE_UNITS = 150;

    public RegionSpec {
        Check.range("scale", scale, 0.05, 10_000);
        Check.range("unitCount", unitCount, 20, 1_000_000);
        Check.present("centre", centre);
        Check.range("centre.lat", centre.lat(), -75, 75);
    }

    /** The demo region for this seed. */
    public static RegionSpec defaults(long seed) {
        return new RegionSpec(seed, 1, BASE_UNITS, DEFAULT_CENTRE);
    }

    /** This spec at another scale, with the unit count that goes with it. */
    public RegionSpec withScale(double newScale) {
        Check.range("scale", newScale, 0.05, 10_000);
        return new RegionSpec(seed, newScale, defaultUnits(newScale), centre);
    }

    public RegionSpec withUnitCount(int units) {
        return new RegionSpec(seed, scale, units, centre);
    }

    public RegionSpec withSeed(long newSeed) {
        return new RegionSpec(newSeed, scale, unitCount, centre);
    }

    public RegionSpec withCentre(GeoPoint newCentre) {
        return new RegionSpec(seed, scale, unitCount, newCentre);
    }

    public double widthMeters() {
        return BASE_WIDTH_METERS * StrictMath.pow(scale, 0.4);
    }

    public double heightMeters() {
        return BASE_HEIGHT_METERS * StrictMath.pow(scale, 0.4);
    }

    static int defaultUnits(double scale) {
        return (int) Math.max(20, Math.round(BASE_UNITS * StrictMath.pow(scale, 0.75)));
    }
}
