/**
 * Muster's simulator: live demand ({@code demand}), simulated crews ({@code crew}), a simulated control room
 * ({@code control}) and the scheduler and clock that make them run against a real engine ({@code live}).
 *
 * <p>Everything here drives the engine through {@link org.muster.engine.Engine#submit} with the same
 * commands a call taker, a dispatcher or a crew's terminal would send, under actors named {@code sim:*}.
 * Nothing reads the wall clock or makes its own randomness: time comes from {@link
 * org.muster.sim.live.LiveSimulation#step} (or a clock handed in), randomness from a seed. The numbers the
 * models use, and where they come from, are in {@code docs/simulation.md}.
 */
package org.muster.sim;
