/**
 * Coverage: the share of demand that available units can reach by road within their category's target,
 * by at least one unit and by at least two, per organisation, standard, unit type and zone.
 *
 * <p>Demand lives in {@link org.muster.engine.coverage.DemandCells}: H3 cells (resolution 8 by default)
 * weighted by recent incidents, a road-density proxy or the caller's function, each placed on the road
 * at its centre. {@link org.muster.engine.coverage.CoverageTracker} keeps the figures current from the
 * engine's events: per unit the cells it reaches (one forward road search, {@code TravelTimes.reach},
 * when it has moved), per cell the number of counted units reaching it, so a status change only adds or
 * takes away one unit's cells. It previews a change ("if these units leave") without touching the live
 * figures. {@link org.muster.engine.coverage.CoverageReference} computes the same figures from nothing:
 * the reference for tests and the baseline for the benchmark.
 *
 * <p>Targets are {@linkplain org.muster.engine.coverage.CoverageConfig configuration}, defaulting to the
 * reference numbers of DESIGN.md; an organisation's own response target, and a zone's own within the zone, stand in
 * for them as the response figures choose them ({@code ResponseTargets.findOwnTarget}). A zone judged by a time of
 * its own keeps its own counts of its cells within that time, so its figure is that time's while its
 * organisation's area keeps the organisation's.
 */
package org.muster.engine.coverage;
