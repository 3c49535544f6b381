/**
 * Projecting the next hours from the live state ({@link org.muster.sim.project.Projector}): forks of the
 * state run on simulated time with the region's demand at the current trend, the same crews, control room
 * and engine as the simulator's, reporting when each zone is likely to breach its targets.
 */
package org.muster.sim.project;
