/**
 * The discrete-event simulator: a {@link org.muster.sim.des.Scenario} run by {@link
 * org.muster.sim.des.ScenarioRun} on simulated time over the live service's engine, with the demo's demand,
 * crews and control room, and its files ({@link org.muster.sim.des.RunFiles}: {@code summary.json}, {@code
 * incidents.csv}). See {@code docs/simulator.md}.
 */
package org.muster.sim.des;
