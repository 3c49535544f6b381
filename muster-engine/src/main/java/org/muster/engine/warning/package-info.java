/**
 * Early warning: surges, hotspots and the backlog forecast, each a pure, deterministic algorithm fed with
 * observations and returning alerts or forecasts with their evidence.
 *
 * <ul>
 *   <li>{@link org.muster.engine.warning.SurgeDetector}: counts of an incident type in a zone or
 *       organisation against their own lagged baseline (EARS-style baseline and guard band, an exact
 *       conditional Poisson test or a negative binomial tail, minimum count and ratio).
 *   <li>{@link org.muster.engine.warning.HotspotDetector}: space–time clusters of hostile or obstructed
 *       incidents over H3 cells (Kulldorff's prospective space–time permutation scan, Monte Carlo
 *       significance from a seeded generator).
 *   <li>{@link org.muster.engine.warning.BacklogForecaster}: expected wait by M/M/c (Erlang C) and the time
 *       until the wait target is breached by a fluid model of the queue.
 *   <li>{@link org.muster.engine.warning.WarningProjection}: the engine's events fed to the detectors, and
 *       the current alerts.
 * </ul>
 *
 * <p>Nothing here reads the clock or makes its own randomness: time comes with the observations, and
 * Monte Carlo draws from a generator seeded by the caller. The methods, their defaults and their measured
 * detection delays and false-alarm rates are in {@code docs/early-warning.md}.
 */
package org.muster.engine.warning;
