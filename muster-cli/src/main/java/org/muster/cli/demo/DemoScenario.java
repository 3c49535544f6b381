package org.muster.cli.demo;

import java.time.Duration;
import java.time.Instant;
import org.muster.domain.Check;
import org.muster.sim.des.ShockPlan;

/**
 * A scenario the demo rehearses live ({@code ./muster rehearse FILE}): the demo starts at its start on its
 * region, its shocks arrive at their times and its surges raise the demo's calls, scaled, while people answer
 * them on the dashboard.
 *
 * @param file the scenario file, as named on the command line
 * @param name the scenario's name
 * @param regionSeed the generated region it runs on
 * @param start when its simulated time begins
 * @param duration how long its shocks span
 * @param demandScale a multiple of the demo's calls
 * @param plan its shocks, standing policies and (not played live) aid policies
 * @param seed chooses the calls and who a withdrawal takes
 */
public record DemoScenario(
        String file,
        String name,
        long regionSeed,
        Instant start,
        Duration duration,
        double demandScale,
        ShockPlan plan,
        long seed) {
    public DemoScenario {
        Check.text("file", file);
        Check.text("name", name);
        Check.present("start", start);
        Check.present("duration", duration);
        Check.present("plan", plan);
    }
}
