/**
 * Measurements of the road search against the routing-service baseline, as a library: the command line
 * ({@code muster bench dispatch}) wires settings in and prints the result.
 */
package org.muster.geo.road.bench;
