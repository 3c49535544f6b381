/**
 * The discrete-event simulator: a {@link org.muster.sim.des.Scenario} run by {@link
 * org.muster.sim.des.ScenarioRun} on simulated time over the live service's engine, with the demo's demand,
 * crews and control room, and its files ({@link org.muster.sim.des.RunFiles}: {@code summary.json}, {@code
 * incidents.csv}). A scenario's {@link org.muster.sim.des.ShockPlan} (its shocks, mutual aid policies and
 * standing policies) reaches the engine through the engine's own commands, as a control room would send them
 * ({@code ShockDriver}, {@code AidDriver}); what they made the engine do is counted from its events
 * ({@link org.muster.sim.des.OrganisationOperations}). See {@code docs/simulator.md}.
 */
package org.muster.sim.des;
