package org.muster.cli.demo;

import org.muster.domain.Check;
import org.muster.sim.des.Scenario;

/**
 * A scenario the demo rehearses live ({@code ./muster rehearse FILE}): the demo starts at its start on its
 * region, its shocks arrive at their times and its surges raise the demo's calls, scaled, while people answer
 * them on the dashboard.
 *
 * @param file the scenario file, as named on the command line
 * @param regionSeed the generated region it runs on
 * @param scenario the scenario as read: its start, shocks, standing policies, aid (not played live), scale, seed
 */
public record DemoScenario(String file, long regionSeed, Scenario scenario) {
    public DemoScenario {
        Check.text("file", file);
        Check.present("scenario", scenario);
    }
}
