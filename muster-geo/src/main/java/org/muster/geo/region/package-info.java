/**
 * The synthetic region generator: a made-up but plausible piece of England, deterministic from a seed, for
 * the demo and for tests and benchmarks that cannot rely on real data.
 *
 * <p>{@link org.muster.geo.region.RegionGenerator#generate} writes an OpenStreetMap XML file of towns,
 * villages, A and B roads and a motorway (importable by GraphHopper like a real extract), the
 * organisations' zones as GeoJSON, stations and hospitals, units and their crews as CSV, and a JSON
 * manifest. {@link org.muster.geo.region.RegionFiles} reads the CSVs back into plain records. All
 * randomness comes from one {@link java.util.random.RandomGenerator} seeded from the spec, split per
 * concern, so the same spec gives byte-identical files on any machine.
 */
package org.muster.geo.region;
