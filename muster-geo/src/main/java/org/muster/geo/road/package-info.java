/**
 * Road travel times over OpenStreetMap, through GraphHopper.
 *
 * <p>{@link org.muster.geo.road.RoadNetwork#load} imports an {@code .osm.pbf} or {@code .osm} file once
 * and caches the prepared graph on disk, keyed by the file's SHA-256 and the speed configuration, so a
 * restart only loads it. Two {@linkplain org.muster.geo.road.RoadProfile profiles}: an ordinary car,
 * and an emergency vehicle whose per-road-class speed factors are {@linkplain
 * org.muster.geo.road.EmergencySpeeds configuration}.
 *
 * <p>The dispatcher's question, "who can get there first?", is answered by {@link
 * org.muster.geo.road.RoadNetwork#listFastestArrivals}: one reverse Dijkstra from the destination over
 * the road graph (against the direction of travel, so one-way streets count), stopping once the k
 * fastest accepted origins are settled or a travel-time limit is passed. Origins are snapped once into
 * an {@link org.muster.geo.road.OriginIndex}, not per query. {@link
 * org.muster.geo.road.RoadNetwork#findRoute} asks GraphHopper for one point-to-point route; it is the
 * test oracle and the benchmark's baseline.
 *
 * <p>The engine asks its questions through {@link org.muster.geo.road.TravelTimes}, which {@code
 * RoadNetwork} serves; only whoever wires a service names {@code RoadNetwork} (to load it). Everything
 * GraphHopper-specific that callers need not see lives in {@code internal}.
 */
package org.muster.geo.road;
